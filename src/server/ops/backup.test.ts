import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { seedDemo } from '../db/demo-data';
import { openDatabase } from '../db/setup';
import { verifyAuditChain, writeAuditAlone } from '../platform/audit';
import { systemContext } from '../platform/context';
import { cipherFromConfig } from '../platform/encryption-key';
import { createFieldCipher, type FieldCipher } from '../platform/field-cipher';
import { backup, keyFileOf, restore, tableSummaries, type OpsTarget } from './backup';

const log = pino({ level: 'silent' });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function fill(target: OpsTarget, cipher: FieldCipher) {
  const database = await openDatabase(target);
  await seedDemo(database.db, 'Sgz@demo2026', cipher);
  for (let i = 0; i < 3; i++)
    await writeAuditAlone(systemContext(database.db, log, cipher), { action: 'station.update', objectType: 'station', objectId: `s${i}`, after: { i } });
  await database.close();
}

async function summaryAndChain(target: OpsTarget, cipher: FieldCipher) {
  const database = await openDatabase(target);
  try {
    return { tables: await tableSummaries(database.db), chain: await verifyAuditChain(database.db, cipher) };
  } finally {
    await database.close();
  }
}

/** Backup → wipe → restore, then every table as it was (the audit log one restore row longer). */
async function roundTrip(target: OpsTarget, cipherFor: () => FieldCipher, wipe: () => Promise<void>) {
  const out = path.join(tmp, `backup-${randomBytes(3).toString('hex')}`);
  const manifest = await backup(target, cipherFor(), out, log);
  const before = await summaryAndChain(target, cipherFor());
  expect(before.tables).toEqual(manifest.tables);
  expect(manifest.tables.users?.rows).toBeGreaterThanOrEqual(10);
  expect(manifest.tables.stations?.rows).toBe(72);

  await expect(restore(target, out, false, cipherFor, log)).rejects.toThrow(/refused/);
  await wipe();
  const result = await restore(target, out, false, cipherFor, log);
  expect(result.mismatches).toEqual([]);

  const after = await summaryAndChain(target, cipherFor());
  const { audit_log: auditBefore, ...restBefore } = before.tables;
  const { audit_log: auditAfter, ...restAfter } = after.tables;
  expect(Object.keys(restAfter).length).toBeGreaterThan(20);
  expect(restAfter).toEqual(restBefore);
  expect(auditAfter?.rows).toBe((auditBefore?.rows ?? 0) + 1); // the restore's own row
  expect(after.chain).toMatchObject({ ok: true, problems: [] });
  expect(after.chain.checked).toBe(auditAfter?.rows);
}

describe('backup and restore', () => {
  it.skipIf(!!process.env.TEST_DATABASE_URL)('round-trips an embedded store with its key file', async () => {
    const dataDir = path.join(tmp, 'pglite');
    const target = { dataDir };
    const cipherFor = () => cipherFromConfig(loadConfig({ SGZ_DATA_DIR: dataDir }));
    await fill(target, cipherFor());
    await roundTrip(target, cipherFor, async () => {
      fs.rmSync(dataDir, { recursive: true });
      fs.rmSync(keyFileOf(dataDir)); // without the key file restored, the keyed chain would not verify
    });
  }, 120_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)('round-trips a PostgreSQL database with pg_dump / pg_restore', async () => {
    const server = process.env.TEST_DATABASE_URL ?? '';
    const name = `sgz_backup_${randomBytes(4).toString('hex')}`;
    const admin = async (q: string) => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(q);
      await c.end();
    };
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    const target = { url: url.toString() };
    const cipher = createFieldCipher(randomBytes(32));
    try {
      await fill(target, cipher);
      await roundTrip(target, () => cipher, async () => {
        await admin(`DROP DATABASE ${name} WITH (FORCE)`);
        await admin(`CREATE DATABASE ${name}`);
      });
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }, 120_000);
});
