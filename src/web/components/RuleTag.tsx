import { Tag, Typography } from 'antd';
import type { RuleRef } from '../../shared/errors';
import { clauseText } from '../../shared/rules/clause-text';

/**
 * Where a rule is cited: the clause in words (第四部分第（四）条), then the rule id as a small grey
 * tag. The id is for the people who look it up; it is never the main text.
 */
export function RuleTag({ rule }: { rule: RuleRef }) {
  const clause = rule.clause ? clauseText(rule.clause) : '';
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 8 }} data-testid="rule-ref" title={rule.title || undefined}>
      {clause ? <span data-testid="rule-clause">{clause}</span> : null}
      <Tag bordered={false} style={{ fontSize: 11, marginInline: clause ? '6px 0' : 0, lineHeight: '18px' }} data-testid="rule-id">
        {rule.id}
      </Tag>
    </Typography.Text>
  );
}

/**
 * A finding or refusal: first the sentence of what is wrong (and what clears it), then the clause
 * in words with the rule id small. One shape for compliance, stations, contracts, reports, the
 * calendar and records.
 */
export function Finding({
  rule,
  message,
  clearBy,
  tone = 'danger',
  children,
}: {
  rule: RuleRef;
  message: React.ReactNode;
  clearBy?: React.ReactNode;
  tone?: 'danger' | 'warning' | 'secondary';
  children?: React.ReactNode;
}) {
  return (
    <div data-testid="finding-item" style={{ overflowWrap: 'anywhere' }}>
      <Typography.Text type={tone} data-testid="finding-message">
        {message}
      </Typography.Text>
      {clearBy ? (
        <Typography.Text style={{ display: 'block', fontSize: 13 }} data-testid="finding-clear-by">
          {clearBy}
        </Typography.Text>
      ) : null}
      {children}
      <div>
        <RuleTag rule={rule} />
      </div>
    </div>
  );
}
