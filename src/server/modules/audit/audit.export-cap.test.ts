import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_EXPORT_CAP } from '../../../shared/contracts/audit';
import { COUNT_CAP } from '../../platform/capped-count';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let auditor: Session;
beforeAll(async () => {
  t = await createTestApp();
  auditor = await t.login('demo-auditor');
  // A long log, written straight into the table (the chain is not what this file checks).
  await t.database.db.execute(sql`
    INSERT INTO audit_log (at, actor_name, ip, action, object_type, object_id, result, detail, prev_hash, hash, chain)
    SELECT now() - make_interval(secs => g), 'bulk-user', '10.0.0.1', 'station.export', 'station', '', 'ok', '批量', '0', '0', 2
    FROM generate_series(1, ${AUDIT_EXPORT_CAP + 5}) AS g`);
}, 300_000);
afterAll(() => t.close());

describe('audit export cap', () => {
  it('stops at the cap and says so, in the file and in the answer', async () => {
    const res = await auditor.get('/api/audit/export?actor=bulk-user');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-export-capped']).toBe('true');
    expect(res.headers['x-export-total']).toBe(String(AUDIT_EXPORT_CAP + 5));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const note = String(sheet?.getRow(1).getCell(1).value);
    expect(note).toContain(`符合条件 ${AUDIT_EXPORT_CAP + 5} 条，导出 ${AUDIT_EXPORT_CAP} 条`);
    expect(note).toContain('超过导出上限');
    expect(sheet?.rowCount).toBe(AUDIT_EXPORT_CAP + 2);
    const audited = (await auditor.get('/api/audit?action=audit.export')).json<{ items: { detail: string }[] }>().items;
    expect(audited[0]?.detail).toContain('已达上限');
  }, 300_000);
});

describe('the audit list of a long log', () => {
  it(`counts at most ${COUNT_CAP} rows (and says so) unless the page reaches further; the last page is exact`, async () => {
    const first = (await auditor.get('/api/audit?actor=bulk-user&pageSize=50')).json();
    expect(first).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(first.items).toHaveLength(50);
    const far = (await auditor.get(`/api/audit?actor=bulk-user&pageSize=200&page=${Math.ceil((COUNT_CAP + 1) / 200)}`)).json();
    expect(far.totalCapped).toBe(true);
    const last = Math.ceil((AUDIT_EXPORT_CAP + 5) / 200);
    expect((await auditor.get(`/api/audit?actor=bulk-user&pageSize=200&page=${last}`)).json()).toMatchObject({ total: AUDIT_EXPORT_CAP + 5, totalCapped: false });
  });
});
