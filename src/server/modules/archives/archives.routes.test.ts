import { ARCHIVE_MAX_ATTEMPTS } from '../../../shared/rules/archives';
import { randomUUID } from 'node:crypto';
import dayjs from 'dayjs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveJob } from '../../../shared/contracts/archives';
import { chinaToday } from '../../../shared/rules/china-date';
import { pino } from 'pino';
import { archiveJobs, auditLog, cases, contracts, files, serviceRecords, stationPlans, stations, users } from '../../db/schema';
import { type ActorScope, type Ctx, systemContext } from '../../platform/context';
import { idNumberBornOn, multipartFile } from '../../testing/factories';
import type { Session, TestApp } from '../../testing/test-app';
import * as repo from './archives.repo';
import { archivesFixture, book, finished, openZip, png, writes } from './archives.test-support';

let t: TestApp;
let district: Session;
let town: Session;
let org: Session;
let worker: Session;
let wendeng: Session;
let jingyuan = '';
let jobId = '';
let reportTitle = '';
let otherStationReport = '';
let clientId = '';
const clientIdNumber = idNumberBornOn('1948-03-03', 701);

const today = chinaToday();
const year = Number(today.slice(0, 4));
const lastMonth = dayjs(today).subtract(1, 'month').format('YYYY-MM');

