import { and, asc, between, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { SERVICE_DOMAIN_LABELS } from '../../../shared/rules/organizations';
import { NEED_STATUS_LABELS, RESOURCE_KIND_LABELS, RESOURCE_KIND_UNITS, type ResourceKind } from '../../../shared/rules/resources';
import type { Db } from '../../db/client';
import { resourceDeliveries, resourceNeeds, resourceOffers, type ReportFigure } from '../../db/schema';

export const RESOURCE_FIGURE_SOURCES = ['resource_needs', 'resource_deliveries'] as const;

/** Money is counted in fen and shown in yuan to the fen: integer arithmetic, one division at the end. */
const yuanOf = (fen: number) => Math.round(fen) / 100;

/**
 * 慈善资源对接 (二（一）5) for a report: needs raised and met at the stations in the period, and
 * what was mobilised (delivered, by the delivery day): money in yuan, goods in items, service
 * hours. Each figure keeps the ids it counts, for the drill-down. Two queries.
 */
export async function resourceFigureRows(db: Db, stationIds: string[], p: { start: string; end: string }): Promise<ReportFigure[]> {
  if (stationIds.length === 0) return [];
  const [needs, deliveries] = await Promise.all([
    db
      .select({ id: resourceNeeds.id, metOn: resourceNeeds.metOn, raisedOn: sql<string>`(${resourceNeeds.createdAt} AT TIME ZONE 'Asia/Shanghai')::date::text` })
      .from(resourceNeeds)
      .where(
        and(
          inArray(resourceNeeds.stationId, stationIds),
          sql`(${resourceNeeds.metOn} BETWEEN ${p.start}::date AND ${p.end}::date OR (${resourceNeeds.createdAt} AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${p.start}::date AND ${p.end}::date)`,
        ),
      ),
    db
      .select({ id: resourceDeliveries.id, kind: resourceDeliveries.kind, quantity: resourceDeliveries.quantity })
      .from(resourceDeliveries)
      .where(and(inArray(resourceDeliveries.stationId, stationIds), between(resourceDeliveries.deliveredOn, p.start, p.end))),
  ]);
  const group = '慈善资源对接';
  const raised = needs.filter((n) => n.raisedOn >= p.start && n.raisedOn <= p.end).map((n) => n.id);
  const met = needs.filter((n) => n.metOn !== null && n.metOn >= p.start && n.metOn <= p.end).map((n) => n.id);
  const of = (kinds: ResourceKind[]) => deliveries.filter((d) => kinds.includes(d.kind));
  const sum = (rows: { quantity: number }[]) => rows.reduce((s, d) => s + d.quantity, 0);
  const money = of(['money']);
  const goods = of(['goods']);
  const hours = of(['service', 'volunteer_time']);
  const venue = of(['venue']);
  return [
    { key: 'resources.needs.raised', group, label: '新登记需求', value: raised.length, unit: '项', source: 'resource_needs', ids: raised },
    { key: 'resources.needs.met', group, label: '满足需求', value: met.length, unit: '项', source: 'resource_needs', ids: met },
    { key: 'resources.money', group, label: '动员资金', value: yuanOf(sum(money)), unit: '元', source: 'resource_deliveries', ids: money.map((d) => d.id) },
    { key: 'resources.goods', group, label: '动员物资', value: sum(goods), unit: '件', source: 'resource_deliveries', ids: goods.map((d) => d.id) },
    { key: 'resources.hours', group, label: '动员服务（含志愿服务时间）', value: sum(hours), unit: '小时', source: 'resource_deliveries', ids: hours.map((d) => d.id) },
    { key: 'resources.venue', group, label: '提供场地', value: sum(venue), unit: '小时', source: 'resource_deliveries', ids: venue.map((d) => d.id) },
  ];
}

type DrillRow = { id: string; date: string; title: string; detail: string; link: string | null };

/** The records behind a resources figure; null when the source is not one of these. No client is named. */
export async function resourceDrillRows(db: Db, source: string, ids: string[]): Promise<DrillRow[] | null> {
  if (source === 'resource_needs') {
    const rows = await db.select().from(resourceNeeds).where(inArray(resourceNeeds.id, ids)).orderBy(asc(resourceNeeds.createdAt));
    return rows.map((n) => ({
      id: n.id, date: n.metOn ?? n.createdAt.toISOString().slice(0, 10),
      title: `${SERVICE_DOMAIN_LABELS[n.domain]} · ${RESOURCE_KIND_LABELS[n.kind]}`,
      detail: `${NEED_STATUS_LABELS[n.status]}${n.metOn ? `（${n.metOn}满足）` : ''}`, link: `/resources/needs/${n.id}`,
    }));
  }
  if (source === 'resource_deliveries') {
    const rows = await db
      .select({ d: resourceDeliveries, donor: resourceOffers.donorName, item: resourceOffers.itemName })
      .from(resourceDeliveries)
      .innerJoin(resourceOffers, eq(resourceOffers.id, resourceDeliveries.offerId))
      .where(and(inArray(resourceDeliveries.id, ids), isNotNull(resourceDeliveries.deliveredOn)))
      .orderBy(asc(resourceDeliveries.deliveredOn));
    return rows.map(({ d, donor, item }) => ({
      id: d.id, date: d.deliveredOn, title: `${donor}：${RESOURCE_KIND_LABELS[d.kind]}${item ? `（${item}）` : ''}`,
      detail: d.kind === 'money' ? `${yuanOf(d.quantity).toFixed(2)}元` : `${d.quantity}${RESOURCE_KIND_UNITS[d.kind]}`,
      link: `/resources/needs/${d.needId}`,
    }));
  }
  return null;
}
