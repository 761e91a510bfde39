import { Col, Row, Typography } from 'antd';
import type { AuditEntry } from '../../../shared/contracts/audit';
import { JsonBlock } from '../../components/JsonBlock';
import { m } from '../../i18n';

/** Top-level keys whose value differs between before and after, to point the reader at them. */
function changedKeys(before: unknown, after: unknown): string[] {
  if (!isRecord(before) || !isRecord(after)) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Field names in the logged JSON are the API's; the changed-fields line names them in Chinese.
const FIELD_LABELS: Record<string, string> = {
  venueType: m.stations.venueType,
  venueOther: m.stations.venueOther,
  address: m.stations.address,
  phone: m.stations.phone,
  openedOn: m.stations.openedOn,
  outdoorPlaque: m.stations.outdoorPlaque,
  indoorPlaque: m.stations.indoorPlaque,
  equipment: m.stations.equipment,
  hostContactName: m.stations.hostContactName,
  hostContactPhone: m.stations.hostContactPhone,
  status: m.stations.status,
  statusReason: m.stations.statusReason,
  version: m.stations.version,
  updatedAt: m.stations.updatedAt,
  displayName: m.users.displayName,
  roles: m.users.roles,
  scope: m.users.scope,
  minLength: m.security.minLength,
  minClasses: m.security.minClasses,
  rotationDays: m.security.rotationDays,
  maxFailedLogins: m.security.maxFailedLogins,
  lockMinutes: m.security.lockMinutes,
  idleMinutes: m.security.idleMinutes,
  absoluteHours: m.security.absoluteHours,
};

export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const changed = changedKeys(entry.before, entry.after);
  return (
    <div data-testid={`audit-diff-${entry.id}`}>
      {entry.detail ? <Typography.Paragraph>{entry.detail}</Typography.Paragraph> : null}
      {changed.length > 0 ? (
        <Typography.Paragraph type="secondary">
          {m.audit.changedFields}
          {changed.map((k) => FIELD_LABELS[k] ?? k).join('、')}
        </Typography.Paragraph>
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <JsonBlock label={m.audit.before} value={entry.before} />
        </Col>
        <Col xs={24} md={12}>
          <JsonBlock label={m.audit.after} value={entry.after} />
        </Col>
      </Row>
    </div>
  );
}