type Json = Record<string, unknown>;
async function made(res: Promise<{ statusCode: number; body: string; json(): unknown }>): Promise<Json> {
  const r = await res;
  if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body}`);
  return r.json() as Json;
}
async function upload(s: Session, url: string, name = '材料.png'): Promise<void> {
  const body = multipartFile(name, png, 'image/png');
  const res = await s.request('POST', url, body.payload, body.headers);
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
}

async function sheetText(book: ExcelJS.Workbook): Promise<string> {
  const lines: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((row) => lines.push((row.values as unknown[]).map((v) => String(v ?? '')).join('|'))));
  return lines.join('\n');
}

beforeAll(async () => {
  ({ t, district, town, org, worker, wendeng, jingyuan } = await archivesFixture('wendeng.archives'));
  const db = t.database.db;

  // A fixture year at 鲸园: a client with a case closed this year and a record with a photo, the
  // contractor's monthly briefing, a volunteer certificate and a contract file.
  const village = ((await worker.get('/api/regions?level=village&parentCode=371002002')).json() as Json[])[0]?.code;
  clientId = String((await made(worker.post('/api/clients', { name: '归档对象', idNumber: clientIdNumber, villageCode: village, targetGroups: ['left_behind_elderly'] }))).id);
  const caseId = String((await made(worker.post('/api/cases', { clientId, intakeNote: '归档个案' }))).id);
  const record = String((await made(worker.post('/api/service-records', { date: today, durationMinutes: 40, method: 'case', itemCode: 'EL02', clientIds: [clientId], notes: '入户' }))).id);
  await upload(worker, `/api/service-records/${record}/attachments`, '入户照片.png');
  await db.update(serviceRecords).set({ caseId }).where(eq(serviceRecords.id, record));
  await db.update(cases).set({ stage: 'closed', closedOn: today }).where(eq(cases.id, caseId));

  const report = await made(org.post('/api/reports', { kind: 'monthly', month: lastMonth, stationId: jingyuan }));
  reportTitle = String(report.title);
  const edited = await made(org.patch(`/api/reports/${String(report.id)}`, { version: report.version, sections: { highlights: '开展“暖心敲门”行动。', problems: '无', nextPlan: '继续' } }));
  await made(org.post(`/api/reports/${String(report.id)}/submit`, { version: edited.version }));
  // Another station of the same contract: its briefing is not 鲸园's record.
  const [zd] = await db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, '371002003'));
  const other = await made(org.post('/api/reports', { kind: 'monthly', month: lastMonth, stationId: zd?.id }));
  otherStationReport = String(other.title);
  await made(org.post(`/api/reports/${String(other.id)}/submit`, { version: other.version }));

  const team = String((await made(worker.post('/api/volunteer-teams', { kind: 'volunteer_team', name: '鲸园志愿服务队', incubatedOn: today }))).id);
  const volunteer = String((await made(worker.post('/api/volunteers', { name: '归档志愿者', idNumber: idNumberBornOn('1994-04-04', 951), teamId: team, consentOn: today, consentScope: '登记和记录志愿服务' }))).id);
  await made(worker.post(`/api/volunteers/${volunteer}/records`, { date: today, startTime: '07:00', endTime: '08:00', minutes: 60, content: '陪伴老人' }));
  await made(worker.post(`/api/volunteers/${volunteer}/certificates`, { periodFrom: today, periodTo: today }));

  const [k] = await db.select({ id: contracts.id }).from(contracts).where(and(eq(contracts.countyCode, '371002'), eq(contracts.status, 'performing')));
  await upload(district, `/api/contracts/${k?.id ?? ''}/files`, '合同扫描件.png');
  // 鲸园's 一站一策 of the year, approved; another station's is not 鲸园's.
  const [contractor] = await db.select({ orgId: contracts.contractorOrgId, scope: stations.scopePath }).from(contracts).innerJoin(stations, eq(stations.id, jingyuan)).where(eq(contracts.id, k?.id ?? ''));
  await db.insert(stationPlans).values({
    stationId: jingyuan, scopePath: contractor?.scope ?? '', year, contractId: k?.id ?? '', orgId: contractor?.orgId ?? '', firstMonth: 4, lastMonth: 12,
    status: 'approved', itemCodes: ['EL02'], duties: '鲸园站职责', targetRecords: 100, approvedAt: new Date(),
  });
}, 120_000);
afterAll(() => t.close());

describe('a station-year archive', () => {
  it('is refused without login, without the permission, and for bad input with the field named', async () => {
    expect((await t.anon('GET', '/api/archives')).statusCode).toBe(401);
    expect((await worker.get('/api/archives')).statusCode).toBe(403);
    expect((await worker.post('/api/archives', { stationId: jingyuan, year })).statusCode).toBe(403);
    const bad = await district.post('/api/archives', { stationId: jingyuan, year: 1999 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['year']);
    const future = await district.post('/api/archives', { stationId: jingyuan, year: year + 1 });
    expect(future.statusCode).toBe(400);
  });

  it('is built by a job with progress, and the zip holds the index and every folder of the year', async () => {
    const res = await district.post('/api/archives', { stationId: jingyuan, year });
    expect(res.statusCode).toBe(200);
    const queued = res.json() as ArchiveJob;
    jobId = queued.id;
    expect(queued).toMatchObject({ stationId: jingyuan, year, title: `环翠区鲸园街道社会工作服务站${year}年度资料归档` });
    // Asking again while it is built joins the same job.
    const again = (await district.post('/api/archives', { stationId: jingyuan, year })).json() as ArchiveJob;
    if (again.status !== 'done') expect(again.id).toBe(jobId);

    const job = await finished(district, jobId);
    expect(job.status).toBe('done');
    expect(job.progressDone).toBe(job.progressTotal);
    expect(job.progressTotal).toBeGreaterThan(5);
    expect(job.sha256).toMatch(/^[0-9a-f]{64}$/);

    const dl = await district.get(`/api/archives/${jobId}/download`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/zip');
    expect(String(dl.headers['content-disposition'])).toContain('attachment');
    expect(dl.rawPayload.length).toBe(job.size);
    const { zip, names } = await openZip(dl.rawPayload);
    expect(names).toContain('index.xlsx');
    expect(names.filter((n) => n.startsWith('01-工作报告/') && n.endsWith('.docx'))).toEqual([`01-工作报告/${reportTitle}.docx`]);
    expect(names).not.toContain(`01-工作报告/${otherStationReport}.docx`);
    expect(names).toContain(`05-结案个案/${year}年结案个案一览.xlsx`);
    expect(names).toContain('05-结案个案/服务记录附件/入户照片.png');
    expect(names).toContain(`06-服务台账汇总/${year}年服务台账汇总.xlsx`);
    expect(names).toContain(`02-年度计划/${year}年一站一策服务计划.xlsx`);
    expect(names.some((n) => /^03-合同与付款\/HCMZ-\d{4}-SGZ-01\/合同文件\/合同扫描件\.png$/.test(n))).toBe(true);
    expect(names.some((n) => /^03-合同与付款\/HCMZ-\d{4}-SGZ-01\/合同要素\.xlsx$/.test(n))).toBe(true);
    expect(names.some((n) => /^07-志愿服务记录证明\/志愿服务记录证明.+（副本）\.docx$/.test(n))).toBe(true);
    expect(job.fileCount).toBe(names.length);

    // The index lists every other file with its kind, source and retention period.
    const index = await book(zip, 'index.xlsx');
    const sheet = index.getWorksheet('归档目录');
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['序号', '文件夹', '文件名', '类别', '来源记录', '日期', '保管期限', '保管至（年底）', '依据']);
    const listed: string[][] = [];
    sheet?.eachRow((row, n) => {
      const v = (row.values as unknown[]).slice(1).map((x) => String(x ?? ''));
      if (n > 1 && /^\d+$/.test(v[0] ?? '')) listed.push(v);
    });
    expect(listed.map((v) => `${v[1]}/${v[2]}`).sort()).toEqual(names.filter((n) => n !== 'index.xlsx').sort());
    const contractLine = listed.find((v) => v[2] === '合同要素.xlsx');
    expect(contractLine?.[6]).toBe('30年（自合同终止起）');
    const reportLine = listed.find((v) => v[2] === `${reportTitle}.docx`);
    expect(reportLine?.[6]).toBe('10年（自报告期末起）');
    const caseLine = listed.find((v) => v[2] === `${year}年结案个案一览.xlsx`);
    expect(caseLine).toMatchObject({ 3: '结案个案', 6: '10年（自结案起）', 7: String(year + 10) });

    // Case list: masked ID numbers as lists show them, never the full number.
    const caseBook = await book(zip, `05-结案个案/${year}年结案个案一览.xlsx`);
    const caseText = await sheetText(caseBook);
    expect(caseText).toContain('归档对象');
    expect(caseText).toContain(`${clientIdNumber.slice(0, 4)}**********${clientIdNumber.slice(-4)}`);
    expect(caseText).not.toContain(clientIdNumber);

    // The records summary counts this station's year by month and domain.
    const summary = await book(zip, `06-服务台账汇总/${year}年服务台账汇总.xlsx`);
    const [own] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(serviceRecords)
      .where(and(eq(serviceRecords.stationId, jingyuan), sql`extract(year from ${serviceRecords.date}) = ${year}`));
    let counted = 0;
    summary.getWorksheet('按服务领域')?.eachRow((row, n) => {
      const v = row.values as unknown[];
      if (n > 1 && String(v[1] ?? '').endsWith('月')) counted += Number(v[v.length - 2] ?? 0);
    });
    expect(counted).toBe(own?.n);
  });

  it('is read and downloaded by the town and by the organisation that served the year; another county gets 404', async () => {
    expect((await town.get(`/api/archives/${jobId}`)).statusCode).toBe(200);
    expect((await org.get(`/api/archives/${jobId}/download`)).statusCode).toBe(200);
    expect((await wendeng.get(`/api/archives/${jobId}`)).statusCode).toBe(404);
    expect((await wendeng.get(`/api/archives/${jobId}/download`)).statusCode).toBe(404);
    expect((await wendeng.get('/api/archives')).json().total).toBe(0);
    const before = await writes(t);
    expect((await wendeng.post('/api/archives', { stationId: jingyuan, year })).statusCode).toBe(404);
    // Refused means nothing written: no job, no request in the audit trail.
    expect(await writes(t)).toEqual(before);
    expect((await district.get('/api/archives')).json().items.map((j: ArchiveJob) => j.id)).toContain(jobId);
  });

  it('keeps the organisation to the years it served, whoever serves the station now', async () => {
    // The demo contractor serves 鲸园 from this year's contract only.
    const unwritten = await writes(t);
    const refused = await org.post('/api/archives', { stationId: jingyuan, year: year - 1 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toContain('R-ARCHIVE-SCOPE');
    expect(await writes(t)).toEqual(unwritten);
    const before = (await district.post('/api/archives', { stationId: jingyuan, year: year - 1 })).json() as ArchiveJob;
    expect((await org.get(`/api/archives/${before.id}`)).statusCode).toBe(404);
    expect((await org.get(`/api/archives/${before.id}/download`)).statusCode).toBe(404);
    expect((await org.get('/api/archives')).json().items.map((j: ArchiveJob) => j.id)).not.toContain(before.id);
    expect((await finished(district, before.id)).status).toBe('done');
  });

  it('audits the request and every download', async () => {
    const rows = await t.database.db
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'archive'), eq(auditLog.objectId, jobId), inArray(auditLog.action, ['archive.request', 'archive.download'])));
    const [d] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, 'demo-district'));
    const [o] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, 'demo-org'));
    expect(rows.filter((r) => r.action === 'archive.request').map((r) => r.actorId)).toEqual([d?.id]);
    expect(rows.filter((r) => r.action === 'archive.download').map((r) => r.actorId).sort()).toEqual([d?.id, o?.id].sort());
  });

  it('a job whose process went silent is taken over and finished; the old builder can no longer write', async () => {
    const db = t.database.db;
    const [s] = await db.select({ scopePath: stations.scopePath }).from(stations).where(eq(stations.id, jingyuan));
    const oldToken = randomUUID();
    const stale = new Date(Date.now() - 10 * 60_000);
    const [row] = await db
      .insert(archiveJobs)
      .values({
        stationId: jingyuan, scopePath: s?.scopePath ?? '', year, title: `环翠区鲸园街道社会工作服务站${year}年度资料归档`, status: 'running',
        claimToken: oldToken, attempts: 1, progressDone: 3, progressTotal: 10, startedAt: stale, heartbeatAt: stale,
      })
      .returning({ id: archiveJobs.id });
    const id = row?.id ?? '';
    // A poll by anyone in scope starts this process's builder, which claims the silent job.
    const job = await finished(town, id);
    expect(job.status).toBe('done');
    const [after] = await db.select({ attempts: archiveJobs.attempts, token: archiveJobs.claimToken }).from(archiveJobs).where(eq(archiveJobs.id, id));
    expect(after?.attempts).toBe(2);
    expect(after?.token).not.toBe(oldToken);
    expect(await repo.heartbeat(db, id, oldToken, { done: 9, total: 10 })).toBe(false);
    expect((await town.get(`/api/archives/${id}/download`)).statusCode).toBe(200);
  });

  it('a job being built by a live process is not taken from it', async () => {
    const db = t.database.db;
    const [s] = await db.select({ scopePath: stations.scopePath }).from(stations).where(eq(stations.id, jingyuan));
    const [row] = await db
      .insert(archiveJobs)
      .values({ stationId: jingyuan, scopePath: s?.scopePath ?? '', year: year - 2, title: '进行中', status: 'running', claimToken: randomUUID(), attempts: 1, startedAt: new Date(), heartbeatAt: new Date() })
      .returning({ id: archiveJobs.id });
    expect(await repo.claimJob(db, randomUUID())).toBeUndefined();
    const [after] = await db.select({ status: archiveJobs.status, attempts: archiveJobs.attempts }).from(archiveJobs).where(eq(archiveJobs.id, row?.id ?? ''));
    expect(after).toEqual({ status: 'running', attempts: 1 });
  });

  it('a job whose builder stopped ARCHIVE_MAX_ATTEMPTS times is failed with a reason, not taken again', async () => {
    const db = t.database.db;
    const [s] = await db.select({ scopePath: stations.scopePath }).from(stations).where(eq(stations.id, jingyuan));
    const stale = new Date(Date.now() - 10 * 60_000);
    const [row] = await db
      .insert(archiveJobs)
      .values({ stationId: jingyuan, scopePath: s?.scopePath ?? '', year: year - 3, title: '屡次中断', status: 'running', claimToken: randomUUID(), attempts: ARCHIVE_MAX_ATTEMPTS, startedAt: stale, heartbeatAt: stale })
      .returning({ id: archiveJobs.id });
    expect(await repo.claimJob(db, randomUUID())).toBeUndefined();
    const [after] = await db.select({ status: archiveJobs.status, attempts: archiveJobs.attempts, error: archiveJobs.error }).from(archiveJobs).where(eq(archiveJobs.id, row?.id ?? ''));
    expect(after).toMatchObject({ status: 'failed', attempts: ARCHIVE_MAX_ATTEMPTS });
    expect(after?.error).toContain('多次中断');
  });

  it('two builders claiming at once never take the same job (FOR UPDATE SKIP LOCKED)', async () => {
    const db = t.database.db;
    const [s] = await db.select({ scopePath: stations.scopePath }).from(stations).where(eq(stations.id, jingyuan));
    const made = await db
      .insert(archiveJobs)
      .values([year - 3, year - 4].map((y) => ({ stationId: jingyuan, scopePath: s?.scopePath ?? '', year: y, title: `${y}` })))
      .returning({ id: archiveJobs.id });
    const [a, b] = await Promise.all([repo.claimJob(db, randomUUID()), repo.claimJob(db, randomUUID())]);
    expect([a?.id, b?.id].sort()).toEqual(made.map((x) => x.id).sort());
    expect(await repo.claimJob(db, randomUUID())).toBeUndefined();
  });
});

describe('one open job and one kept zip per station-year', () => {
  const y = year - 5;
  const key = () => and(eq(archiveJobs.stationId, jingyuan), eq(archiveJobs.year, y));
  let built = '';

  it('the table refuses a second open job of a station-year or of a contract', async () => {
    const db = t.database.db;
    const [s] = await db.select({ scopePath: stations.scopePath }).from(stations).where(eq(stations.id, jingyuan));
    const [k] = await db.select({ id: contracts.id, scopePath: contracts.scopePath }).from(contracts).where(and(eq(contracts.countyCode, '371002'), eq(contracts.status, 'performing')));
    const open = { stationId: jingyuan, scopePath: s?.scopePath ?? '', year: y, title: '占位', status: 'failed' as const };
    const [first] = await db.insert(archiveJobs).values({ ...open, status: 'queued' }).returning({ id: archiveJobs.id });
    await expect(db.insert(archiveJobs).values({ ...open, status: 'running' })).rejects.toThrow();
    // Finished or failed jobs of the key are not open: any number of them.
    await db.insert(archiveJobs).values([open, open]);
    const contractJob = { contractId: k?.id ?? '', scopePath: k?.scopePath ?? '', title: '占位', status: 'failed' as const };
    const [c1] = await db.insert(archiveJobs).values({ ...contractJob, status: 'queued' }).returning({ id: archiveJobs.id });
    await expect(db.insert(archiveJobs).values({ ...contractJob, status: 'queued' })).rejects.toThrow();
    // Leave nothing open for the builder.
    await db.delete(archiveJobs).where(inArray(archiveJobs.id, [first?.id ?? '', c1?.id ?? '']));
  });

  it('requests at the same moment get the same job, queued once and audited once', async () => {
    const before = await writes(t);
    const answers = await Promise.all([district.post('/api/archives', { stationId: jingyuan, year: y }), district.post('/api/archives', { stationId: jingyuan, year: y }), town.post('/api/archives', { stationId: jingyuan, year: y })]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const ids = new Set(answers.map((r) => (r.json() as ArchiveJob).id));
    expect(ids.size).toBe(1);
    built = [...ids][0] ?? '';
    expect(await writes(t)).toEqual({ jobs: before.jobs + 1, requests: before.requests + 1 });
    expect((await finished(district, built)).status).toBe('done');
  });

  it('asking again the same day hands out the archive built today: no new job, no new zip', async () => {
    const before = await writes(t);
    const [zips] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(files).where(eq(files.ownerType, 'archive'));
    const again = (await town.post('/api/archives', { stationId: jingyuan, year: y })).json() as ArchiveJob;
    expect(again).toMatchObject({ id: built, status: 'done', superseded: false });
    expect((await writes(t)).jobs).toBe(before.jobs);
    const [after] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(files).where(eq(files.ownerType, 'archive'));
    expect(after?.n).toBe(zips?.n);
  });

  it('on a later day a new archive is built, and the earlier zip is dropped; its job and audit rows stay', async () => {
    const db = t.database.db;
    expect((await district.get(`/api/archives/${built}/download`)).statusCode).toBe(200);
    const zipCount = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(files).where(eq(files.ownerType, 'archive')))[0]?.n ?? -1;
    const zipsBefore = await zipCount();
    // The archive was built yesterday.
    await db.update(archiveJobs).set({ finishedAt: sql`now() - interval '1 day'` }).where(eq(archiveJobs.id, built));
    const fresh = (await district.post('/api/archives', { stationId: jingyuan, year: y })).json() as ArchiveJob;
    expect(fresh.id).not.toBe(built);
    expect((await finished(district, fresh.id)).status).toBe('done');

    const [old] = await db.select({ fileId: archiveJobs.fileId, status: archiveJobs.status }).from(archiveJobs).where(eq(archiveJobs.id, built));
    expect(old).toEqual({ fileId: null, status: 'done' });
    const kept = await db.select({ ownerId: files.ownerId }).from(files).where(and(eq(files.ownerType, 'archive'), inArray(files.ownerId, [built, fresh.id])));
    expect(kept.map((f) => f.ownerId)).toEqual([fresh.id]);
    expect((await district.get(`/api/archives/${built}`)).json()).toMatchObject({ status: 'done', superseded: true });
    const gone = await district.get(`/api/archives/${built}/download`);
    expect(gone.statusCode).toBe(409);
    expect(gone.json().error.message).toContain('已由之后生成的同一归档取代');
    expect((await district.get(`/api/archives/${fresh.id}/download`)).statusCode).toBe(200);
    const trail = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'archive'), eq(auditLog.objectId, built)));
    expect(trail.map((r) => r.action).sort()).toEqual(['archive.download', 'archive.request']);
    // One zip in, one out: other station-years' zips are not touched.
    expect(await zipCount()).toBe(zipsBefore);
    const [others] = await db.select({ n: sql<number>`count(*)::int` }).from(archiveJobs).where(and(key(), eq(archiveJobs.status, 'done')));
    expect(others?.n).toBe(2);
  });
});

describe('the scope over archive jobs', () => {
  interface Node { 'Node Type': string; 'Index Name'?: string; 'Relation Name'?: string; 'Index Cond'?: string; Filter?: string; Plans?: Node[] }
  /** The plan's nodes, with sequential scans priced out (a small test table would otherwise just be read whole). */
  async function planOf(ctx: Ctx): Promise<Node[]> {
    const q = t.database.db.select({ id: archiveJobs.id }).from(archiveJobs).where(repo.archiveScope(ctx)).getSQL();
    return t.database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      const res = (await tx.execute(sql`EXPLAIN (FORMAT JSON) ${q}`)) as unknown as { rows: { 'QUERY PLAN': unknown }[] };
      const raw = res.rows[0]?.['QUERY PLAN'];
      const root = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: Node }[];
      const nodes = (x: Node): Node[] => [x, ...(x.Plans ?? []).flatMap(nodes)];
      return root.flatMap((r) => nodes(r.Plan));
    });
  }
  /** archive_jobs is read through its indexes only, each with a condition (not a whole index walked with a filter per job). */
  function readByIndexes(plan: Node[]): string[] {
    const jobs = plan.filter((n) => n['Relation Name'] === 'archive_jobs' || n['Index Name']?.startsWith('archive_jobs_'));
    expect(jobs.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
    const scans = jobs.filter((n) => n['Index Name']);
    for (const n of scans) expect(n['Index Cond'], n['Index Name']).toBeTruthy();
    // One index scan per part of the OR.
    expect(plan.some((n) => n['Node Type'] === 'BitmapOr')).toBe(true);
    return scans.map((n) => n['Index Cond'] ?? '');
  }
  const actorWith = (scope: ActorScope): Ctx => ({
    ...systemContext(t.database.db, pino({ level: 'silent' }), t.cipher),
    system: false,
    actor: { id: randomUUID(), username: 'plan', displayName: 'plan', roles: [], permissions: new Set(), scope, sessionId: '', csrfToken: '', mustChangePassword: false },
  });

  it('reads station-year jobs and contract jobs each by an index, for a region and for an organisation', async () => {
    const db = t.database.db;
    const [k] = await db.select({ scopePath: contracts.scopePath, orgId: contracts.contractorOrgId }).from(contracts).where(and(eq(contracts.countyCode, '371002'), eq(contracts.status, 'performing')));
    const region = readByIndexes(await planOf(actorWith({ kind: 'county', path: k?.scopePath ?? '', orgId: null, stationId: null })));
    expect(region.some((c) => c.includes('contract_id = ANY'))).toBe(true);
    const org = readByIndexes(await planOf(actorWith({ kind: 'org', path: null, orgId: k?.orgId ?? '', stationId: null })));
    expect(org.some((c) => c.includes('station_id = ANY'))).toBe(true);
    expect(org.some((c) => c.includes('contract_id = ANY'))).toBe(true);
  });
});
