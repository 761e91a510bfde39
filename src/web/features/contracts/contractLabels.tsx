import { Flex, Tag, Typography } from 'antd';
import type { ContractFinding } from '../../../shared/contracts/service-contracts';
import { CONTRACT_STATUS_LABELS, type ContractStatus } from '../../../shared/rules/purchase';
import { RuleTag } from '../../components/RuleTag';
import { m } from '../../i18n';

const t = m.purchase.contracts;

const STATUS_COLORS: Record<ContractStatus, string> = {
  draft: 'default',
  signed: 'processing',
  performing: 'success',
  terminated: 'error',
  expired: 'default',
};

export function ContractStatusTag({ status }: { status: ContractStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{CONTRACT_STATUS_LABELS[status]}</Tag>;
}

type OnPostState = 'not_signed' | 'ok' | 'due' | 'overdue';
const ONPOST_COLORS: Record<OnPostState, string> = { not_signed: 'default', ok: 'success', due: 'warning', overdue: 'error' };

/** R-ONPOST-1M at one station: overdue is red. */
export function OnPostTag({ state }: { state: OnPostState }) {
  return <Tag color={ONPOST_COLORS[state]}>{t.onPost[state]}</Tag>;
}

/** Findings, each citing its rule, with what would clear it. */
export function FindingList({ findings }: { findings: ContractFinding[] }) {
  if (findings.length === 0) return <Typography.Text type="secondary">{m.purchase.common.noFindings}</Typography.Text>;
  return (
    <Flex vertical gap={8} data-testid="contract-findings">
      {findings.map((f, i) => (
        <div key={`${f.rule.id}-${i}`}>
          <RuleTag rule={f.rule} />
          <Typography.Text type={f.severity === 'finding' ? 'danger' : 'warning'}>{f.message}</Typography.Text>
          {f.clearBy ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {m.purchase.common.clearBy}：{f.clearBy}
            </Typography.Text>
          ) : null}
        </div>
      ))}
    </Flex>
  );
}

/** Rule tags only (for a table cell). */
export function FindingTags({ findings }: { findings: { rule: { id: string; clause: string; title: string } }[] }) {
  if (findings.length === 0) return <span>—</span>;
  const seen = new Map(findings.map((f) => [f.rule.id, f.rule]));
  return (
    <span>
      {[...seen.values()].map((r) => (
        <RuleTag key={r.id} rule={r} />
      ))}
    </span>
  );
}
