import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: false });
});
afterAll(() => t.app.close());

describe('GET /api/health', () => {
  it('reports the primary, and no replica when none is configured', async () => {
    const res = await t.anon('GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', driver: t.database.driver, database: { primary: 'ok', replica: 'none' }, version: '0.1.0' });
  });

  it('answers 503 naming the primary when the primary does not answer', async () => {
    await t.database.close();
    const res = await t.anon('GET', '/api/health');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'down', database: { primary: 'down', replica: 'none' } });
  });
});
