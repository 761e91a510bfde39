import { AlignmentType, Document, LineRuleType, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { and, asc, between, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/volunteers';
import { chinaToday } from '../../../shared/rules/china-date';
import { maskIdNumber } from '../../../shared/rules/id-number';
import { certificateNumber } from '../../../shared/rules/volunteers';
import { volunteerCertificates, volunteerServiceRecords, type CertificateSnapshot } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { invalid, notFound, ruleViolation } from '../../platform/errors';
import { findStation } from '../stations/stations.repo';
import * as repo from './volunteers.repo';

type Dto = z.input<typeof c.certificateSchema>;
const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

const dto = (r: repo.CertificateRow, volunteerName: string): Dto => ({
  id: r.id, volunteerId: r.volunteerId, volunteerName, stationId: r.stationId, number: r.number, year: r.year, serial: r.serial,
  issuedOn: r.issuedOn, periodFrom: r.periodFrom, periodTo: r.periodTo, totalHours: hours(r.totalMinutes), recordCount: r.recordCount,
  purpose: r.purpose, prints: r.prints,
});

export async function list(ctx: Ctx, query: z.output<typeof c.listCertificates.query>) {
  const { rows, total, totalCapped } = await repo.listCertificates(ctx, query);
  return {
    items: rows.map(({ totalMinutes, ...r }) => ({ ...r, totalHours: hours(totalMinutes) })),
    total, totalCapped, page: query.page, pageSize: query.pageSize,
  };
}

/**
 * 志愿服务记录证明 of the hours the volunteer's station recorded in the period (谁记录谁证明),
 * free, numbered per issuer and year by the counter taken in the same transaction.
 */
export async function issue(ctx: Ctx, volunteerId: string, body: z.output<typeof c.issueCertificate.body>): Promise<Dto> {
  if (body.periodFrom > body.periodTo) throw invalid([{ path: 'periodTo', message: '结束日期不能早于开始日期' }]);
  const found = await repo.findVolunteer(ctx, volunteerId);
  if (!found) throw notFound('志愿者');
  const v = found.v;
  const station = await findStation(ctx, v.stationId);
  if (!station) throw notFound('社工站');
  const today = chinaToday();
  return inTransaction(ctx, async (tx) => {
    const records = await tx.db
      .select()
      .from(volunteerServiceRecords)
      .where(and(eq(volunteerServiceRecords.volunteerId, v.id), eq(volunteerServiceRecords.stationId, v.stationId), between(volunteerServiceRecords.date, body.periodFrom, body.periodTo)))
      .orderBy(asc(volunteerServiceRecords.date), asc(volunteerServiceRecords.startTime));
    if (records.length === 0)
      throw ruleViolation('R-VOLUNTEER-CERT', `${body.periodFrom}至${body.periodTo}没有本站记录的${v.name}的志愿服务，无法出具证明（谁记录谁证明）`);
    const year = Number(today.slice(0, 4));
    const serial = await repo.nextSerial(tx, v.stationId, year);
    const teams = await repo.teamNames(tx, [v.teamId]);
    const snapshot: CertificateSnapshot = {
      volunteerName: v.name, idNumberMasked: maskIdNumber(tx.cipher.decrypt(v.idNumberCipher)), sex: v.sex,
      issuerName: station.name, operatorName: station.operatorOrgName ?? '', teamName: v.teamId ? (teams.get(v.teamId) ?? '') : '',
      records: records.map((r) => ({
        date: r.date, startTime: r.startTime, endTime: r.endTime, minutes: r.minutes, content: r.content, place: r.place,
        training: r.training, commendation: r.commendation, evaluation: r.evaluation,
      })),
    };
    const [row] = await tx.db
      .insert(volunteerCertificates)
      .values({
        volunteerId: v.id, stationId: v.stationId, scopePath: v.scopePath, year, serial,
        number: certificateNumber(`${station.townName}社工站`, year, serial), issuedOn: today, periodFrom: body.periodFrom,
        periodTo: body.periodTo, totalMinutes: records.reduce((s, r) => s + r.minutes, 0), recordCount: records.length,
        purpose: body.purpose, snapshot, issuedBy: actorOf(tx).id,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, {
      action: 'volunteer.certificate', objectType: 'volunteer_certificate', objectId: row.id,
      after: { number: row.number, volunteerId: v.id, periodStart: row.periodFrom, periodEnd: row.periodTo, count: row.recordCount },
    });
    return dto(row, v.name);
  });
}

/** The .docx; the first print is the original, every later one is marked 副本 with the same number. */
export async function print(ctx: Ctx, id: string): Promise<{ content: Buffer; name: string }> {
  const found = await repo.findCertificate(ctx, id);
  if (!found) throw notFound('志愿服务记录证明');
  const prints = await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(volunteerCertificates)
      .set({ prints: sql`${volunteerCertificates.prints} + 1` })
      .where(eq(volunteerCertificates.id, id))
      .returning({ prints: volunteerCertificates.prints });
    const n = row?.prints ?? 1;
    await writeAudit(tx, {
      action: 'volunteer.certificate_print', objectType: 'volunteer_certificate', objectId: id,
      detail: `${found.number}${n > 1 ? `（副本，第${n}次打印）` : '（正本）'}`,
    });
    return n;
  });
  const copy = prints > 1;
  return { content: await certificateDocx(found, copy), name: `志愿服务记录证明${found.number}${copy ? '（副本）' : ''}` };
}

// The issuer's layout: A4 with the GB/T 9704 margins and fonts the reports use, a title, the
// number, the person's basic information, a table of the service, the totals and the seal line.
const mm = (v: number) => Math.round((v * 1440) / 25.4);
const PAGE = { width: mm(210), height: mm(297) };
const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
const LINE = { line: 579, lineRule: LineRuleType.EXACT };
const FONT = { title: '方正小标宋简体', body: '仿宋_GB2312', heading: '黑体' };
const SIZE = { 二号: 44, 三号: 32, 四号: 28, 小四: 24, 五号: 21 };
const run = (text: string, font: string, size: number, bold = false, color?: string) =>
  new TextRun({ text, bold, size, font: { ascii: font, eastAsia: font, hAnsi: font }, ...(color ? { color } : {}) });
const body = (text: string) => new Paragraph({ children: [run(text, FONT.body, SIZE.三号)], spacing: LINE, indent: { firstLine: 640 } });

export async function certificateDocx(r: repo.CertificateRow, copy: boolean): Promise<Buffer> {
  const s = r.snapshot;
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [run(text, FONT.body, SIZE.五号, bold)], alignment: AlignmentType.CENTER })] });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: ['日期', '时间', '时长（小时）', '服务内容', '培训', '表彰奖励', '评价'].map((h) => cell(h, true)) }),
      ...s.records.map(
        (x) =>
          new TableRow({
            children: [
              cell(x.date), cell(`${x.startTime}–${x.endTime}`), cell(String(hours(x.minutes))),
              cell(`${x.content}${x.place ? `（${x.place}）` : ''}`), cell(x.training || '—'), cell(x.commendation || '—'), cell(x.evaluation || '—'),
            ],
          }),
      ),
    ],
  });
  const doc = new Document({
    creator: 'SGZ 社工站综合管理平台',
    title: `志愿服务记录证明 ${r.number}`,
    styles: { default: { document: { run: { font: { ascii: FONT.body, eastAsia: FONT.body, hAnsi: FONT.body }, size: SIZE.三号 } } } },
    sections: [
      {
        properties: { page: { size: PAGE, margin: MARGIN } },
        children: [
          ...(copy ? [new Paragraph({ children: [run('副本', FONT.heading, SIZE.三号, true, 'C00000')], alignment: AlignmentType.RIGHT })] : []),
          new Paragraph({ children: [run('志愿服务记录证明', FONT.title, SIZE.二号)], alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT } }),
          new Paragraph({ children: [run(r.number, FONT.body, SIZE.三号)], alignment: AlignmentType.CENTER, spacing: LINE }),
          new Paragraph({ children: [], spacing: LINE }),
          body(
            `兹证明${s.volunteerName}（${s.sex === 'male' ? '男' : '女'}，公民身份号码${s.idNumberMasked}）` +
              `${s.teamName ? `系${s.teamName}志愿者，` : ''}于${r.periodFrom}至${r.periodTo}期间在${s.issuerName}参加志愿服务${r.recordCount}次，` +
              `累计志愿服务时间${hours(r.totalMinutes)}小时（实际服务时间，不含往返交通时间）。具体如下：`,
          ),
          table,
          new Paragraph({ children: [], spacing: LINE }),
          body(`以上信息依据本站志愿服务记录如实出具（谁记录谁证明），本证明免费出具${r.purpose ? `，用于${r.purpose}` : ''}。`),
          new Paragraph({ children: [], spacing: LINE }),
          new Paragraph({ children: [run(`出具单位：${s.issuerName}（盖章）`, FONT.body, SIZE.三号)], alignment: AlignmentType.RIGHT, spacing: LINE }),
          ...(s.operatorName ? [new Paragraph({ children: [run(`运营机构：${s.operatorName}`, FONT.body, SIZE.三号)], alignment: AlignmentType.RIGHT, spacing: LINE })] : []),
          new Paragraph({ children: [run(`出具日期：${r.issuedOn}`, FONT.body, SIZE.三号)], alignment: AlignmentType.RIGHT, spacing: LINE }),
          ...(copy ? [body('（本件为补打副本，编号与正本相同。）')] : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
