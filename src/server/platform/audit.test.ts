import { desc, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditCheckpointFile, AuditVerifyReport } from '../../shared/contracts/audit';
import { auditCheckpoints, auditLog } from '../db/schema';
import { createTestApp, type Session, type TestApp } from '../testing/test-app';
import pino from 'pino';
import { CHECKPOINT_EVERY, legacyHash, verifyAuditChain, writeAudit, writeCheckpoint } from './audit';
import { systemContext } from './context';

/**
 * The attacks of issue 10, made the way someone holding the database (but not the key) would:
 * as the owner, switching the append-only trigger off around the change.
 */
let t: TestApp;
afterEach(() => t.close());

async function setUp(): Promise<Session> {
  t = await createTestApp();
  const auditor = await t.login('demo-auditor');
  for (const u of ['demo-city', 'demo-town', 'demo-org']) await t.login(u);
  return auditor;
}

async function asOwner(statement: ReturnType<typeof sql>): Promise<void> {
  const db = t.database.db;
  await db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
  await db.execute(sql`ALTER TABLE audit_checkpoint DISABLE TRIGGER USER`);
  try {
    await db.execute(statement);
  } finally {
    await db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
    await db.execute(sql`ALTER TABLE audit_checkpoint ENABLE TRIGGER USER`);
  }
}

const verify = async (s: Session) => (await s.get('/api/audit/verify')).json<AuditVerifyReport>();

describe('keyed audit chain', () => {
  it('detects a row rewritten with its unkeyed SHA-256 recomputed (the old chain accepted it)', async () => {
    const auditor = await setUp();
    expect(await verify(auditor)).toMatchObject({ ok: true, problems: [], legacyRows: 0 });
    const rows = await t.database.db.select().from(auditLog).orderBy(auditLog.id);
    const last = rows.at(-1);
    if (!last) throw new Error('no audit rows');
    // The forger rewrites the newest row and recomputes its hash as the old scheme did, so
    // no link changes; once as a keyed row, once passed off as a row from before the keyed chain.
    const forged = { ...last, actorName: 'someone-else' };
    await asOwner(sql`UPDATE audit_log SET actor_name = ${forged.actorName}, hash = ${legacyHash(forged)} WHERE id = ${last.id}`);
    const keyed = await verify(auditor);
    expect(keyed).toMatchObject({ ok: false, brokenAtId: last.id });
    expect(keyed.problems[0]?.kind).toBe('broken_chain');
    await asOwner(sql`UPDATE audit_log SET chain = 1 WHERE id = ${last.id}`);
    expect(await verify(auditor)).toMatchObject({ ok: false, brokenAtId: last.id });
  });

  it('keeps rows written before the keyed chain verifiable with the old scheme', async () => {
    t = await createTestApp({ demo: false });
    const db = t.database.db;
    // Two rows as migration 0010 found them: unkeyed SHA-256, chain 1.
    let prev = '0'.repeat(64);
    for (const i of [1, 2]) {
      const fields = {
        prevHash: prev, at: new Date(), actorId: null, actorName: 'system', ip: '127.0.0.1', action: 'station.update',
        objectType: 'station', objectId: `old-${i}`, result: 'ok' as const, before: null, after: { i }, detail: '',
      };
      prev = legacyHash(fields);
      await db.insert(auditLog).values({ ...fields, hash: prev, chain: 1 });
    }
    const anon = await t.anon('POST', '/api/auth/login', { username: 'nobody-here', password: 'Wrong#pass1' });
    expect(anon.statusCode).toBe(401); // writes a keyed row after the legacy ones
    const r = await verifyAuditChain(db, t.cipher);
    expect(r).toMatchObject({ ok: true, checked: 3, legacyRows: 2 });
  });
});

