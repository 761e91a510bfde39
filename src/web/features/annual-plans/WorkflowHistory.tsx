import { Card, Empty, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../lib/format';
import { m } from '../../i18n';

interface WorkflowEvent {
  at: string;
  by: string;
  event: string;
  comment: string;
}

/** 办理记录: who did what when (the server words the event), newest first, with the comment or reason. */
export function WorkflowHistory({ events }: { events: WorkflowEvent[] }) {
  const sorted = [...events].sort((a, b) => (a.at < b.at ? 1 : -1));
  return (
    <Card size="small" title={m.purchase.common.history} data-testid="workflow-history">
      {sorted.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.purchase.common.noHistory} />
      ) : (
        <Timeline
          items={sorted.map((e, i) => ({
            key: `${e.at}-${i}`,
            content: (
              <div>
                <Typography.Text strong>{e.event}</Typography.Text>
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
