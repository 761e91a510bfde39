import { Tag } from 'antd';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from '../../../shared/rules/platform';

// The applications pages' own words (五（三）).
export const t = {
  title: '部门使用社工站的申请',
  applicantTitle: '我的申请',
  create: '起草申请',
  edit: '修改申请',
  empty: '没有符合条件的申请',
  toDecide: '只看待我决定的',
  status: '状态',
  department: '申请单位',
  name: '服务项目名称',
  purpose: '申请事由',
  items: '服务项目（服务项目目录）',
  stations: '使用的社工站',
  stationsHint: '只能选择本单位所在区域内的社工站',
  period: '服务期限',
  periodStart: '开始日期',
  periodEnd: '结束日期',
  targetPeople: '服务对象',
  fundedBy: '经费来源（谁出资）',
  providedBy: '服务提供方（谁提供服务）',
  contact: '联系人和电话',
  bureau: '受理的民政部门',
  applicant: '申请人',
  submittedAt: '提交时间',
  decidedAt: '决定时间',
  decision: '决定',
  decisionComment: '意见或理由',
  decisionCommentRequired: '退回修改或不予同意须写明理由',
  history: '办理记录',
  submit: '提交申请',
  submitTitle: '提交申请',
  submitConfirm: (bureau: string) => `提交后由${bureau}决定，决定前不能修改。确定提交吗？`,
  submitted: '已提交',
  saved: '已保存',
  decide: '作出决定',
  decided: '已作出决定',
  decisions: { accepted: '同意', changes_requested: '退回修改', refused: '不予同意' },
  downloadApplication: '下载书面申请（.docx）',
  downloadReply: '下载答复（.docx）',
  report: '服务完成情况',
  reportNote: (d: string) => `截至 ${d}，按社工站记入本申请的服务记录和活动统计；只含数量，不含服务对象个人信息。`,
  records: '服务记录',
  homeVisits: '其中入户走访',
  hours: '服务时长（小时）',
  groupSessions: '小组和社区活动（节）',
  peopleServed: '服务人数',
  volunteerHours: '志愿服务（小时）',
  byStation: '分社工站',
  byItem: '分服务项目',
  station: '社工站',
  item: '服务项目',
  notFound: '申请不存在，或不在您的查看范围内',
  ruleNote: '市直部门向市民政局提出书面申请；区市职能部门、镇（街道）向区市民政部门提出书面申请。',
  // On the service record form
  recordApplication: '按部门申请开展（可选）',
  recordApplicationHint: '只列出民政部门已同意、含本站且服务日期在期限内的申请',
};

const COLORS: Record<ApplicationStatus, string> = {
  draft: 'default', submitted: 'processing', accepted: 'success', changes_requested: 'warning', refused: 'error',
};

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  return <Tag color={COLORS[status]} data-testid="application-status">{APPLICATION_STATUS_LABELS[status]}</Tag>;
}
