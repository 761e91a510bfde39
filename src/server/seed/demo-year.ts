import { sql } from 'drizzle-orm';
import { chinaToday } from '../../shared/rules/china-date';
import { SERVICE_DOMAINS } from '../../shared/rules/organizations';
import type { Db } from '../db/client';
import { randomDemoPassword } from '../db/demo-passwords';
import type { FieldCipher } from '../platform/field-cipher';
import { CASE_STORIES, GROUP_THEMES, PARTNER_TEMPLATES, RECORD_NOTES, VOLUNTEERS } from './demo-year-text';
import { seedDemoYearOversight } from './demo-year-oversight';
import { DEMO_TOWN, rowsOf, shiftDay, textArray } from './demo-year-sql';
import { generateScale, type ScaleSummary } from './scale';
import { TIERS, type TierSize } from './tiers';

/** The demo year's seed: the same seed, the same people, numbers and records at every fresh start. */
export const DEMO_YEAR_SEED = 2021;

export interface DemoYearOptions {
  size?: TierSize;
  seed?: number;
  log?: (line: string) => void;
}


/**
 * A year of real-looking work on top of the demo set (seedDemo): the demo:scale generator with
 * the `demo` tier over the last 365 days, then what makes it read like a station's year —
 * station accounts named after their workers (陈晓's station recorded by 陈晓), case notes and
 * stages from 接案 to 结案 with approvals pending, groups and activities with topics and
 * volunteers, the partner directory and referrals, notes on the records — and the oversight:
 * monthly briefings on time and late with one returned and resubmitted, an evaluation per
 * contract (one 不合格, R-CONTRACT-FAIL), supervision with one follow-up overdue. Set-based SQL;
 * dates relative to today (China). Runs in one transaction on a store that has no clients yet.
 */
