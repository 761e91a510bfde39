import {
  AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import type { Application, ClosingReport } from '../../../shared/contracts/applications';
import { chinaDay } from '../../../shared/rules/china-date';

// The layout of the reports' documents (reports/report-document.ts), GB/T 9704-2012: A4, 天头 37 mm,
// 订口 28 mm; title 2号方正小标宋简体, body 3号仿宋_GB2312, headings 黑体; 28.95 pt line pitch.
const mm = (v: number) => Math.round((v * 1440) / 25.4);
const PAGE = { width: mm(210), height: mm(297) };
const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(28) };
const LINE = { line: 579, lineRule: LineRuleType.EXACT };
const FONT = { title: '方正小标宋简体', body: '仿宋_GB2312', heading: '黑体', pageNumber: '宋体' };
const SIZE = { 二号: 44, 三号: 32, 四号: 28, 小四: 24 };

const run = (text: string, font: string, size: number, bold = false) =>
  new TextRun({ text, bold, size, font: { ascii: font, eastAsia: font, hAnsi: font } });
const body = (text: string) =>
  new Paragraph({ children: [run(text, FONT.body, SIZE.三号)], spacing: LINE, indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED });
const plain = (text: string) => new Paragraph({ children: [run(text, FONT.body, SIZE.三号)], spacing: LINE });
const heading = (text: string) => new Paragraph({ children: [run(text, FONT.heading, SIZE.三号)], spacing: LINE, indent: { firstLine: 640 } });
const right = (text: string) => new Paragraph({ children: [run(text, FONT.body, SIZE.三号)], spacing: LINE, alignment: AlignmentType.RIGHT });
const blank = () => new Paragraph({ children: [], spacing: LINE });

/** 2026年11月30日, the date line of a document. */
const dateLine = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

function table(header: string[], rows: string[][]): Table {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [run(text, FONT.body, SIZE.小四, bold)], alignment: AlignmentType.CENTER })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((x) => cell(x)) }))],
  });
}

function document(title: string, children: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    creator: 'SGZ 社工站综合管理平台',
    title,
    styles: { default: { document: { run: { font: { ascii: FONT.body, eastAsia: FONT.body, hAnsi: FONT.body }, size: SIZE.三号 } } } },
    sections: [
      {
        properties: { page: { size: PAGE, margin: MARGIN } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: SIZE.四号, font: { ascii: FONT.pageNumber, eastAsia: FONT.pageNumber, hAnsi: FONT.pageNumber } })],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({ children: [run(title, FONT.title, SIZE.二号)], alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT } }),
          blank(),
          ...children,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export const applicationTitle = (a: Application) => `关于利用社工站平台开展${a.title}的申请`;
export const replyTitle = (a: Application) => `关于${a.department}${a.title}申请的复函`;

/** The department's written application to the bureau (五（三）). */
export function applicationDocx(a: Application): Promise<Buffer> {
  const day = a.submittedAt ? chinaDay(a.submittedAt) : chinaDay(new Date().toISOString());
  return document(applicationTitle(a), [
    plain(`${a.decidingBureau}：`),
    body(`根据《威海市社会工作服务站建设实施方案》关于市直部门、区市职能部门和镇（街道）利用社工站平台开展外延性社会工作服务须提出书面申请的规定，现申请利用社工站平台开展${a.title}。`),
    heading('一、申请事由'),
    ...a.purpose.split(/\n+/).filter(Boolean).map(body),
    heading('二、服务项目'),
    body(a.items.map((i) => `${i.name}（${i.code}）`).join('；') + '。'),
    heading('三、服务社工站'),
    body(a.stations.map((s) => s.name).join('、') + '。'),
    heading('四、服务期限'),
    body(`${dateLine(a.periodStart)}至${dateLine(a.periodEnd)}。`),
    heading('五、服务对象'),
    body(a.targetPeople),
    heading('六、经费来源'),
    body(a.fundedBy),
    heading('七、服务提供方'),
    body(a.providedBy),
    ...(a.contact ? [heading('八、联系人'), body(a.contact)] : []),
    body('妥否，请批复。'),
    blank(),
    right(a.department),
    right(dateLine(day)),
  ]);
}

function reportBlocks(r: ClosingReport): (Paragraph | Table)[] {
  return [
    heading('服务完成情况'),
    body(
      `截至${dateLine(r.asOf)}，各社工站按本申请记录服务${r.records}次（其中入户走访${r.homeVisits}次），服务时长${r.hours}小时；` +
        `开展小组和社区活动${r.groupSessions}节（场）；服务${r.peopleServed}人；志愿服务${r.volunteerHours}小时。`,
    ),
    ...(r.byStation.length
      ? [table(['社工站', '服务记录（次）', '服务时长（小时）', '小组和社区活动（节）'], r.byStation.map((s) => [s.stationName, String(s.records), String(s.hours), String(s.groupSessions)]))]
      : []),
    ...(r.byItem.length ? [blank(), table(['服务项目', '服务记录（次）', '服务时长（小时）'], r.byItem.map((i) => [i.itemName, String(i.records), String(i.hours)]))] : []),
  ];
}

/** The bureau's reply: its decision with the reason, and for an accepted application what the stations did. */
export function replyDocx(a: Application): Promise<Buffer> {
  const decided = a.decidedAt ? chinaDay(a.decidedAt) : chinaDay(new Date().toISOString());
  const decision =
    a.status === 'accepted'
      ? `经研究，同意你单位利用${a.stations.map((s) => s.name).join('、')}于${dateLine(a.periodStart)}至${dateLine(a.periodEnd)}开展${a.title}。请与社工站做好衔接，服务情况由社工站如实记录。`
      : a.status === 'refused'
        ? `经研究，不予同意。理由：${a.decisionComment}`
        : `经研究，请按以下意见修改后重新提交：${a.decisionComment}`;
  return document(replyTitle(a), [
    plain(`${a.department}：`),
    body(`你单位《${applicationTitle(a)}》收悉。${decision}`),
    ...(a.status === 'accepted' && a.decisionComment ? [body(`意见：${a.decisionComment}`)] : []),
    ...(a.closingReport ? reportBlocks(a.closingReport) : []),
    blank(),
    right(a.decidingBureau),
    right(dateLine(decided)),
  ]);
}
