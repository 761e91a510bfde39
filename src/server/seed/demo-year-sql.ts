import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';

/** Helpers of the demo year's set-based SQL. */
export const rowsOf = async <T>(db: Db, q: SQL): Promise<T[]> => ((await db.execute(q)) as unknown as { rows: T[] }).rows;

/** A SQL text[] literal (drizzle would spread a JS array into a parameter list). */
export const textArray = (list: readonly string[]): SQL =>
  sql`${`{${list.map((s) => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`}::text[]`;

/** The China calendar day n days after `day`. */
export const shiftDay = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The demo worker 陈晓's town (环翠区鲸园街道): her station gets every stage of case work. */
export const DEMO_TOWN = '371002002';
