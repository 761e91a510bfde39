import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dayjs from 'dayjs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { organizations, reports, stations } from '../../db/schema';
import { DEMO_ORG_NAME } from '../../db/demo-data';
import { endDemoContracts, idNumberBornOn, multipartFile } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let city: Session;
let district: Session;
let town: Session;
let org: Session;
let worker: Session;
let wendeng: Session;
let jingyuan = '';
let contractId = '';
let reportId = '';
const clientIds: string[] = [];

const today = chinaToday();
const month = dayjs(today).subtract(1, 'month').format('YYYY-MM');
const start = `${month}-01`;
const end = dayjs(start).endOf('month').format('YYYY-MM-DD');
const day = (n: number) => dayjs(start).add(n - 1, 'day').format('YYYY-MM-DD');

interface Input { date: string; method: string; itemCode: string | null; otherItem?: string; domain?: string; durationMinutes: number; clients: number[]; homeVisit: boolean; volunteers: { name: string; hours: number }[] }
const RECORDS: Input[] = [
  { date: day(3), method: 'community', itemCode: 'SA01', durationMinutes: 60, clients: [0], homeVisit: true, volunteers: [{ name: '志愿者甲', hours: 2 }] },
  { date: day(10), method: 'case', itemCode: 'SA02', durationMinutes: 90, clients: [0, 1], homeVisit: true, volunteers: [] },
  { date: end, method: 'group', itemCode: null, otherItem: '手工小组', domain: 'elderly', durationMinutes: 45, clients: [1], homeVisit: false, volunteers: [{ name: '志愿者乙', hours: 1.5 }] },
  // The day before the month: not counted.
  { date: dayjs(start).subtract(1, 'day').format('YYYY-MM-DD'), method: 'community', itemCode: 'SA01', durationMinutes: 30, clients: [0], homeVisit: true, volunteers: [] },
];

