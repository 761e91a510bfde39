import fs from 'node:fs';
import path from 'node:path';
import { and, count, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AUTO_INDICATORS, indicatorSystemBody, type IndicatorSystem } from '../../../shared/contracts/evaluations';
import { evaluations, indicatorSystems, type Dimension } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { inTransaction, type Ctx } from '../../platform/context';
import { AppError, isUniqueViolation, versionConflict } from '../../platform/errors';
import { DATA_DIR } from '../regions/reference-data';

type Body = z.output<typeof indicatorSystemBody>;
export interface SystemRow {
  year: number;
  dimensions: Dimension[];
  thresholds: { excellent: number; good: number; pass: number };
}

let shipped: Omit<SystemRow, 'year'> | null = null;

/**
 * Setting a year's system and starting its first evaluation take this lock (per year), so the
 * city cannot change a system an evaluation has just been created against.
 */
const SYSTEM_LOCK = 7_400_101;
export async function lockYear(tx: Ctx, year: number): Promise<void> {
  await tx.db.execute(sql`SELECT pg_advisory_xact_lock(${SYSTEM_LOCK}, ${year})`);
}

/**
 * The shipped default (data/evaluation-indicators.json), checked by the same rules as the
 * city's own: a broken file stops at the first read instead of grading contracts wrongly.
 */
export function defaultSystem(): Omit<SystemRow, 'year'> {
  if (!shipped) {
    const file = path.join(DATA_DIR, 'evaluation-indicators.json');
    const parsed = indicatorSystemBody.safeParse({ version: 0, ...JSON.parse(fs.readFileSync(file, 'utf8')) });
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
    shipped = { dimensions: parsed.data.dimensions, thresholds: parsed.data.thresholds };
  }
  return shipped;
}

async function stored(ctx: Ctx, year: number) {
  const [row] = await ctx.db.select().from(indicatorSystems).where(eq(indicatorSystems.year, year));
  return row;
}

async function evaluationsOf(ctx: Ctx, year: number): Promise<number> {
  // Unscoped on purpose: the city changes a system every county's evaluations depend on.
  const [row] = await ctx.db.select({ n: count() }).from(evaluations).where(eq(evaluations.year, year));
  return row?.n ?? 0;
}

/** The year's system as evaluations read it: its own, or the shipped default. */
export async function systemOf(ctx: Ctx, year: number): Promise<SystemRow & { isDefault: boolean }> {
  const row = await stored(ctx, year);
  return row ? { year, dimensions: row.dimensions, thresholds: row.thresholds, isDefault: false } : { year, ...defaultSystem(), isDefault: true };
}

/** The stored `auto` as the contract's enum (a system is checked when it is set). */
export const autoKind = (auto: string | null) => AUTO_INDICATORS.find((a) => a === auto) ?? null;

const dimensionsOut = (dimensions: Dimension[]): IndicatorSystem['dimensions'] =>
  dimensions.map((d) => ({ name: d.name, indicators: d.indicators.map((i) => ({ ...i, auto: autoKind(i.auto) })) }));

export async function get(ctx: Ctx, year: number): Promise<IndicatorSystem> {
  const [row, n] = await Promise.all([stored(ctx, year), evaluationsOf(ctx, year)]);
  const system = row ?? { ...defaultSystem(), version: 0, updatedAt: null };
  return {
    year, dimensions: dimensionsOut(system.dimensions), thresholds: system.thresholds, isDefault: !row, evaluations: n,
    version: system.version, updatedAt: system.updatedAt?.toISOString() ?? null,
  };
}

const normalised = (b: Body): Omit<SystemRow, 'year'> => ({
  dimensions: b.dimensions.map((d) => ({ name: d.name, indicators: d.indicators.map((i) => ({ ...i })) })),
  thresholds: { ...b.thresholds },
});

export async function set(ctx: Ctx, year: number, body: Body): Promise<IndicatorSystem> {
  const values = normalised(body);
  try {
    await inTransaction(ctx, async (tx) => {
      await lockYear(tx, year);
      // Evaluations of the year are scored against this system: changing it would change them.
      const n = await evaluationsOf(tx, year);
      if (n > 0) throw new AppError('CONFLICT', `${year}年度已有${n}个绩效评估按该指标体系进行，指标体系不能再修改`);
      const before = await stored(tx, year);
      if (before) {
        const [after] = await tx.db
          .update(indicatorSystems)
          .set({ ...values, version: sql`${indicatorSystems.version} + 1`, updatedAt: new Date() })
          .where(and(eq(indicatorSystems.year, year), eq(indicatorSystems.version, body.version)))
          .returning();
        if (!after) throw versionConflict();
      } else {
        if (body.version !== 0) throw versionConflict();
        await tx.db.insert(indicatorSystems).values({ year, ...values });
      }
      const indicators = values.dimensions.reduce((n2, d) => n2 + d.indicators.length, 0);
      await writeAudit(tx, {
        action: 'evaluation.configure', objectType: 'indicator_system', objectId: String(year),
        before: before ? { dimensions: before.dimensions, thresholds: before.thresholds } : undefined,
        after: values,
        detail: `${year}年度：${values.dimensions.length}个维度、${indicators}项指标；优秀${values.thresholds.excellent}分、良好${values.thresholds.good}分、合格${values.thresholds.pass}分`,
      });
    });
  } catch (err) {
    // Two first saves of a year at once: the second read the default.
    if (isUniqueViolation(err)) throw versionConflict();
    throw err;
  }
  return get(ctx, year);
}

/** The first evaluation of a year fixes the system it is scored against (the default, if none was set). */
export async function fixSystem(tx: Ctx, year: number): Promise<SystemRow> {
  await lockYear(tx, year);
  const system = await systemOf(tx, year);
  if (system.isDefault)
    await tx.db.insert(indicatorSystems).values({ year, dimensions: system.dimensions, thresholds: system.thresholds }).onConflictDoNothing();
  const fixed = await stored(tx, year);
  if (!fixed) throw new Error('indicator system missing');
  return { year, dimensions: fixed.dimensions, thresholds: fixed.thresholds };
}
