import escapeHtml from 'escape-html';
import { and, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { chinaToday } from '../../../shared/rules/china-date';
import { POST_KIND_LABELS, type PostKind } from '../../../shared/rules/publicity';
import type { Db } from '../../db/client';
import { files, organizations, publicityPosts, regions, stationBrands, stations } from '../../db/schema';
import { notFound } from '../../platform/errors';
import { likeContains } from '../../platform/scope';
import { qualified } from '../../db/sql';
import { operatorOf } from '../../platform/station-operator';

// The public station directory and stories (五（五）): plain server-rendered HTML, so search
// engines index it and a phone shows it without running any script. Every value is escaped.

export const DIRECTORY_PAGE_SIZE = 20;
const STORIES_ON_STATION = 20;

const town = alias(regions, 'town');
const county = alias(regions, 'county');
const stationName = sql<string>`${county.shortName} || ${town.name} || '社会工作服务站'`;
const e = (v: unknown) => escapeHtml(String(v ?? ''));
const day = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 10) : '');

const CSS = `body{margin:0;font:16px/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#222;background:#f6f7f9}
header,main,footer{max-width:760px;margin:0 auto;padding:12px 16px}header{background:#c8102e;color:#fff;max-width:none}
header a{color:#fff;text-decoration:none;font-weight:600}h1{font-size:1.4em;margin:.4em 0}h2{font-size:1.15em;margin:.2em 0}
.card{background:#fff;border-radius:8px;padding:12px 14px;margin:10px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.muted{color:#666;font-size:.9em}form{display:flex;gap:8px}input{flex:1;padding:8px;font-size:16px}button{padding:8px 14px;font-size:16px}
nav.pager{display:flex;justify-content:space-between;margin:12px 0}img{max-width:100%;height:auto;border-radius:6px}
article p{white-space:pre-wrap}`;

function layout(title: string, description: string, content: string, canonical: string, noindex = false): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${noindex ? '<meta name="robots" content="noindex">' : ''}
<title>${e(title)}</title><meta name="description" content="${e(description)}"><link rel="canonical" href="${e(canonical)}">
<style>${CSS}</style></head>
<body><header><a href="/stations-directory">威海市社会工作服务站名录</a></header>
<main>${content}</main>
<footer class="muted">威海市民政局 · 镇（街道）社会工作服务站公开信息</footer></body></html>`;
}

/**
 * Serving on the day: an operating station with a contract in force (platform/station-operator.ts).
 * Only these are presented as serving: the directory, the full station page, the sitemap.
 * Columns are qualified so the predicate can sit in a subquery under another table.
 */
export const servingOn = (day: string): SQL<boolean> =>
  sql<boolean>`(${qualified(stations.status)} = 'operating' AND ${operatorOf(stations.id, day)} IS NOT NULL)`;

const CLOSED_NOTE = '这个社工站目前没有运营机构按服务合同提供服务（暂停服务），请联系所在镇（街道）或区市民政部门。';

/** The directory's filter: serving today (the sitemap's own predicate, so the two list the same stations), then the search. */
function searchOf(q: string | undefined, today: string): SQL | undefined {
  const serving = servingOn(today);
  const term = q?.trim();
  if (!term) return serving;
  const like = likeContains(term);
  return and(serving, or(ilike(stationName, like), ilike(county.name, like), sql`array_to_string(${town.aliases}, ' ') ILIKE ${like}`, ilike(stations.address, like)));
}

const directoryColumns = () => ({
  id: stations.id, name: stationName, countyName: county.name, townName: town.name, address: stations.address, phone: stations.phone,
  openingHours: stations.openingHours, latitude: stations.latitude, longitude: stations.longitude, operator: organizations.name,
  brands: sql<string[]>`ARRAY(SELECT b.name FROM station_brands b WHERE b.station_id = ${stations.id} ORDER BY b.created_at LIMIT 5)`,
  total: sql<number>`count(*) OVER ()::int`,
});

function mapLink(lat: number | null, lng: number | null, name: string): string {
  if (lat === null || lng === null) return '';
  // A geo: link opens the phone's own map app; the figures are shown for anyone else.
  return `<a href="geo:${lat.toFixed(6)},${lng.toFixed(6)}?q=${encodeURIComponent(`${lat},${lng}(${name})`)}">地图位置 ${lat.toFixed(4)}, ${lng.toFixed(4)}</a>`;
}

/** One page of the directory: one query (the count rides along as a window). */
export async function directoryHtml(db: Db, q: string | undefined, page: number): Promise<string> {
  const today = chinaToday();
  const rows = await db
    .select(directoryColumns())
    .from(stations)
    .innerJoin(town, eq(town.code, stations.townCode))
    .innerJoin(county, eq(county.code, town.parentCode))
    // The where keeps only stations served today (a station whose contract ended is not presented as serving); this reads the operator's name.
    .leftJoin(organizations, eq(organizations.id, operatorOf(stations.id, today)))
    .where(searchOf(q, today))
    .orderBy(stations.townCode)
    .limit(DIRECTORY_PAGE_SIZE)
    .offset((page - 1) * DIRECTORY_PAGE_SIZE);
  const total = rows[0]?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE));
  const qs = (p: number) => `/stations-directory?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) }).toString()}`;
  const cards = rows
    .map(
      (s) => `<div class="card"><h2><a href="/stations-directory/${e(s.id)}">${e(s.name)}</a></h2>
