import { Table, Tooltip, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import type { AuditEntry } from '../../../shared/contracts/audit';
import type { AuditValue } from '../../../shared/audit-labels';
import { m } from '../../i18n';

type Change = AuditEntry['changes'][number];

/** A value as the server described it; an id it could not name is shortened, the full id on hover. */
function Value({ v }: { v: AuditValue | null }) {
  if (!v) return <Typography.Text type="secondary">{m.audit.nothing}</Typography.Text>;
  return v.title ? (
    <Tooltip title={v.title}>
      <span tabIndex={0}>{v.text}</span>
    </Tooltip>
  ) : (
    <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{v.text}</span>
  );
}

/** The row's note and its changes as field: before → after, in Chinese (never the logged JSON). */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  return (
    <div data-testid={`audit-diff-${entry.id}`}>
      {entry.detail ? <Typography.Paragraph>{entry.detail}</Typography.Paragraph> : null}
      {entry.changes.length > 0 ? (
        <Table<Change>
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={entry.changes}
          onRow={(c) => ({ 'data-testid': `audit-change-${c.field}` }) as HTMLAttributes<HTMLTableRowElement>}
          columns={[
            { title: m.audit.field, dataIndex: 'label', key: 'label', width: 160 },
            { title: m.audit.before, key: 'before', render: (_, c) => <Value v={c.before} /> },
            { title: m.audit.after, key: 'after', render: (_, c) => <Value v={c.after} /> },
          ]}
        />
      ) : null}
    </div>
  );
}
