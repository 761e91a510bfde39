import dayjs from 'dayjs';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveJob } from '../../../shared/contracts/archives';
import { chinaToday } from '../../../shared/rules/china-date';
import { auditLog, contractPayments, contracts, contractStations, evaluations, files, serviceRecords, stations, users } from '../../db/schema';
import { systemContext } from '../../platform/context';
import { idNumberBornOn, multipartFile } from '../../testing/factories';
import type { Session, TestApp } from '../../testing/test-app';
import { evaluationItems } from './archive-contents';
import { archivesFixture, book, finished, openZip, png, writes } from './archives.test-support';

// 资料归档 by contract: the contract's own folder and its stations' years within its term.

let t: TestApp;
let district: Session;
let town: Session;
let org: Session;
let worker: Session;
let wendeng: Session;
let contractId = '';
let contractNumber = '';
let otherOrgContract = '';
let jingyuan = '';
let jobId = '';
const reportTitles: string[] = [];
let inTerm = 0;
let allYear = 0;
const today = chinaToday();
// The test ends the term with the month before last: a briefing and a record fall in it, and last
// month's after it (so, like the station-year test, it needs the contract to have begun two months ago).
const inMonth = dayjs(today).subtract(2, 'month').format('YYYY-MM');
const outMonth = dayjs(today).subtract(1, 'month').format('YYYY-MM');
const termEnd = dayjs(inMonth).endOf('month').format('YYYY-MM-DD');
const year = Number(termEnd.slice(0, 4));
beforeAll(async () => {
  ({ t, district, town, org, worker, wendeng, jingyuan } = await archivesFixture('wendeng.contract-archives'));
  const db = t.database.db;
  const [me] = await db.select({ orgId: users.orgId }).from(users).where(eq(users.username, 'demo-org'));
  const [k] = await db
    .select({ id: contracts.id, number: contracts.number })
    .from(contracts)
    .innerJoin(contractStations, eq(contractStations.contractId, contracts.id))
    .where(and(eq(contracts.contractorOrgId, me?.orgId ?? ''), eq(contracts.status, 'performing'), eq(contractStations.stationId, jingyuan)));
  contractId = k?.id ?? '';
  contractNumber = k?.number ?? '';
  const [other] = await db.select({ id: contracts.id }).from(contracts).where(and(ne(contracts.contractorOrgId, me?.orgId ?? ''), ne(contracts.status, 'draft')));
  otherOrgContract = other?.id ?? '';

  // The term begins last July, before the briefings are written: in January the month before last
  // lies in last year, and the demo contract begins this year.
  await db.update(contracts).set({ startsOn: `${year - 1}-07-01` }).where(eq(contracts.id, contractId));
  // 鲸园's briefings of the month before last (in the term) and of last month (after it).
  for (const month of [inMonth, outMonth]) {
    const r = await org.post('/api/reports', { kind: 'monthly', month, stationId: jingyuan });
    if (r.statusCode !== 200) throw new Error(r.body);
    const report = r.json() as { id: string; version: number; title: string };
    const sent = await org.post(`/api/reports/${report.id}/submit`, { version: report.version });
    if (sent.statusCode !== 200) throw new Error(sent.body);
    reportTitles.push(report.title);
  }

  // Two records at 鲸园, one before the term's end and one after it.
  const village = ((await worker.get('/api/regions?level=village&parentCode=371002002')).json() as { code: string }[])[0]?.code;
  const client = (await worker.post('/api/clients', { name: '合同归档对象', idNumber: idNumberBornOn('1950-05-05', 702), villageCode: village, targetGroups: ['left_behind_elderly'] })).json() as { id: string };
  for (const date of [`${inMonth}-03`, today]) {
    const rec = await worker.post('/api/service-records', { date: chinaToday(), durationMinutes: 30, method: 'case', itemCode: 'EL02', clientIds: [client.id], notes: '入户' });
    if (rec.statusCode !== 200) throw new Error(rec.body);
    await db.update(serviceRecords).set({ date }).where(eq(serviceRecords.id, (rec.json() as { id: string }).id));
  }
  const dates = await db
    .select({ date: serviceRecords.date })
    .from(serviceRecords)
    .where(and(eq(serviceRecords.stationId, jingyuan), sql`extract(year from ${serviceRecords.date}) = ${year}`))
    .orderBy(asc(serviceRecords.date));
  allYear = dates.length;
  inTerm = dates.filter((d) => d.date <= termEnd).length;
  await db.update(contracts).set({ startsOn: `${year - 1}-07-01`, endsOn: termEnd }).where(eq(contracts.id, contractId));

  // The contract's evaluation of last year (finished) and of this year (in progress).
  const [terms] = await db.select().from(contracts).where(eq(contracts.id, contractId));
  if (!terms) throw new Error('no contract');
  const evals = await db.insert(evaluations).values([year - 1, year].map((y) => ({
    contractId, orgId: terms.contractorOrgId, countyCode: terms.countyCode, scopePath: terms.scopePath, year: y, status: y < year ? ('finished' as const) : ('draft' as const),
    total: y < year ? 88 : null, grade: y < year ? ('good' as const) : null, evaluators: '区民政局、第三方评估机构', finishedAt: y < year ? new Date() : null,
  }))).returning({ id: evaluations.id, year: evaluations.year });
  // Each evaluation's evidence, the later year's stored first (the zip still lists them year by year).
  for (const e of [...evals].sort((a, b) => b.year - a.year))
    await db.insert(files).values({ ownerType: 'evaluation', ownerId: e.id, scopePath: terms.scopePath, name: `${e.year}年评估佐证.png`, mime: 'image/png', size: png.length, sha256: '0'.repeat(64), content: png });

  const file = multipartFile('合同扫描件.png', png, 'image/png');
  const up = await district.request('POST', `/api/contracts/${contractId}/files`, file.payload, file.headers);
  if (up.statusCode !== 200) throw new Error(up.body);
}, 120_000);
afterAll(() => t.close());

