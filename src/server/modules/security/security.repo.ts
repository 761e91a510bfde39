import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { securityPolicy } from '../../db/schema';

export type PolicyRow = typeof securityPolicy.$inferSelect;

/** The single policy row, created with the 等保 defaults the first time it is read. */
export async function readPolicy(db: Db): Promise<PolicyRow> {
  const [row] = await db.select().from(securityPolicy).where(eq(securityPolicy.id, 1));
  if (row) return row;
  await db.insert(securityPolicy).values({ id: 1 }).onConflictDoNothing();
  const [created] = await db.select().from(securityPolicy).where(eq(securityPolicy.id, 1));
  if (!created) throw new Error('security policy row missing');
  return created;
}