const figure = (r: { figures: { key: string; value: number }[] }, key: string) => r.figures.find((f) => f.key === key)?.value;

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('demo-city');
  district = await t.login('demo-district');
  town = await t.login('demo-town');
  org = await t.login('demo-org');
  worker = await t.login('demo-worker');
  wendeng = await t.userWith('wendeng.reports', ['district_officer'], { kind: 'county', regionCode: '371003' });
  await endDemoContracts(district);
  const [st] = await t.database.db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, '371002002'));
  jingyuan = st?.id ?? '';
  const [o] = await t.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, DEMO_ORG_NAME));
  const startsOn = dayjs(start).subtract(1, 'month').format('YYYY-MM-DD');
  const created = await district.post('/api/contracts', {
    countyCode: '371002', title: '鲸园街道社工站服务合同', contractorOrgId: o?.id, stationIds: [jingyuan], content: '专业服务',
    startsOn, endsOn: dayjs(startsOn).add(1, 'year').subtract(1, 'day').format('YYYY-MM-DD'), quantity: '数量', quality: '质量',
    priceFen: 100, instalments: [{ label: '全款', dueOn: startsOn, amountFen: 100 }], rightsDuties: '权利义务', liability: '违约责任',
  });
  contractId = created.json().id;
  expect((await district.post(`/api/contracts/${contractId}/sign`, { version: created.json().version, signedOn: startsOn })).statusCode).toBe(200);
  const village = (await worker.get('/api/regions?level=village&parentCode=371002002')).json()[0].code;
  for (const [i, groupName] of [['dibao'], ['left_behind_elderly']].entries()) {
    const res = await worker.post('/api/clients', {
      name: `简报对象${i}`, idNumber: idNumberBornOn('1950-01-0' + (i + 1), 600 + i), villageCode: village, targetGroups: groupName,
    });
    expect(res.statusCode).toBe(200);
    clientIds.push(res.json().id);
  }
  for (const r of RECORDS) {
    const res = await worker.post('/api/service-records', {
      date: r.date, method: r.method, itemCode: r.itemCode, otherItem: r.otherItem ?? '', domain: r.domain ?? null,
      durationMinutes: r.durationMinutes, clientIds: r.clients.map((i) => clientIds[i]), homeVisit: r.homeVisit, volunteers: r.volunteers,
    });
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(() => t.close());

describe('a monthly briefing drafted from the records (R-REPORTS)', () => {
  it('counts the month’s records, and only those, figure by figure', async () => {
    const res = await org.post('/api/reports', { kind: 'monthly', month, stationId: jingyuan });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    reportId = r.id;
    expect(r).toMatchObject({ status: 'draft', frozen: false, periodStart: start, periodEnd: end, dueOn: dayjs(start).add(1, 'month').date(10).format('YYYY-MM-DD') });
    // Counted here independently from the inputs.
    const inMonth = RECORDS.filter((x) => x.date >= start && x.date <= end);
    expect(figure(r, 'records.total')).toBe(inMonth.length);
    expect(figure(r, 'records.visits')).toBe(inMonth.filter((x) => x.homeVisit).length);
    expect(figure(r, 'records.hours')).toBe(Math.round((inMonth.reduce((s, x) => s + x.durationMinutes, 0) / 60) * 10) / 10);
    expect(figure(r, 'clients.served')).toBe(new Set(inMonth.flatMap((x) => x.clients)).size);
    for (const m of ['case', 'group', 'community']) expect(figure(r, `records.method.${m}`)).toBe(inMonth.filter((x) => x.method === m).length);
    expect(figure(r, 'records.item.SA01')).toBe(inMonth.filter((x) => x.itemCode === 'SA01').length);
    expect(figure(r, 'volunteers.records')).toBe(inMonth.reduce((s, x) => s + x.volunteers.reduce((h, v) => h + v.hours, 0), 0));
    expect(figure(r, 'clients.group.dibao')).toBe(1);
    // The briefing is the contractor's: a second one for the month is refused.
    expect((await org.post('/api/reports', { kind: 'monthly', month, stationId: jingyuan })).statusCode).toBe(409);
    expect((await district.post('/api/reports', { kind: 'monthly', month, stationId: jingyuan })).statusCode).toBe(403);
  });

  it('each figure drills down to the records it counts', async () => {
    const res = await district.get(`/api/reports/${reportId}/figures/records.visits`);
    expect(res.statusCode).toBe(200);
    const { figure: f, rows } = res.json();
    expect(rows).toHaveLength(f.value);
    expect(rows.every((row: { date: string }) => row.date >= start && row.date <= end)).toBe(true);
    expect(rows[0].title).toContain('入户走访');
    expect((await district.get(`/api/reports/${reportId}/figures/no.such`)).statusCode).toBe(404);
  });

  it('the contractor writes its sections and submits; the figures freeze; later records show as changes, not in the report', async () => {
    const draft = (await org.get(`/api/reports/${reportId}`)).json();
    const edited = await org.patch(`/api/reports/${reportId}`, {
      version: draft.version, sections: { highlights: '开展“暖心敲门”行动。', problems: '社工人数不足。', nextPlan: '再招聘1名社工。' },
    });
    expect(edited.statusCode).toBe(200);
    const submitted = await org.post(`/api/reports/${reportId}/submit`, { version: edited.json().version });
    // Last month's briefing is due on the 10th of this month.
    expect(submitted.json()).toMatchObject({ status: 'submitted', frozen: true, timeliness: today <= submitted.json().dueOn ? 'on_time' : 'late' });
    const frozenTotal = figure(submitted.json(), 'records.total');
    // A record added afterwards for the same month.
    const added = await worker.post('/api/service-records', { date: day(5), method: 'community', itemCode: 'SA01', durationMinutes: 20, clientIds: [clientIds[0]] });
    expect(added.statusCode, added.body).toBe(200);
    const later = (await district.get(`/api/reports/${reportId}`)).json();
    expect(figure(later, 'records.total')).toBe(frozenTotal);
    expect(later.changedSince).toContainEqual({ key: 'records.total', label: '服务记录', frozen: frozenTotal, live: (frozenTotal ?? 0) + 1 });
    // Frozen drill-down still lists what was counted.
    expect((await district.get(`/api/reports/${reportId}/figures/records.total`)).json().rows).toHaveLength(frozenTotal ?? -1);
    expect((await org.patch(`/api/reports/${reportId}`, { version: later.version, sections: { highlights: 'x', problems: '', nextPlan: '' } })).statusCode).toBe(409);
  });

  it('the district returns it with comments, the contractor resubmits, the district accepts; the town reads it', async () => {
    const cur = (await district.get(`/api/reports/${reportId}`)).json();
    expect((await org.post(`/api/reports/${reportId}/review`, { version: cur.version, decision: 'accepted' })).statusCode).toBe(403);
    expect((await wendeng.post(`/api/reports/${reportId}/review`, { version: cur.version, decision: 'accepted' })).statusCode).toBe(404);
    const returned = await district.post(`/api/reports/${reportId}/review`, { version: cur.version, decision: 'returned', comment: '请补充志愿服务情况' });
    expect(returned.json()).toMatchObject({ status: 'returned', lastComment: '请补充志愿服务情况', frozen: false });
    const edited = await org.patch(`/api/reports/${reportId}`, {
      version: returned.json().version, sections: { highlights: '开展“暖心敲门”行动，志愿者参与3.5小时。', problems: '社工人数不足。', nextPlan: '再招聘1名社工。' },
    });
    const again = await org.post(`/api/reports/${reportId}/submit`, { version: edited.json().version });
    // Resubmission recounts: the record added meanwhile is now in.
    expect(figure(again.json(), 'records.total')).toBe(RECORDS.filter((x) => x.date >= start && x.date <= end).length + 1);
    const accepted = await district.post(`/api/reports/${reportId}/review`, { version: again.json().version, decision: 'accepted' });
    expect(accepted.json().status).toBe('accepted');
    expect(accepted.json().history.map((h: { event: string }) => h.event)).toEqual(['从业务记录生成草稿', '提交', '退回', '提交', '接收']);
    expect((await town.get(`/api/reports/${reportId}`)).statusCode).toBe(200);
    expect((await wendeng.get(`/api/reports/${reportId}`)).statusCode).toBe(404);
    expect((await org.get('/api/reports?kind=monthly')).json().items.map((i: { id: string }) => i.id)).toContain(reportId);
  });

  it('lateness: submitted by 23:59 on the due day (China time) is on time, at 00:00 the next day late', async () => {
    const [row] = await t.database.db.select().from(reports).where(eq(reports.id, reportId));
    const due = row?.dueOn ?? '';
    const utcOf = (d: string, hhmmss: string) => new Date(dayjs(`${d}T${hhmmss}+08:00`).toISOString());
    await t.database.db.update(reports).set({ firstSubmittedAt: utcOf(due, '23:59:59') }).where(eq(reports.id, reportId));
    expect((await district.get(`/api/reports/${reportId}`)).json().timeliness).toBe('on_time');
    await t.database.db.update(reports).set({ firstSubmittedAt: utcOf(dayjs(due).add(1, 'day').format('YYYY-MM-DD'), '00:00:00') }).where(eq(reports.id, reportId));
    expect((await district.get(`/api/reports/${reportId}`)).json().timeliness).toBe('late');
    expect((await district.get('/api/reports?late=true')).json().items.map((i: { id: string }) => i.id)).toContain(reportId);
  });
});

describe('exports', () => {
  it('a .docx in the official layout that opens, with the title and the figures', async () => {
    const res = await district.get(`/api/reports/${reportId}/docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const title = (await district.get(`/api/reports/${reportId}`)).json().title;
    expect(xml).toContain(title);
    expect(xml).toContain('方正小标宋简体');
    expect(xml).toContain('仿宋_GB2312');
    // A4 and the GB/T 9704 margins (37 mm top, 28 mm left, in twips).
    expect(xml).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar[^>]*w:top="2098"/);
    expect(xml).toMatch(/<w:pgMar[^>]*w:left="1587"/);
    expect(xml).toContain(`记录服务${RECORDS.filter((x) => x.date >= start && x.date <= end).length + 1}次`);
    expect(xml).toContain('开展“暖心敲门”行动');
  });

  const soffice = ['soffice', 'libreoffice'].find((cmd) => {
    try {
      execFileSync('which', [cmd], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  it.skipIf(!soffice)('LibreOffice converts it to a PDF of one or more pages', async () => {
    const res = await district.get(`/api/reports/${reportId}/docx`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-docx-'));
    fs.writeFileSync(path.join(dir, 'r.docx'), res.rawPayload);
    execFileSync(soffice ?? 'soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'r.docx')], { timeout: 120_000 });
    const pdf = fs.readFileSync(path.join(dir, 'r.pdf'), 'latin1');
    const pages = pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(1);
  });

  it('the tables as .xlsx', async () => {
    const res = await district.get(`/api/reports/${reportId}/xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: [string, number][] = [];
    book.getWorksheet('服务数据')?.eachRow((row, n) => {
      if (n > 1) rows.push([String(row.getCell(2).value), Number(row.getCell(3).value)]);
    });
    expect(rows).toContainEqual(['入户走访', RECORDS.filter((x) => x.date >= start && x.date <= end && x.homeVisit).length]);
  });
});

describe('mid-term and final reports, the district’s annual report', () => {
  it('a mid-term report needs the needs survey and the service plan attached (R-START-WORK)', async () => {
    const res = await org.post('/api/reports', { kind: 'midterm', contractId });
    expect(res.statusCode).toBe(200);
    expect(res.json().missing).toEqual(['需求调研报告', '服务计划']);
    const refused = await org.post(`/api/reports/${res.json().id}/submit`, { version: res.json().version });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.rule.id).toBe('R-START-WORK');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    for (const kind of ['needs_survey', 'service_plan']) {
      const f = multipartFile(`${kind}.pdf`, pdf, 'application/pdf');
      expect((await org.request('POST', `/api/reports/${res.json().id}/files?kind=${kind}`, f.payload, f.headers)).statusCode).toBe(200);
    }
    const fresh = (await org.get(`/api/reports/${res.json().id}`)).json();
    expect(fresh.missing).toEqual([]);
    expect((await org.post(`/api/reports/${res.json().id}/submit`, { version: fresh.version })).json().status).toBe('submitted');
  });

  it('the district drafts its annual report, due 30 November (R-DISTRICT-REPORT); only the city accepts it', async () => {
    const year = Number(today.slice(0, 4));
    const res = await district.post('/api/reports', { kind: 'district_annual', countyCode: '371002', year });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dueOn: `${year}-11-30`, title: `环翠区${year}年度社工站项目实施情况报告` });
    expect(figure(res.json(), 'records.total')).toBeGreaterThanOrEqual(RECORDS.filter((x) => x.date.startsWith(String(year))).length);
    expect((await org.post('/api/reports', { kind: 'district_annual', countyCode: '371002', year })).statusCode).toBe(403);
    const sub = await district.post(`/api/reports/${res.json().id}/submit`, { version: res.json().version });
    expect((await district.post(`/api/reports/${res.json().id}/review`, { version: sub.json().version, decision: 'accepted' })).statusCode).toBe(403);
    expect((await city.post(`/api/reports/${res.json().id}/review`, { version: sub.json().version, decision: 'accepted' })).json().status).toBe('accepted');
    // Paged in the database: one row a page, the total counts them all.
    const all = (await district.get('/api/reports?pageSize=200')).json();
    const page2 = (await district.get('/api/reports?pageSize=1&page=2')).json();
    expect(all.total).toBe(3);
    expect(page2).toMatchObject({ total: 3, page: 2 });
    expect(page2.items).toEqual([all.items[1]]);
  });
});

