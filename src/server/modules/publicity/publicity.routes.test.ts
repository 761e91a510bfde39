import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contractStations, files, organizations, publicityPosts, stations } from '../../db/schema';
import { idNumberBornOn, multipartFile } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { DIRECTORY_PAGE_SIZE } from './publicity.pages';
import { setSitemapPageForTests } from './publicity.sitemap';

let t: TestApp;
let worker: Session; // 鲸园街道 station worker
let org: Session; // the organisation running 鲸园
let district: Session; // 环翠区民政局
let otherCounty: Session; // 文登区民政局
let jyStation: string;
let village: string;
const png = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000a49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
  'hex',
);

type PostJson = { id: string; version: number; status: string; canReview: boolean; returnReason: string };
const ruleOf = (res: { json(): { error?: { details?: { rule?: { id: string } } } } }) => res.json().error?.details?.rule?.id;

let seq = 0;
async function client(name: string, consent = false): Promise<string> {
  seq += 1;
  const res = await worker.post('/api/clients', {
    name, idNumber: idNumberBornOn('1950-05-05', 700 + seq), villageCode: village, targetGroups: ['left_behind_elderly'], phone: '13800001111', address: '统一路88号',
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  const id: string = res.json().id;
  if (consent) {
    const c = await worker.post(`/api/clients/${id}/consents`, { kind: 'sharing', givenBy: name, givenOn: '2026-01-05', scope: '宣传报道' });
    if (c.statusCode !== 200) throw new Error(c.body);
  }
  return id;
}

async function draft(s: Session, body: Record<string, unknown> = {}): Promise<PostJson> {
  const res = await s.post('/api/publicity/posts', { kind: 'story', stationId: jyStation, title: '邻里守望的一年', body: '社工和志愿者每周上门探访独居老人。', ...body });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json();
}

async function submitted(s: Session, body: Record<string, unknown> = {}): Promise<PostJson> {
  const d = await draft(s, body);
  const res = await s.post(`/api/publicity/posts/${d.id}/submit`, { version: d.version });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json();
}

async function photo(postId: string): Promise<string> {
  const body = multipartFile('活动照片.png', png, 'image/png');
  const res = await worker.request('POST', `/api/publicity/posts/${postId}/photos`, body.payload, body.headers);
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json().id;
}

/** The SQL statements the database received while `fn` ran (PGlite, or the PostgreSQL pool). */
async function sqlDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const { pglite, pool } = t.database;
  const spy = pglite ? vi.spyOn(pglite, 'query') : pool ? vi.spyOn(pool, 'query') : undefined;
  if (!spy) throw new Error('no database client to watch');
  try {
    await fn();
    return spy.mock.calls.map(([q]: unknown[]) => (typeof q === 'string' ? q : String((q as { text?: unknown }).text ?? '')));
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  t = await createTestApp();
  [worker, org, district] = await Promise.all(['demo-worker', 'demo-org', 'demo-district'].map((u) => t.login(u)));
  otherCounty = await t.userWith('wd.district', ['district_officer'], { kind: 'county', regionCode: '371003' });
  const [jy] = await t.database.db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, '371002002'));
  if (!jy) throw new Error('demo station');
  jyStation = jy.id;
  village = (await worker.get('/api/regions?level=village&parentCode=371002002')).json()[0].code;
});
afterAll(() => t.close());

describe('the ordinary guards', () => {
  it('401 without a session, 403 without the permission (a town officer does not write, a worker does not review)', async () => {
    expect((await t.anon('GET', '/api/publicity/posts')).statusCode).toBe(401);
    expect((await (await t.login('demo-applicant')).get('/api/publicity/posts')).statusCode).toBe(403);
    expect((await (await t.login('demo-town')).post('/api/publicity/posts', { kind: 'news', stationId: jyStation, title: 'x', body: 'y' })).statusCode).toBe(403);
    const p = await submitted(worker);
    expect((await worker.post(`/api/publicity/posts/${p.id}/review`, { version: p.version, publish: true })).statusCode).toBe(403);
  });
});

