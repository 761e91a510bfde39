import type { RuleRef } from '../errors';
import { fullYearsOn } from './id-number';

/**
 * "社工+志愿者" (一（二）3), 五社联动 and volunteer teams (二（一）5, 五（三）), recorded and
 * certified after 民政部《志愿服务记录与证明出具办法（试行）》 (the 办法, in force 2021-02-01).
 */
const BANFA = '《志愿服务记录与证明出具办法（试行）》';

export const VOLUNTEER_RULES = {
  'R-VOLUNTEER': {
    id: 'R-VOLUNTEER',
    clause: '一（二）3、二（一）5',
    title: '推动建立“社工+志愿者”联动机制和“五社联动”机制，发展、壮大志愿者队伍',
  },
  'R-VOLUNTEER-CONSENT': {
    id: 'R-VOLUNTEER-CONSENT',
    clause: `一（二）3；${BANFA}第四条；个人信息保护法第十三条`,
    title: '登记志愿者（含身份证号等个人基本信息）须取得本人同意，记录同意日期和范围',
  },
  'R-VOLUNTEER-MINOR': {
    id: 'R-VOLUNTEER-MINOR',
    clause: '一（二）3；《志愿服务条例》；个人信息保护法第三十一条',
    title: '未满十八周岁的志愿者须经监护人同意（记录监护人姓名、关系和同意日期）',
  },
  'R-VOLUNTEER-HOURS': {
    id: 'R-VOLUNTEER-HOURS',
    clause: `${BANFA}第三条`,
    title: '志愿服务时间是实际提供志愿服务的时间：不超过起止时间之差、同一志愿者的时段不得重叠、单日不超过12小时、不得记录未来的服务',
  },
  'R-VOLUNTEER-RECORD': {
    id: 'R-VOLUNTEER-RECORD',
    clause: `${BANFA}第四条；五（三）`,
    title: '谁记录谁证明：志愿服务由组织活动的社工站如实记录（基本信息、服务、培训、表彰、评价），只为本站登记的志愿者记录',
  },
  'R-VOLUNTEER-CERT': {
    id: 'R-VOLUNTEER-CERT',
    clause: `${BANFA}第三条`,
    title: '志愿服务记录证明由记录的社工站免费出具，按出具单位和年度连续编号；补打的证明注明“副本”，编号不变',
  },
} as const satisfies Record<string, RuleRef>;

export const VOLUNTEER_STATUSES = ['active', 'left'] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];
export const VOLUNTEER_STATUS_LABELS: Record<VolunteerStatus, string> = { active: '在册', left: '已退出' };

export const VOLUNTEER_SKILLS = [
  'companionship', 'tutoring', 'medical', 'legal', 'psychology', 'repair', 'culture', 'sports', 'driving', 'it', 'other',
] as const;
export type VolunteerSkill = (typeof VOLUNTEER_SKILLS)[number];
export const VOLUNTEER_SKILL_LABELS: Record<VolunteerSkill, string> = {
  companionship: '陪伴探访',
  tutoring: '课业辅导',
  medical: '医疗护理',
  legal: '法律咨询',
  psychology: '心理疏导',
  repair: '家电维修',
  culture: '文艺宣传',
  sports: '文体活动',
  driving: '交通接送',
  it: '信息技术',
  other: '其他',
};

/** 志愿服务队 or a community social organisation (社区社会组织) the station cultivates. */
export const TEAM_KINDS = ['volunteer_team', 'community_org'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];
export const TEAM_KIND_LABELS: Record<TeamKind, string> = { volunteer_team: '志愿服务队', community_org: '社区社会组织' };

/** Cultivation stages in order: a team moves forward only. */
export const TEAM_STAGES = ['incubating', 'cultivating', 'registered', 'filed'] as const;
export type TeamStage = (typeof TEAM_STAGES)[number];
export const TEAM_STAGE_LABELS: Record<TeamStage, string> = { incubating: '孵化', cultivating: '培育', registered: '登记', filed: '备案' };

export const RECORD_SOURCES = ['own', 'group_session', 'service_record', 'resource_delivery'] as const;
export type RecordSource = (typeof RECORD_SOURCES)[number];
export const RECORD_SOURCE_LABELS: Record<RecordSource, string> = {
  own: '单独登记',
  group_session: '小组/社区活动',
  service_record: '服务记录（入户走访等）',
  resource_delivery: '慈善资源交付',
};

/** Under 18 full years on the day: only with a guardian's consent. */
export function isMinorVolunteer(birthDate: string, onDate: string): boolean {
  return fullYearsOn(birthDate, onDate) < 18;
}

/** A day's served time above this is not believable as time actually served. */
export const MAX_MINUTES_PER_DAY = 12 * 60;

/** "HH:mm" → minutes after midnight, or null. */
export function minutesOfDay(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export interface ServedSpan {
  date: string;
  startTime: string;
  endTime: string;
  minutes: number;
}

/**
 * Why the hours can't be recorded (R-VOLUNTEER-HOURS), or null: the time served lies within the
 * span, the span is forward and on one day, the day is not in the future, and the day's total
 * (with what is already recorded) stays within MAX_MINUTES_PER_DAY.
 */
export function hoursProblem(span: ServedSpan, today: string, otherMinutesThatDay: number): string | null {
  const start = minutesOfDay(span.startTime);
  const end = minutesOfDay(span.endTime);
  if (start === null || end === null) return '请填写有效的开始和结束时间（HH:mm）';
  if (span.date > today) return '不能记录尚未发生的志愿服务';
  if (end <= start) return '结束时间须晚于开始时间（跨天的服务请按天分别记录）';
  if (span.minutes <= 0) return '服务时长须大于0';
  if (span.minutes > end - start) return `服务时长${span.minutes}分钟超过了起止时间之差（${end - start}分钟）：只记实际服务的时间`;
  if (otherMinutesThatDay + span.minutes > MAX_MINUTES_PER_DAY)
    return `该志愿者${span.date}的服务时长合计将达${round1((otherMinutesThatDay + span.minutes) / 60)}小时，超过每日12小时`;
  return null;
}

/** True when two same-day spans share any minute (touching ends do not overlap). */
export function spansOverlap(a: Pick<ServedSpan, 'date' | 'startTime' | 'endTime'>, b: Pick<ServedSpan, 'date' | 'startTime' | 'endTime'>): boolean {
  if (a.date !== b.date) return false;
  return a.startTime < b.endTime && b.startTime < a.endTime;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** "鲸园街道社工站志证〔2026〕第0007号" style number: per issuer and year, no gaps. */
export function certificateNumber(issuerShortName: string, year: number, serial: number): string {
  return `${issuerShortName}志证〔${year}〕第${String(serial).padStart(4, '0')}号`;
}
