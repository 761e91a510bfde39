import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, postings, socialWorkers, workerCertificates } from '../../db/schema';
import { fillWorkbook, idNumberBornOn, multipartFile, XLSX_MIME } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let district: Session;

beforeAll(async () => {
  t = await createTestApp();
  district = await t.login('demo-district');
});
afterAll(() => t.close());

describe('bulk import of workers in batches', () => {
  it('names every written row (sheet, row, worker id) in the batch’s audit entry and reports the bad rows as before', async () => {
    const a = idNumberBornOn('1993-03-03', 611);
    const b = idNumberBornOn('1995-05-05', 613);
    const template = (await district.get('/api/social-workers/import/template')).rawPayload;
    const file = await fillWorkbook(template, {
      社工信息: [
        ['吴一', a, '13800002222', '本科', '社会工作', '', '', ''],
        ['错号', '110105194912310021', '', '本科', '社会工作', '', '', ''],
        ['吴二', b, '', '大专', '社会工作', '', '', ''],
      ],
      证书: [[a, '助理社会工作师', 'ZS-611', '2018-06-30'], [a, '助理社会工作师', 'ZS-611', '2018-06-30']],
      上岗: [[a, '鲸园街道', '2025-03-01', '政府购买服务']],
    });
    const body = multipartFile('社工.xlsx', file, XLSX_MIME);
    const res = await district.request('POST', '/api/social-workers/import?mode=valid-only', body.payload, body.headers);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ written: true, rows: 6, invalidRows: 1, createdWorkers: 2, createdPostings: 1 });
    expect(report.issues.map((i: { sheet: string; row: number; column: string }) => `${i.sheet}:${i.row}:${i.column}`)).toEqual(['社工信息:3:身份证号']);

    const entries = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'worker.import'));
    expect(entries).toHaveLength(1);
    const named = (entries[0]?.after as { rows: { sheet: string; row: number; workerId: string }[] }).rows;
    expect(named.map((n) => `${n.sheet}:${n.row}`).sort()).toEqual(['上岗:2', '社工信息:2', '社工信息:4', '证书:2', '证书:3'].sort());
    const people = await t.database.db.select({ id: socialWorkers.id, name: socialWorkers.name }).from(socialWorkers)
      .where(inArray(socialWorkers.id, [...new Set(named.map((n) => n.workerId))]));
    expect(people.map((p) => p.name).sort()).toEqual(['吴一', '吴二']);
    const wuYi = people.find((p) => p.name === '吴一')?.id ?? '';
    // The certificate given twice is on record once; the posting is written and the worker moved to the station.
    expect(await t.database.db.select().from(workerCertificates).where(eq(workerCertificates.workerId, wuYi))).toHaveLength(1);
    expect(await t.database.db.select().from(postings).where(and(eq(postings.workerId, wuYi)))).toHaveLength(1);
    expect(JSON.stringify(entries[0])).not.toContain(a);
  });

  it('refuses another county unit’s contractor as employer, naming the row; nothing written', async () => {
    const wendeng = (await district.get(`/api/organizations?q=${encodeURIComponent('同心')}`)).json().items[0];
    const template = (await district.get('/api/social-workers/import/template')).rawPayload;
    const c = idNumberBornOn('1994-04-04', 617);
    const file = await fillWorkbook(template, { 社工信息: [['吴三', c, '', '本科', '社会工作', '', '', wendeng.creditCode]] });
    const body = multipartFile('社工.xlsx', file, XLSX_MIME);
    const res = await district.request('POST', '/api/social-workers/import', body.payload, body.headers);
    expect(res.json()).toMatchObject({ written: false, invalidRows: 1 });
    expect(res.json().issues[0]).toMatchObject({ sheet: '社工信息', row: 2, column: '所属机构统一社会信用代码', message: '只能填写本区市登记或正在本区市承接社工站的机构' });
    expect(await t.database.db.select().from(socialWorkers).where(eq(socialWorkers.name, '吴三'))).toHaveLength(0);
  });
});