describe('R-FOUR-EYES on reports', () => {
  it('an officer who submitted the district’s report and then moved to the city cannot accept it; a colleague can', async () => {
    const mover = await t.userWith('mover.officer', ['district_officer'], { kind: 'county', regionCode: '371083' });
    const year = Number(today.slice(0, 4));
    const draft = (await mover.post('/api/reports', { kind: 'district_annual', countyCode: '371083', year })).json();
    const submitted = (await mover.post(`/api/reports/${draft.id}/submit`, { version: draft.version })).json();
    expect(submitted.status).toBe('submitted');
    const admin = await t.login('demo-sysadmin');
    const user = (await admin.get('/api/users?q=mover.officer')).json().items[0];
    const moved = await admin.patch(`/api/users/${user.id}`, { version: user.version, displayName: user.displayName, roles: ['city_officer'], scope: { kind: 'city', regionCode: '371000' } });
    expect(moved.statusCode).toBe(200);
    const nowCity = await t.login('mover.officer', 'Own#Pass2026');
    const self = await nowCity.post(`/api/reports/${draft.id}/review`, { version: submitted.version, decision: 'accepted' });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.details.rule.id).toBe('R-FOUR-EYES');
    expect((await city.post(`/api/reports/${draft.id}/review`, { version: submitted.version, decision: 'accepted' })).json().status).toBe('accepted');
  });
});
