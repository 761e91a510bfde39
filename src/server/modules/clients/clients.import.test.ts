import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, clients } from '../../db/schema';
import { fillWorkbook, idNumberBornOn, multipartFile, XLSX_MIME } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { IMPORT_BATCH } from './clients.import';

let t: TestApp;
let worker: Session;

beforeAll(async () => {
  t = await createTestApp();
  worker = await t.login('demo-worker');
});
afterAll(() => t.close());

interface NamedRow { row: number; id: string; name: string; idNumberTail: string }

describe('bulk import of clients in batches', () => {
  it('writes one audit entry per batch naming every row and its new id, and gives the same row report for a mixed file', async () => {
    const villageName = (await worker.get('/api/regions?level=village&parentCode=371002002')).json()[1].name as string;
    const template = (await worker.get('/api/clients/import/template')).rawPayload;
    const valid = IMPORT_BATCH + 3;
    const rows: string[][] = [];
    for (let i = 0; i < valid; i++) {
      rows.push([`批量${i}`, idNumberBornOn('1955-05-05', i), '', villageName, '', '低保', '', '', '', '', '']);
      // Bad rows in between: the report names each by row and column, as before.
      if (i === 10) rows.push(['错号甲', '110105194912310021', '', villageName, '', '低保', '', '', '', '', '']);
      if (i === 20) rows.push(['错村乙', idNumberBornOn('1950-05-05', 999), '', '不存在的村', '', '低保', '很高', '', '', '', '']);
    }
    const file = await fillWorkbook(template, { 服务对象: rows });
    const body = multipartFile('对象.xlsx', file, XLSX_MIME);
    const before = await t.database.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, 'client.import'));

    const res = await worker.request('POST', '/api/clients/import?mode=valid-only', body.payload, body.headers);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ written: true, rows: valid + 2, validRows: valid, invalidRows: 2, created: valid });
    const issues = report.issues.map((i: { row: number; column: string }) => `${i.row}:${i.column}`);
    // Sheet rows: header is 1, row i is 2 + i, shifted by the bad rows before it.
    expect(issues).toEqual(['13:身份证号', '24:风险等级', '24:村（社区）']);

    const entries = (await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'client.import')))
      .filter((e) => !before.some((b) => b.id === e.id));
    expect(entries).toHaveLength(Math.ceil(valid / IMPORT_BATCH));
    const named = entries.flatMap((e) => (e.after as { rows: NamedRow[] }).rows);
    expect(named).toHaveLength(valid);
    const expectedRows = rows.map((r, i) => ({ name: r[0], row: i + 2 })).filter((r) => r.name?.startsWith('批量')).map((r) => r.row);
    expect(named.map((n) => n.row).sort((x, y) => x - y)).toEqual(expectedRows);
    const written = await t.database.db.select({ id: clients.id, name: clients.name }).from(clients)
      .where(and(inArray(clients.id, named.map((n) => n.id))));
    expect(written).toHaveLength(valid);
    for (const n of named) expect(written.find((w) => w.id === n.id)?.name).toBe(n.name);
    // Per-row audit entries are gone: the batch entries name the rows instead.
    const perRow = await t.database.db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.action, 'client.create'), inArray(auditLog.objectId, named.map((n) => n.id))));
    expect(perRow).toHaveLength(0);
    expect(JSON.stringify(entries.map((e) => e.after))).not.toMatch(/110105|3710021940/);
  });
});
