import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only: a trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE. Each row
 * carries the hash of the previous one, so a removed or altered row is detectable.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    ip: text('ip').notNull(),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    result: text('result', { enum: ['ok', 'fail'] }).notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    detail: text('detail').notNull().default(''),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorName),
    index('audit_object_idx').on(t.objectType, t.objectId),
    index('audit_action_idx').on(t.action),
  ],
);
