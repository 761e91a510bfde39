import type { z } from 'zod';
import type * as c from '../../../shared/contracts/archives';
import { ARCHIVE_STALE_MINUTES } from '../../../shared/rules/archives';
import { chinaToday } from '../../../shared/rules/china-date';
import { archiveJobs } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { actorOf, inTransaction, systemContext, type Ctx } from '../../platform/context';
import { AppError, invalid, notFound, ruleViolation } from '../../platform/errors';
import { findStation, stationNames } from '../stations/stations.repo';
import { kickArchiveWorker } from './archive-builder';
import * as repo from './archives.repo';

type Dto = c.ArchiveJob;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function dto(r: repo.ArchiveListRow, stationName: string): Dto {
  return {
    id: r.id, kind: r.contractId ? 'contract' : 'station_year', stationId: r.stationId, stationName, year: r.year, contractId: r.contractId, title: r.title, status: r.status, progressDone: r.progressDone,
    progressTotal: r.progressTotal, requestedByName: r.requestedByName, requestedAt: r.requestedAt.toISOString(), startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt), fileCount: r.fileCount, size: r.size, sha256: r.sha256, error: r.error, superseded: r.status === 'done' && !r.fileId,
  };
}


const isStale = (r: repo.ArchiveListRow) =>
  r.status === 'running' && (!r.heartbeatAt || Date.now() - r.heartbeatAt.getTime() > ARCHIVE_STALE_MINUTES * 60_000);

/** A poll that sees a waiting or abandoned job starts this process's builder: any process can finish any job. */
function kickIfWaiting(ctx: Ctx, r: repo.ArchiveListRow): void {
  if (r.status === 'queued' || isStale(r)) kickArchiveWorker(ctx.db, ctx.log, ctx.cipher);
}

export async function list(ctx: Ctx, q: z.output<typeof c.listArchives.query>) {
  const { rows, total, totalCapped } = await repo.listJobs(ctx, q);
  const waiting = rows.find((r) => r.status === 'queued' || isStale(r));
  if (waiting) kickIfWaiting(ctx, waiting);
  const names = await stationNames(ctx.db, [...new Set(rows.flatMap((r) => (r.stationId ? [r.stationId] : [])))]);
  return { items: rows.map((r) => dto(r, r.stationId ? (names.get(r.stationId) ?? '') : '')), total, totalCapped, page: q.page, pageSize: q.pageSize };
}

export async function get(ctx: Ctx, id: string): Promise<Dto> {
  const r = await repo.findJob(ctx, id);
  if (!r) throw notFound('归档');
  kickIfWaiting(ctx, r);
  if (!r.stationId) return dto(r, '');
  const names = await stationNames(ctx.db, [r.stationId]);
  return dto(r, names.get(r.stationId) ?? '');
}

/**
 * Queues the archive of a station's year. Region scopes by the station's path; an organisation
 * only for a year it served the station (R-ARCHIVE-SCOPE), whether or not it serves it today.
 */
export async function request(ctx: Ctx, body: z.output<typeof c.requestArchive.body>): Promise<Dto> {
  if ('contractId' in body) return requestContract(ctx, body.contractId);
  const actor = actorOf(ctx);
  const thisYear = Number(chinaToday().slice(0, 4));
  if (body.year > thisYear) throw invalid([{ path: 'year', message: `年度不能晚于今年（${thisYear}年）` }]);
  const orgId = actor.scope.kind === 'org' ? actor.scope.orgId : null;
  const station = orgId ? await findStation(systemContext(ctx.db, ctx.log, ctx.cipher), body.stationId) : await findStation(ctx, body.stationId);
  if (!station) throw notFound('社工站');
  if (orgId && !(await repo.orgServed(ctx.db, orgId, station.station.id, body.year))) {
    // An organisation that serves the station today learns why; one that never served it sees nothing.
    if (!(await findStation(ctx, body.stationId))) throw notFound('社工站');
    throw ruleViolation('R-ARCHIVE-SCOPE', `本机构${body.year}年未承接${station.name}的服务，不能生成该年度的归档`);
  }
  const job = await queue(ctx, { stationId: station.station.id, year: body.year }, {
    values: { stationId: station.station.id, scopePath: station.station.scopePath, year: body.year, title: `${station.name}${body.year}年度资料归档`, requestedBy: actor.id },
    after: { stationId: station.station.id, year: body.year }, detail: `${station.name}${body.year}年度`,
  });
  return get(ctx, job);
}

