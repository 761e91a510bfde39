import ExcelJS from 'exceljs';
import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { chinaDateTime } from '../../../shared/rules/china-date';
import { REPORT_SECTION_LABELS, REPORT_SECTIONS } from '../../../shared/rules/reports';
import type { ReportDetail } from '../../../shared/contracts/reports';

// GB/T 9704-2012 (党政机关公文格式): A4; 天头 37 mm, 订口 28 mm, text block 156 × 225 mm;
// title in 2号方正小标宋简体, body in 3号仿宋_GB2312, headings 黑体 / 楷体_GB2312;
// 22 lines of 28 characters a page (fixed line pitch 28.95 pt); page numbers 4号 in "— 1 —".
/** Millimetres to twips, rounded (docx's helper truncates: A4 must be 11906 × 16838). */
const mm = (v: number) => Math.round((v * 1440) / 25.4);
const PAGE = { width: mm(210), height: mm(297) };
const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(28) };
const LINE = { line: 579, lineRule: LineRuleType.EXACT };
const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
};
/** docx sizes are half-points: 2号 = 22 pt, 3号 = 16 pt, 4号 = 14 pt. */
const SIZE = { 二号: 44, 三号: 32, 四号: 28, 小四: 24 };

const run = (text: string, font: string, size: number, bold = false) =>
  new TextRun({ text, bold, size, font: { ascii: font, eastAsia: font, hAnsi: font } });

const body = (text: string) =>
  new Paragraph({ children: [run(text, FONT.body, SIZE.三号)], spacing: LINE, indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED });

const heading = (text: string, level: 1 | 2) =>
  new Paragraph({
    children: [run(text, level === 1 ? FONT.heading1 : FONT.heading2, SIZE.三号)],
    spacing: LINE,
    indent: { firstLine: 640 },
  });

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const value = (r: ReportDetail, key: string) => r.figures.find((f) => f.key === key)?.value ?? 0;

/** The opening paragraph, in words, from the main figures (nobody retypes them). */
export function summarySentence(r: ReportDetail): string {
  return (
    `本期（${r.periodStart}至${r.periodEnd}）共服务对象${value(r, 'clients.served')}人，记录服务${value(r, 'records.total')}次` +
    `（其中入户走访${value(r, 'records.visits')}次），服务时长${value(r, 'records.hours')}小时；新开个案${value(r, 'cases.opened')}个，` +
    `结案${value(r, 'cases.closed')}个；开展小组活动${value(r, 'sessions.group')}节、社区活动${value(r, 'sessions.community')}场；` +
    `志愿服务${value(r, 'volunteers.records') + value(r, 'volunteers.sessions')}小时` +
    `（登记志愿者${value(r, 'volunteers.people')}人记录服务${value(r, 'volunteers.hours')}小时，培育志愿服务队和社区社会组织${value(r, 'volunteers.teams')}个）；转介${value(r, 'referrals.total')}次；` +
    `慈善资源对接满足需求${value(r, 'resources.needs.met')}项，动员资金${value(r, 'resources.money')}元、物资${value(r, 'resources.goods')}件、服务${value(r, 'resources.hours')}小时；` +
    `社工上岗${value(r, 'staff.started')}人、离岗${value(r, 'staff.ended')}人。`
  );
}

function figureTable(rows: ReportDetail['figures']): Table {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [run(text, FONT.body, SIZE.小四, bold)], alignment: AlignmentType.CENTER })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: [cell('项目', true), cell('数量', true), cell('单位', true)] }),
      ...rows.map((f) => new TableRow({ children: [cell(f.label), cell(String(f.value)), cell(f.unit)] })),
    ],
  });
}

export async function reportDocx(r: ReportDetail, authorName: string): Promise<Buffer> {
  const groups = [...new Set(r.figures.map((f) => f.group))];
  const texts = (s: string) => s.split(/\n+/).map((t) => t.trim()).filter(Boolean);
  const sectionBlocks = REPORT_SECTIONS.flatMap((s, i) => {
    const paragraphs = texts(r.sections[s]);
    return [heading(`${CN[i + 2]}、${REPORT_SECTION_LABELS[s]}`, 1), ...(paragraphs.length ? paragraphs.map(body) : [body('无。')])];
  });
  const doc = new Document({
    creator: 'SGZ 社工站综合管理平台',
    title: r.title,
    styles: { default: { document: { run: { font: { ascii: FONT.body, eastAsia: FONT.body, hAnsi: FONT.body }, size: SIZE.三号 } } } },
    sections: [
      {
        properties: { page: { size: PAGE, margin: MARGIN } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: SIZE.四号, font: { ascii: FONT.pageNumber, eastAsia: FONT.pageNumber, hAnsi: FONT.pageNumber } }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({ children: [run(r.title, FONT.title, SIZE.二号)], alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT } }),
          new Paragraph({ children: [run(`（${r.periodStart}至${r.periodEnd}）`, FONT.heading2, SIZE.三号)], alignment: AlignmentType.CENTER, spacing: LINE }),
          new Paragraph({ children: [], spacing: LINE }),
          body(`报送单位：${authorName}。${r.frozen ? `数据截至${chinaDateTime(r.computedAt)}（提交时冻结）。` : `数据为${chinaDateTime(r.computedAt)}的实时统计（草稿）。`}`),
          heading('一、基本情况', 1),
          body(summarySentence(r)),
          heading('二、服务数据', 1),
          ...groups.flatMap((g, i) => [heading(`（${CN[i]}）${g}`, 2), figureTable(r.figures.filter((f) => f.group === g))]),
          ...sectionBlocks,
          ...(r.findings.length
            ? [heading(`${CN[REPORT_SECTIONS.length + 2]}、需整改的问题`, 1), ...r.findings.map((f, i) => body(`${i + 1}. ${f.message}（${f.rule}）`))]
            : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export async function reportXlsx(r: ReportDetail): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'SGZ';
  const data = book.addWorksheet('服务数据');
  data.columns = [
    { header: '分类', key: 'group', width: 22 },
    { header: '项目', key: 'label', width: 30 },
    { header: '数量', key: 'value', width: 12 },
    { header: '单位', key: 'unit', width: 8 },
  ];
  data.getRow(1).font = { bold: true };
  for (const f of r.figures) data.addRow(f);
  data.addRow([]);
  data.addRow([`${r.title}　${r.periodStart}至${r.periodEnd}　${r.frozen ? '提交时冻结的数据' : '实时数据（草稿）'}　统计时间 ${chinaDateTime(r.computedAt)}`]);
  const issues = book.addWorksheet('问题清单');
  issues.columns = [
    { header: '规则', key: 'rule', width: 18 },
    { header: '问题', key: 'message', width: 90 },
  ];
  issues.getRow(1).font = { bold: true };
  for (const f of r.findings) issues.addRow(f);
  return Buffer.from(await book.xlsx.writeBuffer());
}
