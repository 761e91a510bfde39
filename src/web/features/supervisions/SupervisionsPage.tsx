import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, DatePicker, Empty, Flex, Form, Modal, Pagination, Row, Table, Tag, Typography, type TableProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { FOLLOW_UP_STATE_LABELS, type FollowUpState, type Supervision } from '../../../shared/contracts/evaluations';
import { REPORT_RULES } from '../../../shared/rules/reports';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { RuleTag } from '../../components/RuleTag';
import { isApiError } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { serverPagination } from '../../lib/paging';
import { usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { CountySelect } from '../regions/RegionSelects';
import { StationSelect, useCountyScope } from '../reports/fields';
import { SupervisionDrawer } from './SupervisionDrawer';
import { useCompleteFollowUp, useSupervisions, type SupervisionListQuery } from './supervisions.api';

const t = m.reports.supervisions;
const c = m.reports.common;
const KEYS = ['countyCode', 'stationId', 'from', 'to', 'open', 'page', 'pageSize'] as const;
const STATE_COLORS: Record<FollowUpState, string> = { none: 'default', open: 'processing', overdue: 'error', done: 'success' };
const isDay = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

function FollowUpTag({ s }: { s: Supervision }) {
  return (
    <Tag color={STATE_COLORS[s.followUpState]} data-testid="follow-up-state" style={{ marginInlineEnd: 0 }}>
      {FOLLOW_UP_STATE_LABELS[s.followUpState]}
      {s.followUpState === 'done' && s.followUpDone ? ` ${s.followUpDone}` : ''}
    </Tag>
  );
}

const Text = ({ v }: { v: string }) => (
  <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{v || t.none}</span>
);

function CompleteModal({ s, onClose }: { s: Supervision; onClose: () => void }) {
  const [form] = Form.useForm<{ doneOn: Dayjs }>();
  const done = useCompleteFollowUp(s.id);
  const report = useReportError();
  const { message } = App.useApp();
  const onFinish = (v: { doneOn: Dayjs }) =>
    done.mutate(
      { version: s.version, doneOn: v.doneOn.format('YYYY-MM-DD') },
      {
        onSuccess: () => {
          message.success(t.completed);
          onClose();
        },
        onError: (e) => {
          if (isApiError(e, 'VERSION_CONFLICT')) {
            message.warning(m.common.versionConflict, 6);
            onClose();
            return;
          }
          report(e, form);
        },
      },
    );
  return (
    <Modal
      open
      title={t.completeTitle}
      okText={t.complete}
      cancelText={m.common.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={done.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {s.stationName} · {s.date} · {s.topic}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
        {t.followUp}：{s.followUp}
        {s.followUpDue ? `（${t.followUpDue} ${s.followUpDue}）` : ''}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ doneOn: dayjs() }} disabled={done.isPending}>
        <Form.Item label={t.followUpDone} name="doneOn" rules={[{ required: true, message: t.doneOnRequired }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(s.date), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function SupervisionsPage() {
  const [url, setUrl] = useUrlState(KEYS);
  const isMobile = useIsMobile();
  const { isCity, county } = useCountyScope();
  const canWrite = usePermission('supervision:write');
  const [creating, setCreating] = useState(false);
  const [completing, setCompleting] = useState<Supervision | null>(null);

  const page = toPage(url.page, 1);
  const pageSize = toPage(url.pageSize, 20);
  const from = isDay(url.from);
  const to = isDay(url.to);
  const open = url.open === 'yes';
  const countyCode = isCity ? url.countyCode : undefined;
  const query: SupervisionListQuery = useMemo(
    () => ({ countyCode, stationId: url.stationId, from, to, open: open ? 'true' : undefined, page, pageSize }),
    [countyCode, url.stationId, from, to, open, page, pageSize],
  );
  const { data, isPending, isFetching, error, refetch } = useSupervisions(query);
  const items = data?.items ?? [];
  const canComplete = (s: Supervision) => canWrite && (s.followUpState === 'open' || s.followUpState === 'overdue');
  const completeButton = (s: Supervision) =>
    canComplete(s) ? (
      <Button size="small" icon={<CheckOutlined aria-hidden />} onClick={() => setCompleting(s)}>
        {t.complete}
      </Button>
    ) : null;

  const columns: TableProps<Supervision>['columns'] = [
    { title: t.date, dataIndex: 'date', key: 'date', width: 110 },
    {
      title: t.station,
      key: 'station',
      width: 240,
      render: (_: unknown, s) => <Link to={`/stations/${s.stationId}`}>{s.stationName}</Link>,
    },
    { title: t.supervisor, dataIndex: 'supervisor', key: 'supervisor', width: 120 },
    { title: t.topic, dataIndex: 'topic', key: 'topic', width: 200 },
    { title: t.followUpDue, dataIndex: 'followUpDue', key: 'due', width: 110, render: (v: string | null, s) => (v ? <Typography.Text type={s.followUpState === 'overdue' ? 'danger' : undefined}>{v}</Typography.Text> : c.none) },
    { title: t.followUpState, key: 'state', width: 150, render: (_: unknown, s) => <FollowUpTag s={s} /> },
    { title: m.common.actions, key: 'actions', width: 120, fixed: 'right', render: (_: unknown, s) => completeButton(s) },
  ];

  return (
    <>
      <PageHeader
        title={t.title}
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t.create}
            </Button>
          ) : null
        }
      >
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
          {REPORT_RULES['R-SUPERVISE'].title} <RuleTag rule={REPORT_RULES['R-SUPERVISE']} />
        </Typography.Text>
      </PageHeader>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} align="middle">
        {isCity ? (
          <Col xs={12} md={4}>
            <CountySelect
              aria-label={c.county}
              placeholder={c.county}
              allowClear
              style={{ width: '100%' }}
              value={url.countyCode}
              onChange={(v) => setUrl({ countyCode: v, stationId: undefined, page: undefined })}
            />
          </Col>
        ) : null}
        <Col xs={isCity ? 12 : 24} md={6}>
          <StationSelect
            aria-label={t.station}
            placeholder={t.station}
            allowClear
            countyCode={countyCode ?? county}
            value={url.stationId}
            onChange={(v) => setUrl({ stationId: v, page: undefined })}
          />
        </Col>
        <Col xs={24} md={8}>
          <DatePicker.RangePicker
            aria-label={t.dateRange}
            style={{ width: '100%' }}
            inputReadOnly
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            allowEmpty={[true, true]}
            onChange={(v) =>
              setUrl({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD'), page: undefined })
            }
          />
        </Col>
        <Col xs={24} md={4}>
          <Checkbox checked={open} onChange={(e) => setUrl({ open: e.target.checked ? 'yes' : undefined, page: undefined })}>
            {t.onlyOpen}
          </Checkbox>
        </Col>
      </Row>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isMobile ? (
        <Flex vertical gap={12} data-testid="supervision-cards">
          {isPending ? <Card size="small" loading /> : null}
          {!isPending && items.length === 0 ? <Empty description={t.empty} /> : null}
          {items.map((s) => (
            <Card key={s.id} size="small" style={s.followUpState === 'overdue' ? { borderColor: '#ff4d4f' } : undefined}>
              <Flex justify="space-between" align="start" gap={8}>
                <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                  {s.topic}
                </Typography.Text>
                <FollowUpTag s={s} />
              </Flex>
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                {s.date} · {s.stationName} · {s.supervisor}
              </Typography.Text>
              {s.findings ? (
                <Typography.Paragraph style={{ margin: '4px 0 0' }} ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (o) => (o ? '收起' : '展开') }}>
                  {t.findings}：{s.findings}
                </Typography.Paragraph>
              ) : null}
              {s.followUp ? (
                <div style={{ marginTop: 4, wordBreak: 'break-word' }}>
                  {t.followUp}：{s.followUp}
                  {s.followUpDue ? (
                    <Typography.Text type={s.followUpState === 'overdue' ? 'danger' : 'secondary'}>（{s.followUpDue}）</Typography.Text>
                  ) : null}
                </div>
              ) : null}
              {canComplete(s) ? <div style={{ marginTop: 8 }}>{completeButton(s)}</div> : null}
            </Card>
          ))}
          <Pagination simple align="center" current={page} pageSize={pageSize} total={data?.total ?? 0} onChange={(p) => setUrl({ page: p })} />
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            {m.common.total(data?.total ?? 0)}
          </Typography.Text>
        </Flex>
      ) : (
        <Table<Supervision>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={isPending || isFetching}
          scroll={{ x: 1100 }}
          expandable={{
            expandedRowRender: (s) => (
              <Flex vertical gap={4} style={{ paddingInlineStart: 8 }}>
                <div>
                  <Typography.Text type="secondary">{t.findings}：</Typography.Text>
                  <Text v={s.findings} />
                </div>
                <div>
                  <Typography.Text type="secondary">{t.followUp}：</Typography.Text>
                  <Text v={s.followUp} />
                </div>
                <Typography.Text type="secondary">
                  {t.recordedBy}：{s.recordedBy || c.none}
                </Typography.Text>
              </Flex>
            ),
          }}
          locale={{ emptyText: <Empty description={t.empty} /> }}
          onChange={(p) => setUrl({ page: p.current, pageSize: p.pageSize })}
          pagination={serverPagination(page, pageSize, data?.total)}
        />
      )}
      {creating ? <SupervisionDrawer countyCode={isCity ? undefined : county} onClose={() => setCreating(false)} /> : null}
      {completing ? <CompleteModal s={completing} onClose={() => setCompleting(null)} /> : null}
    </>
  );
}
