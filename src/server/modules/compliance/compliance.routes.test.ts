import ExcelJS from 'exceljs';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { chinaToday } from '../../../shared/rules/china-date';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postings, stations } from '../../db/schema';
import { fillWorkbook, idNumberBornOn, multipartFile, XLSX_MIME } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let district: Session;
let city: Session;
let jingyuan: string;

interface StationRow { stationId: string; countyCode: string; compliant: boolean; qualifiedOnPost: number; findings: { rule: { id: string }; severity: string; people: { name: string }[]; clearBy: string }[] }

beforeAll(async () => {
  t = await createTestApp();
  district = await t.login('demo-district');
  city = await t.login('demo-city');
  const [row] = await t.database.db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, '371002002'));
  if (!row) throw new Error('no station');
  jingyuan = row.id;
});
afterAll(() => t.close());

const stationFrom = async (s: Session, id: string) => (await s.get(`/api/compliance/stations/${id}`)).json<StationRow & { workers: { name: string }[] }>();

describe('staffing compliance', () => {
  it('drills down city → county unit → town, counting compliant stations', async () => {
    const all = (await city.get('/api/compliance/staffing')).json();
    expect(all.counties.map((c: { countyShortName: string }) => c.countyShortName)).toContain('乳山市');
    const summed = all.counties.reduce((n: number, c: { stations: number }) => n + c.stations, 0);
    expect(summed).toBe(all.total.stations);
    const hc = (await city.get('/api/compliance/staffing?countyCode=371002')).json();
    expect(hc.stations).toHaveLength(9);
    expect(hc.total.compliant).toBe(hc.stations.filter((s: StationRow) => s.compliant).length);
    const one = (await city.get('/api/compliance/staffing?townCode=371002002')).json();
    expect(one.stations.map((s: StationRow) => s.stationId)).toEqual([jingyuan]);
    // A district officer sees only their unit.
    const mine = (await district.get('/api/compliance/staffing')).json();
    expect(mine.counties.map((c: { countyCode: string }) => c.countyCode)).toEqual(['371002']);
  });

  it('names R-STAFF-MIN with the people concerned and what would clear it', async () => {
    const s = await stationFrom(district, jingyuan);
    expect(s.compliant).toBe(false);
    expect(s.qualifiedOnPost).toBe(1);
    const min = s.findings.find((f) => f.rule.id === 'R-STAFF-MIN');
    expect(min?.clearBy).toBe('再安排1名具备社会工作专业素质的社工上岗');
    expect(s.workers.map((w) => w.name)).toEqual(['陈晓']);
  });

  it('warns of certificates due and flags those overdue (R-STAFF-CERT3Y)', async () => {
    const all = (await city.get('/api/compliance/staffing?rule=R-STAFF-CERT3Y')).json();
    const severities = all.stations.flatMap((s: StationRow) => s.findings.filter((f) => f.rule.id === 'R-STAFF-CERT3Y').map((f) => f.severity));
    expect(severities).toContain('finding');
    const overdueStation = all.stations.find((s: StationRow) => s.findings.some((f) => f.rule.id === 'R-STAFF-CERT3Y' && f.severity === 'finding'));
    // The overdue worker no longer counts towards the two qualified workers.
    expect(overdueStation.compliant).toBe(false);
    expect(overdueStation.findings.map((f: { rule: { id: string } }) => f.rule.id)).toContain('R-STAFF-MIN');
  });

  it('exports the findings as Excel, with rule ids and clauses', async () => {
    const res = await district.get('/api/compliance/staffing/export?only=findings');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rules: string[] = [];
    book.getWorksheet('人员配备问题')?.eachRow((row, n) => {
      const v = row.getCell(6).value;
      if (n > 1 && typeof v === 'string' && v.startsWith('R-')) rules.push(v);
    });
    const live = (await district.get('/api/compliance/staffing')).json();
    const expected = live.stations.reduce((n: number, s: StationRow) => n + s.findings.length, 0);
    expect(rules).toHaveLength(expected);
    expect(rules).toContain('R-STAFF-MIN');
  });
});

