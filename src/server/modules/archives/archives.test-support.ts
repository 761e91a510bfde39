import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { ArchiveJob } from '../../../shared/contracts/archives';
import { archiveJobs, auditLog, stations } from '../../db/schema';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

// What the station-year and the contract archive tests share: the demo users, 鲸园, job polling,
// reading the zip, and counting what a request wrote.

/** A 1×1 PNG, stored as evidence and uploaded as attachments. */
export const png = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000a49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
  'hex',
);

export interface ArchivesFixture {
  t: TestApp;
  district: Session;
  town: Session;
  org: Session;
  worker: Session;
  /** A district officer of 文登 (another county), named per file so the two files' users do not collide. */
  wendeng: Session;
  /** 鲸园街道's station, the one the demo users share. */
  jingyuan: string;
}

export async function archivesFixture(wendengUsername: string): Promise<ArchivesFixture> {
  const t = await createTestApp();
  const district = await t.login('demo-district');
  const town = await t.login('demo-town');
  const org = await t.login('demo-org');
  const worker = await t.login('demo-worker');
  const wendeng = await t.userWith(wendengUsername, ['district_officer'], { kind: 'county', regionCode: '371003' });
  const [st] = await t.database.db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, '371002002'));
  return { t, district, town, org, worker, wendeng, jingyuan: st?.id ?? '' };
}

/** Polls the job as the page does until it is no longer waiting or running (up to the test timeout). */
export async function finished(s: Session, id: string): Promise<ArchiveJob> {
  for (let i = 0; i < 600; i++) {
    const job = (await s.get(`/api/archives/${id}`)).json() as ArchiveJob;
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('archive did not finish');
}

/** What a request could have written: jobs and request audit rows. */
export async function writes(t: TestApp): Promise<{ jobs: number; requests: number }> {
  const [jobs] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(archiveJobs);
  const [requests] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.action, 'archive.request'));
  return { jobs: jobs?.n ?? -1, requests: requests?.n ?? -1 };
}

/** The downloaded zip and its files' paths (folders left out). */
export async function openZip(payload: Buffer): Promise<{ zip: JSZip; names: string[] }> {
  const zip = await JSZip.loadAsync(payload);
  return { zip, names: Object.keys(zip.files).filter((n) => !zip.files[n]?.dir) };
}

/** A workbook inside the zip; a missing file throws rather than reading as empty. */
export async function book(zip: JSZip, path: string): Promise<ExcelJS.Workbook> {
  const entry = zip.file(path);
  if (!entry) throw new Error(`${path} is not in the archive`);
  const b = new ExcelJS.Workbook();
  await b.xlsx.load(await entry.async('arraybuffer'));
  return b;
}
