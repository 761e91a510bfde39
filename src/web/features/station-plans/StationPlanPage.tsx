import { UploadOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Descriptions, Flex, Progress, Table, Typography, Upload, type TableProps } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { ProgressRow, StationPlanDetail } from '../../../shared/contracts/station-plans';
import {
  MEASURE_INFO,
  measureLabel,
  PERIOD_LABELS,
  STATION_PLAN_DECISION_LABELS,
  STATION_PLAN_DECISIONS,
  STATION_PLAN_FILE_KINDS,
  STATION_PLAN_FILE_LABELS,
  STATION_PLAN_MEASURES,
  STATION_PLAN_STATUS_LABELS,
} from '../../../shared/rules/station-plans';
import { DetailTable } from '../../components/DetailTable';
import { PageHeader } from '../../components/PageHeader';
import { pageData } from '../../components/PageStates';
import { Finding } from '../../components/RuleTag';
import { StatusModal } from '../../components/StatusModal';
import { formatDateTime } from '../../lib/format';
import { useReportError } from '../../lib/errors';
import { usePermission } from '../../lib/permissions';
import { m } from '../../i18n';
import { StationPlanDrawer } from './StationPlanDrawer';
import { StatusTag } from './StationPlansPage';
import { fileUrl, useReviewPlan, useStationPlan, useSubmitPlan, useUploadPlanFile } from './stationPlans.api';

const t = m.stationPlans;

/** Each month's actual against the month's share of the target: a bar, red when a closed month is under half. */
function ProgressTable({ plan }: { plan: StationPlanDetail }) {
  const months = plan.progress[0]?.months.map((x) => x.month) ?? [];
  const columns: TableProps<ProgressRow>['columns'] = [
    { title: t.measure, key: 'measure', fixed: 'left', width: 150, render: (_: unknown, r) => MEASURE_INFO[r.measure].label },
    { title: t.perMonth, key: 'monthly', width: 80, render: (_: unknown, r) => r.monthlyTarget },
    ...months.map((month, i) => ({
      title: t.month(month),
      key: month,
      width: 90,
      render: (_: unknown, r: ProgressRow) => {
        const cell = r.months[i];
        if (!cell) return null;
        const percent = r.monthlyTarget > 0 ? Math.min(100, Math.round((cell.actual / r.monthlyTarget) * 100)) : 100;
        return (
          <div data-testid={`progress-${r.measure}-${month}`} data-below={cell.below ? 'yes' : 'no'}>
            <Typography.Text type={cell.below ? 'danger' : undefined}>{cell.actual}</Typography.Text>
            <Progress percent={percent} size="small" showInfo={false} status={cell.below ? 'exception' : cell.closed ? 'success' : 'active'} />
          </div>
        );
      },
    })),
    { title: t.total, dataIndex: 'total', key: 'total', width: 70 },
  ];
  return <Table<ProgressRow> rowKey="measure" size="small" columns={columns} dataSource={plan.progress} pagination={false} scroll={{ x: 320 + months.length * 90 }} data-testid="plan-progress" />;
}

function Files({ plan, canUpload }: { plan: StationPlanDetail; canUpload: boolean }) {
  const upload = useUploadPlanFile(plan.id);
  const report = useReportError();
  const { message } = App.useApp();
  return (
    <Flex vertical gap={8}>
      {STATION_PLAN_FILE_KINDS.map((kind) => {
        const label = STATION_PLAN_FILE_LABELS[kind];
        const have = plan.files.filter((f) => f.kind === kind);
        return (
          <Flex key={kind} gap={12} align="center" wrap>
            <Typography.Text strong style={{ minWidth: 100 }}>{label}</Typography.Text>
            {have.length === 0 ? <Typography.Text type="secondary">—</Typography.Text> : null}
            {have.map((f) => (
              <a key={f.id} href={fileUrl(plan.id, f.id)} data-testid={`file-${kind}`}>{f.name}</a>
            ))}
            {canUpload ? (
              <Upload
                showUploadList={false}
                beforeUpload={(file) => {
                  upload.mutate({ kind, file }, { onSuccess: () => void message.success(t.uploaded), onError: (e) => report(e) });
                  return false;
                }}
              >
                <Button size="small" icon={<UploadOutlined aria-hidden />} loading={upload.isPending} data-testid={`upload-${kind}`}>{t.upload(label)}</Button>
              </Upload>
            ) : null}
          </Flex>
        );
      })}
    </Flex>
  );
}

