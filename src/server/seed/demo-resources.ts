import { createHash } from 'node:crypto';
import dayjs from 'dayjs';
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import { chinaToday } from '../../shared/rules/china-date';
import type { TargetGroup } from '../../shared/rules/clients';
import type { ServiceDomain } from '../../shared/rules/organizations';
import type { DonorKind, NeedStatus, PublicState, ResourceKind } from '../../shared/rules/resources';
import type { Db } from '../db/client';
import { clientConsents, clients, files, partners, resourceDeliveries, resourceMatches, resourceNeeds, resourceOffers, stations, users } from '../db/schema';
import type { FieldCipher } from '../platform/field-cipher';

const JINGYUAN = '371002002';
const ZHUDAO = '371002003';

/** A 1×1 PNG: the demo's proof files stand for the photos and receipts a worker would upload. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000a49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
  'hex',
);

interface OfferSeed {
  key: string;
  town: string;
  donorKind: DonorKind;
  donorName: string;
  kind: ResourceKind;
  itemName: string;
  quantity: number;
  domain: ServiceDomain | null;
  wishDomain?: ServiceDomain;
  wishTargetGroup?: TargetGroup;
  publicName?: string;
  days: number;
  note?: string;
}

const OFFERS: OfferSeed[] = [
  { key: 'charity', town: JINGYUAN, donorKind: 'charity', donorName: '威海市慈善总会', kind: 'money', itemName: '', quantity: 2_000_000, domain: 'assistance', wishDomain: 'assistance', publicName: '威海市慈善总会', days: 60, note: '“慈心一日捐”定向社会救助' },
  { key: 'rice', town: JINGYUAN, donorKind: 'enterprise', donorName: '威海海之韵食品有限公司', kind: 'goods', itemName: '大米（10公斤装）', quantity: 200, domain: 'elderly', publicName: '海之韵食品公司', days: 45 },
  { key: 'clinic', town: JINGYUAN, donorKind: 'partner', donorName: '环翠区卫生健康局', kind: 'service', itemName: '家庭医生上门义诊', quantity: 24, domain: 'elderly', days: 40 },
  { key: 'volunteer', town: JINGYUAN, donorKind: 'volunteer', donorName: '志愿者王海涛', kind: 'volunteer_time', itemName: '陪同就医、代购', quantity: 40, domain: 'elderly', wishTargetGroup: 'left_behind_elderly', days: 30 },
  { key: 'room', town: JINGYUAN, donorKind: 'charity', donorName: '鲸园社区居民委员会', kind: 'venue', itemName: '二楼多功能活动室', quantity: 120, domain: null, days: 90 },
  { key: 'kids', town: JINGYUAN, donorKind: 'individual', donorName: '爱心人士李女士', kind: 'money', itemName: '', quantity: 60_000, domain: 'children', wishTargetGroup: 'children_in_difficulty', days: 12 },
  { key: 'quilts', town: ZHUDAO, donorKind: 'enterprise', donorName: '威海家纺有限公司', kind: 'goods', itemName: '冬被', quantity: 30, domain: 'elderly', publicName: '威海家纺', days: 20 },
];

interface NeedSeed {
  key: string;
  town: string;
  client?: 'elderly' | 'child';
  domain: ServiceDomain;
  targetGroup: TargetGroup | null;
  kind: ResourceKind;
  quantity: number;
  title: string;
  description: string;
  place: string;
  neededIn: number | null;
  days: number;
  status: NeedStatus;
  publicState: PublicState;
  publicText: string;
}

const NEEDS: NeedSeed[] = [
  { key: 'grain', town: JINGYUAN, domain: 'elderly', targetGroup: 'left_behind_elderly', kind: 'goods', quantity: 60, title: '独居老人冬季米面', description: '辖区独居、留守老人60户，入冬前每户一袋大米。', place: '鲸园街道各社区', neededIn: null, days: 40, status: 'met', publicState: 'published', publicText: '鲸园街道60户独居和留守老人入冬前需要大米，每户一袋。' },
  { key: 'doctor', town: JINGYUAN, client: 'elderly', domain: 'elderly', targetGroup: 'left_behind_elderly', kind: 'service', quantity: 4, title: '行动不便老人上门体检', description: '老人腿脚不便，需上门测血压、血糖并讲解用药。', place: '家中', neededIn: 10, days: 6, status: 'open', publicState: 'none', publicText: '' },
  { key: 'relief', town: JINGYUAN, domain: 'assistance', targetGroup: 'temporary_aid', kind: 'money', quantity: 800_000, title: '遭遇急难家庭临时生活补助', description: '因病因灾陷入困境的家庭，经临时救助后仍有缺口。', place: '鲸园街道', neededIn: 30, days: 25, status: 'matched', publicState: 'pending', publicText: '鲸园街道几户因病陷入困境的家庭需要临时生活补助。' },
  { key: 'coats', town: JINGYUAN, domain: 'children', targetGroup: 'children_in_difficulty', kind: 'goods', quantity: 30, title: '困境儿童冬季棉衣', description: '困境儿童和留守儿童30名，需要冬季棉衣。', place: '鲸园街道', neededIn: 20, days: 8, status: 'open', publicState: 'published', publicText: '鲸园街道30名困境儿童需要冬季棉衣，尺码从120到160。' },
  { key: 'books', town: JINGYUAN, client: 'child', domain: 'children', targetGroup: 'children_in_difficulty', kind: 'money', quantity: 30_000, title: '困境儿童学习用品', description: '孩子升入初中，需要书包、文具和课外读物。', place: '', neededIn: 15, days: 3, status: 'open', publicState: 'none', publicText: '' },
  { key: 'meals', town: ZHUDAO, domain: 'elderly', targetGroup: 'tekun_elderly_dispersed', kind: 'goods', quantity: 30, title: '分散供养特困老人冬被', description: '竹岛街道分散供养特困老人30人。', place: '竹岛街道', neededIn: 25, days: 10, status: 'matched', publicState: 'published', publicText: '竹岛街道30位分散供养的老人需要冬被。' },
];

interface MatchSeed {
  need: string;
  offer: string;
  quantity: number;
  status: 'proposed' | 'confirmed' | 'delivered';
  days: number;
  /** Deliveries: days ago and quantity, each with a proof file. */
  deliveries: { days: number; quantity: number; proof: string }[];
  sharesClient?: boolean;
}

