import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { resourceOffers, stations } from '../../db/schema';
import { idNumberBornOn, multipartFile } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let worker: Session; // 鲸园街道 station worker
let manager: Session; // the organisation running 鲸园 (confirms)
let town: Session; // 鲸园街道 officer (confirms)
let district: Session;
let zdWorker: Session; // 竹岛街道 station worker: another station
let jyStation: string;
let zdStation: string;
let village: string;
const today = chinaToday();
const png = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000a49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
  'hex',
);
const ID = idNumberBornOn('1944-03-03', 611);
const PHONE = '13912345678';

let seq = 0;
async function client(s: Session, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  seq += 1;
  const res = await s.post('/api/clients', {
    name, idNumber: idNumberBornOn('1944-03-03', 611 + seq), villageCode: village, targetGroups: ['left_behind_elderly'], phone: PHONE, address: '海港路18号3单元', ...extra,
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json().id;
}

async function need(s: Session, body: Record<string, unknown>) {
  const res = await s.post('/api/resource-needs', { domain: 'elderly', kind: 'goods', quantity: 10, title: '冬季取暖物资', ...body });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json<{ id: string; version: number; status: string; clientLabel: string | null; stationId: string }>();
}

async function offer(s: Session, body: Record<string, unknown>) {
  const res = await s.post('/api/resource-offers', { stationId: jyStation, donorKind: 'enterprise', donorName: '威海某爱心企业', kind: 'goods', itemName: '棉被', quantity: 20, ...body });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json<{ id: string; available: number }>();
}

async function proof(s: Session, matchId: string): Promise<string> {
  const body = multipartFile('交付照片.png', png, 'image/png');
  const res = await s.request('POST', `/api/resource-matches/${matchId}/proofs`, body.payload, body.headers);
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json().id;
}

/** A match proposed by the worker and confirmed by the organisation manager. */
async function confirmed(needId: string, offerId: string, quantity: number) {
  const m = await worker.post('/api/resource-matches', { needId, offerId, quantity });
  if (m.statusCode !== 200) throw new Error(m.body);
  const c = await manager.post(`/api/resource-matches/${m.json().id}/decision`, { version: m.json().version, approve: true });
  if (c.statusCode !== 200) throw new Error(c.body);
  return c.json<{ id: string; version: number }>();
}

const ruleOf = (res: { json(): { error?: { details?: { rule?: { id: string } } } } }) => res.json().error?.details?.rule?.id;

beforeAll(async () => {
  t = await createTestApp();
  [worker, manager, town, district] = await Promise.all(['demo-worker', 'demo-org', 'demo-town', 'demo-district'].map((u) => t.login(u)));
  zdWorker = await t.userWith('zd.worker', ['station_worker'], { kind: 'station', regionCode: '371002003' });
  const [jy] = await t.database.db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, '371002002'));
  const [zd] = await t.database.db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, '371002003'));
  if (!jy || !zd) throw new Error('demo stations');
  jyStation = jy.id;
  zdStation = zd.id;
  village = (await worker.get('/api/regions?level=village&parentCode=371002002')).json()[0].code;
});
afterAll(() => t.close());

