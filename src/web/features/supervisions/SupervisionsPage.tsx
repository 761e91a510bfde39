import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Modal, Tag, Typography, type TableProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { FOLLOW_UP_STATE_LABELS, type FollowUpState, type Supervision } from '../../../shared/contracts/evaluations';
import { REPORT_RULES } from '../../../shared/rules/reports';
import { ListCard, ListPage, useListState } from '../../components/ListPage';
import { RuleTag } from '../../components/RuleTag';
import { isApiError } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { usePermission } from '../../lib/permissions';
import { m } from '../../i18n';
import { countyFilter } from '../regions/RegionSelects';
import { StationSelect, useCountyScope } from '../reports/fields';
import { SupervisionDrawer } from './SupervisionDrawer';
import { useCompleteFollowUp, useSupervisions, type SupervisionListQuery } from './supervisions.api';

const t = m.reports.supervisions;
const c = m.reports.common;
const KEYS = ['countyCode', 'stationId', 'from', 'to', 'open'] as const;
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
  const list = useListState(KEYS);
  const { url, setFilter, page, pageSize } = list;
  const { isCity, county } = useCountyScope();
  const canWrite = usePermission('supervision:write');
  const [creating, setCreating] = useState(false);
  const [completing, setCompleting] = useState<Supervision | null>(null);

  const from = isDay(url.from);
  const to = isDay(url.to);
  const open = url.open === 'yes';
  const countyCode = isCity ? url.countyCode : undefined;
  const query: SupervisionListQuery = useMemo(
    () => ({ countyCode, stationId: url.stationId, from, to, open: open ? 'true' : undefined, page, pageSize }),
    [countyCode, url.stationId, from, to, open, page, pageSize],
  );
  const result = useSupervisions(query);
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
      <ListPage<Supervision>
        title={t.title}
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t.create}
            </Button>
          ) : null
        }
        header={
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
            {REPORT_RULES['R-SUPERVISE'].title} <RuleTag rule={REPORT_RULES['R-SUPERVISE']} />
          </Typography.Text>
        }
        list={list}
        filters={[
          isCity && { ...countyFilter(c.county), clears: ['stationId'] },
          {
            type: 'node',
            key: 'stationId',
            span: { xs: isCity ? 12 : 24, md: 6 },
            node: (
              <StationSelect aria-label={t.station} placeholder={t.station} allowClear countyCode={countyCode ?? county} value={url.stationId} onChange={(v) => setFilter({ stationId: v })} />
            ),
          },
          {
            type: 'node',
            key: 'range',
            span: { xs: 24, md: 8 },
            node: (
              <DatePicker.RangePicker
                aria-label={t.dateRange}
                style={{ width: '100%' }}
                inputReadOnly
                value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
                allowEmpty={[true, true]}
                onChange={(v) => setFilter({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
              />
            ),
          },
          { type: 'check', key: 'open', label: t.onlyOpen, on: 'yes', span: { xs: 24, md: 4 } },
        ]}
        result={result}
        columns={columns}
        scrollX={1100}
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
        empty={t.empty}
        cardsTestId="supervision-cards"
        card={(s) => (
          <ListCard danger={s.followUpState === 'overdue'} title={s.topic} tag={<FollowUpTag s={s} />} meta={`${s.date} · ${s.stationName} · ${s.supervisor}`}>
            {s.findings ? (
              <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (o) => (o ? '收起' : '展开') }}>
                {t.findings}：{s.findings}
              </Typography.Paragraph>
            ) : null}
            {s.followUp ? (
              <div style={{ marginTop: 4 }}>
                {t.followUp}：{s.followUp}
                {s.followUpDue ? (
                  <Typography.Text type={s.followUpState === 'overdue' ? 'danger' : 'secondary'}>（{s.followUpDue}）</Typography.Text>
                ) : null}
              </div>
            ) : null}
            {canComplete(s) ? <div style={{ marginTop: 8 }}>{completeButton(s)}</div> : null}
          </ListCard>
        )}
      />
      {creating ? <SupervisionDrawer countyCode={isCity ? undefined : county} onClose={() => setCreating(false)} /> : null}
      {completing ? <CompleteModal s={completing} onClose={() => setCompleting(null)} /> : null}
    </>
  );
}
