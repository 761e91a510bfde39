import type { RuleRef } from '../errors';
import { ARCHIVE_RULES } from './archives';
import { CASE_RULES } from './case-work';
import { CLIENT_RULES } from './clients';
import { SYSTEM_RULES } from './institutional-systems';
import { PLATFORM_RULES } from './platform';
import { PUBLICITY_RULES } from './publicity';
import { PURCHASE_RULES } from './purchase';
import { REPORT_RULES } from './reports';
import { RESOURCE_RULES } from './resources';
import { SCOPE_RULES } from './service-scope';
import { STAFF_RULES } from './staffing';
import { STATION_PLAN_RULES } from './station-plans';
import { VOLUNTEER_RULES } from './volunteers';

// The plan's rules as the product cites them (see docs and ../shared/spec/policy-rules.md).
// Errors and findings carry one of these so a user can see why the system says no.
export const RULES = {
  'R-STATION-ONE': { id: 'R-STATION-ONE', clause: '二（三）', title: '每个镇（街道）应设立1个社工站' },
  'R-STATION-NAME': {
    id: 'R-STATION-NAME',
    clause: '二（五）',
    title: '标牌格式：中国社会工作标识+XX区市XX镇（街道）社会工作服务站',
  },
  'R-STATION-PLAQUE': {
    id: 'R-STATION-PLAQUE',
    clause: '二（五）',
    title: '未设在村（社区）办公服务场所的社工站，采用户外挂牌和室内挂牌两种形式',
  },
  'R-STATION-VENUE': {
    id: 'R-STATION-VENUE',
    clause: '二（二）',
    title: '充分利用现有办公场所；镇人民政府（街道办事处）负责配置必要的办公设施设备',
  },
  ...STAFF_RULES,
  ...SCOPE_RULES,
  ...CLIENT_RULES,
  ...CASE_RULES,
  ...PURCHASE_RULES,
  ...REPORT_RULES,
  ...PLATFORM_RULES,
  ...RESOURCE_RULES,
  ...VOLUNTEER_RULES,
  ...SYSTEM_RULES,
  ...PUBLICITY_RULES,
  ...STATION_PLAN_RULES,
  ...ARCHIVE_RULES,
} as const satisfies Record<string, RuleRef>;
export type RuleId = keyof typeof RULES;

export function ruleLabel(id: RuleId): string {
  const r = RULES[id];
  return `${r.id} — ${r.clause}：${r.title}`;
}
