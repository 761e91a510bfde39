import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privacyProblems } from '../../shared/rules/publicity';
import { createTestApp, type TestApp } from '../testing/test-app';
import { rowsOf } from './demo-year-sql';
import { seedPublicityDemo } from './demo-publicity';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await seedPublicityDemo(t.database.db);
  await seedPublicityDemo(t.database.db); // a second run adds nothing
});
afterAll(() => t.close());

describe('the publicity demo', () => {
  it('has posts in every state, public texts pass the privacy check, and every station a position in Weihai', async () => {
    const worker = await t.login('demo-worker');
    const posts = (await worker.get('/api/publicity/posts?pageSize=50')).json<{ items: { id: string; status: string }[] }>();
    expect(posts.items.map((p) => p.status).sort()).toEqual(['draft', 'published', 'published', 'returned', 'submitted']);
    // The submitted one waits on the district's workbench (社工故事待审核).
    const bench = (await (await t.login('demo-district')).get('/api/workbench')).json<{ sections: { key: string; total: number }[] }>();
    expect(bench.sections.find((x) => x.key === 'postsToReview')?.total).toBe(1);
    const published = await rowsOf<{ title: string; body: string }>(t.database.db, sql`SELECT title, body FROM publicity_posts WHERE status = 'published'`);
    expect(published).toHaveLength(3);
    for (const p of published) expect(privacyProblems(`${p.title}\n${p.body}`, [], { namesFound: [], linked: [] })).toEqual([]);
    const [outside] = await rowsOf<{ n: number }>(t.database.db, sql`
      SELECT count(*)::int AS n FROM stations WHERE latitude IS NULL OR latitude NOT BETWEEN 36.7 AND 37.7 OR longitude NOT BETWEEN 121.3 AND 122.8 OR opening_hours = ''`);
    expect(outside?.n).toBe(0);
    const html = (await t.anon('GET', '/stations-directory?q=%E9%B2%B8%E5%9B%AD')).body;
    expect(html).toContain('鲸园邻里守望');
    expect(html).toContain('开放时间');
  });
});
