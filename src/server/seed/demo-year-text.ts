import type { PartnerKind } from '../../shared/rules/partners';
import type { ServiceDomain } from '../../shared/rules/organizations';

/**
 * What the demo's year of work says, in the words a station's social workers write. All of it is
 * made up: no real person, place of residence or case stands behind any line.
 */

/** Notes of a service record, by the domain of its catalogue item. */
export const RECORD_NOTES: Record<ServiceDomain, string[]> = {
  assistance: [
    '入户走访，了解家庭近况：老人慢性病用药稳定，低保金按月到账。提醒按时复查，下次走访带去医保报销材料清单。',
    '协助服务对象整理临时救助申请材料，讲解办理流程，已陪同到镇民政办提交。',
    '服务对象近期情绪低落，开展心理疏导约40分钟，鼓励其参加社区活动，约定两周后回访。',
    '链接爱心企业捐赠的米面油，送至家中；查看居住环境，冬季取暖设备可正常使用。',
    '开展家计调查，核实家庭成员就业和收入变化，已记录并向村居反馈。',
    '陪同服务对象到市立医院复诊，协助挂号取药，就医后送回家中。',
  ],
  elderly: [
    '探访独居老人，测量血压（132/85），询问饮食起居，提醒天冷注意保暖、防跌倒。',
    '老人反映想念在外地工作的子女，陪伴聊天并协助视频通话，情绪明显好转。',
    '为高龄老人讲解高龄津贴和长期护理保险政策，协助在手机上完成资格认证。',
    '链接家庭医生上门随访，确认用药方案；为老人整理药盒并标注服药时间。',
    '组织邻里志愿者结对，约定每日上门问候一次，建立守望关系。',
    '老人家中卫生间地面湿滑，已联系村居协调安装扶手和防滑垫。',
  ],
  children: [
    '家庭随访：孩子期中考试成绩有进步，与奶奶沟通日常照料和作业辅导安排。',
    '与学校班主任沟通孩子在校情况，近期与同学相处融洽，约定每月电话沟通一次。',
    '开展监护评估，祖父母监护意愿和能力良好，生活费用依靠困境儿童基本生活费和亲属资助。',
    '为孩子讲解防溺水和交通安全知识，发放安全教育手册。',
    '核查儿童信息，与村居儿童主任共同确认户籍、就学和监护人联系方式。',
    '孩子反映晚上一个人在家害怕，与家长商议调整作息，并链接“四点半课堂”托管服务。',
  ],
  social_affairs: [
    '对辖区困难残疾人家庭开展排查，了解康复需求，已登记辅具申领意向。',
    '精神障碍患者家属反映服药依从性差，联系社区医生上门随访，讲解规律服药的重要性。',
    '开展需求评估：服务对象希望学习手机缴费和网上办事，安排志愿者下周上门教学。',
    '为社区矫正对象开展心理辅导，讨论就业打算，链接人社部门就业岗位信息。',
    '协助流浪返乡人员办理临时身份证明，联系亲属，已安全返家。',
    '与残联专干共同走访，核实两项补贴发放情况，无异常。',
  ],
  other: [
    '召开社区志愿者例会，总结本月服务情况，安排重阳节敬老活动分工。',
    '指导社区社会组织完善章程和活动台账，协助申报公益创投项目。',
    '“五社联动”议事会：社区、社工、社会组织、志愿者和慈善资源共同商议为老助餐点运营。',
    '开展志愿者培训，讲解入户探访礼仪和安全注意事项，新登记志愿者6名。',
    '对接慈善总会“微心愿”项目，收集困难家庭心愿12个。',
    '组织志愿者清理小区楼道杂物，宣传消防安全。',
  ],
};

/** Volunteers who give their hours in records and sessions. */
export const VOLUNTEERS = ['王秀兰', '李建华', '张海燕', '刘志刚', '陈丽君', '于洪波', '孙晓红', '毕德胜', '丛培玲', '曲春燕', '鞠文涛', '宋佳琪'];

export interface GroupTheme {
  kind: 'group' | 'community';
  name: string;
  goals: string;
  topics: string[];
  outcome: string;
}

