import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { EVALUATION_GRADE_LABELS } from '../../shared/rules/purchase';
import { gradeOf } from '../../shared/rules/reports';
import type { Db } from '../db/client';
import { contractGrades, contracts, evaluations, indicatorSystems, supervisions, type IndicatorScore, type WorkflowEvent } from '../db/schema';
import { defaultSystem } from '../modules/evaluations/indicators';
import { BRIEFING_SECTIONS, RETURN_COMMENTS, SUPERVISION_VISITS } from './demo-year-text';
import { DEMO_TOWN, rowsOf, shiftDay } from './demo-year-sql';

/** Share of each indicator's points a county unit's contractor earns; 乳山市's falls below 60 (不合格). */
const EVALUATION_SHARE: Record<string, number> = { '371002': 0.88, '371003': 0.93, '371082': 0.84, '371083': 0.55, '371071': 0.77, '371072': 0.86 };
const FAILING_COMMENT = '未达到指标要求：驻站社工流动频繁，服务台账不完整，走访覆盖率不足';

/** A China calendar day at a China clock hour, as an instant no later than now. */
const instant = (day: string, hour: number, now: Date): Date => {
  const t = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  return t < now ? t : now;
};

/** Briefings, evaluations and supervision of the demo year (see seedDemoYear). */
export async function seedDemoYearOversight(db: Db, today: string, log: (line: string) => void = () => undefined): Promise<void> {
  let t = Date.now();
  const lap = (what: string) => {
    log(`  ${what} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    t = Date.now();
  };
  await briefings(db, lap);
  await evaluationsOfTheYear(db, today);
  lap('evaluations');
  await supervisionVisits(db, today);
  lap('supervision');
}

/**
 * The monthly briefings the generator made, as a year of them reads: only for months the
 * contract was in force, due the 10th of the next month, submitted on time (most) or late (one in
 * six) by the organisation, accepted or returned by the district with a reason, this month's
 * still a draft when its day has not come; the figures frozen from the records they count (so
 * every figure drills down and nothing shows as changed since). One of 陈晓's station's was
 * returned and resubmitted.
 */
async function briefings(db: Db, lap: (what: string) => void): Promise<void> {
  await db.execute(sql`DELETE FROM reports r USING contracts k
    WHERE r.kind = 'monthly' AND r.contract_id = k.id AND (k.starts_on IS NULL OR r.period_end < k.starts_on)`);
  const iso = (t: SQL) => sql`to_char((${t}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"')`;
  const event = (at: SQL, by: SQL, what: string, comment: SQL) => sql`jsonb_build_object('at', ${iso(at)}, 'by', ${by}, 'event', ${what}::text, 'comment', ${comment})`;
  const fig = (key: string, group: string, label: string, value: SQL, unit: string, source: string, ids: SQL) =>
    sql`jsonb_build_object('key', ${key}::text, 'group', ${group}::text, 'label', ${label}::text, 'value', ${value}, 'unit', ${unit}::text, 'source', ${source}::text, 'ids', ${ids})`;
  const vol = (v: SQL) => sql`(SELECT coalesce(sum((e ->> 'hours')::numeric), 0) FROM jsonb_array_elements(${v}) e)`;
  // The frozen figures are what computeFigures (reports module) counts, from the same rows, so nothing shows as
  // changed since; one pass per source grouped by station and month rather than one lookup per report.
  const month = (col: string) => sql.raw(`date_trunc('month', ${col}::timestamp)::date`);
  const none = sql`'[]'::jsonb`;
  await db.execute(sql`WITH
      rec AS (SELECT station_id, ${month('date')} AS m, count(*)::int AS n, sum(duration_minutes) AS minutes, jsonb_agg(id) AS ids,
          coalesce(jsonb_agg(id) FILTER (WHERE home_visit), ${none}) AS visits,
          coalesce(jsonb_agg(id) FILTER (WHERE method = 'case'), ${none}) AS m_case,
          coalesce(jsonb_agg(id) FILTER (WHERE method = 'group'), ${none}) AS m_group,
          coalesce(jsonb_agg(id) FILTER (WHERE method = 'community'), ${none}) AS m_community,
          sum(${vol(sql`volunteers`)}) AS vol_hours, coalesce(jsonb_agg(id) FILTER (WHERE volunteers <> ${none}), ${none}) AS vol_ids
        FROM service_records GROUP BY 1, 2),
      cl AS (SELECT sr.station_id, ${month('sr.date')} AS m, jsonb_agg(DISTINCT c) AS ids FROM service_records sr CROSS JOIN unnest(sr.client_ids) c GROUP BY 1, 2),
      ko AS (SELECT station_id, ${month('opened_on')} AS m, jsonb_agg(id) AS ids FROM cases GROUP BY 1, 2),
      kc AS (SELECT station_id, ${month('closed_on')} AS m, jsonb_agg(id) AS ids FROM cases WHERE closed_on IS NOT NULL GROUP BY 1, 2),
      ss AS (SELECT g.station_id, ${month('gs.date')} AS m,
          coalesce(jsonb_agg(gs.id) FILTER (WHERE g.kind = 'group'), ${none}) AS g, coalesce(jsonb_agg(gs.id) FILTER (WHERE g.kind = 'community'), ${none}) AS c,
          sum(cardinality(gs.client_ids))::int AS attendance, jsonb_agg(gs.id) AS ids,
          sum(${vol(sql`gs.volunteers`)}) AS vol_hours, coalesce(jsonb_agg(gs.id) FILTER (WHERE gs.volunteers <> ${none}), ${none}) AS vol_ids
        FROM group_sessions gs JOIN groups g ON g.id = gs.group_id GROUP BY 1, 2),
      rf AS (SELECT station_id, ${month('referred_on')} AS m, jsonb_agg(id) AS ids FROM referrals GROUP BY 1, 2),
    x AS (
      SELECT r.id, r.status, r.station_id, r.period_start, (row_number() OVER (ORDER BY r.period_start, r.id) - 1) AS rn,
        (r.period_start + interval '1 month 9 days')::date AS due,
        ((r.period_end + 1)::timestamp + interval '9 hours') AT TIME ZONE 'Asia/Shanghai' AS drafted,
        coalesce(m.display_name, o.name, '承接机构') AS writer, m.id AS writer_id,
        coalesce(d.display_name, reg.short_name || '民政局') AS reviewer
      FROM reports r JOIN regions reg ON reg.code = r.county_code
        LEFT JOIN organizations o ON o.id = r.org_id
        LEFT JOIN LATERAL (SELECT id, display_name FROM users WHERE org_id = r.org_id AND 'org_manager' = ANY(roles) ORDER BY username LIMIT 1) m ON true
        LEFT JOIN LATERAL (SELECT display_name FROM users WHERE scope_path = reg.path AND 'district_officer' = ANY(roles) ORDER BY username LIMIT 1) d ON true
      WHERE r.kind = 'monthly'),
    y AS (SELECT x.*, CASE WHEN x.rn % 6 = 0 THEN x.due + (1 + x.rn % 5)::int ELSE x.due - (1 + x.rn % 7)::int END AS sub_day FROM x),
    z AS (SELECT y.*, (y.sub_day::timestamp + interval '16 hours') AT TIME ZONE 'Asia/Shanghai' AS sub_at,
        LEAST((y.sub_day::timestamp + interval '2 days 10 hours') AT TIME ZONE 'Asia/Shanghai', now()) AS decided_at FROM y)
    UPDATE reports r SET
      due_on = z.due,
      status = CASE WHEN z.sub_at > now() THEN 'draft' ELSE r.status END,
      sections = (${JSON.stringify(BRIEFING_SECTIONS)}::jsonb) -> (z.rn % ${BRIEFING_SECTIONS.length}::int)::int,
      snapshot = CASE WHEN z.sub_at > now() OR z.station_id IS NULL THEN NULL ELSE jsonb_build_object(
      'computedAt', to_char(z.sub_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"'), 'findings', '[]'::jsonb,
      'figures', jsonb_build_array(
        ${fig('clients.served', '服务对象', '服务对象（人）', sql`jsonb_array_length(coalesce(cl.ids, ${none}))`, '人', 'clients', sql`coalesce(cl.ids, ${none})`)},
        ${fig('records.total', '服务记录', '服务记录', sql`coalesce(rec.n, 0)`, '次', 'service_records', sql`coalesce(rec.ids, ${none})`)},
        ${fig('records.hours', '服务记录', '服务时长', sql`round(coalesce(rec.minutes, 0) / 60.0, 1)`, '小时', 'service_records', sql`coalesce(rec.ids, ${none})`)},
        ${fig('records.visits', '服务记录', '入户走访', sql`jsonb_array_length(coalesce(rec.visits, ${none}))`, '次', 'service_records', sql`coalesce(rec.visits, ${none})`)},
        ${fig('records.method.case', '服务记录（按方式）', '个案', sql`jsonb_array_length(coalesce(rec.m_case, ${none}))`, '次', 'service_records', sql`coalesce(rec.m_case, ${none})`)},
        ${fig('records.method.group', '服务记录（按方式）', '小组', sql`jsonb_array_length(coalesce(rec.m_group, ${none}))`, '次', 'service_records', sql`coalesce(rec.m_group, ${none})`)},
        ${fig('records.method.community', '服务记录（按方式）', '社区', sql`jsonb_array_length(coalesce(rec.m_community, ${none}))`, '次', 'service_records', sql`coalesce(rec.m_community, ${none})`)},
        ${fig('cases.opened', '个案', '新开个案', sql`jsonb_array_length(coalesce(ko.ids, ${none}))`, '个', 'cases', sql`coalesce(ko.ids, ${none})`)},
        ${fig('cases.closed', '个案', '结案', sql`jsonb_array_length(coalesce(kc.ids, ${none}))`, '个', 'cases', sql`coalesce(kc.ids, ${none})`)},
        ${fig('sessions.group', '小组和社区活动', '小组活动', sql`jsonb_array_length(coalesce(ss.g, ${none}))`, '节', 'group_sessions', sql`coalesce(ss.g, ${none})`)},
        ${fig('sessions.community', '小组和社区活动', '社区活动', sql`jsonb_array_length(coalesce(ss.c, ${none}))`, '场', 'group_sessions', sql`coalesce(ss.c, ${none})`)},
        ${fig('sessions.attendance', '小组和社区活动', '参与服务对象', sql`coalesce(ss.attendance, 0)`, '人次', 'group_sessions', sql`coalesce(ss.ids, ${none})`)},
        ${fig('volunteers.records', '志愿服务', '志愿服务时长（服务记录）', sql`round(coalesce(rec.vol_hours, 0), 1)`, '小时', 'service_records', sql`coalesce(rec.vol_ids, ${none})`)},
        ${fig('volunteers.sessions', '志愿服务', '志愿服务时长（小组和社区活动）', sql`round(coalesce(ss.vol_hours, 0), 1)`, '小时', 'group_sessions', sql`coalesce(ss.vol_ids, ${none})`)},
        ${fig('referrals.total', '转介和资源链接', '转介', sql`jsonb_array_length(coalesce(rf.ids, ${none}))`, '次', 'referrals', sql`coalesce(rf.ids, ${none})`)})) END,
      first_submitted_at = CASE WHEN z.sub_at > now() THEN NULL ELSE z.sub_at END,
      submitted_at = CASE WHEN z.sub_at > now() THEN NULL ELSE z.sub_at END,
      submitted_by = CASE WHEN z.sub_at > now() THEN NULL ELSE z.writer_id END,
      last_comment = CASE WHEN r.status = 'returned' AND z.sub_at <= now() THEN (${JSON.stringify(RETURN_COMMENTS)}::jsonb) ->> (z.rn % ${RETURN_COMMENTS.length}::int)::int ELSE '' END,
      history = jsonb_build_array(${event(sql`z.drafted`, sql`z.writer`, '从业务记录生成草稿', sql`''`)})
        || CASE WHEN z.sub_at > now() THEN '[]'::jsonb ELSE jsonb_build_array(${event(sql`z.sub_at`, sql`z.writer`, '提交',
          sql`CASE WHEN z.sub_day > z.due THEN '逾期提交（应于' || z.due || '前提交，R-REPORTS）' ELSE '' END`)}) END
        || CASE WHEN z.sub_at > now() THEN '[]'::jsonb
             WHEN r.status = 'accepted' THEN jsonb_build_array(${event(sql`z.decided_at`, sql`z.reviewer`, '接收', sql`''`)})
             WHEN r.status = 'returned' THEN jsonb_build_array(${event(sql`z.decided_at`, sql`z.reviewer`, '退回', sql`(${JSON.stringify(RETURN_COMMENTS)}::jsonb) ->> (z.rn % ${RETURN_COMMENTS.length}::int)::int`)})
             ELSE '[]'::jsonb END,
      created_at = z.drafted,
      updated_at = CASE WHEN z.sub_at > now() THEN z.drafted WHEN r.status IN ('accepted', 'returned') THEN z.decided_at ELSE z.sub_at END
    FROM z
      LEFT JOIN rec ON rec.station_id = z.station_id AND rec.m = z.period_start
      LEFT JOIN cl ON cl.station_id = z.station_id AND cl.m = z.period_start
      LEFT JOIN ko ON ko.station_id = z.station_id AND ko.m = z.period_start
      LEFT JOIN kc ON kc.station_id = z.station_id AND kc.m = z.period_start
      LEFT JOIN ss ON ss.station_id = z.station_id AND ss.m = z.period_start
      LEFT JOIN rf ON rf.station_id = z.station_id AND rf.m = z.period_start
    WHERE r.id = z.id`);
  lap('briefings: dates, history and frozen figures');

  // Returned with a reason, revised and submitted again: waiting for the district once more.
  await db.execute(sql`WITH one AS (
      SELECT r.id FROM reports r JOIN stations s ON s.id = r.station_id
      WHERE s.town_code = ${DEMO_TOWN} AND r.kind = 'monthly' AND r.status = 'accepted'
      ORDER BY r.period_start DESC LIMIT 1)
    UPDATE reports r SET status = 'submitted', last_comment = ${RETURN_COMMENTS[0] ?? ''},
      submitted_at = LEAST(r.first_submitted_at + interval '4 days', now()),
      updated_at = LEAST(r.first_submitted_at + interval '4 days', now()),
      history = jsonb_build_array(r.history -> 0, r.history -> 1,
        jsonb_build_object('at', to_char(LEAST(r.first_submitted_at + interval '2 days', now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"'),
          'by', (r.history -> 2) ->> 'by', 'event', '退回', 'comment', ${RETURN_COMMENTS[0] ?? ''}::text),
        jsonb_build_object('at', to_char(LEAST(r.first_submitted_at + interval '4 days', now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"'),
          'by', (r.history -> 1) ->> 'by', 'event', '提交', 'comment', '已按意见核对服务对象人次并修改'::text))
    FROM one WHERE r.id = one.id`);
  lap('briefings: returned and resubmitted');
}

/**
 * The year's evaluation of every contract in force, finished: scored by hand on the shipped
 * indicator system, graded by its thresholds; 乳山市's contractor is 不合格, which marks its
 * contract for ending next year (R-CONTRACT-FAIL) exactly as finishing an evaluation does.
 */
async function evaluationsOfTheYear(db: Db, today: string): Promise<void> {
  const year = Number(today.slice(0, 4));
  const now = new Date();
  await db.insert(indicatorSystems).values({ year, ...defaultSystem() }).onConflictDoNothing();
  const [system] = await db.select().from(indicatorSystems).where(eq(indicatorSystems.year, year));
  if (!system) return;
  const inForce = await db.select().from(contracts).where(inArray(contracts.status, ['signed', 'performing'])).orderBy(asc(contracts.countyCode));
  const reviewers = await rowsOf<{ scope_path: string; id: string }>(db, sql`SELECT scope_path, id FROM users WHERE 'district_officer' = ANY(roles) AND scope_path IS NOT NULL ORDER BY username`);
  for (const k of inForce) {
    const share = EVALUATION_SHARE[k.countyCode] ?? 0.82;
    const failing = share < 0.6;
    let n = 0;
    const scores: IndicatorScore[] = system.dimensions.flatMap((d) =>
      d.indicators.map((i) => {
        const s = Math.min(1, Math.max(0, share + (((n++ * 7) % 5) - 2) * 0.03));
        const score = Math.round(i.points * s * 2) / 2;
        const comment = score === i.points ? '符合要求' : failing ? FAILING_COMMENT : '基本符合要求，个别台账资料不够规范';
        return { code: i.code, score, comment, prefill: null, fileIds: [] };
      }),
    );
    const total = Math.round(scores.reduce((t, x) => t + (x.score ?? 0), 0) * 100) / 100;
    const grade = gradeOf(total, system.thresholds);
    const startsOn = k.startsOn ?? `${year}-01-01`;
    const finishedOn = shiftDay(today, -9) > shiftDay(startsOn, 20) ? shiftDay(today, -9) : shiftDay(startsOn, 20);
    const finishedAt = instant(finishedOn, 15, now);
    const reviewer = reviewers.find((u) => u.scope_path === k.scopePath)?.id ?? null;
    const [e] = await db.insert(evaluations).values({
      contractId: k.id, orgId: k.contractorOrgId, countyCode: k.countyCode, scopePath: k.scopePath, year, status: 'finished', scores, total, grade,
      evaluators: '区市民政部门、镇街、第三方评估机构', finishedAt, finishedBy: reviewer, createdAt: instant(shiftDay(finishedOn, -20), 9, now), updatedAt: finishedAt,
    }).onConflictDoNothing().returning({ id: evaluations.id });
    if (!e) continue;
    const note = `绩效评估总分${total}分`;
    await db.insert(contractGrades).values({ contractId: k.id, orgId: k.contractorOrgId, year, grade, note, source: 'evaluation', recordedBy: reviewer, createdAt: finishedAt }).onConflictDoNothing();
    const event: WorkflowEvent = { at: finishedAt.toISOString(), by: '绩效评估', event: `${year}年度绩效评估完成，等次：${EVALUATION_GRADE_LABELS[grade]}`, comment: note };
    await db.update(contracts).set({
      history: [...k.history, event],
      ...(grade === 'fail' ? { endingYear: year + 1, endingReason: `承接主体${year}年度绩效评估不合格` } : {}),
    }).where(eq(contracts.id, k.id));
  }
}

/**
 * Two supervision visits a year at every station under contract, their follow-ups done; at
 * 陈晓's station a third, recent one whose follow-up is six days overdue (R-SUPERVISE).
 */
async function supervisionVisits(db: Db, today: string): Promise<void> {
  const served = await rowsOf<{ id: string; scope_path: string; town_code: string; county_path: string }>(db, sql`
    SELECT DISTINCT s.id, s.scope_path, s.town_code, r.path AS county_path FROM stations s
      JOIN contract_stations cs ON cs.station_id = s.id JOIN regions r ON r.code = substr(s.town_code, 1, 6)
    ORDER BY s.town_code`);
  const reviewers = await rowsOf<{ scope_path: string; id: string }>(db, sql`SELECT scope_path, id FROM users WHERE 'district_officer' = ANY(roles) AND scope_path IS NOT NULL`);
  const rows: (typeof supervisions.$inferInsert)[] = [];
  for (const [i, s] of served.entries()) {
    const recordedBy = reviewers.find((u) => u.scope_path === s.county_path)?.id ?? null;
    const visit = (k: number, day: string, done: boolean) => {
      const v = SUPERVISION_VISITS[k % SUPERVISION_VISITS.length] ?? SUPERVISION_VISITS[0];
      if (!v) return;
      rows.push({
        stationId: s.id, scopePath: s.scope_path, date: day, supervisor: v.supervisor, topic: v.topic, findings: v.findings, followUp: v.followUp,
        followUpDue: shiftDay(day, 14), followUpDone: done ? shiftDay(day, 10) : null, recordedBy, createdAt: new Date(`${day}T17:00:00+08:00`),
      });
    };
    visit(i, shiftDay(today, -(170 + ((i * 7) % 150))), true);
    visit(i + 1, shiftDay(today, -(40 + ((i * 13) % 100))), true);
    if (s.town_code === DEMO_TOWN) visit(i + 2, shiftDay(today, -20), false);
  }
  if (rows.length > 0) await db.insert(supervisions).values(rows);
}
