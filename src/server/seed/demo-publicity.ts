import dayjs from 'dayjs';
import { eq, inArray, sql } from 'drizzle-orm';
import { chinaToday } from '../../shared/rules/china-date';
import type { Db } from '../db/client';
import { publicityPosts, stationBrands, stations, users, type WorkflowEvent } from '../db/schema';

// Rough centres of Weihai's county units; a station sits within ~0.1° of its county's by its code.
const CENTRES: Record<string, [number, number]> = {
  '371002': [37.50, 122.12], '371003': [37.19, 122.06], '371082': [37.16, 122.49], '371083': [36.92, 121.54],
};

/**
 * The public directory and stories (五（五）): opening hours and a map position for every station,
 * brands at 鲸园 and 竹岛, three published posts, one draft and one returned for demo-worker, and one
 * submitted by demo-worker that waits for 环翠区's review (the district's 社工故事待审核).
 * No client is named in any text (R-PUBLICITY-PRIVACY).
 */
export async function seedPublicityDemo(db: Db): Promise<void> {
  const byName = async (username: string) => (await db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.username, username)))[0];
  const [worker, district] = await Promise.all([byName('demo-worker'), byName('demo-district')]);
  if (!worker || !district) return;
  if ((await db.select({ id: publicityPosts.id }).from(publicityPosts).limit(1)).length > 0) return;
  // The function areas (经区、高区、临港区) lie around the city centre.
  for (const [county, [lat, lng]] of [...Object.entries(CENTRES), ['', [37.45, 122.10]] as const]) {
    await db
      .update(stations)
      .set({
        latitude: sql`round((${lat} + ((${stations.townCode}::bigint % 97) / 97.0 - 0.5) * 0.2)::numeric, 6)::float8`,
        longitude: sql`round((${lng} + ((${stations.townCode}::bigint % 89) / 89.0 - 0.5) * 0.2)::numeric, 6)::float8`,
      })
      .where(sql`${stations.townCode} LIKE ${`${county}%`} AND ${stations.latitude} IS NULL`);
  }
  await db.update(stations).set({ openingHours: '周一至周五 8:30—12:00，13:30—17:30（节假日预约）' }).where(eq(stations.openingHours, ''));

  const town = await db.select({ id: stations.id, townCode: stations.townCode, scopePath: stations.scopePath }).from(stations).where(inArray(stations.townCode, ['371002002', '371002003']));
  const jy = town.find((s) => s.townCode === '371002002');
  const zd = town.find((s) => s.townCode === '371002003');
  if (!jy || !zd) return;
  await db.insert(stationBrands).values([
    { stationId: jy.id, scopePath: jy.scopePath, name: '鲸园邻里守望', description: '社工+志愿者结对探访独居、空巢老人，每周上门一次。', createdBy: worker.id },
    { stationId: jy.id, scopePath: jy.scopePath, name: '四点半课堂', description: '放学后为双职工家庭和困境儿童提供课业辅导和安全教育。', createdBy: worker.id },
    { stationId: zd.id, scopePath: zd.scopePath, name: '海岸线·一起走', description: '残疾人家庭康复陪伴和社区融入小组。', createdBy: district.id },
  ]);

  const today = chinaToday();
  const at = (n: number) => new Date(`${dayjs(today).add(n, 'day').format('YYYY-MM-DD')}T10:00:00+08:00`);
  const event = (n: number, by: string, what: string, comment = ''): WorkflowEvent => ({ at: at(n).toISOString(), by, event: what, comment });
  const published = (n: number) => ({
    status: 'published' as const, submittedBy: worker.id, submittedAt: at(n - 2), reviewedBy: district.id, reviewedAt: at(n), publishedAt: at(n),
    history: [event(n - 3, worker.name, '撰写'), event(n - 2, worker.name, '提交审核'), event(n, district.name, '审核发布')],
  });
  await db.insert(publicityPosts).values([
    {
      kind: 'story', stationId: jy.id, scopePath: jy.scopePath, authorId: worker.id, title: '一扇常开的门：邻里守望这一年', ...published(-40),
      body: '去年冬天，社工第一次敲开一位独居老人的家门时，老人只隔着门说了句“不用麻烦”。\n\n此后每周三，社工和两名志愿者都会准时上门，量血压、换灯泡、陪着聊家常。半年后，老人主动来到社工站参加了重阳节活动，还报名成了楼道的“守望员”。\n\n一年来，鲸园街道社工站结对探访独居、空巢老人96户，链接志愿服务1200余小时。',
    },
    {
      kind: 'news', stationId: jy.id, scopePath: jy.scopePath, authorId: worker.id, title: '鲸园街道社工站“四点半课堂”开课', ...published(-12),
      body: '本学期“四点半课堂”在社工站活动室开课，每周一至周四下午为辖区儿童提供课业辅导、安全教育和兴趣小组，首期报名42人。',
    },
    {
      kind: 'news', stationId: zd.id, scopePath: zd.scopePath, authorId: district.id, authorSide: 'officer', title: '环翠区召开社工站建设推进会', ...published(-5),
      body: '环翠区民政局召开全区镇（街道）社工站建设推进会，通报各站运营情况，部署下一阶段服务台账规范和“一站一品牌”创建工作。',
    },
    {
      kind: 'story', stationId: jy.id, scopePath: jy.scopePath, authorId: worker.id, title: '（草稿）志愿者老周的第100次探访', status: 'draft',
      body: '草稿：待补充照片和活动数据。', history: [event(-1, worker.name, '撰写')],
    },
    {
      kind: 'story', stationId: jy.id, scopePath: jy.scopePath, authorId: worker.id, title: '楼道里的“守望员”', status: 'submitted',
      body: '鲸园街道的楼道“守望员”已有28位，多是社工站结对探访过的老人。他们每天留意邻居家的灯和门，有情况就给社工站打电话。',
      submittedBy: worker.id, submittedAt: at(-1), history: [event(-2, worker.name, '撰写'), event(-1, worker.name, '提交审核')],
    },
    {
      kind: 'story', stationId: jy.id, scopePath: jy.scopePath, authorId: worker.id, title: '困境儿童的暑假', status: 'returned',
      body: '暑假里，社工陪伴孩子们完成了防溺水安全课和读书打卡。', submittedBy: worker.id, submittedAt: at(-4), reviewedBy: district.id, reviewedAt: at(-3),
      returnReason: '请补充活动成效数据，并确认照片中儿童的监护人同意',
      history: [event(-5, worker.name, '撰写'), event(-4, worker.name, '提交审核'), event(-3, district.name, '退回修改', '请补充活动成效数据，并确认照片中儿童的监护人同意')],
    },
  ]);
}
