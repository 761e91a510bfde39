// 资料归档 (四（四）: 做好资料归档; 二（四）: 文书档案管理制度): a station's year (or a contract) gathered into one archive, each file with the period
// it must be kept. Imported by the server (the archive's index.xlsx) and the web (the page's table).

export const ARCHIVE_RULES = {
  'R-ARCHIVE-RETENTION': {
    id: 'R-ARCHIVE-RETENTION',
    clause: '会计档案管理办法（财政部 国家档案局令第79号）第十四条及附表；机关文件材料归档范围和文书档案保管期限规定（国家档案局令第8号）第十条',
    title: '归档资料按类别确定保管期限：合同和会计资料30年，年度报告永久，其余定期10年或30年',
  },
  'R-ARCHIVE-SCOPE': {
    id: 'R-ARCHIVE-SCOPE',
    clause: '四（四）；个人信息保护法第六条',
    title: '归档资料只由有管理职责的单位生成和下载：区市、镇街民政部门，承接机构仅限其承接服务的年度；合同归档由采购单位、合同各站所在镇街（须全部在本镇街）和承接机构本身生成',
  },
} as const;

export const ARCHIVE_KINDS = ['report', 'report_annual', 'plan', 'contract', 'finance', 'evaluation', 'case', 'records_summary', 'volunteer_certificate', 'attachment', 'index'] as const;
export type ArchiveFileKind = (typeof ARCHIVE_KINDS)[number];

export interface Retention {
  kind: ArchiveFileKind;
  label: string;
  /** Years to keep; null = permanent (永久). */
  years: number | null;
  /** When the period starts counting. */
  from: string;
  /** Where the period comes from. */
  source: string;
}

// Sources: 会计档案管理办法 (2015) 附表《企业和其他组织会计档案保管期限表》: 原始凭证、记账凭证、
// 会计账簿 30年, 年度财务会计报告 永久; 国家档案局令第8号 第十条: 文书档案保管期限为永久、定期30年、
// 定期10年 (the unit decides which series takes which). Case files follow the common practice of
// social work service standards (closed case files kept 10 years after closing); a unit may set longer.
export const RETENTION: Record<ArchiveFileKind, Retention> = {
  report_annual: { kind: 'report_annual', label: '年度、中期、末期报告', years: null, from: '报告期末', source: '国家档案局令第8号第十条（永久）' },
  report: { kind: 'report', label: '月度简报', years: 10, from: '报告期末', source: '国家档案局令第8号第十条（定期10年）' },
  plan: { kind: 'plan', label: '年度计划', years: 30, from: '计划年度终了', source: '国家档案局令第8号第十条（定期30年）' },
  contract: { kind: 'contract', label: '服务合同及合同文件', years: 30, from: '合同终止', source: '会计档案管理办法附表（30年）' },
  finance: { kind: 'finance', label: '付款和支出记录', years: 30, from: '会计年度终了', source: '会计档案管理办法第十四条及附表（30年）' },
  evaluation: { kind: 'evaluation', label: '绩效评估结果及佐证', years: 30, from: '评估年度终了', source: '国家档案局令第8号第十条（定期30年）' },
  case: { kind: 'case', label: '结案个案', years: 10, from: '结案', source: '社会工作服务档案管理惯例（结案后10年）' },
  records_summary: { kind: 'records_summary', label: '服务台账汇总', years: 10, from: '年度终了', source: '国家档案局令第8号第十条（定期10年）' },
  volunteer_certificate: { kind: 'volunteer_certificate', label: '志愿服务记录证明', years: 10, from: '出具', source: '国家档案局令第8号第十条（定期10年）' },
  attachment: { kind: 'attachment', label: '附件（随所属记录）', years: 10, from: '所属记录', source: '随所属记录的保管期限，至少10年' },
  index: { kind: 'index', label: '归档目录', years: null, from: '归档', source: '国家档案局令第8号第十条（永久）' },
};

/** The period as people write it: 永久 or 30年（自合同终止起）. */
export function retentionText(kind: ArchiveFileKind): string {
  const r = RETENTION[kind];
  return r.years === null ? '永久' : `${r.years}年（自${r.from}起）`;
}

/** The first year an item of the kind may be disposed of, or null when it is kept for ever. */
export function keepUntilYear(kind: ArchiveFileKind, startYear: number): number | null {
  const years = RETENTION[kind].years;
  return years === null ? null : startYear + years;
}

/** A 'running' job whose process has not reported for this long may be taken over by another. */
export const ARCHIVE_STALE_MINUTES = 5;
/** A job whose builder stopped this many times (a process killed by it, say) is failed, not taken again. */
export const ARCHIVE_MAX_ATTEMPTS = 3;

export const ARCHIVE_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ArchiveStatus = (typeof ARCHIVE_STATUSES)[number];
export const ARCHIVE_STATUS_LABELS: Record<ArchiveStatus, string> = { queued: '排队中', running: '生成中', done: '已完成', failed: '失败' };
