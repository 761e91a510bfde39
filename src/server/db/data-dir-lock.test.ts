import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-lock-'));

describe('one process per PGlite data directory', () => {
  it('refuses a directory held by a live process, and takes over a lock whose process is gone', () => {
    const dir = path.join(tmp(), 'pglite');
    const holder = spawn('sleep', ['30']);
    try {
      fs.writeFileSync(`${dir}.lock`, String(holder.pid));
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(/already in use by process/);
    } finally {
      holder.kill();
    }
    const dead = spawnSync('true');
    fs.writeFileSync(`${dir}.lock`, String(dead.pid));
    const release = lockDataDir(dir);
    expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });

  it('a second SGZ server on the same directory stops with a clear message', () => {
    const dir = path.join(tmp(), 'pglite');
    const release = lockDataDir(dir); // this test process plays the running server
    try {
      const second = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        env: { ...process.env, SGZ_DATA_DIR: dir, PORT: '0', DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain('SGZ cannot start');
      expect(second.stderr).toContain('already in use');
    } finally {
      release();
    }
  });
});
