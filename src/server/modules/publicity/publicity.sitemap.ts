import escapeHtml from 'escape-html';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { publicityPosts, stations } from '../../db/schema';
import { chinaToday } from '../../../shared/rules/china-date';
import { qualified } from '../../db/sql';
import { notFound } from '../../platform/errors';
import { servingOn } from './publicity.pages';

// sitemap.xml and robots.txt for the public pages (the directory, the page of each station served
// today, the published stories of those stations), so search engines find them. Built from SQL a
// page at a time. A story of a station nobody serves now stays readable at its URL but is no
// longer offered here: the sitemap lists what the directory presents as serving.

/** The sitemaps protocol's limit of URLs per file; past it /sitemap.xml becomes an index. */
export const SITEMAP_MAX_URLS = 50_000;

let perFile = SITEMAP_MAX_URLS;
/** Tests only: a small page, so the index is seen with a handful of rows. Returns the undo. */
export function setSitemapPageForTests(n: number): () => void {
  const before = perFile;
  perFile = n;
  return () => {
    perFile = before;
  };
}

const published = eq(publicityPosts.status, 'published');
/** The station is served today: the subquery runs once per station, not once per story. */
const ofServingStation = (day: string) =>
  sql`${qualified(publicityPosts.stationId)} IN (SELECT ${qualified(stations.id)} FROM ${stations} WHERE ${servingOn(day)})`;
const xml = (v: string) => escapeHtml(v);
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

async function counts(db: Db, day: string): Promise<{ stations: number; stories: number }> {
  const [[s], [p]] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(stations).where(servingOn(day)),
    db.select({ n: sql<number>`count(*)::int` }).from(publicityPosts).where(and(published, ofServingStation(day))),
  ]);
  return { stations: s?.n ?? 0, stories: p?.n ?? 0 };
}

interface Loc {
  path: string;
  lastmod: string | null;
}

/**
 * URLs [from, from + n) of the whole list: the directory, then the stations by id (status index),
 * then the stories by publication (the partial index on published posts). Offsets within each.
 */
async function locs(db: Db, today: string, from: number, n: number, total: { stations: number }): Promise<Loc[]> {
  const out: Loc[] = [];
  let at = from;
  let left = n;
  if (at === 0 && left > 0) {
    out.push({ path: '/stations-directory', lastmod: null });
    at += 1;
    left -= 1;
  }
  const stationOffset = at - 1;
  if (left > 0 && stationOffset < total.stations) {
    const rows = await db.select({ id: stations.id, updatedAt: stations.updatedAt }).from(stations).where(servingOn(today))
      .orderBy(asc(stations.id)).limit(left).offset(stationOffset);
    out.push(...rows.map((r) => ({ path: `/stations-directory/${r.id}`, lastmod: day(r.updatedAt) })));
    at += rows.length;
    left -= rows.length;
  }
  const storyOffset = at - 1 - total.stations;
  if (left > 0 && storyOffset >= 0) {
    const rows = await db.select({ id: publicityPosts.id, publishedAt: publicityPosts.publishedAt }).from(publicityPosts)
      .where(and(published, ofServingStation(today)))
      .orderBy(asc(publicityPosts.publishedAt), asc(publicityPosts.id)).limit(left).offset(storyOffset);
    out.push(...rows.map((r) => ({ path: `/stories/${r.id}`, lastmod: day(r.publishedAt) })));
  }
  return out;
}

const urlset = (origin: string, rows: Loc[]) => `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${rows.map((r) => `<url><loc>${xml(origin + r.path)}</loc>${r.lastmod ? `<lastmod>${r.lastmod}</lastmod>` : ''}</url>`).join('\n')}
</urlset>
`;

/**
 * /sitemap.xml: every public URL when they fit one file, else an index of /sitemap.xml?page=N;
 * with a page, that page's URLs. A page past the end is a 404.
 */
export async function sitemapXml(db: Db, origin: string, page: number | undefined): Promise<string> {
  // One day for the counts and the pages, so they agree even across midnight.
  const today = chinaToday();
  const total = await counts(db, today);
  const all = 1 + total.stations + total.stories;
  const pages = Math.max(1, Math.ceil(all / perFile));
  if (page === undefined && pages === 1) return urlset(origin, await locs(db, today, 0, perFile, total));
  if (page === undefined)
    return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${Array.from({ length: pages }, (_, i) => `<sitemap><loc>${xml(`${origin}/sitemap.xml?page=${i + 1}`)}</loc></sitemap>`).join('\n')}
</sitemapindex>
`;
  if (page > pages) throw notFound('站点地图');
  return urlset(origin, await locs(db, today, (page - 1) * perFile, perFile, total));
}

/** The public pages are for everyone to index; the signed-in application and the API are not. */
export function robotsTxt(origin: string): string {
  return `User-agent: *
Allow: /stations-directory
Allow: /stories/
Disallow: /api/
Disallow: /

Sitemap: ${origin}/sitemap.xml
`;
}
