import type { WorkflowEvent } from '../db/schema';
import { actorOf, type Ctx } from './context';

/** One line of a record's history (cases, plans, contracts, reports): when, who, what, why. */
export function workflowEvent(ctx: Ctx, event: string, comment = ''): WorkflowEvent {
  return { at: new Date().toISOString(), by: actorOf(ctx).displayName, event, comment };
}
