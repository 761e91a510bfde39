import { and, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import { organizations, postings, socialWorkers } from '../../db/schema';
import { actorOf, type Ctx } from '../../platform/context';
import { ruleViolation } from '../../platform/errors';
import { contractsInForceAt } from './contracts.repo';

/** The organisation each worker was posted to the station by on the day (null: not a contractor's post). */
async function postingOrgs(ctx: Ctx, where: { userId?: string; workerIds?: string[] }, stationId: string, day: string) {
  const who = where.userId ? eq(socialWorkers.userId, where.userId) : inArray(socialWorkers.id, where.workerIds ?? []);
  return ctx.db
    .select({ workerId: socialWorkers.id, name: socialWorkers.name, orgId: postings.orgId, orgName: organizations.name })
    .from(postings)
    .innerJoin(socialWorkers, eq(socialWorkers.id, postings.workerId))
    .leftJoin(organizations, eq(organizations.id, postings.orgId))
    .where(and(who, eq(postings.stationId, stationId), lte(postings.startDate, day), or(isNull(postings.endDate), gte(postings.endDate, day))));
}

/**
 * R-NO-SUBCONTRACT: at a station under a contract in force, service is given by the contractor's
 * own people. A record by (or with) a worker another organisation posted there is refused.
 * Returns the recorder's organisation, which the record keeps.
 */
export async function assertNoSubcontracting(
  ctx: Ctx,
  stationId: string,
  day: string,
  coWorkerIds: readonly string[] = [],
): Promise<string | null> {
  const actor = actorOf(ctx);
  const own = await postingOrgs(ctx, { userId: actor.id }, stationId, day);
  const recorderOrg = actor.scope.orgId ?? own.find((p) => p.orgId)?.orgId ?? null;
  const [inForce] = await contractsInForceAt(ctx.db, [stationId], day, day);
  if (!inForce) return recorderOrg;
  const contractor = inForce.contract.contractorOrgId;
  const people = [
    ...(recorderOrg && recorderOrg !== contractor
      ? [{ name: actor.displayName, orgName: own.find((p) => p.orgId === recorderOrg)?.orgName ?? '其他机构' }]
      : []),
    ...(coWorkerIds.length
      ? (await postingOrgs(ctx, { workerIds: [...coWorkerIds] }, stationId, day))
          .filter((p) => p.orgId !== null && p.orgId !== contractor)
          .map((p) => ({ name: p.name, orgName: p.orgName ?? '其他机构' }))
      : []),
  ];
  if (people.length > 0)
    throw ruleViolation(
      'R-NO-SUBCONTRACT',
      `本站${day}由${inForce.orgName}承接（${inForce.contract.title}），服务须由承接机构自己的社工提供和记录；${people
        .map((p) => `${p.name}（${p.orgName}）`)
        .join('、')}不能在本站记录服务`,
    );
  return recorderOrg;
}