describe('a city or province at a time', () => {
  it('sums per county in SQL exactly as the stations’ own findings count, and pages the stations', async () => {
    const every = (await city.get('/api/compliance/staffing?pageSize=200')).json();
    const rows: StationRow[] = every.stations;
    expect(rows).toHaveLength(every.stationsTotal);
    const counted = (list: StationRow[]) => ({
      stations: list.length,
      compliant: list.filter((r) => r.compliant).length,
      findings: list.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'finding').length, 0),
      warnings: list.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0),
    });
    expect(every.total).toEqual(counted(rows));
    for (const k of every.counties) expect(k).toMatchObject(counted(rows.filter((r) => r.countyCode === k.countyCode)));
    expect(every.total.findings + every.total.warnings).toBeGreaterThan(0);

    const second = (await city.get('/api/compliance/staffing?pageSize=5&page=2')).json();
    expect(second.stations.map((r: StationRow) => r.stationId)).toEqual(rows.slice(5, 10).map((r) => r.stationId));
    expect(second.counties).toEqual(every.counties);

    const problems = (await city.get('/api/compliance/staffing?only=findings&pageSize=200')).json();
    expect(problems.stations.map((r: StationRow) => r.stationId)).toEqual(rows.filter((r) => r.findings.length > 0).map((r) => r.stationId));
    expect(problems.stationsTotal).toBe(problems.stations.length);
    for (const rule of ['R-STAFF-MIN', 'R-STAFF-CERT3Y', 'R-STAFF-AGE']) {
      const byRule = (await city.get(`/api/compliance/staffing?rule=${rule}&pageSize=200`)).json();
      expect(byRule.stations.map((r: StationRow) => r.stationId)).toEqual(rows.filter((r) => r.findings.some((f) => f.rule.id === rule)).map((r) => r.stationId));
    }
  });
});

describe('county sums from the per-station rows kept for the day', () => {
  it('counts the stations’ kept rows (recomputed when stale), and a posting that ends moves them', async () => {
    const kept = async () =>
      (
        (await t.database.db.execute(sql`SELECT count(*)::int AS stations, count(*) FILTER (WHERE compliant)::int AS compliant,
          coalesce(sum(warnings), 0)::int AS warnings, count(*) FILTER (WHERE stale OR as_of <> ${chinaToday()}::date)::int AS old
          FROM dashboard_station_staffing d JOIN stations s ON s.id = d.station_id WHERE s.status <> 'revoked'`)) as unknown as {
          rows: { stations: number; compliant: number; warnings: number; old: number }[];
        }
      ).rows[0];
    const before = (await city.get('/api/compliance/staffing?pageSize=1')).json();
    expect(await kept()).toEqual({ stations: before.total.stations, compliant: before.total.compliant, warnings: before.total.warnings, old: 0 });
    const ok = (await city.get('/api/compliance/staffing?pageSize=200')).json().stations.find((r: StationRow) => r.compliant && r.qualifiedOnPost === 2);
    if (!ok) throw new Error('no compliant station with two qualified workers');
    const [posting] = await t.database.db.select({ id: postings.id }).from(postings).where(and(eq(postings.stationId, ok.stationId), isNull(postings.endDate)));
    if (!posting) throw new Error('no posting');
    expect((await district.post(`/api/postings/${posting.id}/end`, { endDate: chinaToday(), reason: '调离' })).statusCode).toBe(200);
    const after = (await city.get('/api/compliance/staffing?pageSize=1')).json();
    expect(after.total.compliant).toBe(before.total.compliant - 1);
    expect(after.total.findings).toBe(before.total.findings + 1);
    expect((await kept())?.compliant).toBe(after.total.compliant);
    const short = (await city.get('/api/compliance/staffing?rule=R-STAFF-MIN&pageSize=200')).json();
    expect(short.stations.map((r: StationRow) => r.stationId)).toContain(ok.stationId);
    expect(short.stationsTotal).toBe(short.stations.length);
  });
});

