import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/stations';
import { RULES } from '../../../shared/rules/catalog';
import { chinaToday } from '../../../shared/rules/china-date';
import {
  missingPlaques,
  PLAQUE_STATE_LABELS,
  STATION_STATUS_LABELS,
  VENUE_TYPE_LABELS,
} from '../../../shared/rules/station-venue';
import { stations } from '../../db/schema';
import { writeAudit, writeAuditAlone } from '../../platform/audit';
import { inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid, isUniqueViolation, notFound, ruleViolation, versionConflict } from '../../platform/errors';
import { EXPORT_CAP, listWorkbook } from '../../platform/excel';
import { pathInScope } from '../../platform/scope';
import { findRegion } from '../regions/regions.repo';
import * as repo from './stations.repo';

type Detail = z.input<typeof c.stationDetailSchema>;
type ListItem = z.input<typeof c.stationListItemSchema>;
type Editable = z.output<typeof c.stationEditableSchema>;

const toListItem = (r: repo.StationJoined): ListItem => ({
  id: r.station.id,
  name: r.name,
  townCode: r.station.townCode,
  townName: r.townName,
  countyCode: r.countyCode,
  countyShortName: r.countyShortName,
  status: r.station.status,
  venueType: r.station.venueType,
  address: r.station.address,
  phone: r.station.phone,
  openedOn: r.station.openedOn,
  operatorOrgName: r.operatorOrgName,
  updatedAt: r.station.updatedAt.toISOString(),
});

function toDetail(r: repo.StationJoined): Detail {
  const s = r.station;
  const missing = missingPlaques(s);
  return {
    ...toListItem(r),
    venueOther: s.venueOther,
    outdoorPlaque: s.outdoorPlaque,
    indoorPlaque: s.indoorPlaque,
    equipment: s.equipment,
    hostContactName: s.hostContactName,
    hostContactPhone: s.hostContactPhone,
    statusReason: s.statusReason,
    operatorOrgId: r.operatorOrgId,
    createdAt: s.createdAt.toISOString(),
    version: s.version,
    findings:
      s.status === 'revoked'
        ? []
        : [
            ...(r.operatorOrgId
              ? []
              : [{ rule: RULES['R-STATION-OPERATOR'], message: '本站今天没有在履行期内的服务合同，没有承接机构运营；区市民政部门签订服务合同后即消除' }]),
            ...(missing.length
              ? [{ rule: RULES['R-STATION-PLAQUE'], message: `未设在村（社区）办公服务场所，尚缺${missing.join('、')}` }]
              : []),
          ],
  };
}

/** The audited image of a station: its own columns, without bookkeeping. */
function auditImage(s: typeof stations.$inferSelect) {
  const { createdAt: _c, updatedAt: _u, ...rest } = s;
  return rest;
}

function checkVenue(body: Editable): void {
  if (body.venueType === 'other' && body.venueOther.trim() === '')
    throw invalid([{ path: 'venueOther', message: '场所类型为“其他”时请说明场所' }]);
}

export async function list(ctx: Ctx, query: z.output<typeof c.stationListQuery>) {
  const { rows, total } = await repo.listStations(ctx, query);
  return { items: rows.map(toListItem), total, page: query.page, pageSize: query.pageSize };
}

export async function get(ctx: Ctx, id: string): Promise<Detail> {
  const row = await repo.findStation(ctx, id);
  if (!row) throw notFound('社工站');
  return toDetail(row);
}

export async function create(ctx: Ctx, body: Editable & { townCode: string }): Promise<Detail> {
  checkVenue(body);
  const townRegion = await findRegion(ctx.db, body.townCode);
  // A town outside the actor's scope reads as unknown, like any out-of-scope row.
  if (!townRegion || townRegion.level !== 'town' || !pathInScope(ctx, townRegion.path))
    throw invalid([{ path: 'townCode', message: '未找到该镇（街道），或不在您的管辖范围内' }]);
  if (await repo.stationIdOfTown(ctx.db, body.townCode))
    throw ruleViolation('R-STATION-ONE', `${townRegion.name}已设立社工站，每个镇（街道）只设1个`);
  const { townCode, ...fields } = body;
  try {
    return await inTransaction(ctx, async (tx) => {
      const [created] = await tx.db
        .insert(stations)
        .values({ ...fields, townCode, scopePath: townRegion.path, status: 'preparing' })
        .returning();
      if (!created) throw new Error('insert returned nothing');
      await writeAudit(tx, {
        action: 'station.create', objectType: 'station', objectId: created.id, after: auditImage(created),
      });
      return get(tx, created.id);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'stations_one_per_town'))
      throw ruleViolation('R-STATION-ONE', `${townRegion.name}已设立社工站，每个镇（街道）只设1个`);
    throw err;
  }
}

