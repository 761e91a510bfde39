import { and, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { chinaToday } from '../../shared/rules/china-date';
import type { Db } from '../db/client';
import { archiveJobs, contracts, contractStations, stations, users } from '../db/schema';
import type { FieldCipher } from '../platform/field-cipher';
import { runArchiveJobs } from '../modules/archives/archive-builder';

/**
 * 资料归档 of the demo: 鲸园's last year, asked for by the district and built now (a small year:
 * the demo's records start a year back; the first page shows it finished), then the contract 鲸园
 * is served under, asked for by the district, and 鲸园's year so far, asked for by its contractor,
 * both left queued: the first process that lists or polls them builds them, so a fresh start pays
 * for one small zip only (the contract's holds every station's years of its term).
 */
export async function seedArchivesDemo(db: Db, cipher: FieldCipher): Promise<void> {
  if ((await db.select({ id: archiveJobs.id }).from(archiveJobs).limit(1)).length > 0) return;
  const [station] = await db.select({ id: stations.id, scopePath: stations.scopePath }).from(stations).where(eq(stations.townCode, '371002002'));
  if (!station) return;
  const people = await db.select({ id: users.id, username: users.username }).from(users);
  const idOf = (u: string) => people.find((p) => p.username === u)?.id ?? null;
  const year = Number(chinaToday().slice(0, 4));
  const title = (y: number) => `环翠区鲸园街道社会工作服务站${y}年度资料归档`;
  await db.insert(archiveJobs).values({
    stationId: station.id, scopePath: station.scopePath, year: year - 1, title: title(year - 1), requestedBy: idOf('demo-district'),
    requestedAt: new Date(Date.now() - 3 * 86_400_000),
  });
  await runArchiveJobs(db, pino({ level: 'silent' }), cipher);
  const [k] = await db
    .select({ id: contracts.id, number: contracts.number, title: contracts.title, scopePath: contracts.scopePath })
    .from(contracts)
    .innerJoin(contractStations, eq(contractStations.contractId, contracts.id))
    .where(and(eq(contractStations.stationId, station.id), eq(contracts.status, 'performing')))
    .limit(1);
  if (k)
    await db.insert(archiveJobs).values({
      contractId: k.id, scopePath: k.scopePath, title: `${k.number ? `${k.title}（${k.number}）` : k.title}合同资料归档`, requestedBy: idOf('demo-district'),
      requestedAt: new Date(Date.now() - 2 * 86_400_000),
    });
  await db.insert(archiveJobs).values({ stationId: station.id, scopePath: station.scopePath, year, title: title(year), requestedBy: idOf('demo-org') });
}
