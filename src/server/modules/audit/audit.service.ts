import ExcelJS from 'exceljs';
import type { z } from 'zod';
import {
  auditActionLabel, auditChangesText, auditObjectTypeLabel, collectUuids, describeAuditChanges, isUuid,
} from '../../../shared/audit-labels';
import { AUDIT_EXPORT_CAP, type AuditEntry, type listAudit as listAuditRoute } from '../../../shared/contracts/audit';
import { chinaDateTime } from '../../../shared/rules/china-date';
import { writeAudit } from '../../platform/audit';
import { inTransaction, type Ctx } from '../../platform/context';
import type { Db } from '../../db/client';
import * as repo from './audit.repo';

type ListQuery = z.output<NonNullable<(typeof listAuditRoute)['query']>>;

/** Rows with their objects named and their changes described, names resolved for the whole batch at once. */
async function present(db: Db, rows: repo.AuditRow[]): Promise<AuditEntry[]> {
  const ids = new Set<string>();
  for (const r of rows) {
    if (isUuid(r.objectId)) ids.add(r.objectId);
    collectUuids(r.before, ids);
    collectUuids(r.after, ids);
  }
  const names = await repo.objectNames(db, ids);
  return rows.map((r) => ({
    id: r.id, at: r.at.toISOString(), actorId: r.actorId, actorName: r.actorName, ip: r.ip,
    action: r.action, objectType: r.objectType, objectId: r.objectId, result: r.result, detail: r.detail,
    objectName: names.get(r.objectId) ?? null,
    changes: describeAuditChanges(r.objectType, r.before, r.after, names),
  }));
}

export async function list(ctx: Ctx, query: ListQuery) {
  const { rows, ...counted } = await repo.listAudit(ctx.db, query);
  return { items: await present(ctx.db, rows), ...counted, page: query.page, pageSize: query.pageSize };
}

export async function kinds(ctx: Ctx) {
  const { actions, objectTypes } = await repo.auditKinds(ctx.db);
  return {
    actions: actions.map((code) => ({ code, label: auditActionLabel(code) })),
    objectTypes: objectTypes.map((code) => ({ code, label: auditObjectTypeLabel(code) })),
  };
}

const FILTER_LABELS: Record<keyof repo.AuditFilter, string> = {
  actor: '用户', action: '操作', objectType: '对象类型', objectId: '对象编号', from: '起', to: '止',
};
function filterText(f: repo.AuditFilter): string {
  const parts = (Object.keys(FILTER_LABELS) as (keyof repo.AuditFilter)[])
    .filter((k) => f[k])
    .map((k) => {
      const v = f[k] ?? '';
      return `${FILTER_LABELS[k]}=${k === 'action' ? auditActionLabel(v) : k === 'objectType' ? auditObjectTypeLabel(v) : v}`;
    });
  return parts.length ? parts.join('，') : '全部';
}

const BATCH = 2000;

/**
 * The filtered log as a workbook, newest first, at most AUDIT_EXPORT_CAP rows: the first line
 * says the filter, how many matched and whether the file stops short. The export is itself a
 * row of the log, written in the same transaction as the read.
 */
export async function exportXlsx(ctx: Ctx, filter: repo.AuditFilter): Promise<{ content: Buffer; total: number; exported: number }> {
  return inTransaction(ctx, async (tx) => {
    const { rows, total } = await repo.auditForExport(tx.db, filter, AUDIT_EXPORT_CAP);
    const book = new ExcelJS.Workbook();
    book.creator = 'SGZ';
    const sheet = book.addWorksheet('审计日志');
    const capped = total > rows.length;
    sheet.addRow([
      `导出时间：${chinaDateTime(new Date())}　检索条件：${filterText(filter)}　符合条件 ${total} 条，导出 ${rows.length} 条` +
        (capped ? `（超过导出上限 ${AUDIT_EXPORT_CAP} 条，仅含最新的 ${rows.length} 条，请缩小检索条件分批导出）` : ''),
    ]).font = { bold: true };
    sheet.mergeCells(1, 1, 1, 9);
    const header = ['序号', '时间', '用户', 'IP 地址', '操作', '对象类型', '对象', '结果', '变更与说明'];
    sheet.addRow(header).font = { bold: true };
    sheet.columns = [8, 20, 16, 16, 20, 14, 36, 8, 80].map((width) => ({ width }));
    sheet.views = [{ state: 'frozen', ySplit: 2 }];
    for (let i = 0; i < rows.length; i += BATCH) {
      for (const e of await present(tx.db, rows.slice(i, i + BATCH))) {
        const changes = auditChangesText(e.changes);
        sheet.addRow([
          e.id, chinaDateTime(e.at), e.actorName, e.ip, auditActionLabel(e.action), auditObjectTypeLabel(e.objectType),
          e.objectName ?? e.objectId, e.result === 'ok' ? '成功' : '失败', [e.detail, changes].filter(Boolean).join('\n'),
        ]);
      }
    }
    await writeAudit(tx, {
      action: 'audit.export', objectType: 'audit_log', objectId: '',
      detail: `导出 ${rows.length} 条（符合条件 ${total} 条${capped ? '，已达上限' : ''}），条件：${filterText(filter)}`,
    });
    return { content: Buffer.from(await book.xlsx.writeBuffer()), total, exported: rows.length };
  });
}
