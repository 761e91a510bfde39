import { LockOutlined } from '@ant-design/icons';
import { Card, Empty, Tag, Timeline, Typography } from 'antd';
import { REPORT_TIMELINESS } from '../../../shared/contracts/reports';
import { REPORT_KIND_LABELS, REPORT_STATUS_LABELS, type ReportKind, type ReportStatus } from '../../../shared/rules/reports';
import { formatDateTime } from '../../lib/format';
import { m } from '../../i18n';

const t = m.reports.reports;
export type Timeliness = (typeof REPORT_TIMELINESS)[number];

const STATUS_COLORS: Record<ReportStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  accepted: 'success',
  returned: 'warning',
};

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="report-status" style={{ marginInlineEnd: 0 }}>
      {REPORT_STATUS_LABELS[status]}
    </Tag>
  );
}

export function ReportKindTag({ kind }: { kind: ReportKind }) {
  return (
    <Tag color={kind === 'district_annual' ? 'purple' : 'blue'} style={{ marginInlineEnd: 0 }}>
      {REPORT_KIND_LABELS[kind]}
    </Tag>
  );
}

/** Late (submitted after the due day) and overdue (still not submitted) are red wherever they show. */
export const isLate = (v: Timeliness) => v === 'late' || v === 'overdue';

const TIMELINESS_COLORS: Record<Timeliness, string> = { on_time: 'success', late: 'error', pending: 'default', overdue: 'error' };

export function TimelinessTag({ timeliness }: { timeliness: Timeliness }) {
  return (
    <Tag color={TIMELINESS_COLORS[timeliness]} data-testid="report-timeliness" data-late={isLate(timeliness) ? 'yes' : 'no'} style={{ marginInlineEnd: 0 }}>
      {t.timelinessLabels[timeliness]}
    </Tag>
  );
}

export function FrozenTag() {
  return (
    <Tag icon={<LockOutlined aria-hidden />} color="geekblue" data-testid="report-frozen" style={{ marginInlineEnd: 0 }}>
      {t.frozen}
    </Tag>
  );
}

export { ruleOf } from '../../components/rule-of';

interface WorkflowEvent {
  at: string;
  by: string;
  event: string;
  comment: string;
}

/** 办理记录: who did what when (the server words the event), newest first, with the comment. */
export function HistoryTimeline({ events, title = m.reports.common.history }: { events: WorkflowEvent[]; title?: string }) {
  const sorted = [...events].sort((a, b) => (a.at < b.at ? 1 : -1));
  return (
    <Card size="small" title={title} data-testid="report-history">
      {sorted.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.reports.common.noHistory} />
      ) : (
        <Timeline
          items={sorted.map((e, i) => ({
            key: `${e.at}-${i}`,
            color: e.event === '退回' ? 'orange' : e.event === '接收' ? 'green' : 'blue',
            content: (
              <div data-testid="history-event">
                <Typography.Text strong data-testid="history-event-name">
                  {e.event}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {formatDateTime(e.at)} · {e.by}
                </Typography.Text>
                {e.comment ? <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{e.comment}</div> : null}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
