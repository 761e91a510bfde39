import dayjs from 'dayjs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../shared/rules/china-date';
import { stations } from '../../db/schema';
import { idNumberBornOn, multipartFile } from '../../testing/factories';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

// Charity deliveries as a source of volunteer service records (issue 13: 慈善资源交付).
let t: TestApp;
let worker: Session; // 鲸园街道 station worker
let manager: Session; // the organisation running 鲸园 (confirms matches)
const today = chinaToday();
const yesterday = dayjs(today).subtract(1, 'day').format('YYYY-MM-DD');
const png = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000a49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
  'hex',
);

async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>): Promise<Record<string, unknown>> {
  const r = await res;
  if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body}`);
  return r.json() as Record<string, unknown>;
}

/** An offer of volunteer time from a named donor, matched to a community need, confirmed and delivered with a photo. */
async function delivered(jyStation: string, donorName: string, hours: number): Promise<string> {
  const need = await ok(worker.post('/api/resource-needs', { source: 'community', stationId: jyStation, domain: 'elderly', kind: 'volunteer_time', quantity: hours, title: '陪伴独居老人' }));
  const offer = await ok(worker.post('/api/resource-offers', { stationId: jyStation, donorKind: 'volunteer', donorName, kind: 'volunteer_time', quantity: hours }));
  const m = await ok(worker.post('/api/resource-matches', { needId: need.id, offerId: offer.id, quantity: hours }));
  await ok(manager.post(`/api/resource-matches/${String(m.id)}/decision`, { version: m.version, approve: true }));
  const file = multipartFile('交付照片.png', png, 'image/png');
  const proof = await ok(worker.request('POST', `/api/resource-matches/${String(m.id)}/proofs`, file.payload, file.headers));
  const match = await ok(worker.post(`/api/resource-matches/${String(m.id)}/deliveries`, { quantity: hours, deliveredOn: yesterday, proofFileIds: [proof.id] }));
  const deliveries = match.deliveries as { id: string }[];
  const last = deliveries.at(-1);
  if (!last) throw new Error('no delivery');
  return last.id;
}

let jyStation = '';
let volunteerId = '';
beforeAll(async () => {
  t = await createTestApp();
  worker = await t.login('demo-worker');
  manager = await t.login('demo-org');
  const [jy] = await t.database.db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, '371002002'));
  jyStation = jy?.id ?? '';
  volunteerId = String((await ok(worker.post('/api/volunteers', {
    name: '赵交付', idNumber: idNumberBornOn('1988-04-04', 471), skills: ['companionship'], availability: '周末',
    consentOn: yesterday, consentScope: '登记个人信息，记录和证明志愿服务',
  }))).id);
}, 60_000);
afterAll(() => t.close());

describe('a charity delivery of volunteer time as a source of volunteer service records', () => {
  it('is listed as 慈善资源交付, becomes a record for the offer’s volunteer with the hours and the link, once (409 the second time)', async () => {
    const deliveryId = await delivered(jyStation, '赵交付', 3);
    const sources = (await worker.get('/api/volunteer-sources')).json<{ source: string; id: string; title: string; listed: { volunteerId: string | null; hours: number; recorded: boolean }[] }[]>();
    const listed = sources.find((s) => s.id === deliveryId);
    expect(listed).toMatchObject({ source: 'resource_delivery', listed: [{ volunteerId, hours: 3, recorded: false }] });
    expect(listed?.title).toContain('慈善资源交付');

    // More hours than were delivered is refused (R-VOLUNTEER-HOURS), and so is someone other than the offer's volunteer.
    const over = await worker.post('/api/volunteer-records/from-activity', {
      source: 'resource_delivery', sourceId: deliveryId, startTime: '08:00', endTime: '12:00', entries: [{ volunteerId, minutes: 240 }],
    });
    expect(over.statusCode).toBe(422);
    expect(over.json().error.details.rule.id).toBe('R-VOLUNTEER-HOURS');

    const res = await ok(worker.post('/api/volunteer-records/from-activity', { source: 'resource_delivery', sourceId: deliveryId, startTime: '09:00', endTime: '12:00' }));
    const recorded = res.recorded as { volunteerId: string; minutes: number; date: string; source: string; sourceId: string; certifier: string }[];
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ volunteerId, minutes: 180, date: yesterday, source: 'resource_delivery', sourceId: deliveryId });
    expect(recorded[0]?.certifier).toContain('环翠区鲸园街道社会工作服务站');
    const records = (await worker.get(`/api/volunteer-records?volunteerId=${volunteerId}`)).json();
    expect(records.items.map((r: { sourceId: string }) => r.sourceId)).toContain(deliveryId);

    const again = await worker.post('/api/volunteer-records/from-activity', { source: 'resource_delivery', sourceId: deliveryId, startTime: '13:00', endTime: '16:00' });
    expect(again.statusCode).toBe(409);
    const after = (await worker.get('/api/volunteer-sources')).json<{ id: string; listed: { recorded: boolean }[] }[]>();
    expect(after.find((s) => s.id === deliveryId)?.listed[0]?.recorded).toBe(true);
  });

  it('refuses a volunteer other than the one who gave the offer (R-VOLUNTEER-RECORD)', async () => {
    const deliveryId = await delivered(jyStation, '某位未登记的志愿者', 2);
    const res = await worker.post('/api/volunteer-records/from-activity', {
      source: 'resource_delivery', sourceId: deliveryId, startTime: '18:00', endTime: '19:00', entries: [{ volunteerId, minutes: 60 }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rule.id).toBe('R-VOLUNTEER-RECORD');
  });

  it('another county’s officer gets 404 for the delivery and does not see it among the sources', async () => {
    const deliveryId = await delivered(jyStation, '赵交付', 1);
    const wd = await t.userWith('wd.vol.delivery', ['district_officer'], { kind: 'county', regionCode: '371003' });
    const res = await wd.post('/api/volunteer-records/from-activity', { source: 'resource_delivery', sourceId: deliveryId, startTime: '06:00', endTime: '07:00' });
    expect(res.statusCode).toBe(404);
    expect((await wd.get('/api/volunteer-sources')).json().map((s: { id: string }) => s.id)).not.toContain(deliveryId);
  });
});