describe('the list', () => {
  it('reads only what a row shows, never the body, photos, history or linked clients of the posts', async () => {
    await draft(worker, { title: '只在详情里读正文' });
    let items: { title: string; stationName: string; authorName: string }[] = [];
    const statements = await sqlDuring(async () => {
      const res = await worker.get('/api/publicity/posts?pageSize=100');
      expect(res.statusCode).toBe(200);
      items = res.json().items;
    });
    expect(items.find((i) => i.title === '只在详情里读正文')).toMatchObject({ stationName: expect.stringContaining('鲸园街道'), authorName: expect.any(String) });
    const reads = statements.filter((q) => /from "publicity_posts"/i.test(q));
    expect(reads.length).toBeGreaterThan(0);
    for (const q of reads) for (const col of ['"body"', '"photos"', '"history"', '"client_ids"']) expect(q).not.toContain(col);
  });
});

describe('review by the district (R-PUBLICITY-REVIEW, R-FOUR-EYES)', () => {
  it('returns with a reason, the writer fixes and resubmits, the district publishes', async () => {
    const p = await submitted(org, { kind: 'news', title: '鲸园街道社工站开展重阳节活动' });
    expect(p).toMatchObject({ status: 'submitted' });
    const listed = (await district.get('/api/publicity/posts?toReview=true&pageSize=100')).json<{ items: { id: string }[] }>();
    expect(listed.items.map((i) => i.id)).toContain(p.id);
    expect((await district.post(`/api/publicity/posts/${p.id}/review`, { version: p.version, publish: false })).statusCode).toBe(400);
    const back = await district.post(`/api/publicity/posts/${p.id}/review`, { version: p.version, publish: false, reason: '请补充活动成效' });
    expect(back.json()).toMatchObject({ status: 'returned', returnReason: '请补充活动成效' });
    const edited = await org.patch(`/api/publicity/posts/${p.id}`, { version: back.json().version, post: { kind: 'news', title: '重阳节活动：40位老人参加', body: '活动成效……' } });
    expect(edited.statusCode).toBe(200);
    const again = await org.post(`/api/publicity/posts/${p.id}/submit`, { version: edited.json().version });
    expect(again.json().status).toBe('submitted');
    const pub = await district.post(`/api/publicity/posts/${p.id}/review`, { version: again.json().version, publish: true });
    expect(pub.json()).toMatchObject({ status: 'published' });
    expect(pub.json().publishedAt).toBeTruthy();
    expect((await org.patch(`/api/publicity/posts/${p.id}`, { version: pub.json().version, post: { kind: 'news', title: 'x', body: 'y' } })).statusCode).toBe(409);
  });

  it('the writer never reviews their own post (the district writes its news, a colleague reviews it)', async () => {
    // The district writes its own news too; a colleague reviews it.
    const p = await submitted(district, { kind: 'news', title: '环翠区社工站建设推进会召开' });
    const own = await district.post(`/api/publicity/posts/${p.id}/review`, { version: p.version, publish: true });
    expect(own.statusCode).toBe(422);
    expect(ruleOf(own)).toBe('R-FOUR-EYES');
    const colleague = await t.userWith('hc.district2', ['district_officer'], { kind: 'county', regionCode: '371002' });
    expect((await colleague.post(`/api/publicity/posts/${p.id}/review`, { version: p.version, publish: true })).json().status).toBe('published');
  });

  it('a returned post is fixed by the side that wrote it: the reviewing district neither edits, adds photos to nor resubmits it', async () => {
    const p = await submitted(worker, { title: '社工站写的故事' });
    const back = (await district.post(`/api/publicity/posts/${p.id}/review`, { version: p.version, publish: false, reason: '请补充活动成效' })).json<PostJson & { canEdit: boolean }>();
    expect(back).toMatchObject({ status: 'returned', canEdit: false });
    const rewrite = await district.patch(`/api/publicity/posts/${p.id}`, { version: back.version, post: { kind: 'story', title: '审核人改写的标题', body: '审核人改写的正文' } });
    expect(rewrite.statusCode).toBe(403);
    expect(rewrite.json().error.message).toContain('审核人只退回');
    const upload = multipartFile('活动照片.png', png, 'image/png');
    expect((await district.request('POST', `/api/publicity/posts/${p.id}/photos`, upload.payload, upload.headers)).statusCode).toBe(403);
    expect((await district.post(`/api/publicity/posts/${p.id}/submit`, { version: back.version })).statusCode).toBe(403);
    const [row] = await t.database.db.select().from(publicityPosts).where(eq(publicityPosts.id, p.id));
    expect(row).toMatchObject({ title: '社工站写的故事', body: '社工和志愿者每周上门探访独居老人。', status: 'returned', version: back.version });
    expect(await t.database.db.select().from(files).where(eq(files.ownerId, p.id))).toEqual([]);
    // The station's side fixes it: the worker who wrote it, or the organisation that runs the station.
    expect((await worker.get(`/api/publicity/posts/${p.id}`)).json().canEdit).toBe(true);
    const fixed = await org.patch(`/api/publicity/posts/${p.id}`, { version: back.version, post: { kind: 'story', title: '社工站写的故事（补充成效）', body: '40位老人参加。' } });
    expect(fixed.statusCode).toBe(200);
  });

  it('district news returned by a colleague is fixed by its author, not by the station', async () => {
    const p = await submitted(district, { kind: 'news', title: '区里写的动态' });
    const colleague = await t.userWith('hc.district3', ['district_officer'], { kind: 'county', regionCode: '371002' });
    const back = (await colleague.post(`/api/publicity/posts/${p.id}/review`, { version: p.version, publish: false, reason: '请核对日期' })).json<PostJson>();
    expect((await worker.patch(`/api/publicity/posts/${p.id}`, { version: back.version, post: { kind: 'news', title: '社工站改写', body: 'x' } })).statusCode).toBe(403);
    expect((await colleague.patch(`/api/publicity/posts/${p.id}`, { version: back.version, post: { kind: 'news', title: '同事改写', body: 'x' } })).statusCode).toBe(403);
    expect((await district.patch(`/api/publicity/posts/${p.id}`, { version: back.version, post: { kind: 'news', title: '区里写的动态（已核对）', body: 'y' } })).statusCode).toBe(200);
  });

  it("who fixes a returned post is the post's side when written, not where its author's account is now", async () => {
    const admin = await t.login('demo-sysadmin');
    const moveTo = async (username: string, roles: string[], scope: { kind: string; regionCode: string }) => {
      const users = (await admin.get(`/api/users?q=${username}&pageSize=5`)).json<{ items: { id: string; username: string; version: number }[] }>().items;
      const u = users.find((x) => x.username === username);
      if (!u) throw new Error(`no user ${username}`);
      const res = await admin.patch(`/api/users/${u.id}`, { version: u.version, displayName: username, roles, scope });
      if (res.statusCode !== 200) throw new Error(res.body);
    };
    // A station worker writes a story, is returned, then moves to the district bureau.
    const writer = await t.userWith('jy.mover', ['station_worker'], { kind: 'station', regionCode: '371002002' });
    const story = await submitted(writer, { title: '调岗前写的故事' });
    const back = (await district.post(`/api/publicity/posts/${story.id}/review`, { version: story.version, publish: false, reason: '请补充成效' })).json<PostJson>();
    await moveTo('jy.mover', ['district_officer'], { kind: 'county', regionCode: '371002' });
    expect((await org.patch(`/api/publicity/posts/${story.id}`, { version: back.version, post: { kind: 'story', title: '运营机构补充', body: '成效' } })).statusCode).toBe(200);
    // An officer writes district news, is returned, then moves to a station: the station still may not edit it.
    const officer = await t.userWith('hc.mover', ['district_officer'], { kind: 'county', regionCode: '371002' });
    const news = await submitted(officer, { kind: 'news', title: '调岗前写的动态' });
    const ret = (await district.post(`/api/publicity/posts/${news.id}/review`, { version: news.version, publish: false, reason: '请核对' })).json<PostJson>();
    await moveTo('hc.mover', ['station_worker'], { kind: 'station', regionCode: '371002002' });
    expect((await worker.patch(`/api/publicity/posts/${news.id}`, { version: ret.version, post: { kind: 'news', title: '社工站改写', body: 'x' } })).statusCode).toBe(403);
    expect((await worker.get(`/api/publicity/posts/${news.id}`)).json().canEdit).toBe(false);
    // Nor its author, now at the station: an officer's news is edited by an officer.
    const moved = await t.login('hc.mover', 'Own#Pass2026');
    expect((await moved.patch(`/api/publicity/posts/${news.id}`, { version: ret.version, post: { kind: 'news', title: '调岗后改写', body: 'x' } })).statusCode).toBe(403);
  });

  it('another county cannot see or review the post; another organisation does not see it; drafts stay with the writers', async () => {
    const p = await submitted(worker);
    expect((await otherCounty.get(`/api/publicity/posts/${p.id}`)).statusCode).toBe(404);
    expect((await otherCounty.post(`/api/publicity/posts/${p.id}/review`, { version: p.version, publish: true })).statusCode).toBe(404);
    expect((await otherCounty.get('/api/publicity/posts?pageSize=100')).json().items).toEqual([]);
    const [wd] = await t.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, '威海市文登区同心社会工作服务中心'));
    if (!wd) throw new Error('demo org');
    const otherOrg = await t.userWith('wd.org', ['org_manager'], { kind: 'org', orgId: wd.id });
    expect((await otherOrg.get(`/api/publicity/posts/${p.id}`)).statusCode).toBe(404);
    expect((await org.get(`/api/publicity/posts/${p.id}`)).statusCode).toBe(200);
    const d = await draft(worker);
    expect((await district.get(`/api/publicity/posts/${d.id}`)).statusCode).toBe(404);
    expect((await org.get(`/api/publicity/posts/${d.id}`)).statusCode).toBe(200);
  });
});