export async function seedDemoYear(db: Db, cipher: FieldCipher, options: DemoYearOptions = {}): Promise<ScaleSummary | null> {
  const seed = options.seed ?? DEMO_YEAR_SEED;
  const log = options.log ?? (() => undefined);
  // The load switches roll-up triggers off and on (ALTER TABLE): only the schema's owner may. An application role
  // that owns nothing (DATABASE_MIGRATION_URL set) keeps the plain demo; `demo:scale --tier demo` as the owner adds the year.
  const [owner] = await rowsOf<{ ok: boolean }>(db, sql`SELECT pg_has_role(relowner, 'MEMBER') AS ok FROM pg_class WHERE oid = 'service_records'::regclass`);
  if (!owner?.ok) {
    log('demo year skipped: the database role does not own the schema');
    return null;
  }
  const today = chinaToday();
  const since = shiftDay(today, -364);
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    // The per-station accounts the generator adds get a password nobody knows: only the demo users log in.
    const recordNotes = Object.fromEntries(SERVICE_DOMAINS.map((d) => [d, RECORD_NOTES[d].map((text) => cipher.encrypt(text))]));
    const summary = await generateScale(tx, cipher, { size: options.size ?? TIERS.demo, seed, password: randomDemoPassword(), since, recordNotes, log });
    const step = async (what: string, fn: () => Promise<void>) => {
      const t0 = Date.now();
      await fn();
      log(`${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    };
    await step('demo year: station accounts', () => stationAccounts(tx));
    await step('demo year: names and reasons', () => namesAndReasons(tx));
    await step('demo year: case work', () => caseWork(tx, cipher, today));
    await step('demo year: groups and sessions', () => groupsAndSessions(tx));
    await step('demo year: partners and referrals', () => partnersAndReferrals(tx, cipher));
    await step('demo year: volunteers on records', () => recordDetails(tx, cipher));
    await step('demo year: briefings, evaluations, supervision', () => seedDemoYearOversight(tx, today, log));
    return summary;
  });
}

/**
 * What the generator marks as synthetic reads as the demo's own: the contractor it adds where the
 * demo had none (临港区) with a contract like its neighbours' (its stations open), and the reasons
 * of paused and closed client files.
 */
async function namesAndReasons(db: Db): Promise<void> {
  await db.execute(sql`UPDATE organizations o SET name = r.name || '善行社会工作服务中心', legal_representative = '（演示）',
      registering_authority = '威海市民政局', address = r.name
    FROM regions r WHERE r.code = o.county_code AND o.name LIKE '%号合成社会工作服务中心'`);
  await db.execute(sql`UPDATE contracts k SET title = r.short_name || extract(year FROM k.starts_on)::int || '年镇街社工站服务合同',
      number = r.code || '-' || extract(year FROM k.starts_on)::int || '-SGZ-01',
      content = t.content, quantity = t.quantity, quality = t.quality, rights_duties = t.rights_duties, liability = t.liability, tripartite = t.tripartite,
      history = jsonb_build_array(jsonb_build_object('at', to_char(((k.signed_on::timestamp + interval '10 hours') AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"'),
        'by', r.short_name || '民政局', 'event', '签订合同', 'comment', '签订日期 ' || k.signed_on))
    FROM regions r, organizations o, (SELECT * FROM contracts WHERE county_code = '371002' ORDER BY starts_on DESC LIMIT 1) t
    WHERE r.code = k.county_code AND o.id = k.contractor_org_id AND o.legal_representative = '（演示）' AND o.name LIKE '%善行社会工作服务中心' AND k.content = '镇街社工站驻站服务'`);
  await db.execute(sql`UPDATE stations s SET status = 'operating', opened_on = k.starts_on
    FROM contract_stations cs JOIN contracts k ON k.id = cs.contract_id
    WHERE cs.station_id = s.id AND s.status = 'preparing' AND k.title LIKE '%镇街社工站服务合同'`);
  await db.execute(sql`UPDATE clients SET status_reason = CASE status
      WHEN 'paused' THEN (ARRAY['外出务工，暂停入户服务', '住院治疗期间暂停服务'])[1 + (2147483647 & hashtext(id::text)) % 2]
      WHEN 'closed' THEN (ARRAY['已迁出本市', '已入住养老机构', '家庭情况好转，本人申请终止服务'])[1 + (2147483647 & hashtext(id::text)) % 3]
      ELSE '' END
    WHERE status_reason = '（合成数据）'`);
}

/**
 * The generator's station accounts become the station's worker (display name of its first
 * posted worker); at 陈晓's station everything the account did is hers (demo-worker), so her
 * 只看我的 and workbench show her own clients, records and cases.
 */
async function stationAccounts(db: Db): Promise<void> {
  // Never logged in: they still have their initial password (the system administrator's workbench lists them).
  await db.execute(sql`UPDATE users u SET username = 'sw-' || st.town_code, display_name = '驻站社工 ' || coalesce(w.name, st.town_code), must_change_password = true
    FROM stations st LEFT JOIN LATERAL (
      SELECT sw.name FROM postings p JOIN social_workers sw ON sw.id = p.worker_id
      WHERE p.station_id = st.id AND p.end_date IS NULL ORDER BY p.start_date, sw.name LIMIT 1) w ON true
    WHERE u.station_id = st.id AND u.username LIKE 'scale-w-%'`);
  const mine = sql`(SELECT id FROM users WHERE username = 'demo-worker')`;
  const theirs = sql`(SELECT id FROM users WHERE username = ${`sw-${DEMO_TOWN}`})`;
  await db.execute(sql`UPDATE service_records SET recorded_by = ${mine} WHERE recorded_by = ${theirs}`);
  await db.execute(sql`UPDATE cases SET worker_id = ${mine} WHERE worker_id = ${theirs}`);
  await db.execute(sql`UPDATE clients SET created_by = ${mine} WHERE created_by = ${theirs}`);
  await db.execute(sql`DELETE FROM users WHERE username = ${`sw-${DEMO_TOWN}`} AND EXISTS (SELECT 1 FROM users WHERE username = 'demo-worker')`);
}

/**
 * Cases in every stage, six in a row: 接案, 预估, 计划待审核, 介入（服务中）, 结案待审核, 结案 —
 * across the city in turn, and all six at 陈晓's station (she gets six more of her clients), with
 * notes, history and follow-ups around today (some overdue, one due today at her station).
 */
async function caseWork(db: Db, cipher: FieldCipher, today: string): Promise<void> {
  const demoStation = sql`(SELECT id FROM stations WHERE town_code = ${DEMO_TOWN})`;
  await db.execute(sql`INSERT INTO cases (id, client_id, station_id, scope_path, worker_id, notes_cipher, opened_on, created_at)
    SELECT overlay(overlay(md5('demo-case:' || c.id::text) placing '4' from 13 for 1) placing '8' from 17 for 1)::uuid,
      c.id, c.station_id, c.scope_path, (SELECT id FROM users WHERE username = 'demo-worker'), '', ${today}::date, now()
    FROM clients c WHERE c.station_id = ${demoStation} AND c.status = 'active'
      AND NOT EXISTS (SELECT 1 FROM cases k WHERE k.client_id = c.id)
    ORDER BY c.id LIMIT 6`);

  // Notes by stage (0–5) and story: what the case file holds at that point.
  const notes: { s: number; k: number; c: string }[] = [];
  for (let s = 0; s < 6; s++)
    for (const [k, story] of CASE_STORIES.entries())
      notes.push({
        s, k,
        c: cipher.encrypt(JSON.stringify({
          intakeNote: story.intakeNote,
          needs: s >= 1 ? story.needs : null,
          goals: s >= 2 ? story.goals : null,
          results: s >= 4 ? story.results : null,
          closureReason: s >= 4 ? story.closureReason : null,
        })),
      });
  const stories = CASE_STORIES.length;
  // Days after opening of each step, and how long ago a case at each stage was opened.
  await db.execute(sql`WITH ranked AS (
      SELECT k.id, k.worker_id, (row_number() OVER (PARTITION BY k.station_id = ${demoStation} ORDER BY k.id) - 1) AS rn,
        (2147483647 & hashtext(k.id::text))::bigint AS hv
      FROM cases k),
    staged AS (
      SELECT r.*, (r.rn % 6)::int AS s, (r.rn % ${stories}::int)::int AS story,
        ${today}::date - ((ARRAY[5, 20, 30, 60, 120, 200])[((r.rn % 6) + 1)::int] + (r.hv % 30)::int) AS opened
      FROM ranked r),
    steps(s, day, event, approver) AS (VALUES
      (0, 0, '接案', false), (1, 7, '完成预估', false), (2, 14, '提交服务计划待审核', false), (3, 16, '服务计划审核通过', true),
      (4, 80, '完成评估', false), (4, 85, '申请结案待审核', false), (5, 90, '结案审核通过', true))
    UPDATE cases k SET
      stage = (ARRAY['intake','assessment','planning','intervention','evaluation','closed'])[x.s + 1],
      pending_approval = CASE x.s WHEN 2 THEN 'plan' WHEN 4 THEN 'closure' END,
      pending_by = CASE WHEN x.s IN (2, 4) THEN x.worker_id END,
      notes_cipher = n.c,
      opened_on = x.opened,
      closed_on = CASE WHEN x.s = 5 THEN x.opened + 90 END,
      next_follow_up = CASE WHEN x.s = 5 THEN NULL ELSE ${today}::date + ((x.hv % 24)::int - 6) END,
      history = (SELECT jsonb_agg(jsonb_build_object(
          'at', to_char((((x.opened + st.day)::timestamp + interval '10 hours') AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"'),
          'by', CASE WHEN st.approver THEN coalesce(o.name, '承接机构') || ' 负责人' ELSE u.display_name END,
          'event', st.event, 'comment', '') ORDER BY st.day)
        FROM steps st WHERE st.s <= x.s),
      created_at = (x.opened::timestamp + interval '10 hours') AT TIME ZONE 'Asia/Shanghai',
      updated_at = (x.opened::timestamp + interval '10 hours') AT TIME ZONE 'Asia/Shanghai' + make_interval(days => (ARRAY[0, 7, 14, 16, 85, 90])[x.s + 1])
    FROM staged x
      JOIN (SELECT * FROM jsonb_to_recordset(${JSON.stringify(notes)}::jsonb) AS v(s int, k int, c text)) n ON n.s = x.s AND n.k = x.story
      JOIN users u ON u.id = x.worker_id
      LEFT JOIN stations sta ON sta.id = u.station_id
      LEFT JOIN LATERAL (SELECT org.name FROM contract_stations cs JOIN contracts kk ON kk.id = cs.contract_id JOIN organizations org ON org.id = kk.contractor_org_id
        WHERE cs.station_id = sta.id ORDER BY kk.starts_on DESC LIMIT 1) o ON true
    WHERE k.id = x.id`);
  // 陈晓's day: one follow-up due today, one two days overdue, the rest this week.
  await db.execute(sql`WITH mine AS (
      SELECT id, row_number() OVER (ORDER BY stage, id) AS rn FROM cases
      WHERE worker_id = (SELECT id FROM users WHERE username = 'demo-worker') AND closed_on IS NULL)
    UPDATE cases k SET next_follow_up = ${today}::date + (ARRAY[0, -2, 3, 5, 1, 6, 4])[least(m.rn, 7)::int]
    FROM mine m WHERE k.id = m.id`);
}

/** Groups and community activities with a theme, topics by session in date order, volunteers and outcomes. */
async function groupsAndSessions(db: Db): Promise<void> {
  const themes = GROUP_THEMES.map((t, i) => ({ ...t, i, k: GROUP_THEMES.filter((x, j) => x.kind === t.kind && j < i).length }));
  const perKind = (kind: string) => GROUP_THEMES.filter((t) => t.kind === kind).length;
  await db.execute(sql`WITH t AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(themes)}::jsonb) AS v(kind text, k int, name text, goals text)),
      g AS (SELECT id, kind, (row_number() OVER (PARTITION BY kind ORDER BY id) - 1) AS rn FROM groups)
    UPDATE groups SET name = t.name, goals = t.goals
    FROM g JOIN t ON t.kind = g.kind AND t.k = (g.rn % CASE WHEN g.kind = 'group' THEN ${perKind('group')}::int ELSE ${perKind('community')}::int END)
    WHERE groups.id = g.id`);
  await db.execute(sql`WITH t AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(themes)}::jsonb) AS v(name text, topics jsonb, outcome text)),
      s AS (SELECT gs.id, gs.group_id, (row_number() OVER (PARTITION BY gs.group_id ORDER BY gs.date, gs.id) - 1)::int AS n FROM group_sessions gs)
    UPDATE group_sessions gs SET
      topic = coalesce(t.topics ->> (s.n % jsonb_array_length(t.topics)), gs.topic),
      outcome = t.outcome,
      volunteers = (SELECT jsonb_agg(jsonb_build_object('name', (${textArray(VOLUNTEERS)})[(1 + ((2147483647 & hashtext(gs.id::text))::bigint + x * 5) % ${VOLUNTEERS.length}::int)::int],
          'hours', (ARRAY[2, 2.5, 3, 1.5])[(1 + ((2147483647 & hashtext(gs.id::text))::bigint + x) % 4)::int]))
        FROM generate_series(0, ((2147483647 & hashtext(gs.id::text))::bigint % 3)) x)
    FROM s JOIN groups g ON g.id = s.group_id JOIN t ON t.name = g.name
    WHERE gs.id = s.id`);
}

/** The partner directory of every county unit (R-RESOURCES), and the referrals spread over it with reasons and outcomes. */
async function partnersAndReferrals(db: Db, cipher: FieldCipher): Promise<void> {
  const templates = PARTNER_TEMPLATES.map((p, i) => ({ ...p, i, reasonCipher: cipher.encrypt(p.reason) }));
  const tpl = sql`(SELECT * FROM jsonb_to_recordset(${JSON.stringify(templates)}::jsonb) AS v(i int, kind text, name text, contact text, services text, outcome text, "reasonCipher" text))`;
  // The generator's one partner per county is its hospital: it becomes the directory's health entry.
  await db.execute(sql`UPDATE partners p SET kind = 'health', name = r.short_name || '人民医院', contact_name = '医务科 姜主任',
      contact_phone = '0631-' || (5800000 + (2147483647 & hashtext(r.code))::bigint % 100000)::text, services = '医疗救治、康复指导、家庭医生签约'
    FROM regions r WHERE r.code = p.county_code AND p.kind = 'hospital'`);
  await db.execute(sql`INSERT INTO partners (id, county_code, scope_path, kind, name, contact_name, contact_phone, address, services)
    SELECT overlay(overlay(md5('demo-partner:' || r.code || ':' || t.kind) placing '4' from 13 for 1) placing '8' from 17 for 1)::uuid,
      r.code, r.path, t.kind, replace(t.name, '{county}', r.short_name), t.contact,
      '0631-' || (5200000 + (2147483647 & hashtext(r.code || t.kind))::bigint % 700000)::text, r.name, t.services
    FROM regions r CROSS JOIN ${tpl} t
    WHERE r.level = 'county' AND EXISTS (SELECT 1 FROM stations s WHERE s.scope_path LIKE r.path || '%')
      AND NOT EXISTS (SELECT 1 FROM partners p WHERE p.county_code = r.code AND p.kind = t.kind)
    ON CONFLICT DO NOTHING`);
  await db.execute(sql`WITH x AS (
      SELECT f.id, f.status, t.kind, t.outcome, t."reasonCipher" AS reason,
        (SELECT p.id FROM partners p WHERE p.county_code = substr(st.town_code, 1, 6) AND p.kind = t.kind LIMIT 1) AS partner
      FROM (SELECT id, status, station_id, (row_number() OVER (ORDER BY id) - 1) % ${templates.length}::int AS i FROM referrals) f
        JOIN stations st ON st.id = f.station_id JOIN ${tpl} t ON t.i = f.i)
    UPDATE referrals r SET partner_id = coalesce(x.partner, r.partner_id), reason_cipher = x.reason,
      outcome = CASE x.status WHEN 'completed' THEN x.outcome WHEN 'accepted' THEN '对方已接收，正在办理。' WHEN 'declined' THEN '不符合对方服务条件，已另行链接资源。' ELSE '' END
    FROM x WHERE r.id = x.id`);
}

/**
 * Volunteers by name on the records that had any; notes (the generator writes them) on any record
 * without. Neither changes a roll-up figure (the hours stay), so the roll-up trigger sits this out.
 */
async function recordDetails(db: Db, cipher: FieldCipher): Promise<void> {
  const notes = SERVICE_DOMAINS.flatMap((d) => RECORD_NOTES[d].map((text, k) => ({ d, k, c: cipher.encrypt(text) })));
  const per = Math.min(...SERVICE_DOMAINS.map((d) => RECORD_NOTES[d].length));
  await db.execute(sql`ALTER TABLE service_records DISABLE TRIGGER service_records_rollup_upd`);
  await db.execute(sql`WITH n AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(notes)}::jsonb) AS v(d text, k int, c text))
    UPDATE service_records r SET notes_cipher = coalesce(r.notes_cipher, n.c),
      volunteers = CASE WHEN r.volunteers = '[]'::jsonb THEN r.volunteers
        ELSE jsonb_build_array(jsonb_build_object('name', (${textArray(VOLUNTEERS)})[(1 + (2147483647 & hashtext(r.id::text))::bigint % ${VOLUNTEERS.length}::int)::int], 'hours', 2)) END
    FROM n WHERE (r.notes_cipher IS NULL OR r.volunteers <> '[]'::jsonb)
      AND n.d = r.domain AND n.k = (2147483647 & hashtext(r.id::text))::bigint % ${per}::int`);
  await db.execute(sql`ALTER TABLE service_records ENABLE TRIGGER service_records_rollup_upd`);
}
