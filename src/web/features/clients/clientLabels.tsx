import { Alert, Tag, Typography } from 'antd';
import type { RuleRef } from '../../../shared/errors';
import {
  CLIENT_STATUS_LABELS,
  RISK_LEVEL_LABELS,
  TARGET_GROUP_LABELS,
  type ClientStatus,
  type RiskLevel,
  type TargetGroup,
} from '../../../shared/rules/clients';
import { RuleTag } from '../../components/RuleTag';
import { m } from '../../i18n';

const t = m.daily;

const RISK_COLORS: Record<RiskLevel, string> = { low: 'default', medium: 'warning', high: 'error' };
const STATUS_COLORS: Record<ClientStatus, string> = { active: 'success', paused: 'warning', closed: 'default' };

export function RiskTag({ risk }: { risk: RiskLevel }) {
  return (
    <Tag color={RISK_COLORS[risk]} aria-label={`${t.clients.risk}：${RISK_LEVEL_LABELS[risk]}`}>
      {t.clients.riskTag(RISK_LEVEL_LABELS[risk])}
    </Tag>
  );
}

export function ClientStatusTag({ status }: { status: ClientStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{CLIENT_STATUS_LABELS[status]}</Tag>;
}

export function TargetGroupTags({ groups }: { groups: readonly TargetGroup[] }) {
  return (
    <>
      {groups.map((g) => (
        <Tag key={g} style={{ marginBlock: 2 }}>
          {TARGET_GROUP_LABELS[g]}
        </Tag>
      ))}
    </>
  );
}

/** A value the role may not see (no client:sensitive): said plainly, never left blank. */
export function NoAccess() {
  return <Typography.Text type="secondary">{t.common.noAccess}</Typography.Text>;
}

/** The rule a refused action broke, shown where the user is working. */
export function RuleAlert({ rule, message, onClose }: { rule: RuleRef | null; message?: string; onClose?: () => void }) {
  if (!rule) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="rule-violation"
      style={{ marginBottom: 16 }}
      closable={onClose ? { onClose } : undefined}
      title={message ?? rule.title}
      description={
        <>
          {message ? <div>{rule.title}</div> : null}
          <RuleTag rule={rule} />
        </>
      }
    />
  );
}

export const TARGET_GROUP_OPTIONS = (Object.keys(TARGET_GROUP_LABELS) as TargetGroup[]).map((g) => ({
  value: g,
  label: TARGET_GROUP_LABELS[g],
}));