<div>${e(s.countyName)} · ${e(s.townName)}</div><div>地址：${e(s.address)}</div>
${s.openingHours ? `<div>开放时间：${e(s.openingHours)}</div>` : ''}${s.phone ? `<div>电话：<a href="tel:${e(s.phone)}">${e(s.phone)}</a></div>` : ''}
${s.operator ? `<div>运营机构：${e(s.operator)}</div>` : ''}${s.brands.length ? `<div>服务品牌：${s.brands.map(e).join('、')}</div>` : ''}
<div class="muted">${mapLink(s.latitude, s.longitude, s.name)}</div></div>`,
    )
    .join('\n');
  const content = `<h1>社工站名录</h1>
<form method="get" action="/stations-directory"><input name="q" value="${e(q ?? '')}" placeholder="按镇（街道）、区市或站名查找" aria-label="查找社工站"><button type="submit">查找</button></form>
<p class="muted">共 ${total} 个社工站${q ? `（“${e(q)}”）` : ''}，第 ${page} / ${pages} 页</p>
${cards || '<p>没有找到符合条件的社工站。</p>'}
<nav class="pager">${page > 1 ? `<a rel="prev" href="${e(qs(page - 1))}">上一页</a>` : '<span></span>'}${page < pages ? `<a rel="next" href="${e(qs(page + 1))}">下一页</a>` : ''}</nav>`;
  const title = q ? `“${q}”的社工站 — 威海市社会工作服务站名录` : `威海市社会工作服务站名录（第${page}页）`;
  return layout(title, '威海市各镇（街道）社会工作服务站的地址、开放时间、电话、服务品牌和运营机构，以及社工故事。', content, qs(page));
}

/**
 * A station with its brands and latest published stories: one query. A station nobody serves
 * today keeps a bare page (name, a notice, its published stories; no address, hours, phone or
 * brands; not indexed) only while it has published stories that link to it; else 404.
 */
export async function stationHtml(db: Db, id: string): Promise<string> {
  const today = chinaToday();
  const [s] = await db
    .select({
      ...directoryColumns(),
      serving: servingOn(today),
      brandsFull: sql<{ name: string; description: string }[]>`coalesce((SELECT json_agg(json_build_object('name', b.name, 'description', b.description) ORDER BY b.created_at) FROM ${stationBrands} b WHERE b.station_id = ${stations.id}), '[]'::json)`,
      stories: sql<{ id: string; kind: PostKind; title: string; published_at: string }[]>`coalesce((SELECT json_agg(x) FROM (SELECT p.id, p.kind, p.title, p.published_at FROM ${publicityPosts} p WHERE p.station_id = ${stations.id} AND p.status = 'published' ORDER BY p.published_at DESC LIMIT ${STORIES_ON_STATION}) x), '[]'::json)`,
    })
    .from(stations)
    .innerJoin(town, eq(town.code, stations.townCode))
    .innerJoin(county, eq(county.code, town.parentCode))
    .leftJoin(organizations, eq(organizations.id, operatorOf(stations.id, today)))
    .where(eq(stations.id, id))
    .limit(1);
  if (!s) throw notFound('社工站');
  const serving = s.serving;
  if (!serving && s.stories.length === 0) throw notFound('社工站');
  const brands = s.brandsFull.map((b) => `<li><strong>${e(b.name)}</strong>${b.description ? `：${e(b.description)}` : ''}</li>`).join('');
  const stories = s.stories
    .map((p) => `<li><a href="/stories/${e(p.id)}">${e(p.title)}</a> <span class="muted">${e(POST_KIND_LABELS[p.kind])} · ${e(day(p.published_at))}</span></li>`)
    .join('');
  if (!serving) {
    const closed = `<h1>${e(s.name)}</h1><div class="card"><div>${e(s.countyName)} · ${e(s.townName)}</div><p><strong>暂停服务</strong>：${e(CLOSED_NOTE)}</p></div>