describe('the privacy check (R-PUBLICITY-PRIVACY)', () => {
  async function refusedAtSubmit(body: Record<string, unknown>) {
    const d = await draft(worker, body);
    const res = await worker.post(`/api/publicity/posts/${d.id}/submit`, { version: d.version });
    expect(res.statusCode).toBe(422);
    expect(ruleOf(res)).toBe('R-PUBLICITY-PRIVACY');
    return res.json().error.message as string;
  }

  it('blocks any client’s name of the station (linked or not), an ID number and a phone number', async () => {
    await client('欧阳明珠');
    expect(await refusedAtSubmit({ body: '欧阳明珠阿姨今年八十岁，每周都来活动室。' })).toContain('服务对象姓名');
    expect(await refusedAtSubmit({ body: `老人的身份证号是${idNumberBornOn('1940-01-01', 321)}。` })).toContain('身份证号');
    expect(await refusedAtSubmit({ title: '联系电话 13912345678' })).toContain('电话号码');
    const linked = await client('慕容秋');
    expect(await refusedAtSubmit({ clientIds: [linked], body: '秋阿姨（慕容秋）笑了。' })).toContain('服务对象姓名');
  });

  it('blocks a face photo without consent on file and lets a consented one through; publication checks again', async () => {
    const noConsent = await client('司马清风');
    const d = await draft(worker, { clientIds: [noConsent] });
    const f = await photo(d.id);
    const withFace = await worker.patch(`/api/publicity/posts/${d.id}`, {
      version: d.version, post: { kind: 'story', title: '活动剪影', body: '大家一起包饺子。', clientIds: [noConsent], photos: [{ fileId: f, caption: '包饺子', showsFaces: true, consentClientId: noConsent }] },
    });
    expect(withFace.statusCode).toBe(200);
    const refused = await worker.post(`/api/publicity/posts/${d.id}/submit`, { version: withFace.json().version });
    expect(ruleOf(refused)).toBe('R-PUBLICITY-PRIVACY');
    expect(refused.json().error.message).toContain('照片');

    const consented = await client('上官晴', true);
    const c = await draft(worker, { clientIds: [consented] });
    const g = await photo(c.id);
    const ok = await worker.patch(`/api/publicity/posts/${c.id}`, {
      version: c.version, post: { kind: 'story', title: '活动剪影', body: '大家一起包饺子。', clientIds: [consented], photos: [{ fileId: g, caption: '包饺子', showsFaces: true, consentClientId: consented }] },
    });
    const sent = await worker.post(`/api/publicity/posts/${c.id}/submit`, { version: ok.json().version });
    expect(sent.statusCode, sent.body).toBe(200);
    expect((await district.post(`/api/publicity/posts/${c.id}/review`, { version: sent.json().version, publish: true })).json().status).toBe('published');
    const img = await t.anon('GET', `/stories/${c.id}/photos/${g}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    // The unpublished post's photo is not public.
    expect((await t.anon('GET', `/stories/${d.id}/photos/${f}`)).statusCode).toBe(404);
  });
});

describe('the public directory (no login, server-rendered HTML)', () => {
  it('lists active stations with title, description and viewport, searches by town, and pages', async () => {
    const res = await t.anon('GET', '/stations-directory');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toMatch(/<title>威海市社会工作服务站名录/);
    expect(res.body).toContain('<meta name="description"');
    expect(res.body).toContain('name="viewport"');
    expect(res.body).toContain('环翠区鲸园街道社会工作服务站');
    expect(res.body).toContain(`/stations-directory/${jyStation}`);
    const total = Number(/共 (\d+) 个社工站/.exec(res.body)?.[1]);
    expect(total).toBeGreaterThan(DIRECTORY_PAGE_SIZE);
    expect(res.body).toContain('rel="next" href="/stations-directory?page=2"');
    const page2 = await t.anon('GET', '/stations-directory?page=2');
    expect(page2.body).toContain('第 2 / ');
    expect(page2.body).not.toContain('环翠区鲸园街道社会工作服务站');
    const found = await t.anon('GET', `/stations-directory?q=${encodeURIComponent('鲸园')}`);
    expect(found.body).toContain('共 1 个社工站');
    expect(found.body).toContain('环翠区鲸园街道社会工作服务站');
  });

  it('shows published stories only, never a draft, a submitted or a returned one, and escapes what users wrote', async () => {
    const evil = await submitted(worker, { title: '<script>alert(1)</script>的故事', body: '"><img src=x onerror=alert(2)>' });
    const pending = await submitted(worker, { title: '尚在审核的稿件' });
    const drafted = await draft(worker, { title: '仍是草稿的稿件' });
    await district.post(`/api/publicity/posts/${evil.id}/review`, { version: evil.version, publish: true });
    const station = await t.anon('GET', `/stations-directory/${jyStation}`);
    expect(station.statusCode).toBe(200);
    expect(station.body).toContain(`/stories/${evil.id}`);
    expect(station.body).not.toContain('尚在审核的稿件');
    expect(station.body).not.toContain('仍是草稿的稿件');
    expect(station.body).not.toContain('<script>alert(1)</script>');
    expect(station.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const story = await t.anon('GET', `/stories/${evil.id}`);
    expect(story.statusCode).toBe(200);
    expect(story.body).not.toContain('<script>');
    expect(story.body).not.toContain('<img src=x');
    expect(story.body).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt;的故事');
    expect((await t.anon('GET', `/stories/${pending.id}`)).statusCode).toBe(404);
    expect((await t.anon('GET', `/stories/${drafted.id}`)).statusCode).toBe(404);
    const search = await t.anon('GET', `/stations-directory?q=${encodeURIComponent('"><script>x</script>')}`);
    expect(search.statusCode).toBe(200);
    expect(search.body).not.toContain('<script>x');
  });
});

describe('service brands (服务品牌 per station)', () => {
  type BrandJson = { id: string; stationId: string; stationName: string; name: string; description: string; version: number };
  type BrandPage = { items: BrandJson[]; total: number };

  it('the station registers, edits and lists its brand; a stale edit is refused; the public station page shows it', async () => {
    const created = await worker.post('/api/publicity/brands', { name: '鲸园邻里汇', description: '每周三的老年人互助小组' });
    expect(created.statusCode).toBe(200);
    const b = created.json<BrandJson>();
    expect(b).toMatchObject({ stationId: jyStation, name: '鲸园邻里汇', version: 1 });
    expect(b.stationName).toContain('鲸园街道');
    const edited = await worker.patch(`/api/publicity/brands/${b.id}`, { version: 1, name: '鲸园邻里守望', description: '每周三的老年人互助小组和上门探访' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<BrandJson>()).toMatchObject({ name: '鲸园邻里守望', version: 2 });
    const stale = await org.patch(`/api/publicity/brands/${b.id}`, { version: 1, name: '旧名', description: '' });
    expect(stale.statusCode).toBe(409);
    const mine = (await district.get(`/api/publicity/brands?stationId=${jyStation}`)).json<BrandPage>();
    expect(mine.items.map((x) => x.name)).toContain('鲸园邻里守望');
    expect(mine.items.map((x) => x.name)).not.toContain('鲸园邻里汇');
    expect((await t.anon('GET', `/stations-directory/${jyStation}`)).body).toContain('鲸园邻里守望');
  });

  it('lists a page at a time with the total', async () => {
    for (const name of ['品牌一', '品牌二', '品牌三']) expect((await district.post('/api/publicity/brands', { stationId: jyStation, name })).statusCode).toBe(200);
    const first = (await district.get(`/api/publicity/brands?stationId=${jyStation}&pageSize=2`)).json<BrandPage>();
    const second = (await district.get(`/api/publicity/brands?stationId=${jyStation}&pageSize=2&page=2`)).json<BrandPage>();
    expect(first.items).toHaveLength(2);
    expect(first.total).toBeGreaterThanOrEqual(4);
    expect(second.items.map((x) => x.id)).not.toContain(first.items[0]?.id);
  });

  it('scope: another county neither sees nor edits the brand; a town officer reads but does not write; bad input names its fields', async () => {
    const b = (await worker.post('/api/publicity/brands', { name: '鲸园助老服务' })).json<BrandJson>();
    expect((await otherCounty.get('/api/publicity/brands?pageSize=200')).json<BrandPage>().items.map((x) => x.id)).not.toContain(b.id);
    expect((await otherCounty.patch(`/api/publicity/brands/${b.id}`, { version: 1, name: '越权', description: '' })).statusCode).toBe(404);
    expect((await otherCounty.post('/api/publicity/brands', { stationId: jyStation, name: '越权' })).statusCode).toBe(400);
    const town = await t.login('demo-town');
    expect((await town.get(`/api/publicity/brands?stationId=${jyStation}`)).json<BrandPage>().items.map((x) => x.id)).toContain(b.id);
    expect((await town.patch(`/api/publicity/brands/${b.id}`, { version: 1, name: '改名', description: '' })).statusCode).toBe(403);
    expect((await t.anon('GET', '/api/publicity/brands')).statusCode).toBe(401);
    const bad = await worker.patch(`/api/publicity/brands/${b.id}`, { version: 1, name: '', description: 'x'.repeat(501) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['name', 'description']));
  });

  it('R-PUBLICITY-PRIVACY: a brand is public at once, so it may not name a client or hold a phone or ID number', async () => {
    await client('于秀英');
    const named = await worker.post('/api/publicity/brands', { name: '助老品牌', description: '于秀英老人是我们服务的第一位对象' });
    expect(named.statusCode).toBe(422);
    expect(ruleOf(named)).toBe('R-PUBLICITY-PRIVACY');
    expect(named.json().error.message).toContain('服务对象姓名');
    const b = (await worker.post('/api/publicity/brands', { name: '助老热线' })).json<BrandJson>();
    const phone = await worker.patch(`/api/publicity/brands/${b.id}`, { version: b.version, name: '助老热线', description: '联系 13912345678' });
    expect(ruleOf(phone)).toBe('R-PUBLICITY-PRIVACY');
    expect((await district.get(`/api/publicity/brands?stationId=${jyStation}&pageSize=200`)).json<BrandPage>().items.find((x) => x.id === b.id)?.description).toBe('');
  });
});

describe('sitemap.xml and robots.txt (no login, cached)', () => {
  const locsOf = (body: string) => [...body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? '');

  it('lists the directory, every operating station and every published story, never an unpublished one', async () => {
    const published = await submitted(worker, { title: '可以收录的故事' });
    const pub = await district.post(`/api/publicity/posts/${published.id}/review`, { version: published.version, publish: true });
    expect(pub.statusCode).toBe(200);
    const pending = await submitted(worker, { title: '尚未审核的故事' });
    const res = await t.anon('GET', '/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.body).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    const locs = locsOf(res.body);
    expect(locs[0]).toMatch(/^https?:\/\/[^/]+\/stations-directory$/);
    expect(locs.some((l) => l.endsWith(`/stations-directory/${jyStation}`))).toBe(true);
    expect(locs.some((l) => l.endsWith(`/stories/${published.id}`))).toBe(true);
    expect(locs.some((l) => l.endsWith(`/stories/${pending.id}`))).toBe(false);
    const operating = (await t.database.db.select({ id: stations.id }).from(stations).where(eq(stations.status, 'operating'))).length;
    expect(locs.filter((l) => l.includes('/stations-directory/'))).toHaveLength(operating);
    expect(new Set(locs).size).toBe(locs.length);
  });

  it('past the page size, /sitemap.xml is an index of pages that together hold every URL once; past the end is a 404', async () => {
    const whole = locsOf((await t.anon('GET', '/sitemap.xml')).body);
    const undo = setSitemapPageForTests(25);
    try {
      const index = await t.anon('GET', '/sitemap.xml');
      expect(index.body).toContain('<sitemapindex');
      const pages = locsOf(index.body);
      expect(pages).toHaveLength(Math.ceil(whole.length / 25));
      const parts: string[] = [];
      for (const p of pages) {
        const res = await t.anon('GET', new URL(p).pathname + new URL(p).search);
        expect(res.statusCode).toBe(200);
        parts.push(...locsOf(res.body));
      }
      expect(parts).toEqual(whole);
      expect((await t.anon('GET', `/sitemap.xml?page=${pages.length + 1}`)).statusCode).toBe(404);
    } finally {
      undo();
    }
  });

  it('robots.txt lets crawlers into the public pages only and names the sitemap', async () => {
    const res = await t.anon('GET', '/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.headers['cache-control']).toContain('public');
    expect(res.body).toContain('Allow: /stations-directory');
    expect(res.body).toContain('Allow: /stories/');
    expect(res.body).toContain('Disallow: /api/');
    expect(res.body).toMatch(/^Sitemap: https?:\/\/[^/\s]+\/sitemap\.xml$/m);
  });
});

describe('a station nobody serves today (no contract in force covers it)', () => {
  const stationIn = async (townCode: string) => {
    const [s] = await t.database.db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, townCode));
    if (!s) throw new Error(`demo station ${townCode}`);
    return s.id;
  };
  const locsOf = (body: string) => [...body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? '');

  it('leaves the directory and the sitemap; its published story stays readable with a notice; its page says it is not serving', async () => {
    const qiaotou = await stationIn('371002109');
    const p = await submitted(district, { kind: 'news', stationId: qiaotou, title: '桥头镇社工站的一年' });
    const reviewer = await t.userWith('hc.district4', ['district_officer'], { kind: 'county', regionCode: '371002' });
    expect((await reviewer.post(`/api/publicity/posts/${p.id}/review`, { version: p.version, publish: true })).json().status).toBe('published');
    const before = await t.anon('GET', '/stations-directory');
    const totalBefore = Number(/共 (\d+) 个社工站/.exec(before.body)?.[1]);
    expect((await t.anon('GET', `/stations-directory?q=${encodeURIComponent('桥头')}`)).body).toContain('共 1 个社工站');
    expect(locsOf((await t.anon('GET', '/sitemap.xml')).body).some((l) => l.endsWith(`/stories/${p.id}`))).toBe(true);

    // The contract no longer covers the station: nobody serves it today.
    await t.database.db.delete(contractStations).where(eq(contractStations.stationId, qiaotou));

    const found = await t.anon('GET', `/stations-directory?q=${encodeURIComponent('桥头')}`);
    expect(found.body).toContain('共 0 个社工站');
    expect((await t.anon('GET', '/stations-directory')).body).toContain(`共 ${totalBefore - 1} 个社工站`);
    const page = await t.anon('GET', `/stations-directory/${qiaotou}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('暂停服务');
    expect(page.body).toContain('<meta name="robots" content="noindex">');
    for (const serving of ['开放时间：', '电话：', '运营机构：', '地址：', 'geo:', '服务品牌']) expect(page.body).not.toContain(serving);
    expect(page.body).toContain(`/stories/${p.id}`);
    const story = await t.anon('GET', `/stories/${p.id}`);
    expect(story.statusCode).toBe(200);
    expect(story.body).toContain('桥头镇社工站的一年');
    expect(story.body).toContain('暂停服务');
    const locs = locsOf((await t.anon('GET', '/sitemap.xml')).body);
    expect(locs.some((l) => l.endsWith(`/stations-directory/${qiaotou}`))).toBe(false);
    expect(locs.some((l) => l.endsWith(`/stories/${p.id}`))).toBe(false);
    expect(locs.some((l) => l.endsWith(`/stations-directory/${jyStation}`))).toBe(true);
  });

  it('a station nobody serves and with no published story has no public page', async () => {
    const zhangcun = await stationIn('371002100');
    expect((await t.anon('GET', `/stations-directory/${zhangcun}`)).statusCode).toBe(200);
    await t.database.db.delete(contractStations).where(eq(contractStations.stationId, zhangcun));
    expect((await t.anon('GET', `/stations-directory/${zhangcun}`)).statusCode).toBe(404);
  });
});
