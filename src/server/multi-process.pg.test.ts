import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { generate } from 'otplib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from './db/demo-data';
import { openDatabase } from './db/setup';
import { createFieldCipher } from './platform/field-cipher';
import { multipartFile } from './testing/factories';
import { DEMO_PASSWORD } from './testing/test-app';

/**
 * PostgreSQL only: two real SGZ processes (`src/server/main.ts`) on one database, behind a
 * round-robin proxy, as a site with several stateless servers runs. Consecutive requests go to
 * alternate processes, so every step below is answered by the other process than the step before.
 */
const server = process.env.TEST_DATABASE_URL;
const name = `sgz_multi_${randomBytes(4).toString('hex')}`;
const key = randomBytes(32);
const children: ChildProcess[] = [];
let proxy: http.Server;
let base = '';
/** Which process answered each request, in order. */
const answeredBy: string[] = [];

const dbUrl = () => {
  const u = new URL(server ?? '');
  u.pathname = `/${name}`;
  return u.toString();
};

async function asServer(q: string): Promise<void> {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  await c.query(q);
  await c.end();
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** The real server, as `npm start` runs it on PostgreSQL; resolves once it serves. */
function startProcess(port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: {
        ...process.env, DATABASE_URL: dbUrl(), DATABASE_MIGRATION_URL: '', DATABASE_READ_URL: '', PORT: String(port), HOST: '127.0.0.1',
        SGZ_ENCRYPTION_KEY: key.toString('base64'), LOG_LEVEL: 'warn', SGZ_WEB_DIR: '/nonexistent', SGZ_TRUST_PROXY: 'false', ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    const timer = setTimeout(() => reject(new Error(`process on ${port} did not start:\n${out}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('is serving')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`process on ${port} exited (${code}):\n${out}`));
    });
  });
}

/** A round-robin HTTP proxy: each request to the next process, bodies streamed through. */
function roundRobin(targets: { name: string; port: number }[]): http.Server {
  let next = 0;
  return http.createServer((req, res) => {
    const target = targets[next++ % targets.length];
    if (!target) throw new Error('no target');
    answeredBy.push(target.name);
    const upstream = http.request(
      { host: '127.0.0.1', port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, { ...up.headers, 'x-served-by': target.name });
        up.pipe(res);
      },
    );
    upstream.once('error', () => { res.writeHead(502).end(); });
    req.pipe(upstream);
  });
}

/** A browser through the proxy: keeps the session cookie, sends the CSRF token on writes when it has one. */
function browser() {
  let cookie = '';
  let csrf = '';
  const call = async (method: string, path: string, body?: unknown, extra: { raw?: Buffer; headers?: Record<string, string>; noCsrf?: boolean } = {}) => {
    const headers: Record<string, string> = { ...(cookie ? { cookie } : {}), ...extra.headers };
    if (method !== 'GET' && csrf && !extra.noCsrf) headers['x-csrf-token'] = csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, {
      method, headers, ...(extra.raw ? { body: new Uint8Array(extra.raw) } : body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('sgz_sid='));
    if (set) cookie = set.split(';')[0] ?? '';
    const buffer = Buffer.from(await res.arrayBuffer());
    const json = (): Record<string, unknown> => JSON.parse(buffer.toString('utf8')) as Record<string, unknown>;
    const parsed = (res.headers.get('content-type') ?? '').includes('json') ? json() : {};
    if (typeof parsed.csrfToken === 'string') csrf = parsed.csrfToken;
    return { status: res.status, by: res.headers.get('x-served-by') ?? '', body: parsed, buffer, headers: res.headers };
  };
  return { call, get: (path: string) => call('GET', path) };
}

describe.skipIf(!server)('two SGZ processes behind a round-robin proxy, one PostgreSQL', () => {
  beforeAll(async () => {
    await asServer(`CREATE DATABASE ${name}`);
    const database = await openDatabase({ url: dbUrl() });
    try {
      await seedDemo(database.db, DEMO_PASSWORD, createFieldCipher(key));
    } finally {
      await database.close();
    }
    const ports = [await freePort(), await freePort()];
    // B reads from a "replica" (the same database through its read-only pool): GETs it answers read there.
    await Promise.all([startProcess(ports[0] ?? 0), startProcess(ports[1] ?? 0, { DATABASE_READ_URL: dbUrl() })]);
    proxy = roundRobin([{ name: 'A', port: ports[0] ?? 0 }, { name: 'B', port: ports[1] ?? 0 }]);
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  }, 100_000);

  afterAll(async () => {
    await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
    await Promise.all(
      children.map((child) => new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const hard = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => { clearTimeout(hard); resolve(); });
        child.kill('SIGTERM');
      })),
    );
    if (server) await asServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }, 30_000);

  it('a session, its CSRF token, a write, its read-back and an uploaded file work whichever process answers', async () => {
    const org = browser();
    const login = await org.call('POST', '/api/auth/login', { username: 'demo-org', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const me = await org.get('/api/auth/me');
    expect(me).toMatchObject({ status: 200, body: { username: 'demo-org' } });
    expect(me.by).not.toBe(login.by);

    const own = (await org.get('/api/organizations')).body.items as { id: string }[];
    const id = own[0]?.id ?? '';
    const detail = await org.get(`/api/organizations/${id}`);
    const { id: _i, creditCode: _c, status: _s, statusReason: _r, countyCode: _k, writable: _w, stationsRun: _sr, workersOnPost: _wp,
      version, createdAt: _ca, updatedAt: _u, files: _f, ...editable } = detail.body;
    // Without the session's CSRF token a write is refused by either process; with it, it is done.
    const forged = await org.call('PATCH', `/api/organizations/${id}`, { ...editable, contactName: '伪造', version }, { noCsrf: true });
    expect(forged.status).toBe(403);
    const edit = await org.call('PATCH', `/api/organizations/${id}`, { ...editable, contactName: '两台服务器', version });
    expect(edit.status).toBe(200);
    const back = await org.get(`/api/organizations/${id}`);
    expect(back.body).toMatchObject({ contactName: '两台服务器', version: (version as number) + 1 });
    expect(back.by).not.toBe(edit.by);

    const pdf = Buffer.from(`%PDF-1.4\n% ${randomBytes(8).toString('hex')}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
    const up = multipartFile('登记证书.pdf', pdf, 'application/pdf');
    const stored = await org.call('POST', `/api/organizations/${id}/files`, undefined, { raw: up.payload, headers: up.headers });
    expect(stored.status).toBe(200);
    const file = await org.get(`/api/organizations/${id}/files/${String(stored.body.id)}`);
    expect(file.status).toBe(200);
    expect(file.buffer.equals(pdf)).toBe(true);
    expect(file.by).not.toBe(stored.by);

    const out = await org.call('POST', '/api/auth/logout', {});
    expect(out.status).toBe(200);
    const after = await org.get('/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.by).not.toBe(out.by);
  });

  it('failed logins on both processes add up to one lockout', async () => {
    const b = browser();
    const tries = [];
    for (let i = 0; i < 5; i++) tries.push(await b.call('POST', '/api/auth/login', { username: 'demo-town', password: 'Wrong#pass0' }));
    expect(tries.map((t) => t.status)).toEqual([401, 401, 401, 401, 429]);
    expect(new Set(tries.map((t) => t.by))).toEqual(new Set(['A', 'B']));
    for (let i = 0; i < 2; i++) {
      const right = await b.call('POST', '/api/auth/login', { username: 'demo-town', password: DEMO_PASSWORD });
      expect(right.status).toBe(429);
    }
  });

  it('the second-factor step started on one process is finished on the other', async () => {
    const admin = browser();
    const first = await admin.call('POST', '/api/auth/login', { username: 'demo-sysadmin', password: DEMO_PASSWORD });
    expect(first.body).toMatchObject({ secondFactor: 'enrol' });
    const pendingToken = String(first.body.pendingToken);
    const enrol = await admin.call('POST', '/api/auth/totp/enrolment', { pendingToken });
    expect(enrol.status).toBe(200);
    expect(enrol.by).not.toBe(first.by);
    const confirm = await admin.call('POST', '/api/auth/totp/enrolment/confirm', { pendingToken, code: await generate({ secret: String(enrol.body.secret) }) });
    expect(confirm.status).toBe(200);
    expect(confirm.by).not.toBe(enrol.by);
    const recovery = confirm.body.recoveryCodes as string[];
    expect((await admin.get('/api/auth/me')).body).toMatchObject({ username: 'demo-sysadmin', roles: ['sys_admin'] });
    await admin.call('POST', '/api/auth/logout', {});

    const again = browser();
    const step = await again.call('POST', '/api/auth/login', { username: 'demo-sysadmin', password: DEMO_PASSWORD });
    expect(step.body).toMatchObject({ secondFactor: 'verify' });
    const verified = await again.call('POST', '/api/auth/totp', { pendingToken: String(step.body.pendingToken), code: recovery[0] });
    expect(verified.status).toBe(200);
    expect(verified.by).not.toBe(step.by);
    // The recovery code is spent on both processes.
    const third = browser();
    const step3 = await third.call('POST', '/api/auth/login', { username: 'demo-sysadmin', password: DEMO_PASSWORD });
    const reused = await third.call('POST', '/api/auth/totp', { pendingToken: String(step3.body.pendingToken), code: recovery[0] });
    expect(reused.status).toBe(401);
  });

  it('B reads through its DATABASE_READ_URL pool', async () => {
    // Anonymous GETs (no session that just wrote): one of the two lands on B.
    const anon = browser();
    expect(new Set([(await anon.get('/api/health')).by, (await anon.get('/api/health')).by])).toEqual(new Set(['A', 'B']));
    const c = new pg.Client({ connectionString: dbUrl() });
    await c.connect();
    try {
      const { rows } = await c.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'sgz-read'");
      expect(rows[0]?.n).toBeGreaterThan(0);
    } finally {
      await c.end();
    }
  });

  it('both processes answered', () => {
    const counts = { A: answeredBy.filter((n) => n === 'A').length, B: answeredBy.filter((n) => n === 'B').length };
    expect(counts.A).toBeGreaterThan(10);
    expect(counts.B).toBeGreaterThan(10);
  });
});
