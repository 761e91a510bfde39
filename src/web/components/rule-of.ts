import type { RuleRef } from '../../shared/errors';
import { RULES } from '../../shared/rules/catalog';

/**
 * A rule id as the server sends it, with its clause and title from the catalogue. Apart from
 * RuleTag so that showing a rule the server already described does not load the whole catalogue.
 */
export function ruleOf(id: string): RuleRef {
  return (RULES as Record<string, RuleRef>)[id] ?? { id, clause: '', title: id };
}
