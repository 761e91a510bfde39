import { createHash, randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { RETENTION, keepUntilYear, retentionText } from '../../../shared/rules/archives';
import type { Db } from '../../db/client';
import { archiveJobs, files } from '../../db/schema';
import { type Ctx, inTransaction, systemContext } from '../../platform/context';
import type { FieldCipher } from '../../platform/field-cipher';
import { chinaToday } from '../../../shared/rules/china-date';
import { archiveItems, contractArchiveItems, safeName, workbook, type Item } from './archive-contents';
import * as repo from './archives.repo';

// Builds claimed archive jobs into zips, in whichever process claims them.

/** Unique paths within the zip: a second file of the same name gets （2）. */
function uniquePath(taken: Set<string>, folder: string, name: string): string {
  const dot = name.lastIndexOf('.');
  const [base, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  let path = `${folder}/${name}`;
  for (let n = 2; taken.has(path); n++) path = `${folder}/${base}（${n}）${ext}`;
  taken.add(path);
  return path;
}

async function indexWorkbook(rows: { folder: string; name: string; item: Item }[], title: string): Promise<Buffer> {
  return workbook([{
    name: '归档目录',
    columns: [
      { header: '序号', key: 'n', width: 6 }, { header: '文件夹', key: 'folder', width: 28 }, { header: '文件名', key: 'name', width: 44 },
      { header: '类别', key: 'kind', width: 18 }, { header: '来源记录', key: 'source', width: 44 }, { header: '日期', key: 'date', width: 12 },
      { header: '保管期限', key: 'retention', width: 20 }, { header: '保管至（年底）', key: 'until', width: 14 }, { header: '依据', key: 'basis', width: 44 },
    ],
    rows: rows.map((r, i) => {
      const until = keepUntilYear(r.item.kind, r.item.startYear);
      return {
        n: i + 1, folder: r.folder, name: r.name, kind: RETENTION[r.item.kind].label, source: r.item.source, date: r.item.date,
        retention: retentionText(r.item.kind), until: until === null ? '永久' : until, basis: RETENTION[r.item.kind].source,
      };
    }),
  }], `${title}　共 ${rows.length} 个文件　R-ARCHIVE-RETENTION`);
}

/** A job is a contract's or a station's year (the table's CHECK says exactly one). */
async function jobItems(sys: Ctx, job: repo.ArchiveJobRow): Promise<Item[]> {
  const key = repo.keyOf(job);
  if ('contractId' in key) return contractArchiveItems(sys, key.contractId, Number(chinaToday().slice(0, 4)));
  return (await archiveItems(sys, key.stationId, key.year)).items;
}

/** How often the builder reports progress (and checks that the job is still its own). */
const HEARTBEAT_EVERY_MS = 1000;

class ClaimLost extends Error {}

/**
 * Builds one claimed job: lists its files (the total), makes them one at a time into the zip,
 * reporting progress, and stores the zip where uploads go (`files`) in the same transaction that
 * marks the job done, under the claim token, so a builder that lost its claim stores nothing.
 */
export async function buildJob(sys: Ctx, job: repo.ArchiveJobRow, token: string): Promise<void> {
  const items = await jobItems(sys, job);
  const total = items.length + 1;
  if (!(await repo.heartbeat(sys.db, job.id, token, { done: 0, total }))) throw new ClaimLost();
  const zip = new JSZip();
  const taken = new Set<string>();
  const listed: { folder: string; name: string; item: Item }[] = [];
  let last = Date.now();
  for (const [i, item] of items.entries()) {
    const path = uniquePath(taken, item.folder, safeName(item.name) || 'file');
    zip.file(path, await item.render());
    listed.push({ folder: item.folder, name: path.slice(item.folder.length + 1), item });
    if (Date.now() - last >= HEARTBEAT_EVERY_MS) {
      last = Date.now();
      if (!(await repo.heartbeat(sys.db, job.id, token, { done: i + 1, total }))) throw new ClaimLost();
    }
  }
  zip.file('index.xlsx', await indexWorkbook(listed, job.title));
  const content = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, streamFiles: true });
  const sha256 = createHash('sha256').update(content).digest('hex');
  await inTransaction(sys, async (t) => {
    const tx = t.db;
    const [file] = await tx
      .insert(files)
      .values({ ownerType: 'archive', ownerId: job.id, scopePath: job.scopePath, name: `${job.title}.zip`, mime: 'application/zip', size: content.length, sha256, content })
      .returning({ id: files.id });
    if (!file) throw new Error('insert returned nothing');
    const done = await tx
      .update(archiveJobs)
      .set({ status: 'done', fileId: file.id, size: content.length, sha256, fileCount: listed.length + 1, progressDone: total, progressTotal: total, finishedAt: sql`now()`, heartbeatAt: sql`now()` })
      .where(and(eq(archiveJobs.id, job.id), eq(archiveJobs.claimToken, token), eq(archiveJobs.status, 'running')))
      .returning({ id: archiveJobs.id });
    if (done.length === 0) throw new ClaimLost();
    // One zip per station-year (contract) is kept: the earlier ones' bytes go with this commit.
    await repo.dropSupersededZips(tx, job);
  });
}

async function fail(db: Db, id: string, token: string, message: string): Promise<void> {
  await db
    .update(archiveJobs)
    .set({ status: 'failed', error: message.slice(0, 500), finishedAt: sql`now()` })
    .where(and(eq(archiveJobs.id, id), eq(archiveJobs.claimToken, token)));
}

/**
 * Claims and builds jobs until none waits. Returns how many this call finished. Any process may
 * run it; state is only in the database.
 */
export async function runArchiveJobs(db: Db, log: FastifyBaseLogger, cipher: FieldCipher): Promise<number> {
  const sys = systemContext(db, log, cipher);
  let finished = 0;
  for (;;) {
    const token = randomUUID();
    const job = await repo.claimJob(db, token);
    if (!job) return finished;
    try {
      await buildJob(sys, job, token);
      finished++;
      log.info({ archiveJob: job.id, attempts: job.attempts }, 'archive built');
    } catch (err) {
      if (err instanceof ClaimLost) {
        log.warn({ archiveJob: job.id }, 'archive job taken over by another process');
        continue;
      }
      log.error({ archiveJob: job.id, err }, 'archive build failed');
      await fail(db, job.id, token, '生成失败，请重新申请；如仍失败请联系系统管理员');
    }
  }
}

const running = new WeakSet<Db>();

/**
 * Starts this process's builder unless it already runs; the caller does not wait. Only an
 * optimisation: a second builder would just find the rows claimed.
 */
export function kickArchiveWorker(db: Db, log: FastifyBaseLogger, cipher: FieldCipher): void {
  if (running.has(db)) return;
  running.add(db);
  void runArchiveJobs(db, log, cipher)
    .catch((err: unknown) => log.error({ err }, 'archive worker stopped'))
    .finally(() => running.delete(db));
}