/** From the start of today in China: an archive built today is handed out again rather than rebuilt. */
const startOfChinaToday = () => new Date(`${chinaToday()}T00:00:00+08:00`);

/**
 * The job a request gets: the key's archive built today (its zip as of then, as the page says),
 * else the open job (another request's, even one committing at this moment: the open-job unique
 * index makes the insert skip), else a new job, audited. Each step reads afresh (READ COMMITTED),
 * so a job that finished between two steps is found by the next round.
 */
async function queue(ctx: Ctx, key: repo.ArchiveKey, o: { values: typeof archiveJobs.$inferInsert; after: Record<string, unknown>; detail: string }): Promise<string> {
  const id = await inTransaction(ctx, async (tx) => {
    for (let round = 0; round < 3; round++) {
      const built = await repo.doneJobSince(tx.db, key, startOfChinaToday());
      if (built) return built;
      const made = await repo.insertOpenJob(tx.db, o.values);
      if (made) {
        await writeAudit(tx, { action: 'archive.request', objectType: 'archive', objectId: made, after: o.after, detail: o.detail });
        return made;
      }
      const open = await repo.openJobOf(tx.db, key);
      if (open) return open;
    }
    throw new AppError('CONFLICT', '该归档正在更新，请稍后重试');
  });
  kickArchiveWorker(ctx.db, ctx.log, ctx.cipher);
  return id;
}

/**
 * Queues a contract's archive: whoever may have it (repo.contractArchiveScope) — its contractor, the
 * purchaser's unit and above, a town holding all its stations; anyone else learns nothing (404).
 */
async function requestContract(ctx: Ctx, contractId: string): Promise<Dto> {
  const actor = actorOf(ctx);
  const k = await repo.findContractForArchive(ctx, contractId, Number(chinaToday().slice(0, 4)));
  if (!k) throw notFound('合同');
  // The picker's rule (repo.archivableContractSql), part by part for the message.
  if (!k.signedWithTerm) throw invalid([{ path: 'contractId', message: '合同尚未签订或未填写起止日期，不能归档' }]);
  if (!k.begun) throw invalid([{ path: 'contractId', message: '合同期限尚未开始，不能归档' }]);
  const label = k.number ? `${k.title}（${k.number}）` : k.title;
  const job = await queue(ctx, { contractId: k.id }, {
    values: { contractId: k.id, scopePath: k.scopePath, title: `${label}合同资料归档`, requestedBy: actor.id },
    after: { contractId: k.id }, detail: `合同：${label}`,
  });
  return get(ctx, job);
}

/** The 按合同 picker: only contracts the request would take, searched and filtered on the server. */
export async function archivableContracts(ctx: Ctx, q: z.output<typeof c.listArchivableContracts.query>) {
  const { rows, total, totalCapped } = await repo.listArchivableContracts(ctx, { ...q, thisYear: Number(chinaToday().slice(0, 4)) });
  return { items: rows, total, totalCapped, page: q.page, pageSize: q.pageSize };
}

/** The zip, after checking the scope again now (a contract may have ended since), audited. */
export async function download(ctx: Ctx, id: string): Promise<{ name: string; mime: string; content: Buffer }> {
  const r = await repo.findJob(ctx, id);
  if (!r) throw notFound('归档');
  if (r.status === 'done' && !r.fileId) throw new AppError('CONFLICT', '该归档已由之后生成的同一归档取代，压缩包不再保留，请下载最新的归档');
  if (r.status !== 'done' || !r.fileId) throw new AppError('CONFLICT', r.status === 'failed' ? '归档生成失败，请重新申请' : '归档尚在生成，请稍候');
  const fileId = r.fileId;
  return inTransaction(ctx, async (tx) => {
    const file = await repo.archiveFile(tx.db, id, fileId);
    if (!file) throw notFound('归档文件');
    await writeAudit(tx, { action: 'archive.download', objectType: 'archive', objectId: id, detail: `${r.title}（${r.sha256 ?? ''}）` });
    return file;
  });
}