/** The station's groups (小组, MZ/T 095) and community activities, each with its sessions' topics. */
export const GROUP_THEMES: GroupTheme[] = [
  {
    kind: 'group', name: '“健康同行”长者互助小组', goals: '提升独居和空巢老人慢病自我管理能力，建立同伴互助网络',
    topics: ['相识相知：破冰与小组契约', '慢病管理知多少', '合理膳食与用药安全', '八段锦健身练习', '居家防跌倒', '回顾与告别：互助网络延续'],
    outcome: '组员积极分享自己的保健经验，相互留了联系方式，约定每周结伴散步。',
  },
  {
    kind: 'group', name: '“阳光少年”困境儿童成长小组', goals: '增强困境儿童的自信心和人际交往能力，学会自我保护',
    topics: ['认识你真好', '我的情绪小怪兽', '学会说“不”：自我保护', '团队合作大挑战', '我的梦想树', '成长分享会'],
    outcome: '孩子们参与踊跃，两名平时内向的组员主动发言，家长反馈孩子回家愿意交流了。',
  },
  {
    kind: 'group', name: '“同心康复”残疾人支持小组', goals: '促进困难残疾人居家康复训练和社会融入，减轻家庭照护压力',
    topics: ['彼此认识与需求分享', '居家康复训练指导', '辅具使用与申领政策', '手工技能体验', '家属照护技巧', '总结与互助约定'],
    outcome: '康复师现场指导动作要领，组员及家属掌握了3个居家训练动作。',
  },
  {
    kind: 'group', name: '“就业启航”低保家庭能力提升小组', goals: '提升低保家庭有劳动能力成员的就业技能和求职信心',
    topics: ['自我认识与职业兴趣', '简历制作', '面试技巧模拟', '就业补贴与公益岗位政策', '走访用工企业', '总结与跟进'],
    outcome: '组员完成个人简历，两人报名参加人社部门组织的招聘会。',
  },
  {
    kind: 'community', name: '“邻里守望·温暖同行”社区关爱活动', goals: '营造邻里互助氛围，关爱辖区老人和困难家庭',
    topics: ['邻里茶话会', '义诊进社区', '防范电信诈骗宣传', '爱心理发', '中秋邻里团圆宴', '志愿者表彰会'],
    outcome: '活动有序开展，居民参与热情高，现场收集居民需求建议8条。',
  },
  {
    kind: 'community', name: '“护苗成长”儿童暑期课堂', goals: '为留守和困境儿童提供安全、有益的假期陪伴',
    topics: ['安全教育第一课', '非遗剪纸体验', '绘本共读', '防溺水宣传', '亲子运动会', '结营成果展示'],
    outcome: '儿童全程参与，安全有序；大学生志愿者协助开展课堂活动。',
  },
  {
    kind: 'community', name: '“政策进村居”民生政策宣传活动', goals: '让困难群众知晓并用好社会救助、养老和残疾人保障政策',
    topics: ['低保政策解读', '临时救助申请流程', '残疾人两项补贴宣传', '高龄津贴政策宣讲', '困境儿童保障政策', '养老服务补贴宣传'],
    outcome: '发放宣传资料百余份，现场解答群众咨询，登记需进一步跟进的家庭3户。',
  },
  {
    kind: 'community', name: '“五社联动”社区议事会', goals: '发动社区、社会组织、志愿者和慈善力量共同解决居民关心的问题',
    topics: ['议题征集', '助餐点选址议事', '楼道微改造议事', '慈善资源对接会', '志愿服务积分兑换', '年度总结'],
    outcome: '形成议事结果并在社区公示，认领志愿服务项目2个。',
  },
];

