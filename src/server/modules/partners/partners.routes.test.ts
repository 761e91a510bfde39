import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';

let t: TestApp;
let district: Session;
beforeAll(async () => {
  t = await createTestApp();
  district = await t.login('demo-district');
});
afterAll(() => t.close());

const partner = (over: Record<string, unknown> = {}) => ({
  countyCode: '371002', kind: 'disabled', name: '环翠区残疾人联合会', contactName: '周科长', contactPhone: '0631-5211234',
  address: '环翠区统一路', services: '残疾人康复、辅具适配', ...over,
});

describe('partner directory (R-RESOURCES)', () => {
  it('a district officer keeps their county’s directory; another county is refused', async () => {
    const res = await district.post('/api/partners', partner());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ countyShortName: '环翠区', kind: 'disabled', active: true });
    const other = await district.post('/api/partners', partner({ countyCode: '371082', name: '荣成市妇联' }));
    expect(other.json().error.details.fields[0].path).toBe('countyCode');
  });

  it('is seen by the town and station under the county and by the city, not by other counties', async () => {
    const names = async (s: Session) => (await s.get('/api/partners')).json().items.map((p: { name: string }) => p.name);
    expect(await names(await t.login('demo-town'))).toContain('环翠区残疾人联合会');
    expect(await names(await t.login('demo-worker'))).toContain('环翠区残疾人联合会');
    expect(await names(await t.login('demo-city'))).toContain('环翠区残疾人联合会');
    const admin = await t.login('demo-sysadmin');
    await admin.post('/api/users', {
      username: 'rc.partner', displayName: '荣成', roles: ['district_officer'], scope: { kind: 'county', regionCode: '371082' },
      initialPassword: 'Init#Pass2026',
    });
    const rc = await t.login('rc.partner', 'Init#Pass2026');
    await rc.post('/api/auth/password', { currentPassword: 'Init#Pass2026', newPassword: 'Own#Pass2026' });
    const rcSession = await t.login('rc.partner', 'Own#Pass2026');
    expect(await names(rcSession)).toEqual([]);
    const id = (await district.get('/api/partners')).json().items[0].id;
    expect((await rcSession.get(`/api/partners/${id}`)).statusCode).toBe(404);
  });

  it('searches by name or service and updates with the version', async () => {
    const found = (await district.get(`/api/partners?q=${encodeURIComponent('辅具')}`)).json();
    expect(found.total).toBe(1);
    const p = found.items[0];
    const { id: _i, countyCode: _c, countyShortName: _s, version, updatedAt: _u, ...rest } = p;
    const ok = await district.patch(`/api/partners/${p.id}`, { ...rest, active: false, version });
    expect(ok.json()).toMatchObject({ active: false, version: version + 1 });
    expect((await district.patch(`/api/partners/${p.id}`, { ...rest, version })).statusCode).toBe(409);
    expect((await (await t.login('demo-town')).patch(`/api/partners/${p.id}`, { ...rest, version: version + 1 })).statusCode).toBe(403);
  });
});