const MATCHES: MatchSeed[] = [
  { need: 'grain', offer: 'rice', quantity: 60, status: 'delivered', days: 35, deliveries: [{ days: 30, quantity: 60, proof: '米面发放签收表.png' }] },
  { need: 'doctor', offer: 'clinic', quantity: 4, status: 'proposed', days: 2, deliveries: [], sharesClient: true },
  { need: 'relief', offer: 'charity', quantity: 500_000, status: 'confirmed', days: 20, deliveries: [{ days: 14, quantity: 300_000, proof: '慈善总会拨付回单.png' }] },
  { need: 'meals', offer: 'quilts', quantity: 30, status: 'confirmed', days: 5, deliveries: [] },
];

/**
 * The demo's charity resources (二（一）5): offers of money, goods, services, a venue and volunteer
 * time at 鲸园 and 竹岛; needs at every stage (open, matched, partly delivered, met with a signed
 * list); one match waiting for the second person; three needs on the public wall with thanks to
 * the donors who agreed. Deterministic from today's date; no audit rows (it is no one's act).
 */
export async function seedResourcesDemo(db: Db, _cipher: FieldCipher): Promise<void> {
  if ((await db.select({ id: resourceOffers.id }).from(resourceOffers).limit(1)).length > 0) return;
  const people = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, ['demo-worker', 'demo-org', 'demo-district']));
  const worker = people.find((u) => u.username === 'demo-worker')?.id;
  const manager = people.find((u) => u.username === 'demo-org')?.id;
  const district = people.find((u) => u.username === 'demo-district')?.id;
  const townStations = await db.select({ id: stations.id, townCode: stations.townCode, scopePath: stations.scopePath }).from(stations).where(inArray(stations.townCode, [JINGYUAN, ZHUDAO]));
  const station = (town: string) => townStations.find((s) => s.townCode === town);
  if (!worker || !manager || !district || !station(JINGYUAN) || !station(ZHUDAO)) return;
  const today = chinaToday();
  const ago = (n: number) => dayjs(today).subtract(n, 'day').format('YYYY-MM-DD');
  const at = (n: number) => dayjs(`${ago(n)}T10:00:00+08:00`).toDate();
  const [partner] = await db.select({ id: partners.id }).from(partners).where(and(eq(partners.countyCode, '371002'), eq(partners.kind, 'health'))).limit(1);

  // 鲸园's clients from the demo year, when it ran: an older person and a child in difficulty.
  const jy = station(JINGYUAN);
  const clientRows = jy
    ? await db.select({ id: clients.id, targetGroups: clients.targetGroups, scopePath: clients.scopePath }).from(clients)
        .where(and(eq(clients.stationId, jy.id), eq(clients.status, 'active'), like(clients.scopePath, `${jy.scopePath}%`))).orderBy(asc(clients.createdAt), asc(clients.id)).limit(200)
    : [];
  const clientFor = (k: 'elderly' | 'child') =>
    clientRows.find((c) => c.targetGroups.some((g) => (k === 'child' ? ['children_in_difficulty', 'left_behind_children', 'orphan', 'de_facto_orphan'] : ['left_behind_elderly', 'tekun_elderly_dispersed']).includes(g)));

  const offerRows = await db
    .insert(resourceOffers)
    .values(
      OFFERS.map((o) => {
        const s = station(o.town) ?? jy;
        return {
          stationId: s?.id ?? '', scopePath: s?.scopePath ?? '', donorKind: o.donorKind === 'partner' && !partner ? ('charity' as const) : o.donorKind, donorName: o.donorName,
          partnerId: o.donorKind === 'partner' ? (partner?.id ?? null) : null, kind: o.kind, itemName: o.itemName, quantity: o.quantity,
          domain: o.domain, place: s?.townCode === ZHUDAO ? '竹岛街道' : '鲸园街道', wishDomain: o.wishDomain ?? null, wishTargetGroup: o.wishTargetGroup ?? null,
          thankPublicly: !!o.publicName, publicName: o.publicName ?? '', note: o.note ?? '', createdBy: worker, createdAt: at(o.days), updatedAt: at(o.days),
        };
      }),
    )
    .returning({ id: resourceOffers.id, donorName: resourceOffers.donorName });
  const offerId = (key: string) => offerRows.find((r) => r.donorName === OFFERS.find((o) => o.key === key)?.donorName)?.id ?? '';

  const needValues = NEEDS.flatMap((n) => {
    const s = station(n.town);
    if (!s) return [];
    const client = n.client ? clientFor(n.client) : undefined;
    const byClient = !!(n.client && client);
    return [{
      key: n.key, stationId: s.id, scopePath: byClient && client ? client.scopePath : s.scopePath, source: byClient ? ('client' as const) : ('community' as const),
      clientId: byClient && client ? client.id : null, domain: n.domain, targetGroup: n.targetGroup, kind: n.kind, quantity: n.quantity, title: n.title,
      description: n.description, place: n.place, neededBy: n.neededIn === null ? null : dayjs(today).add(n.neededIn, 'day').format('YYYY-MM-DD'),
      status: n.status, metOn: n.status === 'met' ? ago(30) : null, publicText: n.publicText, publicState: n.publicState,
      publicRequestedBy: n.publicState === 'none' ? null : worker, publishedBy: n.publicState === 'published' ? manager : null,
      publishedAt: n.publicState === 'published' ? at(n.days - 1) : null, createdBy: n.town === ZHUDAO ? district : worker, createdAt: at(n.days), updatedAt: at(n.days),
    }];
  });
  const needRows = await db.insert(resourceNeeds).values(needValues.map(({ key: _k, ...v }) => v)).returning({ id: resourceNeeds.id, title: resourceNeeds.title, stationId: resourceNeeds.stationId, scopePath: resourceNeeds.scopePath, clientId: resourceNeeds.clientId });
  const need = (key: string) => needRows.find((r) => r.title === NEEDS.find((n) => n.key === key)?.title);

  // The client who shares with the doctor consented to it.
  const doctor = need('doctor');
  if (doctor?.clientId)
    await db.insert(clientConsents).values({ clientId: doctor.clientId, kind: 'sharing', givenBy: '本人', givenOn: ago(3), scope: '向义诊医生提供姓名、住址和病史', recordedBy: worker });

  for (const mm of MATCHES) {
    const n = need(mm.need);
    const o = offerId(mm.offer);
    if (!n || !o) continue;
    const delivered = mm.deliveries.reduce((s, d) => s + d.quantity, 0);
    const [match] = await db
      .insert(resourceMatches)
      .values({
        needId: n.id, offerId: o, stationId: n.stationId, scopePath: n.scopePath, quantity: mm.quantity, delivered, sharesClient: !!mm.sharesClient && !!n.clientId,
        status: mm.status, proposedBy: worker, decidedBy: mm.status === 'proposed' ? null : manager, decidedAt: mm.status === 'proposed' ? null : at(mm.days - 1),
        createdAt: at(mm.days),
      })
      .returning({ id: resourceMatches.id });
    if (!match) continue;
    await db.update(resourceOffers).set({ reserved: sql`${resourceOffers.reserved} + ${mm.quantity}`, delivered: sql`${resourceOffers.delivered} + ${delivered}` }).where(eq(resourceOffers.id, o));
    for (const d of mm.deliveries) {
      const [file] = await db
        .insert(files)
        .values({ ownerType: 'resource_match', ownerId: match.id, scopePath: n.scopePath, name: d.proof, mime: 'image/png', size: PNG.length, sha256: createHash('sha256').update(PNG).digest('hex'), content: PNG, uploadedBy: worker })
        .returning({ id: files.id });
      if (!file) continue;
      const [offer] = await db.select({ kind: resourceOffers.kind }).from(resourceOffers).where(eq(resourceOffers.id, o));
      await db.insert(resourceDeliveries).values({
        matchId: match.id, needId: n.id, offerId: o, stationId: n.stationId, scopePath: n.scopePath, kind: offer?.kind ?? 'goods', quantity: d.quantity,
        deliveredOn: ago(d.days), note: '', proofFileIds: [file.id], recordedBy: worker, createdAt: at(d.days),
      });
    }
  }
}
