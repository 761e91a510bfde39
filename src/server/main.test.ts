import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { users } from './db/schema';
import { openDatabase } from './db/setup';

/** Starts the real server on a fresh embedded store, waits until it serves, stops it. */
function start(dataDir: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], {
      env: { ...process.env, SGZ_DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SGZ_WEB_DIR: dataDir },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('is serving') && out.endsWith('\n\n')) child.kill('SIGTERM'); // the banner is one write
    });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('exit', () => (out.includes('is serving') ? resolve(out) : reject(new Error(out))));
  });
}

describe('npm start', () => {
  it('with --no-demo starts a real site without any user', { timeout: 180_000 }, async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-main-')), 'pglite');
    const out = await start(dataDir, '--no-demo');
    expect(out).toContain('No demo data');
    expect(out).not.toContain('demo-');
    expect(out).not.toContain('WARNING');
    const database = await openDatabase({ dataDir });
    try {
      expect(await database.db.select().from(users)).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
