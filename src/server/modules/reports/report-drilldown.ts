import { asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/reports';
import { CASE_STAGE_LABELS, REFERRAL_STATUS_LABELS, SERVICE_METHOD_LABELS } from '../../../shared/rules/case-work';
import { cases, clients, groups, groupSessions, partners, postings, referrals, serviceItems, serviceRecords, socialWorkers } from '../../db/schema';
import { actorOf, type Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import * as repo from './reports.repo';
import { shownSnapshot } from './reports.service';
import { resourceDrillRows } from '../resources/resource-figures';
import { volunteerDrillRows } from '../volunteers/volunteer-figures';

type Rows = z.input<typeof c.reportFigureRows.response>['rows'];

const LIMIT = 500;

/** The records a figure counts (as frozen at submission, or live for a draft), newest first. */
export async function figureRows(ctx: Ctx, id: string, key: string): Promise<z.input<typeof c.reportFigureRows.response>> {
  const j = await repo.findReport(ctx, id);
  if (!j) throw notFound('报告');
  const snap = await shownSnapshot(ctx, j.report);
  const figure = snap.figures.find((f) => f.key === key);
  if (!figure) throw notFound('报告中的数字');
  const ids = figure.ids.slice(0, LIMIT);
  const { ids: _ids, ...shown } = figure;
  return { figure: shown, rows: ids.length ? await rowsOf(ctx, figure.source, ids) : [] };
}

async function rowsOf(ctx: Ctx, source: string, ids: string[]): Promise<Rows> {
  const db = ctx.db;
  switch (source) {
    case 'service_records': {
      const rows = await db
        .select({ r: serviceRecords, item: serviceItems.name })
        .from(serviceRecords)
        .leftJoin(serviceItems, eq(serviceItems.code, serviceRecords.itemCode))
        .where(inArray(serviceRecords.id, ids))
        .orderBy(asc(serviceRecords.date));
      return rows.map(({ r, item }) => ({
        id: r.id,
        date: r.date,
        title: `${r.homeVisit ? '入户走访 · ' : ''}${item ?? `其他：${r.otherItem}`}`,
        detail: `${SERVICE_METHOD_LABELS[r.method]}，${r.durationMinutes}分钟，服务对象${r.clientIds.length}人${r.place ? `，${r.place}` : ''}`,
        link: r.clientIds[0] ? `/clients/${r.clientIds[0]}` : null,
      }));
    }
    case 'clients': {
      // Names only for readers of the client database; otherwise the count stands alone.
      const canRead = actorOf(ctx).permissions.has('client:read');
      const rows = await db.select({ id: clients.id, name: clients.name, createdAt: clients.createdAt }).from(clients).where(inArray(clients.id, ids)).orderBy(asc(clients.name));
      return rows.map((r) => ({ id: r.id, date: r.createdAt.toISOString().slice(0, 10), title: canRead ? r.name : '服务对象', detail: '', link: canRead ? `/clients/${r.id}` : null }));
    }
    case 'cases': {
      const rows = await db.select().from(cases).where(inArray(cases.id, ids)).orderBy(asc(cases.openedOn));
      return rows.map((r) => ({ id: r.id, date: r.openedOn, title: `个案（${CASE_STAGE_LABELS[r.stage]}）`, detail: r.closedOn ? `结案于${r.closedOn}` : '', link: `/cases/${r.id}` }));
    }
    case 'group_sessions': {
      const rows = await db
        .select({ s: groupSessions, name: groups.name })
        .from(groupSessions)
        .innerJoin(groups, eq(groups.id, groupSessions.groupId))
        .where(inArray(groupSessions.id, ids))
        .orderBy(asc(groupSessions.date));
      return rows.map(({ s, name }) => ({ id: s.id, date: s.date, title: `${name}：${s.topic}`, detail: `参与${s.clientIds.length}人，志愿者${s.volunteers.length}人`, link: `/groups/${s.groupId}` }));
    }
    case 'referrals': {
      const rows = await db
        .select({ r: referrals, partner: partners.name })
        .from(referrals)
        .innerJoin(partners, eq(partners.id, referrals.partnerId))
        .where(inArray(referrals.id, ids))
        .orderBy(asc(referrals.referredOn));
      return rows.map(({ r, partner }) => ({ id: r.id, date: r.referredOn, title: `转介至${partner}`, detail: REFERRAL_STATUS_LABELS[r.status], link: `/clients/${r.clientId}` }));
    }
    case 'postings': {
      const rows = await db
        .select({ p: postings, name: socialWorkers.name })
        .from(postings)
        .innerJoin(socialWorkers, eq(socialWorkers.id, postings.workerId))
        .where(inArray(postings.id, ids))
        .orderBy(asc(postings.startDate));
      return rows.map(({ p, name }) => ({
        id: p.id, date: p.endDate ?? p.startDate, title: name, detail: p.endDate ? `离岗：${p.endReason}` : `上岗（${p.startDate}）`, link: `/social-workers/${p.workerId}`,
      }));
    }
    default:
      return (await volunteerDrillRows(db, source, ids)) ?? (await resourceDrillRows(db, source, ids)) ?? [];
  }
}