describe('Excel import of workers', () => {
  const newcomer = idNumberBornOn('1994-08-08', 431);
  const template = async () => (await district.get('/api/social-workers/import/template')).rawPayload;
  const upload = async (content: Buffer, query = '') => {
    const body = multipartFile('社工.xlsx', content, XLSX_MIME);
    return district.request('POST', `/api/social-workers/import${query}`, body.payload, body.headers);
  };

  it('offers a template with the four sheets', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await template()) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['社工信息', '证书', '培训', '上岗', '填写说明']);
  });

  it('writes nothing when a row is bad, and reports the row and column', async () => {
    const file = await fillWorkbook(await template(), {
      社工信息: [
        ['周敏', newcomer, '13800001111', '本科', '社会学', '', '', ''],
        ['错号', '110105194912310021', '', '本科', '社会工作', '', '', ''],
      ],
      上岗: [[newcomer, '鲸园街道', '2025-03-01', '政府购买服务']],
    });
    const res = await upload(file);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ written: false, rows: 3, invalidRows: 1, createdWorkers: 0 });
    expect(report.issues[0]).toMatchObject({ sheet: '社工信息', row: 3, column: '身份证号' });
    expect((await stationFrom(district, jingyuan)).compliant).toBe(false);
  });

  it('reports a posting that breaks a rule with its rule id', async () => {
    const old = idNumberBornOn('1970-01-01', 433);
    const file = await fillWorkbook(await template(), {
      社工信息: [['老同志', old, '', '本科', '社会工作', '', '', '']],
      上岗: [[old, '鲸园街道', '2025-03-01', '政府购买服务']],
    });
    const report = (await upload(file, '?dryRun=true')).json();
    expect(report.issues.map((i: { message: string }) => i.message).join()).toContain('R-STAFF-AGE');
  });

  it('gives the row report as an Excel file with a 校验结果 column', async () => {
    const file = await fillWorkbook(await template(), {
      社工信息: [['错号', '110105194912310021', '', '本科', '社会工作', '', '', '']],
    });
    const body = multipartFile('社工.xlsx', file, XLSX_MIME);
    const res = await district.request('POST', '/api/social-workers/import/report', body.payload, body.headers);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('社工信息');
    expect(sheet?.getCell(1, 9).value).toBe('校验结果');
    expect(String(sheet?.getCell(2, 9).value)).toContain('校验码');
    expect(book.getWorksheet('问题汇总')).toBeDefined();
  });

  it('imports only the valid rows when asked, and the station goes from 不达标 to 达标', async () => {
    const file = await fillWorkbook(await template(), {
      社工信息: [
        ['周敏', newcomer, '13800001111', '本科', '社会学', '青岛大学', '2016-07-01', ''],
        ['错号', '110105194912310021', '', '本科', '社会工作', '', '', ''],
      ],
      证书: [[newcomer, '助理社会工作师', 'ZS-001', '2018-06-30']],
      培训: [[newcomer, '2024-05-10', '16', '威海市民政局', '个案管理']],
      上岗: [[newcomer, '鲸园街道', '2025-03-01', '政府购买服务']],
    });
    const report = (await upload(file, '?mode=valid-only')).json();
    expect(report).toMatchObject({ written: true, createdWorkers: 1, createdPostings: 1, invalidRows: 1 });
    const s = await stationFrom(district, jingyuan);
    expect(s.compliant).toBe(true);
    expect(s.workers.map((w) => w.name).sort()).toEqual(['周敏', '陈晓'].sort());
    const detail = (await district.get(`/api/social-workers/${(await district.get(`/api/social-workers?q=${encodeURIComponent('周敏')}`)).json().items[0].id}`)).json();
    expect(detail.certificates).toHaveLength(1);
    expect(detail.trainingHoursFiveYears).toBe(16);
    // Importing the same file again finds the person and adds nothing twice.
    const again = (await upload(file, '?mode=valid-only')).json();
    expect(again.createdWorkers).toBe(0);
    expect(again.issues.some((i: { sheet: string }) => i.sheet === '上岗')).toBe(true);
  });

  it('refuses a file that is not a real Excel workbook, whatever its name', async () => {
    const body = multipartFile('社工.xlsx', Buffer.from('<html><body>not excel</body></html>'), XLSX_MIME);
    const res = await district.request('POST', '/api/social-workers/import', body.payload, body.headers);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('file');
  });
});