/** The partner directory of a county unit (R-RESOURCES): `{county}` is its short name. */
export const PARTNER_TEMPLATES: { kind: PartnerKind; name: string; contact: string; services: string; reason: string; outcome: string }[] = [
  { kind: 'justice', name: '{county}法律援助中心', contact: '于律师', services: '法律援助、法律咨询、人民调解', reason: '服务对象与亲属存在赡养纠纷，需要法律援助。', outcome: '已安排律师提供咨询，双方达成调解协议。' },
  { kind: 'health', name: '{county}人民医院', contact: '医务科 姜主任', services: '医疗救治、康复指导、家庭医生签约', reason: '服务对象慢性病加重，需要转介专科诊疗和家庭医生签约。', outcome: '已完成家庭医生签约，按月上门随访。' },
  { kind: 'hrss', name: '{county}公共就业和人才服务中心', contact: '孙科长', services: '就业登记、职业培训、公益性岗位', reason: '服务对象有劳动能力和就业意愿，需要就业岗位信息和技能培训。', outcome: '已参加家政技能培训，推荐到社区公益性岗位。' },
  { kind: 'education', name: '{county}教育和体育局学生资助中心', contact: '王老师', services: '学生资助、心理健康教育、送教上门', reason: '困境儿童就学需要资助和心理支持。', outcome: '已纳入学生资助，学校安排心理老师定期谈心。' },
  { kind: 'union', name: '{county}总工会困难职工帮扶中心', contact: '曲主任', services: '困难职工帮扶、法律维权', reason: '服务对象为困难职工家庭，需要工会帮扶。', outcome: '已纳入困难职工档案，发放帮扶金。' },
  { kind: 'youth_league', name: '共青团{county}委员会', contact: '刘书记', services: '青少年关爱、志愿者招募', reason: '留守儿童需要学业辅导和陪伴，申请青年志愿者结对。', outcome: '已安排大学生志愿者每周结对辅导。' },
  { kind: 'women', name: '{county}妇女联合会', contact: '张部长', services: '妇女儿童权益维护、家庭教育指导、反家暴', reason: '家庭关系紧张，需要家庭教育指导和妇女权益支持。', outcome: '已开展家庭教育指导两次，家庭关系缓和。' },
  { kind: 'disabled', name: '{county}残疾人联合会', contact: '毕科长', services: '残疾评定、辅具适配、康复救助', reason: '服务对象行动不便，需要辅具适配和康复救助。', outcome: '已适配轮椅一台，纳入康复救助。' },
];

/** Case notes by stage: intake note, needs, goals, results, closure (cases.notes_cipher JSON). */
export const CASE_STORIES: {
  intakeNote: string;
  needs: { domain: ServiceDomain; need: string }[];
  goals: { goal: string; services: string[] }[];
  results: { goal: string; achieved: 'yes' | 'partly' | 'no'; note: string }[];
  closureReason: string;
}[] = [
  {
    intakeNote: '村居网格员反映：独居老人，子女在外地，近期摔倒一次，生活自理能力下降。',
    needs: [{ domain: 'elderly', need: '日常生活照料和安全防护' }, { domain: 'elderly', need: '情感慰藉，缓解孤独' }],
    goals: [{ goal: '居家环境适老化改造，降低跌倒风险', services: ['EL06'] }, { goal: '建立邻里守望，每日有人问候', services: ['EL02'] }],
    results: [{ goal: '居家环境适老化改造，降低跌倒风险', achieved: 'yes', note: '已安装扶手、防滑垫，三个月内未再跌倒' }, { goal: '建立邻里守望，每日有人问候', achieved: 'yes', note: '两名邻居志愿者结对' }],
    closureReason: '服务目标达成，老人生活稳定，转入常规走访。',
  },
  {
    intakeNote: '学校老师转介：父母离异，孩子随祖母生活，近期情绪低落、厌学。',
    needs: [{ domain: 'children', need: '心理支持和学业辅导' }, { domain: 'assistance', need: '家庭经济困难，需要救助政策支持' }],
    goals: [{ goal: '改善情绪状态，恢复正常上学', services: ['CH04'] }, { goal: '落实困境儿童基本生活保障', services: ['CH05'] }],
    results: [{ goal: '改善情绪状态，恢复正常上学', achieved: 'yes', note: '孩子按时上学，成绩有提升' }, { goal: '落实困境儿童基本生活保障', achieved: 'yes', note: '已纳入困境儿童保障' }],
    closureReason: '孩子情绪稳定、按时就学，保障政策已落实。',
  },
  {
    intakeNote: '低保家庭，户主因病失去工作，妻子照顾残疾儿子，家庭压力大。',
    needs: [{ domain: 'assistance', need: '就医和康复费用负担重' }, { domain: 'social_affairs', need: '照护者心理压力大' }],
    goals: [{ goal: '链接医疗救助和康复资源', services: ['SA07'] }, { goal: '缓解照护者压力', services: ['SA01'] }],
    results: [{ goal: '链接医疗救助和康复资源', achieved: 'partly', note: '医疗救助已申请，康复救助排队中' }, { goal: '缓解照护者压力', achieved: 'yes', note: '母亲参加照护者支持小组' }],
    closureReason: '主要需求已回应，剩余事项转常规跟进。',
  },
  {
    intakeNote: '精神障碍患者，病情稳定期，家属反映不愿外出、不按时服药。',
    needs: [{ domain: 'social_affairs', need: '规律服药和社区康复' }, { domain: 'social_affairs', need: '家属照护知识' }],
    goals: [{ goal: '提高服药依从性', services: ['SF06'] }, { goal: '参加社区康复活动', services: ['SF03'] }],
    results: [{ goal: '提高服药依从性', achieved: 'yes', note: '连续三个月按时服药' }, { goal: '参加社区康复活动', achieved: 'partly', note: '每月参加一次' }],
    closureReason: '病情稳定，已与社区医生建立随访机制。',
  },
];

