import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, users } from './db/schema';
import { openDatabase } from './db/setup';

const run = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], {
    env: { ...process.env, SGZ_DATA_DIR: dir, DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 90_000,
  });

describe('npm run sgz -- admin:create', () => {
  // Four real processes, each opening the embedded database: minutes on a busy 2-core machine.
  it('creates the first system administrator, refuses a weak password and a second one of the same name', { timeout: 300_000 }, () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-cli-')), 'pglite');
    const weak = run(dir, 'admin:create', '--username', 'admin', '--password', 'password1');
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('security policy');
    const ok = run(dir, 'admin:create', '--username', 'admin', '--password', 'First#Chief2026');
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('System administrator admin created');
    const again = run(dir, 'admin:create', '--username', 'admin', '--password', 'First#Chief2026');
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists');
    const verify = run(dir, 'audit:verify');
    expect(verify.stdout).toContain('Audit chain intact: 1 rows');
  });
});

describe('npm run sgz -- admin:create --role / admin:reset', () => {
  it('creates an audit administrator; resets a password (one-time, with notice) and the TOTP enrolment; both audited', { timeout: 300_000 }, async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-cli-')), 'pglite');
    const bad = run(dir, 'admin:create', '--role', 'city_officer', '--username', 'x.admin', '--password', 'First#Chief2026');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--role must be one of sys_admin, sec_admin, audit_admin');
    const created = run(dir, 'admin:create', '--role', 'audit_admin', '--username', 'auditor', '--password', 'First#Chief2026');
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain('Audit administrator auditor created');
    // What a TOTP enrolment leaves, so the reset has something to remove.
    let database = await openDatabase({ dataDir: dir });
    await database.db.update(users).set({ totpSecret: 'v1.aes256gcm.x.y.z', totpEnabledAt: new Date(), totpLastStep: 1 }).where(eq(users.username, 'auditor'));
    await database.close();

    const reset = run(dir, 'admin:reset', '--username', 'auditor', '--password', 'Second#Chief2026', '--reset-totp');
    expect(reset.stderr).toBe('');
    expect(reset.stdout).toContain('Password of auditor reset and TOTP enrolment removed');
    database = await openDatabase({ dataDir: dir });
    try {
      const [row] = await database.db.select().from(users).where(eq(users.username, 'auditor'));
      expect(row).toMatchObject({ roles: ['audit_admin'], mustChangePassword: true, passwordResetNotice: true, totpSecret: null, totpEnabledAt: null });
      expect(row?.passwordResetBy).toContain('admin:reset');
      const actions = await database.db
        .select({ action: auditLog.action, detail: auditLog.detail })
        .from(auditLog)
        .where(sql`${auditLog.objectId} = ${row?.id ?? ''}`)
        .orderBy(auditLog.id);
      expect(actions.map((a) => a.action)).toEqual(['user.create', 'user.password_reset', 'auth.totp_reset']);
      expect(actions[0]?.detail).toContain('审计管理员');
    } finally {
      await database.close();
    }
  });
});