async function updateWith(
  ctx: Ctx,
  id: string,
  version: number,
  values: Partial<typeof stations.$inferInsert>,
  action: 'station.update' | 'station.status',
  detail?: string,
): Promise<Detail> {
  return inTransaction(ctx, async (tx) => {
    const before = await repo.findStation(tx, id);
    if (!before) throw notFound('社工站');
    const [after] = await tx.db
      .update(stations)
      .set({ ...values, version: sql`${stations.version} + 1`, updatedAt: new Date() })
      .where(and(eq(stations.id, id), eq(stations.version, version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, {
      action, objectType: 'station', objectId: id, before: auditImage(before.station), after: auditImage(after), detail,
    });
    return get(tx, id);
  });
}

export async function update(ctx: Ctx, id: string, body: Editable & { version: number }): Promise<Detail> {
  checkVenue(body);
  const { version, ...values } = body;
  return updateWith(ctx, id, version, values, 'station.update');
}

export async function changeStatus(
  ctx: Ctx,
  id: string,
  body: { version: number; status: Detail['status']; reason: string },
): Promise<Detail> {
  const current = await repo.findStation(ctx, id);
  if (!current) throw notFound('社工站');
  const from = current.station.status;
  if (from === body.status)
    throw invalid([{ path: 'status', message: `社工站已是“${STATION_STATUS_LABELS[from]}”状态` }]);
  if (from === 'revoked' && body.status !== 'preparing')
    throw new AppError('CONFLICT', '已撤销的社工站只能重新进入“筹建”');
  const values: Partial<typeof stations.$inferInsert> = { status: body.status, statusReason: body.reason };
  // Opening is the day it first starts operating, unless recorded already.
  if (body.status === 'operating' && !current.station.openedOn) values.openedOn = chinaToday();
  return updateWith(
    ctx, id, body.version, values, 'station.status',
    `${STATION_STATUS_LABELS[from]} → ${STATION_STATUS_LABELS[body.status]}：${body.reason}`,
  );
}

export async function coverage(ctx: Ctx, q: { page: number; pageSize: number }) {
  const paged = await repo.coveragePage(ctx, q.page, q.pageSize);
  if (paged) return { rule: RULES['R-STATION-ONE'], ...paged, page: q.page, pageSize: q.pageSize };
  // Organisations and town officers: their few county units, counted from their towns and stations.
  const all = await repo.coverage(ctx);
  const total = all.reduce(
    (t, r) => ({ towns: t.towns + r.towns, stations: t.stations + r.stations, operating: t.operating + r.operating }),
    { towns: 0, stations: 0, operating: 0 },
  );
  const rows = all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  return { rule: RULES['R-STATION-ONE'], rows, total, counties: all.length, page: q.page, pageSize: q.pageSize };
}

export async function exportXlsx(ctx: Ctx, filter: repo.StationFilter): Promise<Buffer> {
  const rows = await repo.allStations(ctx, filter, EXPORT_CAP);
  const content = await listWorkbook(
    '社工站名录',
    [
      { header: '社工站名称', key: 'name', width: 36 },
      { header: '镇街代码', key: 'townCode', width: 12 },
      { header: '区市', key: 'county', width: 10 },
      { header: '状态', key: 'status', width: 8 },
      { header: '场所类型', key: 'venue', width: 24 },
      { header: '地址', key: 'address', width: 36 },
      { header: '电话', key: 'phone', width: 16 },
      { header: '启用日期', key: 'openedOn', width: 12 },
      { header: '户外标牌', key: 'outdoor', width: 10 },
      { header: '室内标牌', key: 'indoor', width: 10 },
      { header: '承接机构', key: 'org', width: 30 },
    ],
    rows.map(({ station: s, ...r }) => ({
      name: r.name,
      townCode: s.townCode,
      county: r.countyShortName,
      status: STATION_STATUS_LABELS[s.status],
      venue: s.venueType === 'other' ? `其他：${s.venueOther}` : VENUE_TYPE_LABELS[s.venueType],
      address: s.address,
      phone: s.phone,
      openedOn: s.openedOn ?? '',
      outdoor: PLAQUE_STATE_LABELS[s.outdoorPlaque],
      indoor: PLAQUE_STATE_LABELS[s.indoorPlaque],
      org: r.operatorOrgName ?? '',
    })),
  );
  await writeAuditAlone(ctx, {
    action: 'station.export', objectType: 'station', objectId: '',
    detail: `导出 ${rows.length} 条，条件：${JSON.stringify(filter)}`,
  });
  return content;
}
