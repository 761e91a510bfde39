import { EDUCATION_LABELS, QUALIFIED_BY_LABELS, STAFF_SOURCE_LABELS } from '../../../shared/rules/staffing';
import { writeAuditAlone } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { EXPORT_CAP, listWorkbook } from '../../platform/excel';
import * as repo from './social-workers.repo';
import { listItems } from './social-workers.service';

/** The list the user sees, masked as on screen; capped and audited. */
export async function exportXlsx(ctx: Ctx, filter: repo.WorkerFilter): Promise<Buffer> {
  const items = await listItems(ctx, await repo.allWorkers(ctx, filter, EXPORT_CAP));
  const content = await listWorkbook(
    '驻站社工',
    [
      { header: '姓名', key: 'name', width: 10 },
      { header: '身份证号（脱敏）', key: 'id', width: 22 },
      { header: '性别', key: 'sex', width: 6 },
      { header: '年龄', key: 'age', width: 6 },
      { header: '电话（脱敏）', key: 'phone', width: 16 },
      { header: '学历', key: 'education', width: 10 },
      { header: '专业', key: 'major', width: 16 },
      { header: '所属机构', key: 'org', width: 30 },
      { header: '在岗社工站', key: 'station', width: 34 },
      { header: '上岗日期', key: 'start', width: 12 },
      { header: '人员来源', key: 'source', width: 14 },
      { header: '专业素质', key: 'qualified', width: 30 },
  ],
    items.map((w) => ({
      name: w.name, id: w.idNumberMasked, sex: w.sex === 'male' ? '男' : '女', age: w.age, phone: w.phoneMasked,
      education: EDUCATION_LABELS[w.education], major: w.major, org: w.orgName ?? '',
      station: w.currentPosting?.stationName ?? '未上岗', start: w.currentPosting?.startDate ?? '',
      source: w.currentPosting ? STAFF_SOURCE_LABELS[w.currentPosting.source] : '',
      qualified: w.qualifiedBy ? QUALIFIED_BY_LABELS[w.qualifiedBy] : '不具备',
    })),
    '身份证号、电话已脱敏',
  );
  await writeAuditAlone(ctx, { action: 'worker.export', objectType: 'social_worker', objectId: '', detail: `导出 ${items.length} 条，条件：${JSON.stringify(filter)}` });
  return content;
}
