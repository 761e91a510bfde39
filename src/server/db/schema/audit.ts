import { bigint, bigserial, index, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only: triggers (migrations 0001, 0010) refuse UPDATE, DELETE and TRUNCATE. Each row
 * carries the keyed hash (HMAC-SHA256, key outside the database) of its fields and of the
 * previous row's hash, so a removed or altered row is detectable by whoever holds the key.
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
    /** 1: unkeyed SHA-256 (rows written before migration 0010); 2: HMAC-SHA256. */
    chain: smallint('chain').notNull().default(1),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorName),
    index('audit_object_idx').on(t.objectType, t.objectId),
    index('audit_action_idx').on(t.action),
  ],
);

/**
 * Signed statements "the log had rowCount rows ending at headId with headHash at time at",
 * written every few hundred rows and at each export. Append-only like the log. The auditor
 * keeps exported copies outside the database: they reveal rows deleted from the end.
 */
export const auditCheckpoints = pgTable('audit_checkpoint', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  rowCount: bigint('row_count', { mode: 'number' }).notNull(),
  headId: bigint('head_id', { mode: 'number' }).notNull(),
  headHash: text('head_hash').notNull(),
  /** First row of the keyed chain (0: none yet): rows from there on must stay keyed. */
  firstKeyedId: bigint('first_keyed_id', { mode: 'number' }).notNull(),
  signature: text('signature').notNull(),
});
