import { Tag, Tooltip } from 'antd';
import type { RuleRef } from '../../shared/errors';

/** A policy rule cited by id and clause; the title is on hover and for screen readers. */
export function RuleTag({ rule }: { rule: RuleRef }) {
  return (
    <Tooltip title={rule.title}>
      <Tag color="blue" style={{ marginInlineEnd: 8 }} aria-label={`${rule.id} ${rule.clause} ${rule.title}`}>
        {rule.id}（{rule.clause}）
      </Tag>
    </Tooltip>
  );
}
