import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, LOG_REDACT } from '../app';
import { idNumberBornOn, multipartFile } from '../testing/factories';
import { cookieOf, createTestApp, DEMO_PASSWORD, sessionFrom, type Session, type TestApp } from '../testing/test-app';

let t: TestApp;
let worker: Session;
let district: Session;
let village: string;

const client = (over: Record<string, unknown> = {}) => ({
  name: '柳望舒', idNumber: idNumberBornOn('1951-07-23', 318), phone: '13512340987', villageCode: village,
  address: '望岛路七十七号', household: [], targetGroups: ['left_behind_elderly'], riskLevel: 'low', ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  worker = await t.login('demo-worker');
  district = await t.login('demo-district');
  village = (await worker.get('/api/regions?level=village&parentCode=371002002')).json()[0].code;
});
afterAll(() => t.close());

const fieldsOf = (res: { json(): unknown }) =>
  (res.json() as { error: { details: { fields: { path: string }[] } } }).error.details.fields.map((f) => f.path);

describe('control characters in text', () => {
  it.each([
    ['client search', '/api/clients?q=%E5%88%98%00', 'q'],
    ['organisation search', '/api/organizations?q=%01abc', 'q'],
    ['duplicate check', '/api/clients/duplicates?name=%E5%88%98%00&birthDate=1948-03-12', 'name'],
    ['station list', '/api/stations?q=a%00b', 'q'],
  ])('%s: a NUL or control character in the query → 400 naming the field', async (_name, url, path) => {
    const res = await district.get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(res)).toContain(path);
  });

  it('a NUL in a body field of a client, nested or not → 400 naming the field', async () => {
    const top = await worker.post('/api/clients', client({ name: '柳\u0000望舒' }));
    expect(top.statusCode).toBe(400);
    expect(fieldsOf(top)).toEqual(['name']);
    const nested = await worker.post('/api/clients', client({ household: [{ name: '柳\u0000', relation: '儿子' }] }));
    expect(nested.statusCode).toBe(400);
    expect(fieldsOf(nested)).toEqual(['household.0.name']);
    const address = await worker.post('/api/clients', client({ address: '望岛路\u0007七十七号' }));
    expect(address.statusCode).toBe(400);
    expect(fieldsOf(address)).toEqual(['address']);
  });

  it('a NUL in an organisation name → 400; line breaks and tabs in text are not control characters to refuse', async () => {
    const org = { name: '星光\u0000社工', kind: 'social_org', creditCode: '91371000MA3C0AAA0X' };
    const res = await district.post('/api/organizations', org);
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toContain('name');
    const multiLine = await worker.post('/api/clients', client({ idNumber: idNumberBornOn('1950-02-11', 512), address: '望岛路\n七十七号\t2单元' }));
    expect(multiLine.statusCode).toBe(200);
  });

  it('a control character in a key, or anywhere in a write to a route without a text schema, is refused too', async () => {
    const key = await worker.post('/api/clients', { ...client(), 'x\u0000': 1 });
    expect(key.statusCode).toBe(400);
    expect(fieldsOf(key)).toEqual(['x?']);
  });

  it('an anonymous caller with a NUL still gets 401: the guard comes first', async () => {
    const res = await t.anon('GET', '/api/clients?q=%00');
    expect(res.statusCode).toBe(401);
  });

  it('an uploaded file name with control characters is stored without them', async () => {
    const orgManager = await t.login('demo-org');
    const own = (await orgManager.get('/api/organizations')).json().items[0];
    const up = multipartFile('证书\u0000\u0001.pdf', Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'), 'application/pdf');
    const res = await orgManager.request('POST', `/api/organizations/${own.id}/files`, up.payload, up.headers);
    expect(res.statusCode).toBe(200);
    expect(res.json().name).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('the log keeps no personal data of a failed query', () => {
  it('logs the failure without the parameters, the row or the query string', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ level: 'info', redact: LOG_REDACT }, sink);
    const app = await buildApp({ database: t.database, cipher: t.cipher, webDir: null, logger });
    await app.ready();
    // Every insert into clients fails in the database, as a disk or a constraint might.
    await t.database.db.execute(sql`ALTER TABLE clients ADD CONSTRAINT test_always_fails CHECK (false) NOT VALID`);
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-worker', password: DEMO_PASSWORD } });
      const s = sessionFrom(app, cookieOf(login), login.json<{ csrfToken: string }>().csrfToken);
      const res = await s.post('/api/clients', client());
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe('INTERNAL');
      await s.get(`/api/clients/duplicates?name=${encodeURIComponent('柳望舒')}&birthDate=1951-07-23`);
    } finally {
      await t.database.db.execute(sql`ALTER TABLE clients DROP CONSTRAINT test_always_fails`);
      await app.close();
    }
    const log = lines.join('');
    const failure = lines.find((l) => l.includes('unhandled error'));
    expect(failure).toBeDefined();
    expect(failure).toContain('test_always_fails');
    expect(failure).toContain('insert into');
    for (const secret of ['柳望舒', encodeURIComponent('柳望舒'), '望岛路', '1951-07-23', '13512340987'])
      expect(log, `log holds ${secret}`).not.toContain(secret);
  });
});