<h2>此前发布的社工故事与动态</h2><ul>${stories}</ul>
<p><a href="/stations-directory">查找正在服务的社工站</a></p>`;
    return layout(`${s.name}（暂停服务） — 威海市社会工作服务站名录`, `${s.name}目前暂停服务。`, closed, `/stations-directory/${id}`, true);
  }
  const content = `<h1>${e(s.name)}</h1><div class="card">
<div>${e(s.countyName)} · ${e(s.townName)}</div><div>地址：${e(s.address)}</div>
${s.openingHours ? `<div>开放时间：${e(s.openingHours)}</div>` : ''}${s.phone ? `<div>电话：<a href="tel:${e(s.phone)}">${e(s.phone)}</a></div>` : ''}
${s.operator ? `<div>运营机构：${e(s.operator)}</div>` : ''}<div class="muted">${mapLink(s.latitude, s.longitude, s.name)}</div></div>
<h2>服务品牌</h2>${brands ? `<ul>${brands}</ul>` : '<p class="muted">暂无</p>'}
<h2>社工故事与动态</h2>${stories ? `<ul>${stories}</ul>` : '<p class="muted">暂无</p>'}
<p><a href="/stations-directory">返回名录</a></p>`;
  return layout(`${s.name} — 威海市社会工作服务站名录`, `${s.name}：地址${s.address}${s.openingHours ? `，开放时间${s.openingHours}` : ''}。`, content, `/stations-directory/${id}`);
}

/**
 * A published story (never a draft, a submitted or a returned one): one query. It stays readable
 * at its URL after its station stops being served (it passed review and the privacy check, and
 * may be linked from elsewhere), with a notice that the station is not serving now.
 */
export async function storyHtml(db: Db, id: string): Promise<string> {
  const [p] = await db
    .select({
      id: publicityPosts.id, kind: publicityPosts.kind, title: publicityPosts.title, body: publicityPosts.body, photos: publicityPosts.photos,
      publishedAt: publicityPosts.publishedAt, stationId: stations.id, stationName, serving: servingOn(chinaToday()),
    })
    .from(publicityPosts)
    .innerJoin(stations, eq(stations.id, publicityPosts.stationId))
    .innerJoin(town, eq(town.code, stations.townCode))
    .innerJoin(county, eq(county.code, town.parentCode))
    .where(and(eq(publicityPosts.id, id), eq(publicityPosts.status, 'published')))
    .limit(1);
  if (!p) throw notFound('故事');
  const photos = p.photos.map((ph) => `<figure><img src="/stories/${e(p.id)}/photos/${e(ph.fileId)}" alt="${e(ph.caption || p.title)}" loading="lazy">${ph.caption ? `<figcaption class="muted">${e(ph.caption)}</figcaption>` : ''}</figure>`).join('');
  const content = `<article><h1>${e(p.title)}</h1>
<p class="muted">${e(POST_KIND_LABELS[p.kind])} · <a href="/stations-directory/${e(p.stationId)}">${e(p.stationName)}</a> · ${e(day(p.publishedAt))}</p>
${p.serving ? '' : `<p class="card"><strong>暂停服务</strong>：${e(CLOSED_NOTE)}本文为此前发布的内容。</p>`}
${p.body.split(/\n{2,}/).map((para) => `<p>${e(para)}</p>`).join('\n')}${photos}</article>
<p><a href="/stations-directory/${e(p.stationId)}">返回${e(p.stationName)}</a></p>`;
  return layout(`${p.title} — ${p.stationName}`, p.body.replace(/\s+/g, ' ').slice(0, 120), content, `/stories/${id}`);
}

/** A photo of a published story; published posts passed the privacy check, faces with consent. */
export async function publicPhoto(db: Db, postId: string, fileId: string) {
  const [row] = await db
    .select({ photos: publicityPosts.photos })
    .from(publicityPosts)
    .where(and(eq(publicityPosts.id, postId), eq(publicityPosts.status, 'published')))
    .limit(1);
  if (!row || !row.photos.some((ph) => ph.fileId === fileId)) throw notFound('照片');
  const [file] = await db.select().from(files).where(and(eq(files.id, fileId), eq(files.ownerType, 'publicity_post'), eq(files.ownerId, postId))).limit(1);
  if (!file) throw notFound('照片');
  return file;
}
