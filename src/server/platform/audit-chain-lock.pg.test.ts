import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { auditLog } from '../db/schema';
import { createTestDatabase } from '../testing/test-database';
import { verifyAuditChain, writeAudit, writeAuditAlone } from './audit';
import { inTransaction, systemContext } from './context';
import { createFieldCipher } from './field-cipher';

/**
 * PostgreSQL only (PGlite runs one transaction at a time): every audited write in the
 * installation takes the chain lock, so a transaction must not hold it while it goes on working.
 */
const server = process.env.TEST_DATABASE_URL;
const cipher = createFieldCipher(randomBytes(32));
let database: Database;

describe.skipIf(!server)('the audit chain lock (PostgreSQL)', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
  }, 60_000);
  afterAll(() => database?.close());

  it('is not held by a transaction that has written its entry and is still working; both entries chain', async () => {
    const ctx = systemContext(database.db, pino({ level: 'silent' }), cipher);
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let entered = () => {};
    const inside = new Promise<void>((r) => (entered = r));
    const slow = inTransaction(ctx, async (tx) => {
      await writeAudit(tx, { action: 'station.update', objectType: 'station', objectId: 'slow' });
      entered();
      await gate; // the rest of a long write: figures, roll-ups …
    });
    await inside;
    const other = writeAuditAlone(ctx, { action: 'station.update', objectType: 'station', objectId: 'other' }).then(() => 'written');
    const outcome = await Promise.race([other, new Promise<string>((r) => setTimeout(() => r('waiting for the other transaction'), 5_000))]);
    release();
    await slow;
    await other;
    expect(outcome).toBe('written');
    const rows = await database.db.select({ objectId: auditLog.objectId }).from(auditLog).orderBy(asc(auditLog.id));
    expect(rows.map((r) => r.objectId)).toEqual(['other', 'slow']);
    expect(await verifyAuditChain(database.db, cipher)).toMatchObject({ ok: true, checked: 2, problems: [] });
  });

  it('keeps nothing of a transaction that fails after writing its entry', async () => {
    const ctx = systemContext(database.db, pino({ level: 'silent' }), cipher);
    await expect(
      inTransaction(ctx, async (tx) => {
        await writeAudit(tx, { action: 'station.update', objectType: 'station', objectId: 'failed' });
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    const rows = await database.db.select({ objectId: auditLog.objectId }).from(auditLog);
    expect(rows.map((r) => r.objectId)).not.toContain('failed');
  });
});
