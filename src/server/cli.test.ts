import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

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
