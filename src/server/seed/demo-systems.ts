import dayjs from 'dayjs';
import { asc, eq } from 'drizzle-orm';
import { chinaToday } from '../../shared/rules/china-date';
import { SYSTEM_KIND_LABELS, SYSTEM_KINDS } from '../../shared/rules/institutional-systems';
import type { Db } from '../db/client';
import { regions, systemDocuments } from '../db/schema';

/**
 * The five systems (R-SYS-FIVE): every county unit has three to five in force; the first county
 * has all five, an earlier personnel version (superseded: history) and a venue revision effective
 * later (待生效); the last has only three,
 * so the city's completeness view shows findings.
 */
export async function seedSystemsDemo(db: Db): Promise<void> {
  if ((await db.select({ id: systemDocuments.id }).from(systemDocuments).limit(1)).length > 0) return;
  const counties = await db.select({ code: regions.code, name: regions.name, shortName: regions.shortName, path: regions.path }).from(regions).where(eq(regions.level, 'county')).orderBy(asc(regions.code));
  const today = chinaToday();
  const day = (n: number) => dayjs(today).add(n, 'day').format('YYYY-MM-DD');
  const rows: (typeof systemDocuments.$inferInsert)[] = [];
  counties.forEach((c, i) => {
    const count = i === counties.length - 1 ? 3 : i % 3 === 1 ? 4 : 5;
    for (const kind of SYSTEM_KINDS.slice(0, count)) {
      rows.push({
        countyCode: c.code, scopePath: c.path, kind, title: `${c.shortName}社工站${SYSTEM_KIND_LABELS[kind]}`, version: '2026年版',
        effectiveOn: day(-200 + i), approvedBy: `${c.shortName}民政局局务会`, approvedOn: day(-210 + i),
        // Registered when approved: the list shows each system's versions newest first.
        createdAt: new Date(`${day(-210 + i)}T09:00:00+08:00`),
      });
    }
  });
  const first = counties[0];
  if (first)
    rows.push({
      // A revision approved and registered, effective only next quarter: 待生效 beside the version in force.
      countyCode: first.code, scopePath: first.path, kind: 'venue', title: `${first.shortName}社工站${SYSTEM_KIND_LABELS.venue}`, version: '2027年修订版',
      effectiveOn: day(45), approvedBy: `${first.shortName}民政局局务会`, approvedOn: day(-5), createdAt: new Date(`${day(-5)}T09:00:00+08:00`),
    }, {
      countyCode: first.code, scopePath: first.path, kind: 'personnel', title: `${first.shortName}社工站人员管理制度（试行）`, version: '2021年试行版',
      effectiveOn: day(-1500), approvedBy: `${first.shortName}民政局局务会`, approvedOn: day(-1510),
      createdAt: new Date(`${day(-1510)}T09:00:00+08:00`),
    });
  if (rows.length) await db.insert(systemDocuments).values(rows);
}
