import { Tag, Typography } from 'antd';
import { QUALIFIED_BY_LABELS, type QualifiedBy } from '../../../shared/rules/staffing';
import { m } from '../../i18n';

const t = m.staffing.workers;

/** How the worker has professional quality today (R-STAFF-QUAL), or 不具备 in red. */
export function QualificationTag({ qualifiedBy }: { qualifiedBy: QualifiedBy | null }) {
  if (!qualifiedBy)
    return (
      <Tag color="error" data-testid="qualification">
        {t.notQualified}
      </Tag>
    );
  return (
    <Tag color="success" data-testid="qualification" style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
      {QUALIFIED_BY_LABELS[qualifiedBy]}
    </Tag>
  );
}

/** A masked value in a monospace face, so the stars line up. */
export function Masked({ value }: { value: string }) {
  return (
    <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
      {value || '—'}
    </Typography.Text>
  );
}