describe('the export, read in batches', () => {
  type Line = [string, string, string, string];
  const listLines = async (query: string) => {
    const first = (await city.get(`/api/compliance/staffing?${query}&pageSize=7`)).json();
    const pages = [first];
    for (let p = 2; p <= Math.ceil(first.stationsTotal / 7); p++) pages.push((await city.get(`/api/compliance/staffing?${query}&pageSize=7&page=${p}`)).json());
    const stationsSeen: (StationRow & { name: string })[] = pages.flatMap((p) => p.stations);
    expect(stationsSeen).toHaveLength(first.stationsTotal);
    return stationsSeen.flatMap((s) =>
      s.findings.map((f): Line => [s.name, f.rule.id, f.severity === 'finding' ? '问题' : '预警', (f as unknown as { message: string }).message]),
    );
  };

  it('holds exactly the lines of the paged list’s rows, page after page, across every batch', async () => {
    const every = (await city.get('/api/compliance/staffing?pageSize=1')).json();
    expect(every.stationsTotal).toBeGreaterThan(50); // more than one export batch
    for (const query of ['only=all', 'only=findings', 'rule=R-STAFF-MIN', 'countyCode=371002']) {
      const expected = await listLines(query);
      expect(expected.length).toBeGreaterThan(0);
      const res = await city.get(`/api/compliance/staffing/export?${query}`);
      expect(res.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('人员配备问题');
      if (!sheet) throw new Error('no sheet');
      const lines: Line[] = [];
      for (let i = 2; i <= sheet.rowCount; i++) {
        const row = sheet.getRow(i);
        if (typeof row.getCell(6).value !== 'string') break;
        lines.push([2, 6, 8, 9].map((c) => String(row.getCell(c).value)) as Line);
      }
      expect(lines).toEqual(expected);
      expect(String(sheet.getRow(lines.length + 3).getCell(1).value)).toContain(`共 ${expected.length} 条`);
    }
  });
});

describe('the county table from the county units’ roll-up lines', () => {
  type Counts = { countyCode: string; stations: number; compliant: number; findings: number; warnings: number };
  const rowsOf = async <T>(q: ReturnType<typeof sql>) => ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
  const live = sql`FROM dashboard_station_staffing d JOIN stations s ON s.id = d.station_id
    JOIN regions town ON town.code = s.town_code JOIN regions county ON county.code = town.parent_code WHERE s.status <> 'revoked'`;

  /**
   * The city's answer (every county unit on one page) and each filter's station total equal the
   * counts made from the kept per-station rows, which the request has just brought up to date.
   */
  const agree = async () => {
    const answer = (await city.get('/api/compliance/staffing?countiesPageSize=100&pageSize=1')).json();
    const [fresh] = await rowsOf<{ old: number }>(sql`SELECT count(*)::int AS old ${live} AND (d.stale OR d.as_of <> ${chinaToday()}::date)`);
    expect(fresh?.old).toBe(0);
    const perCounty = await rowsOf<Counts>(sql`SELECT county.code AS "countyCode", count(*)::int AS stations, count(*) FILTER (WHERE d.compliant)::int AS compliant,
        coalesce(sum((SELECT sum(v::int) FROM jsonb_each_text(d.findings) AS x(k, v))), 0)::int AS findings, coalesce(sum(d.warnings), 0)::int AS warnings
      ${live} GROUP BY 1 ORDER BY 1`);
    expect(answer.counties.map(({ countyShortName: _n, ...c }: Counts & { countyShortName: string }) => c)).toEqual(perCounty);
    expect(answer.countiesTotal).toBe(perCounty.length);
    const sum = (k: keyof Omit<Counts, 'countyCode'>) => perCounty.reduce((n, c) => n + c[k], 0);
    expect(answer.total).toEqual({ stations: sum('stations'), compliant: sum('compliant'), findings: sum('findings'), warnings: sum('warnings') });
    const matching: [string, ReturnType<typeof sql>][] = [
      ['only=all', sql`true`],
      ['only=findings', sql`NOT d.compliant OR d.warnings > 0`],
      ['rule=R-STAFF-MIN', sql`d.qualified < 2`],
      ['rule=R-STAFF-CERT3Y', sql`d.cert_issues > 0`],
      ['rule=R-STAFF-CERT3Y&only=findings', sql`d.cert_issues > 0`],
      ['rule=R-STAFF-AGE', sql`d.findings ? 'R-STAFF-AGE'`],
    ];
    for (const [query, kept] of matching) {
      const [n] = await rowsOf<{ n: number }>(sql`SELECT count(*)::int AS n ${live} AND (${kept})`);
      expect((await city.get(`/api/compliance/staffing?${query}&pageSize=1`)).json().stationsTotal, query).toBe(n?.n);
    }
    // A county asked for: its own lines, the same as its row.
    const hc = perCounty.find((c) => c.countyCode === '371002');
    const one = (await city.get('/api/compliance/staffing?countyCode=371002&pageSize=1')).json();
    expect(one.counties).toMatchObject([hc ?? {}]);
    expect(one.total).toEqual({ stations: hc?.stations, compliant: hc?.compliant, findings: hc?.findings, warnings: hc?.warnings });
    return answer as { total: Omit<Counts, 'countyCode'>; counties: Counts[] };
  };

  it('pages the county units: the pages together are the whole list, the totals the same on every page', async () => {
    const whole = await agree();
    expect(whole.counties.length).toBeGreaterThan(3);
    const first = (await city.get('/api/compliance/staffing?countiesPageSize=3&pageSize=1')).json();
    const pages = [first];
    for (let p = 2; p <= Math.ceil(first.countiesTotal / 3); p++)
      pages.push((await city.get(`/api/compliance/staffing?countiesPageSize=3&countiesPage=${p}&pageSize=1`)).json());
    expect(pages.flatMap((p) => p.counties)).toEqual(whole.counties);
    for (const p of pages) expect([p.total, p.countiesTotal, p.counties.length <= 3]).toEqual([whole.total, whole.counties.length, true]);
    // A district officer's table is their own unit; another unit asked for is outside their scope.
    const mine = (await district.get('/api/compliance/staffing?countyCode=371082')).json();
    expect([mine.counties, mine.countiesTotal, mine.total.stations, mine.stationsTotal]).toEqual([[], 0, 0, 0]);
    // A town officer's table is one row, their county unit's name over their town's stations.
    const town = (await (await t.login('demo-town')).get('/api/compliance/staffing?countyCode=371002')).json();
    const [own] = await rowsOf<Counts & { town: string }>(sql`SELECT county.code AS "countyCode", town.code AS town, count(*)::int AS stations ${live}
      AND town.path = (SELECT scope_path FROM users WHERE username = 'demo-town') GROUP BY 1, 2`);
    expect(town.counties).toMatchObject([{ countyCode: own?.countyCode, stations: own?.stations }]);
    expect([town.countiesTotal, town.total.stations, town.stations.map((r: StationRow & { townCode: string }) => r.townCode)]).toEqual([1, own?.stations, [own?.town]]);
  });

  it('a staffing row marked stale touches none of its county’s lines (the UPDATE nets to nothing)', async () => {
    await agree();
    const [row] = await rowsOf<{ id: string; county: string }>(sql`SELECT d.station_id AS id, regexp_replace(d.scope_path, '[^/]+/$', '') AS county
      FROM dashboard_station_staffing d WHERE d.live AND NOT d.stale AND d.warnings > 0 ORDER BY d.station_id LIMIT 1`);
    if (!row) throw new Error('no staffing row with a warning');
    const versions = async () => rowsOf<{ v: string }>(sql`SELECT measure || ':' || xmin::text AS v FROM dashboard_rollups
      WHERE tier = 1 AND scope_path = ${row.county} AND period = '' AND measure IN ('staff_warnings', 'staff_flagged', 'staff_cert_due') ORDER BY 1`);
    const before = await versions();
    expect(before).toHaveLength(3);
    await t.database.db.execute(sql`UPDATE dashboard_station_staffing SET stale = true WHERE station_id = ${row.id}`);
    expect(await versions()).toEqual(before);
    await agree();
  });

  it('follow a posting that ends and one that starts', async () => {
    const before = await agree();
    const short = (await district.get('/api/compliance/staffing?rule=R-STAFF-MIN&pageSize=200')).json().stations as StationRow[];
    const ok = (await district.get('/api/compliance/staffing?pageSize=200')).json().stations.find((r: StationRow) => r.compliant && r.qualifiedOnPost === 2);
    const target = short.find((r) => r.qualifiedOnPost === 1);
    if (!ok || !target) throw new Error('no compliant station and no station one qualified worker short in 371002');
    const [posting] = await t.database.db.select().from(postings).where(and(eq(postings.stationId, ok.stationId), isNull(postings.endDate)));
    if (!posting) throw new Error('no posting');
    expect((await district.post(`/api/postings/${posting.id}/end`, { endDate: chinaToday(), reason: '调往他站' })).statusCode).toBe(200);
    const ended = await agree();
    expect(ended.total.compliant).toBe(before.total.compliant - 1);
    const moved = await district.post('/api/postings', { workerId: posting.workerId, stationId: target.stationId, startDate: chinaToday(), source: 'purchased' });
    expect(moved.statusCode, moved.body).toBe(200);
    const started = await agree();
    expect(started.total.compliant).toBe(before.total.compliant);
    expect((await stationFrom(district, target.stationId)).compliant).toBe(true);
  });

  it('follow a certificate deadline that passes (an R-STAFF-CERT3Y warning becomes a finding), on a new day', async () => {
    const before = await agree();
    const [due] = await rowsOf<{ id: string; stationId: string }>(sql`SELECT p.id, p.station_id AS "stationId" FROM dashboard_station_staffing d
      JOIN postings p ON p.station_id = d.station_id AND p.end_date IS NULL WHERE d.live AND d.warnings > 0 ORDER BY p.start_date DESC, p.id`);
    if (!due) throw new Error('no station with a certificate due');
    const warned = await stationFrom(city, due.stationId);
    const deadline = warned.findings.map((f) => /应于(\d{4}-\d{2}-\d{2})前/.exec((f as unknown as { message: string }).message)?.[1]).find(Boolean);
    if (!deadline) throw new Error('no deadline');
    // The worker started a few days earlier than recorded (the three years are up yesterday),
    // and every row was computed yesterday: the new day recomputes them all.
    const days = Math.round((Date.parse(deadline) - Date.parse(chinaToday())) / 86_400_000) + 1;
    await t.database.db.execute(sql`UPDATE postings SET start_date = start_date - ${days}::int WHERE worker_id = (SELECT worker_id FROM postings WHERE id = ${due.id})`);
    await t.database.db.execute(sql`UPDATE dashboard_station_staffing SET as_of = as_of - 1`);
    const after = await agree();
    expect(after.total.warnings).toBeLessThan(before.total.warnings);
    expect(after.total.findings).toBeGreaterThan(before.total.findings);
    expect((await stationFrom(city, due.stationId)).findings.some((f) => f.rule.id === 'R-STAFF-CERT3Y' && f.severity === 'finding')).toBe(true);
  });

  it('follow a station revoked: its county unit counts one station fewer', async () => {
    const before = await agree();
    const [target] = await rowsOf<{ id: string; version: number; county: string }>(sql`SELECT s.id, s.version, county.code AS county ${live}
      AND s.status = 'operating' AND NOT d.compliant ORDER BY s.town_code LIMIT 1`);
    if (!target) throw new Error('no operating station with a finding');
    const res = await city.post(`/api/stations/${target.id}/status`, { version: target.version, status: 'revoked', reason: '撤销（测试）' });
    expect(res.statusCode, res.body).toBe(200);
    const after = await agree();
    expect(after.total.stations).toBe(before.total.stations - 1);
    const unit = (a: typeof before) => a.counties.find((c) => c.countyCode === target.county)?.stations ?? 0;
    expect(unit(after)).toBe(unit(before) - 1);
  });
});
