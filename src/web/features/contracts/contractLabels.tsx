import { Flex, Tag, Typography } from 'antd';
import type { ContractFinding } from '../../../shared/contracts/service-contracts';
import { CONTRACT_STATUS_LABELS, type ContractStatus } from '../../../shared/rules/purchase';
import { Finding } from '../../components/RuleTag';
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

/** Findings: what is wrong and what clears it, then the clause in words and the rule id. */
export function FindingList({ findings }: { findings: ContractFinding[] }) {
  if (findings.length === 0) return <Typography.Text type="secondary">{m.purchase.common.noFindings}</Typography.Text>;
  return (
    <Flex vertical gap={8} data-testid="contract-findings">
      {findings.map((f, i) => (
        <Finding
          key={`${f.rule.id}-${i}`}
          rule={f.rule}
          tone={f.severity === 'finding' ? 'danger' : 'warning'}
          message={f.message}
          clearBy={f.clearBy ? `${m.purchase.common.clearBy}：${f.clearBy}` : undefined}
        />
      ))}
    </Flex>
  );
}

/** A table cell: each problem's sentence, its clause and id small beneath. */
export function FindingTags({ findings }: { findings: ContractFinding[] }) {
  if (findings.length === 0) return <span>—</span>;
  return (
    <Flex vertical gap={4}>
      {findings.map((f, i) => (
        <Finding key={`${f.rule.id}-${i}`} rule={f.rule} tone={f.severity === 'finding' ? 'danger' : 'warning'} message={f.message} />
      ))}
    </Flex>
  );
}