describe('a contract archive', () => {
  it('refuses neither, both, and a malformed contract with 400', async () => {
    const neither = await district.post('/api/archives', {});
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.details.fields.map((f: { message: string }) => f.message)).toEqual(['请选择社工站和年度，或选择合同（二者选一）']);
    expect((await district.post('/api/archives', { contractId, stationId: jingyuan, year })).statusCode).toBe(400);
    expect((await district.post('/api/archives', { contractId: 'HCMZ' })).statusCode).toBe(400);
    expect((await district.post('/api/archives', { stationId: jingyuan })).statusCode).toBe(400);
  });

  it('holds the contract folder and a folder per station and year of the term, limited to the term', async () => {
    const res = await district.post('/api/archives', { contractId });
    expect(res.statusCode).toBe(200);
    const queued = res.json() as ArchiveJob;
    jobId = queued.id;
    expect(queued).toMatchObject({ kind: 'contract', contractId, stationId: null, year: null });
    expect(queued.title).toContain(contractNumber);
    const job = await finished(district, jobId);
    expect(job.status).toBe('done');
    expect(job.progressDone).toBe(job.progressTotal);

    const dl = await district.get(`/api/archives/${jobId}/download`);
    expect(dl.statusCode).toBe(200);
    const { zip, names } = await openZip(dl.rawPayload);
    expect(job.fileCount).toBe(names.length);
    expect(names).toContain('index.xlsx');
    const own = `00-合同-${contractNumber}`;
    expect(names).toContain(`${own}/合同要素.xlsx`);
    expect(names).toContain(`${own}/付款和支出.xlsx`);
    expect(names).toContain(`${own}/合同文件/合同扫描件.png`);

    // Every evaluation of the contract, once, in the contract's folder.
    const evals = await t.database.db.select({ year: evaluations.year }).from(evaluations).where(eq(evaluations.contractId, contractId));
    expect(evals.length).toBe(2);
    expect(names.filter((n) => n.startsWith(`${own}/绩效评估/`) && n.endsWith('.xlsx')).sort()).toEqual(
      evals.map((e) => `${own}/绩效评估/${e.year}年度绩效评估结果-${contractNumber}.xlsx`).sort(),
    );
    // And their evidence, every year's.
    expect(names.filter((n) => n.startsWith(`${own}/绩效评估/佐证材料/`))).toEqual([`${own}/绩效评估/佐证材料/${year - 1}年评估佐证.png`, `${own}/绩效评估/佐证材料/${year}年评估佐证.png`]);

    // All the term's payments.
    const paid = await t.database.db.select({ id: contractPayments.id }).from(contractPayments).where(eq(contractPayments.contractId, contractId));
    const money = await book(zip, `${own}/付款和支出.xlsx`);
    let paymentRows = 0;
    money.getWorksheet('付款')?.eachRow((row, n) => {
      if (n > 1 && typeof (row.values as unknown[])[3] === 'number') paymentRows++;
    });
    expect(paymentRows).toBe(paid.length);

    // A folder per station of the contract and year of the term, each with the station-year's folders
    // (but not a second copy of the contract's: 03 and 04 are the contract folder's).
    const stationCount = (await t.database.db.select({ id: contractStations.stationId }).from(contractStations).where(eq(contractStations.contractId, contractId))).length;
    const summaries = names.filter((n) => /\/06-服务台账汇总\/\d{4}年服务台账汇总\.xlsx$/.test(n));
    expect(summaries.length).toBe(stationCount * 2);
    expect(names.some((n) => n.startsWith(`环翠区鲸园街道社会工作服务站/${year + 1}年/`))).toBe(false);
    const jy = '环翠区鲸园街道社会工作服务站';
    expect(summaries).toContain(`${jy}/${year - 1}年/06-服务台账汇总/${year - 1}年服务台账汇总.xlsx`);
    expect(summaries).toContain(`${jy}/${year}年/06-服务台账汇总/${year}年服务台账汇总.xlsx`);
    expect(names.some((n) => n.startsWith(`${jy}/${year - 2}年/`))).toBe(false);
    expect(names.some((n) => /^[^/]+\/\d{4}年\/0[34]-/.test(n))).toBe(false);
    expect(names.filter((n) => n.startsWith(`${jy}/${year}年/01-工作报告/`))).toEqual([`${jy}/${year}年/01-工作报告/${reportTitles[0] ?? ''}.docx`]);

    // This year's folder counts only the records up to the term's last day.
    const summary = await book(zip, `${jy}/${year}年/06-服务台账汇总/${year}年服务台账汇总.xlsx`);
    let counted = 0;
    summary.getWorksheet('按服务领域')?.eachRow((row, n) => {
      const v = row.values as unknown[];
      if (n > 1 && String(v[1] ?? '').endsWith('月')) counted += Number(v[v.length - 2] ?? 0);
    });
    expect(inTerm).toBeLessThan(allYear);
    expect(counted).toBe(inTerm);

    // The index lists every other file, with the retention as today.
    const index = await book(zip, 'index.xlsx');
    const listed: string[][] = [];
    index.getWorksheet('归档目录')?.eachRow((row, n) => {
      const v = (row.values as unknown[]).slice(1).map((x) => String(x ?? ''));
      if (n > 1 && /^\d+$/.test(v[0] ?? '')) listed.push(v);
    });
    expect(listed.map((v) => `${v[1]}/${v[2]}`).sort()).toEqual(names.filter((n) => n !== 'index.xlsx').sort());
    expect(listed.find((v) => v[1] === own && v[2] === '合同要素.xlsx')?.[6]).toBe('30年（自合同终止起）');

    // The list says which kind each job is.
    const list = (await district.get('/api/archives')).json() as { items: ArchiveJob[] };
    expect(list.items.find((j) => j.id === jobId)?.kind).toBe('contract');
  });

  it('is the contractor\'s for its own contract only; another county and a town without all its stations get 404', async () => {
    const mine = await org.post('/api/archives', { contractId });
    expect(mine.statusCode).toBe(200);
    expect((await org.get(`/api/archives/${jobId}`)).statusCode).toBe(200);
    expect((await org.get(`/api/archives/${jobId}/download`)).statusCode).toBe(200);
    const before = await writes(t);
    expect((await org.post('/api/archives', { contractId: otherOrgContract })).statusCode).toBe(404);

    expect((await wendeng.post('/api/archives', { contractId })).statusCode).toBe(404);
    expect((await wendeng.get(`/api/archives/${jobId}`)).statusCode).toBe(404);
    expect((await wendeng.get(`/api/archives/${jobId}/download`)).statusCode).toBe(404);
    expect((await wendeng.get('/api/archives')).json().items.map((j: ArchiveJob) => j.id)).not.toContain(jobId);

    // 鲸园's town sees the contract, but its archive holds other towns' stations' cases and records.
    expect((await town.post('/api/archives', { contractId })).statusCode).toBe(404);
    expect((await town.get(`/api/archives/${jobId}`)).statusCode).toBe(404);
    // None of the refused requests wrote a job or an audit row.
    expect(await writes(t)).toEqual(before);
  });

  it('audits the request and the downloads', async () => {
    const rows = await t.database.db
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'archive'), eq(auditLog.objectId, jobId), inArray(auditLog.action, ['archive.request', 'archive.download'])));
    const [d] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, 'demo-district'));
    const [o] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, 'demo-org'));
    expect(rows.filter((r) => r.action === 'archive.request').map((r) => r.actorId)).toContain(d?.id);
    expect(rows.filter((r) => r.action === 'archive.download').map((r) => r.actorId).sort()).toEqual([d?.id, o?.id].sort());
  });

  it('reads every evaluation\'s evidence with one query, listed evaluation by evaluation', async () => {
    const db = t.database.db;
    let fileQueries = 0;
    // The database handle, counting the selects that read `files`.
    const counting = new Proxy(db, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (prop !== 'select' || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const builder = value.apply(target, args) as { from: (table: unknown) => unknown };
          const from = builder.from.bind(builder);
          builder.from = (table: unknown) => {
            if (table === files) fileQueries++;
            return from(table);
          };
          return builder;
        };
      },
    });
    const [terms] = await db.select().from(contracts).where(eq(contracts.id, contractId));
    if (!terms) throw new Error('no contract');
    const items = await evaluationItems({ ...systemContext(db, pino({ level: 'silent' }), t.cipher), db: counting }, [terms], { folder: 'x', year: null, footer: '' });
    expect(fileQueries).toBe(1);
    expect(items.filter((i) => i.kind === 'attachment').map((i) => [i.name, i.source, i.startYear])).toEqual(
      [year - 1, year].map((y) => [`${y}年评估佐证.png`, `${y}年度绩效评估佐证`, y]),
    );
  });

  it('offers the picker only contracts the request would take: no drafts, searched on the server, in the archive\'s scope', async () => {
    const db = t.database.db;
    const [terms] = await db.select().from(contracts).where(eq(contracts.id, contractId));
    if (!terms) throw new Error('no contract');
    await db.insert(contracts).values({ countyCode: terms.countyCode, scopePath: terms.scopePath, contractorOrgId: terms.contractorOrgId, title: '归档选择草稿合同', status: 'draft' });
    type Page = { items: { id: string; status: string; contractorName: string }[]; total: number };
    // The contracts list has the draft; the picker does not (it was filtered out in the browser, after a page of 20).
    expect(((await district.get(`/api/contracts?q=${encodeURIComponent('归档选择草稿合同')}`)).json() as Page).total).toBe(1);
    expect(((await district.get(`/api/archives/contracts?q=${encodeURIComponent('归档选择草稿合同')}`)).json() as Page).total).toBe(0);
    const all = (await district.get('/api/archives/contracts?pageSize=200')).json() as Page;
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.every((k) => k.status !== 'draft')).toBe(true);
    const found = (await district.get(`/api/archives/contracts?q=${encodeURIComponent(contractNumber)}`)).json() as Page;
    expect(found.items.map((k) => k.id)).toContain(contractId);
    expect(found.items.find((k) => k.id === contractId)?.contractorName).not.toBe('');
    // The contractor: its own contracts only. The town: not one whose other stations are another town's (the request says 404).
    const mine = (await org.get('/api/archives/contracts?pageSize=200')).json() as Page;
    expect(mine.items.map((k) => k.id)).toContain(contractId);
    expect(mine.items.map((k) => k.id)).not.toContain(otherOrgContract);
    expect(((await town.get('/api/archives/contracts?pageSize=200')).json() as Page).items.map((k) => k.id)).not.toContain(contractId);
    expect(((await wendeng.get('/api/archives/contracts?pageSize=200')).json() as Page).items.map((k) => k.id)).not.toContain(contractId);
  });

  it('the request refuses what the picker leaves out, saying why: a draft, a term not yet begun', async () => {
    const db = t.database.db;
    const [terms] = await db.select().from(contracts).where(eq(contracts.id, contractId));
    if (!terms) throw new Error('no contract');
    const thisYear = Number(today.slice(0, 4));
    const base = { countyCode: terms.countyCode, scopePath: terms.scopePath, contractorOrgId: terms.contractorOrgId };
    const [draft, later] = await db.insert(contracts).values([
      { ...base, title: '归档规则草稿合同', status: 'draft' as const, startsOn: `${thisYear}-01-01`, endsOn: `${thisYear}-12-31` },
      { ...base, title: '归档规则明年合同', status: 'signed' as const, startsOn: `${thisYear + 1}-01-01`, endsOn: `${thisYear + 1}-12-31` },
    ]).returning({ id: contracts.id });
    const picked = (await district.get(`/api/archives/contracts?q=${encodeURIComponent('归档规则')}`)).json() as { total: number };
    expect(picked.total).toBe(0);
    const before = await writes(t);
    const d = await district.post('/api/archives', { contractId: draft?.id });
    expect(d.statusCode).toBe(400);
    expect(d.body).toContain('合同尚未签订或未填写起止日期');
    const l = await district.post('/api/archives', { contractId: later?.id });
    expect(l.statusCode).toBe(400);
    expect(l.body).toContain('合同期限尚未开始');
    expect(await writes(t)).toEqual(before);
  });

  it('a town has the archive of a contract whose stations are all its own: offered, requested, listed and read', async () => {
    const db = t.database.db;
    const [terms] = await db.select().from(contracts).where(eq(contracts.id, contractId));
    const [st] = await db.select({ scopePath: stations.scopePath }).from(stations).where(eq(stations.id, jingyuan));
    if (!terms || !st) throw new Error('no contract');
    const thisYear = Number(today.slice(0, 4));
    const [own] = await db.insert(contracts).values({
      countyCode: terms.countyCode, scopePath: terms.scopePath, contractorOrgId: terms.contractorOrgId, title: '鲸园单站归档合同', status: 'signed', startsOn: `${thisYear}-01-01`, endsOn: `${thisYear}-12-31`,
    }).returning({ id: contracts.id });
    if (!own) throw new Error('no contract');
    await db.insert(contractStations).values({ contractId: own.id, stationId: jingyuan, stationPath: st.scopePath });
    // The contract's path is the county's, above the town's: the town has it by its stations alone.
    expect(terms.scopePath.length).toBeLessThan(st.scopePath.length);
    const picked = (await town.get(`/api/archives/contracts?q=${encodeURIComponent('鲸园单站归档合同')}`)).json() as { items: { id: string }[] };
    expect(picked.items.map((k) => k.id)).toEqual([own.id]);
    const r = await town.post('/api/archives', { contractId: own.id });
    expect(r.statusCode).toBe(200);
    const job = await finished(town, (r.json() as ArchiveJob).id);
    expect(job.status).toBe('done');
    expect((await town.get('/api/archives?pageSize=100')).json().items.map((j: ArchiveJob) => j.id)).toContain(job.id);
    expect((await district.get('/api/archives?pageSize=100')).json().items.map((j: ArchiveJob) => j.id)).toContain(job.id);
    expect((await wendeng.get(`/api/archives/${job.id}`)).statusCode).toBe(404);
  });

  it('the table refuses a job that is both or neither kind', async () => {
    const db = t.database.db;
    const both = db.execute(sql`INSERT INTO archive_jobs (station_id, year, contract_id, scope_path, title) VALUES (${jingyuan}, ${year}, ${contractId}, '/', 'x')`);
    await expect(both).rejects.toThrow();
    const neither = db.execute(sql`INSERT INTO archive_jobs (scope_path, title) VALUES ('/', 'x')`);
    await expect(neither).rejects.toThrow();
  });
});