/** Monthly briefings: highlights, problems and next month's plan (REPORT_SECTIONS). */
export const BRIEFING_SECTIONS: { highlights: string; problems: string; nextPlan: string }[] = [
  {
    highlights: '本月围绕困难群众和独居老人开展入户走访，完成重点对象探访全覆盖；开展小组活动和社区活动各一次，链接爱心企业捐赠物资一批。',
    problems: '部分村居距离站点较远，入户走访用时长；志愿者队伍以老年人为主，青年志愿者较少。',
    nextPlan: '继续做好困难群众走访和个案跟进；联合团委招募青年志愿者；筹备重阳节敬老活动。',
  },
  {
    highlights: '完成困境儿童监护评估和家庭随访，暑期课堂顺利结营；个案服务按计划推进，两个个案进入评估阶段。',
    problems: '个别家庭监护人外出务工，联系困难；服务记录上传照片不够及时。',
    nextPlan: '开展开学季困境儿童走访；加强服务台账规范化；推进“五社联动”议事会。',
  },
  {
    highlights: '开展救助政策宣传进村居活动，现场解答群众咨询；转介就业和医疗资源，帮助两户家庭解决实际困难。',
    problems: '精神障碍患者家庭服务需求复杂，需要专业督导支持。',
    nextPlan: '申请区督导专家指导复杂个案；完善服务对象数据库；做好冬季取暖安全排查。',
  },
];

export const RETURN_COMMENTS = [
  '服务对象人次与台账不一致，请核对后重新提交。',
  '“存在问题”一栏过于笼统，请结合本月具体情况补充。',
  '下月计划缺少时间安排，请补充后重新提交。',
];

/** Supervision visits: topic, findings, follow-up. */
export const SUPERVISION_VISITS: { supervisor: string; topic: string; findings: string; followUp: string }[] = [
  { supervisor: '市社会工作督导 高教授', topic: '个案服务流程与文书规范', findings: '个案预估记录较完整，服务计划目标不够具体、可测量性不足。', followUp: '按SMART原则修改在办个案的服务计划' },
  { supervisor: '区民政局 李主任', topic: '站点运营和台账检查', findings: '站点开放时间公示规范，服务台账基本齐全，部分活动签到表缺失。', followUp: '补齐活动签到表并按月归档' },
  { supervisor: '第三方督导 周老师', topic: '小组工作设计与带领技巧', findings: '小组目标清晰，带领者对冲突回应不足，缺少每节活动后的反思记录。', followUp: '每节小组活动后填写反思记录' },
  { supervisor: '镇街 张干事', topic: '困难群众走访覆盖情况', findings: '重点对象走访基本覆盖，2户独居老人走访间隔超过一个月。', followUp: '一周内完成2户独居老人走访并记录' },
];