describe('needs and offers: the ordinary guards', () => {
  it('401 without a session, 403 without the permission, 400 with field paths (no float amounts)', async () => {
    expect((await t.anon('GET', '/api/resource-needs')).statusCode).toBe(401);
    const applicant = await t.login('demo-applicant');
    expect((await applicant.get('/api/resource-needs')).statusCode).toBe(403);
    expect((await town.post('/api/resource-needs', { source: 'community', stationId: jyStation, domain: 'elderly', kind: 'goods', quantity: 1, title: 'x' })).statusCode).toBe(403);
    const bad = await worker.post('/api/resource-offers', { stationId: jyStation, donorKind: 'individual', donorName: '张先生', kind: 'money', quantity: 100.5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toContain('quantity');
    const noClient = await worker.post('/api/resource-needs', { source: 'client', domain: 'elderly', kind: 'goods', quantity: 1, title: 'x' });
    expect(noClient.json().error.details.fields[0].path).toBe('clientId');
  });

  it('raises a need from a client, a case and a community, each filed under its station', async () => {
    const c = await client(worker, '孙秀英');
    const fromClient = await need(worker, { source: 'client', clientId: c });
    expect(fromClient).toMatchObject({ stationId: jyStation, clientLabel: '孙秀英', status: 'open' });
    const kase = (await worker.post('/api/cases', { clientId: c, intakeNote: '独居' })).json().id;
    const fromCase = await need(worker, { source: 'case', caseId: kase, kind: 'service', quantity: 4, title: '陪同就医' });
    expect(fromCase).toMatchObject({ clientId: c, caseId: kase });
    const community = await need(district, { source: 'community', stationId: zdStation, domain: 'children', title: '社区儿童图书角' });
    expect(community).toMatchObject({ stationId: zdStation, clientLabel: null });
  });
});

describe('the donor’s wish (R-RESOURCES-WISH)', () => {
  it('refuses a match outside the wish and accepts one within it; suggestions say why', async () => {
    const elderly = await need(worker, { source: 'community', stationId: jyStation, targetGroup: 'left_behind_elderly' });
    const children = await need(worker, { source: 'community', stationId: jyStation, domain: 'children', targetGroup: 'children_in_difficulty', title: '困境儿童文具' });
    const forChildren = await offer(worker, { wishDomain: 'children', wishTargetGroup: 'children_in_difficulty', itemName: '文具套装' });
    const refused = await worker.post('/api/resource-matches', { needId: elderly.id, offerId: forChildren.id, quantity: 2 });
    expect(refused.statusCode).toBe(422);
    expect(ruleOf(refused)).toBe('R-RESOURCES-WISH');
    expect((await worker.post('/api/resource-matches', { needId: children.id, offerId: forChildren.id, quantity: 2 })).statusCode).toBe(200);

    const forZd = await offer(worker, { wishStationId: zdStation });
    expect(ruleOf(await worker.post('/api/resource-matches', { needId: elderly.id, offerId: forZd.id, quantity: 1 }))).toBe('R-RESOURCES-WISH');
    const forOther = await offer(worker, { wishNeedId: children.id });
    expect(ruleOf(await worker.post('/api/resource-matches', { needId: elderly.id, offerId: forOther.id, quantity: 1 }))).toBe('R-RESOURCES-WISH');

    const s = (await worker.get(`/api/resource-needs/${elderly.id}/suggestions`)).json<{ items: { offer: { id: string }; wishProblem: string | null; reasons: string[] }[] }>();
    expect(s.items.find((x) => x.offer.id === forChildren.id)?.wishProblem).toContain('另一服务领域');
    expect(s.items.find((x) => x.offer.id === forZd.id)?.wishProblem).toContain('另一个社工站');
    const suggestedForChildren = (await worker.get(`/api/resource-needs/${children.id}/suggestions`)).json<{ items: { offer: { id: string }; wishProblem: string | null; reasons: string[] }[] }>();
    const best = suggestedForChildren.items.find((x) => x.offer.id === forOther.id);
    expect(best?.wishProblem).toBeNull();
    expect(suggestedForChildren.items[0]?.offer.id).toBe(forOther.id);
  });
});

describe('four eyes (R-FOUR-EYES): who proposes does not confirm', () => {
  it('refuses the proposer, lets another person in scope confirm, and a return releases what was held', async () => {
    const n = await need(worker, { source: 'community', stationId: jyStation });
    const o = await offer(worker, { quantity: 5 });
    const byManager = (await manager.post('/api/resource-matches', { needId: n.id, offerId: o.id, quantity: 5 })).json();
    const self = await manager.post(`/api/resource-matches/${byManager.id}/decision`, { version: byManager.version, approve: true });
    expect(self.statusCode).toBe(422);
    expect(ruleOf(self)).toBe('R-FOUR-EYES');
    // A station worker holds no confirmation right at all.
    expect((await worker.post(`/api/resource-matches/${byManager.id}/decision`, { version: byManager.version, approve: true })).statusCode).toBe(403);
    const returned = await town.post(`/api/resource-matches/${byManager.id}/decision`, { version: byManager.version, approve: false, comment: '数量需核实' });
    expect(returned.json()).toMatchObject({ status: 'rejected', decidedByName: '鲸园街道 张干事' });
    expect((await worker.get(`/api/resource-offers/${o.id}`)).json().offer.available).toBe(5);
    const again = (await worker.post('/api/resource-matches', { needId: n.id, offerId: o.id, quantity: 5 })).json();
    const ok = await town.post(`/api/resource-matches/${again.id}/decision`, { version: again.version, approve: true });
    expect(ok.json().status).toBe('confirmed');
    expect((await worker.get(`/api/resource-needs/${n.id}`)).json().need.status).toBe('matched');
  });
});

describe('delivery with proof (R-RESOURCES-DELIVERY)', () => {
  it('delivers nothing unconfirmed or without proof, and closes a need only with a delivery record', async () => {
    const n = await need(worker, { source: 'community', stationId: jyStation });
    const o = await offer(worker, {});
    const noDelivery = await worker.post(`/api/resource-needs/${n.id}/close`, { version: n.version, outcome: 'met' });
    expect(ruleOf(noDelivery)).toBe('R-RESOURCES-DELIVERY');
    const proposed = (await worker.post('/api/resource-matches', { needId: n.id, offerId: o.id, quantity: 10 })).json();
    const early = await worker.post(`/api/resource-matches/${proposed.id}/deliveries`, { quantity: 10, deliveredOn: today, proofFileIds: [] });
    expect(ruleOf(early)).toBe('R-RESOURCES-DELIVERY');
    await manager.post(`/api/resource-matches/${proposed.id}/decision`, { version: proposed.version, approve: true });
    const noProof = await worker.post(`/api/resource-matches/${proposed.id}/deliveries`, { quantity: 10, deliveredOn: today, proofFileIds: [] });
    expect(noProof.statusCode).toBe(422);
    expect(ruleOf(noProof)).toBe('R-RESOURCES-DELIVERY');
    const html = multipartFile('receipt.png', Buffer.from('<html><script>alert(1)</script></html>'), 'image/png');
    expect((await worker.request('POST', `/api/resource-matches/${proposed.id}/proofs`, html.payload, html.headers)).statusCode).toBe(400);
    const file = await proof(worker, proposed.id);
    const done = await worker.post(`/api/resource-matches/${proposed.id}/deliveries`, { quantity: 10, deliveredOn: today, proofFileIds: [file], needMet: true });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'delivered', delivered: 10 });
    expect(done.json().deliveries[0].proofs[0]).toMatchObject({ id: file, mime: 'image/png' });
    const after = (await worker.get(`/api/resource-needs/${n.id}`)).json().need;
    expect(after).toMatchObject({ status: 'met', metOn: today, delivered: 10 });
    // A proof serves one delivery only.
    const dl = await worker.get(`/api/resource-matches/${proposed.id}/proofs/${file}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toContain('attachment');
  });

  it('never delivers past what was matched or what the offer holds, even two deliveries at once', async () => {
    const n = await need(worker, { source: 'community', stationId: jyStation, kind: 'money', quantity: 1_000_000, title: '困难家庭助学金' });
    const o = await offer(worker, { donorKind: 'individual', donorName: '王先生', kind: 'money', itemName: '', quantity: 10_000 });
    expect(ruleOf(await worker.post('/api/resource-matches', { needId: n.id, offerId: o.id, quantity: 10_001 }))).toBe('R-RESOURCES-DELIVERY');
    const m = await confirmed(n.id, o.id, 10_000);
    // The whole offer is held by that match: nothing more can be proposed.
    expect(ruleOf(await worker.post('/api/resource-matches', { needId: n.id, offerId: o.id, quantity: 1 }))).toBe('R-RESOURCES-DELIVERY');
    const [f1, f2] = [await proof(worker, m.id), await proof(worker, m.id)];
    const [a, b] = await Promise.all([
      worker.post(`/api/resource-matches/${m.id}/deliveries`, { quantity: 6_000, deliveredOn: today, proofFileIds: [f1] }),
      worker.post(`/api/resource-matches/${m.id}/deliveries`, { quantity: 6_000, deliveredOn: today, proofFileIds: [f2] }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 422]);
    expect(ruleOf(a.statusCode === 422 ? a : b)).toBe('R-RESOURCES-DELIVERY');
    const [row] = await t.database.db.select().from(resourceOffers).where(eq(resourceOffers.id, o.id));
    expect(row).toMatchObject({ quantity: 10_000, reserved: 10_000, delivered: 6_000 });
    const unused = a.statusCode === 422 ? f1 : f2;
    const over = await worker.post(`/api/resource-matches/${m.id}/deliveries`, { quantity: 4_001, deliveredOn: today, proofFileIds: [unused] });
    expect(over.json().error.message).toContain('尚可交付4000');
    const rest = await worker.post(`/api/resource-matches/${m.id}/deliveries`, { quantity: 4_000, deliveredOn: today, proofFileIds: [unused] });
    expect(rest.json()).toMatchObject({ status: 'delivered', delivered: 10_000 });
  });
});

describe('the client’s consent to share (R-RESOURCES-CONSENT)', () => {
  it('shares nothing about a client with a donor until the client consented', async () => {
    const c = await client(worker, '周桂兰');
    const n = await need(worker, { source: 'client', clientId: c });
    expect(n).toMatchObject({ clientConsent: false });
    const o = await offer(worker, {});
    const sharing = await worker.post('/api/resource-matches', { needId: n.id, offerId: o.id, quantity: 1, sharesClient: true });
    expect(sharing.statusCode).toBe(422);
    expect(ruleOf(sharing)).toBe('R-RESOURCES-CONSENT');
    expect((await worker.post('/api/resource-matches', { needId: n.id, offerId: o.id, quantity: 1, sharesClient: false })).json().sharesClient).toBe(false);
    expect((await worker.post(`/api/clients/${c}/consents`, { kind: 'sharing', givenBy: '周桂兰', givenOn: today, scope: '向捐赠方提供姓名和需求' })).statusCode).toBe(200);
    const now = await worker.post('/api/resource-matches', { needId: n.id, offerId: o.id, quantity: 1, sharesClient: true });
    expect(now.json()).toMatchObject({ sharesClient: true, status: 'proposed' });
    expect((await worker.get(`/api/resource-needs/${n.id}`)).json().need.clientConsent).toBe(true);
  });
});

describe('scope and masking', () => {
  it('hides another station’s needs (404) and masks a client seen through an offer’s match', async () => {
    const zdClient = await client(district, '竹岛李大娘', { stationId: zdStation, villageCode: (await district.get('/api/regions?level=village&parentCode=371002003')).json()[0].code });
    const zdNeed = await need(district, { source: 'client', clientId: zdClient, title: '李大娘的棉被', description: '李大娘独居，电话13912345678' });
    expect((await worker.get(`/api/resource-needs/${zdNeed.id}`)).statusCode).toBe(404);
    expect((await worker.get('/api/resource-needs?pageSize=200')).json().items.map((x: { id: string }) => x.id)).not.toContain(zdNeed.id);
    expect((await zdWorker.get(`/api/resource-needs/${zdNeed.id}`)).json().need.clientLabel).toBe('竹岛李大娘');

    // The district matches a 鲸园 offer to the 竹岛 need: 鲸园 sees its offer's match, not who it serves.
    const o = await offer(worker, {});
    const m = (await district.post('/api/resource-matches', { needId: zdNeed.id, offerId: o.id, quantity: 2 })).json();
    const seen = (await worker.get(`/api/resource-offers/${o.id}`)).json();
    expect(seen.matches[0]).toMatchObject({ id: m.id, need: { clientLabel: '竹****', title: '养老服务需求', inScope: false } });
    expect(JSON.stringify(seen)).not.toContain('李大娘');
    expect(JSON.stringify(seen)).not.toContain(PHONE);
    // The match itself is the need's station data.
    expect((await worker.post(`/api/resource-matches/${m.id}/decision`, { version: m.version, approve: true })).statusCode).toBe(403);
    expect((await town.post(`/api/resource-matches/${m.id}/decision`, { version: m.version, approve: true })).statusCode).toBe(404);
    expect((await zdWorker.post('/api/resource-matches', { needId: zdNeed.id, offerId: o.id, quantity: 1 })).json().error.details.fields[0].path).toBe('offerId');
    expect((await zdWorker.get(`/api/resource-offers/${o.id}`)).statusCode).toBe(404);
  });
});

describe('the public wall (R-RESOURCES-PUBLIC)', () => {
  it('shows only reviewed text, refuses personal data, and never leaks a client’s name, ID number, phone or address', async () => {
    const name = '钱玉珍';
    const c = await client(worker, name);
    const n = await need(worker, {
      source: 'client', clientId: c, title: `${name}冬衣`, description: `${name}，身份证${ID}，电话${PHONE}，住海港路18号3单元，需要冬衣`,
    });
    for (const text of [`为${name}募集冬衣`, `为玉珍奶奶募集冬衣`, `联系电话${PHONE}`, `身份证号${ID}`, '送到海港路18号3单元']) {
      const res = await worker.post(`/api/resource-needs/${n.id}/public`, { version: n.version, publicText: text });
      expect(res.statusCode, text).toBe(422);
      expect(ruleOf(res)).toBe('R-RESOURCES-PUBLIC');
    }
    const pending = (await worker.post(`/api/resource-needs/${n.id}/public`, { version: n.version, publicText: '鲸园街道一位独居老人需要冬季棉衣两件' })).json();
    expect(pending.publicState).toBe('pending');
    const before = await t.anon('GET', '/api/public/resource-wall');
    expect(before.statusCode).toBe(200);
    expect(before.json().needs.map((x: { id: string }) => x.id)).not.toContain(n.id);

    expect((await worker.post(`/api/resource-needs/${n.id}/publish`, { version: pending.version, decision: 'publish' })).statusCode).toBe(403);
    const published = await manager.post(`/api/resource-needs/${n.id}/publish`, { version: pending.version, decision: 'publish' });
    expect(published.json().publicState).toBe('published');
    // Thanks only for a donor who agreed, under the name agreed.
    const thanked = await offer(worker, { donorName: '威海某商贸有限公司（联系人赵经理 13800001111）', thankPublicly: true, publicName: '某商贸公司', itemName: '棉衣' });
    const quiet = await offer(worker, { donorName: '不愿具名的王女士', itemName: '棉衣' });
    for (const o of [thanked, quiet]) {
      const m = await confirmed(n.id, o.id, 1);
      const f = await proof(worker, m.id);
      expect((await worker.post(`/api/resource-matches/${m.id}/deliveries`, { quantity: 1, deliveredOn: today, proofFileIds: [f] })).statusCode).toBe(200);
    }
    const wall = await t.anon('GET', '/api/public/resource-wall');
    const body = wall.json();
    expect(body.needs.find((x: { id: string }) => x.id === n.id)).toMatchObject({ text: '鲸园街道一位独居老人需要冬季棉衣两件', townName: '鲸园街道' });
    expect(body.thanks.map((x: { donorName: string }) => x.donorName)).toContain('某商贸公司');
    const raw = wall.body;
    for (const secret of [name, '玉珍', ID, PHONE, '海港路18号', '王女士', '赵经理', '13800001111']) expect(raw, secret).not.toContain(secret);

    // A withdrawn item leaves the wall.
    const now = (await worker.get(`/api/resource-needs/${n.id}`)).json().need;
    await town.post(`/api/resource-needs/${n.id}/publish`, { version: now.version, decision: 'withdraw' });
    const gone = (await t.anon('GET', '/api/public/resource-wall')).json();
    expect(gone.needs.map((x: { id: string }) => x.id)).not.toContain(n.id);
    expect(gone.thanks.map((x: { donorName: string }) => x.donorName)).not.toContain('某商贸公司');
  });

  it('shows a delivery photo only when marked consented, and a client’s only with the client’s consent', async () => {
    const publish = async (n: { id: string; version: number }, by: Session) => {
      const p = (await worker.post(`/api/resource-needs/${n.id}/public`, { version: n.version, publicText: '社区老人需要助行器' })).json();
      expect((await by.post(`/api/resource-needs/${n.id}/publish`, { version: p.version, decision: 'publish' })).statusCode).toBe(200);
    };
    const o = await offer(worker, { itemName: '助行器', thankPublicly: true, publicName: '某医疗器械公司' });
    // A client's need: the photo shows the client, so the client's sharing consent comes first.
    const c = await client(worker, '吴凤兰');
    const forClient = await need(worker, { source: 'client', clientId: c, kind: 'goods', quantity: 1 });
    await publish(forClient, manager);
    const m1 = await confirmed(forClient.id, o.id, 1);
    const p1 = await proof(worker, m1.id);
    const noConsent = await worker.post(`/api/resource-matches/${m1.id}/deliveries`, { quantity: 1, deliveredOn: today, proofFileIds: [p1], publicPhoto: { fileId: p1, consented: true } });
    expect(ruleOf(noConsent)).toBe('R-RESOURCES-CONSENT');
    // Not marked consented: refused as a field.
    const unmarked = await worker.post(`/api/resource-matches/${m1.id}/deliveries`, { quantity: 1, deliveredOn: today, proofFileIds: [p1], publicPhoto: { fileId: p1, consented: false } });
    expect(unmarked.statusCode).toBe(400);
    expect((await worker.post(`/api/resource-matches/${m1.id}/deliveries`, { quantity: 1, deliveredOn: today, proofFileIds: [p1] })).statusCode).toBe(200);

    const community = await need(worker, { source: 'community', stationId: jyStation, kind: 'goods', quantity: 1 });
    await publish(community, town);
    const m2 = await confirmed(community.id, o.id, 1);
    const [shown, kept] = [await proof(worker, m2.id), await proof(worker, m2.id)];
    const ok = await worker.post(`/api/resource-matches/${m2.id}/deliveries`, { quantity: 1, deliveredOn: today, proofFileIds: [shown, kept], publicPhoto: { fileId: shown, consented: true } });
    expect(ok.json().deliveries[0].publicPhotoId).toBe(shown);
    const thanks = (await t.anon('GET', '/api/public/resource-wall')).json().thanks as { donorName: string; photoId: string | null }[];
    expect(thanks.filter((x) => x.donorName === '某医疗器械公司').map((x) => x.photoId).sort()).toEqual([null, shown].sort());
    const photo = await t.anon('GET', `/api/public/resource-wall/photos/${shown}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    for (const hidden of [kept, p1]) expect((await t.anon('GET', `/api/public/resource-wall/photos/${hidden}`)).statusCode).toBe(404);
  });

  it('the reviewer cannot approve text they submitted themselves (R-FOUR-EYES)', async () => {
    const n = await need(manager, { source: 'community', stationId: jyStation });
    const p = (await manager.post(`/api/resource-needs/${n.id}/public`, { version: n.version, publicText: '社区需要图书' })).json();
    expect(ruleOf(await manager.post(`/api/resource-needs/${n.id}/publish`, { version: p.version, decision: 'publish' }))).toBe('R-FOUR-EYES');
  });
});

describe('counted in the reports', () => {
  it('the district’s annual report counts needs met and money, goods and hours mobilised, drilling down to the deliveries', async () => {
    const year = Number(today.slice(0, 4));
    // The district's year runs to 30 November (R-DISTRICT-REPORT): in December, deliver on its last day.
    const deliveredOn = today.slice(5) > '11-30' ? `${year}-11-30` : today;
    const report = (await district.post('/api/reports', { kind: 'district_annual', countyCode: '371002', year })).json();
    const figures = async () => {
      const r = (await district.get(`/api/reports/${report.id}`)).json<{ figures: { key: string; value: number; unit: string }[] }>();
      return (key: string) => r.figures.find((f) => f.key === key);
    };
    const before = await figures();
    const money = await need(worker, { source: 'community', stationId: jyStation, kind: 'money', quantity: 50_000, title: '助学金' });
    const goods = await need(worker, { source: 'community', stationId: jyStation, kind: 'goods', quantity: 3, title: '轮椅' });
    const hours = await need(worker, { source: 'community', stationId: jyStation, kind: 'volunteer_time', quantity: 6, title: '陪伴' });
    const deliveries: string[] = [];
    for (const [n, o, q] of [
      [money, await offer(worker, { donorKind: 'charity', donorName: '威海市慈善总会', kind: 'money', itemName: '', quantity: 50_000 }), 12_345],
      [goods, await offer(worker, { itemName: '轮椅', quantity: 3 }), 3],
      [hours, await offer(worker, { donorKind: 'volunteer', donorName: '志愿者刘洋', kind: 'volunteer_time', itemName: '', quantity: 10 }), 6],
    ] as const) {
      const m = await confirmed(n.id, o.id, q);
      const f = await proof(worker, m.id);
      const d = await worker.post(`/api/resource-matches/${m.id}/deliveries`, { quantity: q, deliveredOn, proofFileIds: [f], needMet: true });
      deliveries.push(d.json().deliveries[0].id);
    }
    const after = await figures();
    expect(after('resources.money')).toMatchObject({ unit: '元', value: Math.round(((before('resources.money')?.value ?? 0) + 123.45) * 100) / 100 });
    expect(after('resources.goods')?.value).toBe((before('resources.goods')?.value ?? 0) + 3);
    expect(after('resources.hours')?.value).toBe((before('resources.hours')?.value ?? 0) + 6);
    expect(after('resources.needs.met')?.value).toBe((before('resources.needs.met')?.value ?? 0) + 3);
    const drill = (await district.get(`/api/reports/${report.id}/figures/resources.money`)).json<{ rows: { id: string; title: string; detail: string }[] }>();
    expect(drill.rows.find((r) => r.id === deliveries[0])).toMatchObject({ title: '威海市慈善总会：资金', detail: '123.45元' });
    const met = (await district.get(`/api/reports/${report.id}/figures/resources.needs.met`)).json<{ rows: { id: string }[] }>();
    expect(met.rows.map((r) => r.id)).toEqual(expect.arrayContaining([money.id, goods.id, hours.id]));
  });
});

describe('counted in the evaluation', () => {
  it('an indicator set to 慈善资源对接 is pre-filled with the share of needs met and what was mobilised', async () => {
    const year = Number(today.slice(0, 4));
    const city = await t.login('demo-city');
    const contracts = (await district.get('/api/contracts?pageSize=50')).json().items as { id: string; status: string }[];
    let contractId = '';
    let stationIds: string[] = [];
    for (const k of contracts.filter((x) => x.status === 'signed' || x.status === 'performing')) {
      const d = (await district.get(`/api/contracts/${k.id}`)).json();
      if ((d.stations as { id: string }[]).some((s) => s.id === jyStation)) {
        contractId = k.id;
        stationIds = (d.stations as { id: string }[]).map((s) => s.id);
      }
    }
    // One need met here, whatever ran before.
    const n = await need(worker, { source: 'community', stationId: jyStation, title: '雨衣' });
    const m = await confirmed(n.id, (await offer(worker, { itemName: '雨衣', quantity: 10 })).id, 10);
    await worker.post(`/api/resource-matches/${m.id}/deliveries`, { quantity: 10, deliveredOn: today, proofFileIds: [await proof(worker, m.id)], needMet: true });
    const system = (await city.get(`/api/evaluation/indicators/${year}`)).json();
    type Ind = { code: string; auto: string | null };
    const free = system.dimensions.flatMap((d: { indicators: Ind[] }) => d.indicators).find((i: Ind) => i.auto === null);
    free.auto = 'resources';
    const saved = await city.put(`/api/evaluation/indicators/${year}`, { version: system.version, dimensions: system.dimensions, thresholds: system.thresholds });
    expect(saved.statusCode, saved.body).toBe(200);
    const evaluation = await district.post('/api/evaluations', { contractId, year });
    expect(evaluation.statusCode, evaluation.body).toBe(200);
    const detail = (await district.get(`/api/evaluations/${evaluation.json().id}`)).json();
    const scored = detail.dimensions.flatMap((d: { indicators: Ind[] }) => d.indicators).find((i: Ind) => i.code === free.code);
    // Every need raised at the contract's stations this year, against those met with a delivery.
    const all: { status: string }[] = [];
    for (const id of stationIds) all.push(...(await district.get(`/api/resource-needs?stationId=${id}&pageSize=200`)).json().items);
    const met = all.filter((n) => n.status === 'met').length;
    expect(scored.prefill.evidence).toContain(`登记需求${all.length}项，凭交付记录满足${met}项`);
    expect(scored.prefill.evidence).toMatch(/动员资金[\d.]+元、物资\d+件、服务\d+小时/);
    expect(scored.prefill.value).toBe(Math.round((met / all.length) * 1000) / 10);
  });
});