export default function StationPlanPage() {
  const { id = '' } = useParams();
  const q = useStationPlan(id);
  const { data: plan, view, refetch } = pageData(q, t.notFound);
  const canWrite = usePermission('stationplan:write');
  const canApprove = usePermission('stationplan:approve');
  const submit = useSubmitPlan(id);
  const review = useReviewPlan(id);
  const report = useReportError();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  if (!plan) return view;
  const editable = canWrite && (plan.status === 'draft' || plan.status === 'returned');
  const targets = STATION_PLAN_MEASURES.map((k) => ({ k, target: plan.content.targets[k] }));

  return (
    <>
      <PageHeader
        title={`${plan.stationName} ${plan.year}年服务计划`}
        extra={
          <>
            {editable ? <Button onClick={() => setEditing(true)}>{t.edit}</Button> : null}
            {editable ? (
              <Button type="primary" loading={submit.isPending} disabled={plan.missing.length > 0}
                onClick={() => submit.mutate({ version: plan.version }, { onSuccess: () => void message.success(t.submitted), onError: (e) => report(e) })}>
                {t.submit}
              </Button>
            ) : null}
            {canApprove && plan.status === 'submitted' ? <Button type="primary" onClick={() => setReviewing(true)}>{t.review}</Button> : null}
          </>
        }
      >
        <Flex gap={8} align="center" style={{ marginTop: 8 }}>
          <StatusTag status={plan.status} />
        </Flex>
      </PageHeader>
      <Flex vertical gap={16}>
        {plan.status === 'returned' && plan.lastComment ? <Alert type="warning" showIcon message={`${t.lastComment}：${plan.lastComment}`} /> : null}
        {editable && plan.missing.length > 0 ? <Alert type="info" showIcon message={t.missing(plan.missing.join('、'))} data-testid="plan-missing" /> : null}
        {plan.findingList.length > 0 ? (
          <Card size="small" title={t.findings} data-testid="plan-findings-card">
            <Flex vertical gap={12}>
              {plan.findingList.map((f) => <Finding key={`${f.measure}`} rule={f.rule} message={f.message} clearBy={f.clearBy} />)}
            </Flex>
          </Card>
        ) : null}
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t.county}>{plan.countyShortName}</Descriptions.Item>
            <Descriptions.Item label={t.org}>{plan.orgName}</Descriptions.Item>
            <Descriptions.Item label={t.contract}>{plan.contractTitle}</Descriptions.Item>
            <Descriptions.Item label={t.period}>{`${plan.firstMonth}月—${plan.lastMonth}月`}</Descriptions.Item>
            <Descriptions.Item label={t.items} span={2}>{plan.items.map((i) => i.name).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t.duties} span={2}><span style={{ whiteSpace: 'pre-wrap' }}>{plan.content.duties || '—'}</span></Descriptions.Item>
          </Descriptions>
        </Card>
        <Card size="small" title={t.targets}>
          <DetailTable
            rowKey="k"
            rows={targets}
            testId="plan-targets"
            columns={[
              { title: t.measure, key: 'm', render: (_: unknown, r) => measureLabel(r.k) },
              { title: t.target, key: 't', render: (_: unknown, r) => `${PERIOD_LABELS[MEASURE_INFO[r.k].period]} ${r.target} ${MEASURE_INFO[r.k].unit}` },
            ]}
          />
        </Card>
        <Card size="small" title={t.progress}>
          <Typography.Paragraph type="secondary">{t.progressNote}</Typography.Paragraph>
          <ProgressTable plan={plan} />
        </Card>
        <Card size="small" title={t.files}>
          <Files plan={plan} canUpload={editable} />
        </Card>
        <Card size="small" title={t.submissions}>
          <DetailTable
            rowKey="number"
            rows={plan.submissions}
            columns={[
              { title: '#', key: 'n', width: 80, render: (_: unknown, s) => t.submissionNo(s.number) },
              { title: t.submittedAt, key: 'at', render: (_: unknown, s) => formatDateTime(s.submittedAt) },
              { title: t.submittedBy, dataIndex: 'submittedBy', key: 'by' },
              { title: t.decision, key: 'd', render: (_: unknown, s) => (s.decision ? `${STATION_PLAN_DECISION_LABELS[s.decision]}${s.decisionComment ? `：${s.decisionComment}` : ''}` : '—') },
              { title: t.decidedBy, dataIndex: 'decidedBy', key: 'dby' },
            ]}
          />
        </Card>
        <Card size="small" title={t.history}>
          <Flex vertical gap={4}>
            {plan.history.map((h, i) => (
              <Typography.Text key={i}>
                {formatDateTime(h.at)} {h.by} {h.event}{h.comment ? `：${h.comment}` : ''}
              </Typography.Text>
            ))}
          </Flex>
        </Card>
      </Flex>
      {editing ? <StationPlanDrawer plan={plan} year={plan.year} onClose={() => setEditing(false)} onReload={refetch} /> : null}
      {reviewing ? (
        <StatusModal<'approved' | 'returned' | 'submitted'>
          statuses={['submitted', ...STATION_PLAN_DECISIONS]}
          labels={{ submitted: STATION_PLAN_STATUS_LABELS.submitted, ...STATION_PLAN_DECISION_LABELS }}
          current="submitted"
          texts={{ changeStatusTitle: t.reviewTitle, newStatus: t.decision, newStatusRequired: t.decisionRequired, reason: t.reason, reasonRequired: t.reasonRequired, statusChanged: t.reviewed }}
          reasonMax={2000}
          pending={review.isPending}
          send={(v) => review.mutateAsync({ version: plan.version, decision: v.status === 'approved' ? 'approved' : 'returned', comment: v.reason })}
          onClose={() => setReviewing(false)}
          onConflict={refetch}
        />
      ) : null}
    </>
  );
}