describe('signed checkpoints', () => {
  it('exports a signed checkpoint file that verifies, and a modified one does not', async () => {
    const auditor = await setUp();
    const res = await auditor.get('/api/audit/checkpoints/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="sgz-audit-checkpoints-\d{4}-\d{2}-\d{2}\.json"/);
    const file = res.json<AuditCheckpointFile>();
    expect(file.format).toBe('sgz-audit-checkpoint/1');
    const head = file.checkpoints.at(-1);
    const [n] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    expect(head?.rowCount).toBe(n?.n); // covers the export's own audit row
    const [exportRow] = await t.database.db.select().from(auditLog).where(sql`${auditLog.action} = 'audit.checkpoint_export'`);
    expect(exportRow?.actorName).toBe('demo-auditor');

    const good = (await auditor.post('/api/audit/verify', file)).json<AuditVerifyReport>();
    expect(good).toMatchObject({ ok: true, problems: [] });
    expect(good.externalCheckpoint?.headId).toBe(head?.headId);

    if (!head) throw new Error('no checkpoint');
    const edited = { ...file, checkpoints: [{ ...head, rowCount: head.rowCount - 2, headId: head.headId - 2 }] };
    const bad = (await auditor.post('/api/audit/verify', edited)).json<AuditVerifyReport>();
    expect(bad.ok).toBe(false);
    expect(bad.problems).toEqual([expect.objectContaining({ kind: 'bad_signature', source: 'file', checkpointId: head.id })]);
    expect((await auditor.post('/api/audit/verify', { ...file, format: 'other' })).statusCode).toBe(400);
    expect((await (await t.login('demo-sysadmin')).get('/api/audit/checkpoints/export')).statusCode).toBe(403);
  });

  it('reports the newest rows deleted, against the database checkpoint and against an exported one', async () => {
    const auditor = await setUp();
    const file = (await auditor.get('/api/audit/checkpoints/export')).json<AuditCheckpointFile>();
    const head = file.checkpoints.at(-1);
    if (!head) throw new Error('no checkpoint');
    expect(await verify(auditor)).toMatchObject({ ok: true });

    // Delete the newest rows: the chain that is left is intact, only the checkpoint knows.
    await asOwner(sql`DELETE FROM audit_log WHERE id > ${head.headId - 3}`);
    await t.login('demo-city'); // and the log goes on
    const afterDelete = await verify(auditor);
    expect(afterDelete.ok).toBe(false);
    expect(afterDelete.brokenAtId).toBeNull();
    expect(afterDelete.problems).toContainEqual(expect.objectContaining({ kind: 'truncated', source: 'database', checkpointId: head.id }));

    // A thorough forger removes the database's checkpoints too; the exported file still tells.
    await asOwner(sql`DELETE FROM audit_checkpoint`);
    expect(await verify(auditor)).toMatchObject({ ok: true });
    const external = (await auditor.post('/api/audit/verify', file)).json<AuditVerifyReport>();
    expect(external.ok).toBe(false);
    expect(external.problems).toContainEqual(expect.objectContaining({ kind: 'truncated', source: 'file', checkpointId: head.id }));
  });

  it('writes a checkpoint by itself every few hundred rows', async () => {
    t = await createTestApp({ demo: false });
    const ctx = systemContext(t.database.db, pino({ level: 'silent' }), t.cipher);
    await t.database.db.transaction(async (tx) => {
      for (let i = 0; i < CHECKPOINT_EVERY; i++)
        await writeAudit({ ...ctx, db: tx as unknown as typeof ctx.db }, { action: 'station.update', objectType: 'station', objectId: String(i) });
    });
    const r = await verifyAuditChain(t.database.db, t.cipher);
    expect(r).toMatchObject({ ok: true, checked: CHECKPOINT_EVERY });
    expect(r.lastCheckpoint).toMatchObject({ rowCount: CHECKPOINT_EVERY, firstKeyedId: 1 });
  });

  it('counts each checkpoint from the signed one before it, and never builds on a forged one', async () => {
    t = await createTestApp({ demo: false });
    const db = t.database.db;
    const ctx = systemContext(db, pino({ level: 'silent' }), t.cipher);
    const write = (n: number) =>
      db.transaction(async (tx) => {
        for (let i = 0; i < n; i++)
          await writeAudit({ ...ctx, db: tx as unknown as typeof ctx.db }, { action: 'station.update', objectType: 'station', objectId: String(i) });
      });
    await write(CHECKPOINT_EVERY + 7);
    await db.transaction((tx) => writeCheckpoint(tx as unknown as typeof db, t.cipher));
    await write(CHECKPOINT_EVERY);
    const counted = async (headId: number) =>
      (await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(sql`${auditLog.id} <= ${headId}`))[0]?.n;
    const stored = await db.select().from(auditCheckpoints).orderBy(auditCheckpoints.id);
    expect(stored).toHaveLength(3);
    for (const c of stored) expect(c.rowCount).toBe(await counted(c.headId));

    // Someone with the database but not the key adds a checkpoint claiming far more rows.
    const last = stored.at(-1);
    if (!last) throw new Error('no checkpoint');
    await asOwner(sql`INSERT INTO audit_checkpoint (at, row_count, head_id, head_hash, first_keyed_id, signature)
      VALUES (now(), 999999, ${last.headId}, ${last.headHash}, ${last.firstKeyedId}, ${last.signature})`);
    await write(CHECKPOINT_EVERY);
    const newest = (await db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.id)).limit(1))[0];
    if (!newest) throw new Error('no checkpoint');
    expect(newest.rowCount).toBe(await counted(newest.headId));
    const r = await verifyAuditChain(db, t.cipher);
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'bad_signature', source: 'database' })]);
  });
});
