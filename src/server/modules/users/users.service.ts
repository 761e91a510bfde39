import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/users';
import { ADMIN_ROLES, type Role, roleSetProblem, SCOPE_KIND_LABELS, scopeKindsFor } from '../../../shared/permissions';
import { passwordProblems } from '../../platform/common-passwords';
import { organizations, users } from '../../db/schema';
import type { Db } from '../../db/client';
import { writeAudit, writeAuditAlone, type AuditInput } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid, isUniqueViolation, notFound, versionConflict } from '../../platform/errors';
import { hashPassword } from '../../platform/passwords';
import { endUserSessions } from '../../platform/session';
import { findRegion } from '../regions/regions.repo';
import { readPolicy } from '../security/security.repo';
import { stationIdOfTown } from '../stations/stations.repo';
import * as repo from './users.repo';

type UserDto = z.input<typeof c.userSchema>;
type ScopeInput = z.output<typeof c.scopeInputSchema>;

async function toDtos(db: Db, rows: repo.UserRow[]): Promise<UserDto[]> {
  const labels = await repo.scopeLabels(db, rows);
  return rows.map((u) => {
    const scope = labels.get(u.id);
    if (!scope) throw new Error('scope label missing');
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles,
      scope,
      status: u.status,
      mustChangePassword: u.mustChangePassword,
      lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
      createdAt: u.createdAt.toISOString(),
      version: u.version,
    };
  });
}

async function toDto(db: Db, row: repo.UserRow): Promise<UserDto> {
  const [dto] = await toDtos(db, [row]);
  if (!dto) throw new Error('no dto');
  return dto;
}

/** What an account's audit rows show of it: never its password hash. */
function auditImage(u: repo.UserRow) {
  return {
    username: u.username, displayName: u.displayName, roles: u.roles, scopeKind: u.scopeKind,
    scopePath: u.scopePath, orgId: u.orgId, stationId: u.stationId, status: u.status,
  };
}

interface ResolvedScope {
  scopeKind: ScopeInput['kind'];
  scopePath: string | null;
  orgId: string | null;
  stationId: string | null;
}

const LEVEL_OF_KIND = { province: 'province', city: 'city', county: 'county', town: 'town', station: 'town' } as const;

/** Checks roles against 三员分立 and turns the scope input into stored columns. */
async function resolveRolesAndScope(db: Db, roles: Role[], scope: ScopeInput): Promise<ResolvedScope> {
  const unique = [...new Set(roles)];
  const problem = roleSetProblem(unique);
  if (problem) throw invalid([{ path: 'roles', message: problem }]);
  if (!scopeKindsFor(unique).includes(scope.kind))
    throw invalid([{ path: 'scope.kind', message: `所选角色不能使用“${SCOPE_KIND_LABELS[scope.kind]}”数据范围` }]);
  if (scope.kind === 'none') return { scopeKind: 'none', scopePath: null, orgId: null, stationId: null };
  if (scope.kind === 'org') {
    if (!scope.orgId) throw invalid([{ path: 'scope.orgId', message: '请选择承接机构' }]);
    const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, scope.orgId));
    if (!org) throw invalid([{ path: 'scope.orgId', message: '承接机构不存在' }]);
    return { scopeKind: 'org', scopePath: null, orgId: org.id, stationId: null };
  }
  const region = scope.regionCode ? await findRegion(db, scope.regionCode) : undefined;
  if (!region || region.level !== LEVEL_OF_KIND[scope.kind])
    throw invalid([{ path: 'scope.regionCode', message: '请选择与数据范围相符的行政区划' }]);
  if (scope.kind !== 'station') return { scopeKind: scope.kind, scopePath: region.path, orgId: null, stationId: null };
  const stationId = await stationIdOfTown(db, region.code);
  if (!stationId) throw invalid([{ path: 'scope.regionCode', message: `${region.name}尚未设立社工站` }]);
  return { scopeKind: 'station', scopePath: region.path, orgId: null, stationId };
}

const isAdmin = (roles: readonly Role[]) => roles.some((r) => ADMIN_ROLES.includes(r));

/**
 * 三员分立: a refusal that is kept in the audit log (the request's transaction does not commit,
 * so the row is written on its own) and answered 403.
 */
async function refuse(ctx: Ctx, action: AuditInput['action'], objectId: string, message: string, attempted?: unknown): Promise<never> {
  await writeAuditAlone(ctx, { action, objectType: 'user', objectId, result: 'fail', detail: `已拒绝：${message}`, after: attempted });
  throw new AppError('FORBIDDEN', message);
}

const ADMIN_BY_CLI = '三员分立：管理员账号只能由命令行创建和重置（npm run sgz -- admin:create / admin:reset），系统管理员不能授予管理员角色';
const ADMIN_UNTOUCHABLE = '三员分立：系统管理员不能修改、停用、解锁管理员账号或重置其密码（请使用命令行 admin:reset）';

/** Refuses an administrator role in the requested set (after the 三员分立 combination check). */
async function refuseAdminRoles(ctx: Ctx, action: AuditInput['action'], objectId: string, roles: Role[], attempted: unknown): Promise<void> {
  if (roleSetProblem([...new Set(roles)])) return; // answered 400 by resolveRolesAndScope, naming the combination
  if (isAdmin(roles)) await refuse(ctx, action, objectId, ADMIN_BY_CLI, attempted);
}

/** Loads the target, refusing (audited) when it is an administrator or the actor. */
async function loadManageable(ctx: Ctx, id: string, action: AuditInput['action'], self: boolean): Promise<repo.UserRow> {
  const row = await repo.findUserById(ctx.db, id);
  if (!row) throw notFound('用户');
  if (self && actorOf(ctx).id === id) await refuse(ctx, action, id, '不能修改本人的角色、数据范围或状态');
  if (isAdmin(row.roles)) await refuse(ctx, action, id, ADMIN_UNTOUCHABLE);
  return row;
}

async function checkPassword(db: Db, password: string, username: string, path: string): Promise<void> {
  const problems = passwordProblems(password, await readPolicy(db), username);
  if (problems.length) throw invalid(problems.map((message) => ({ path, message })));
}

export async function list(ctx: Ctx, query: repo.UserFilter) {
  const { rows, total } = await repo.listUsers(ctx.db, query);
  return { items: await toDtos(ctx.db, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function create(ctx: Ctx, body: z.output<typeof c.createUser.body>): Promise<UserDto> {
  await refuseAdminRoles(ctx, 'user.create', '', body.roles, { username: body.username, roles: body.roles });
  const scope = await resolveRolesAndScope(ctx.db, body.roles, body.scope);
  await checkPassword(ctx.db, body.initialPassword, body.username, 'initialPassword');
  if (await repo.findUserByUsername(ctx.db, body.username))
    throw invalid([{ path: 'username', message: '用户名已被使用' }]);
  const passwordHash = await hashPassword(body.initialPassword);
  try {
    return await inTransaction(ctx, async (tx) => {
      const [row] = await tx.db
        .insert(users)
        .values({
          username: body.username, displayName: body.displayName, roles: [...new Set(body.roles)],
          passwordHash, mustChangePassword: true, ...scope,
        })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await writeAudit(tx, { action: 'user.create', objectType: 'user', objectId: row.id, after: auditImage(row) });
      return toDto(tx.db, row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw invalid([{ path: 'username', message: '用户名已被使用' }]);
    throw err;
  }
}

async function loadOther(ctx: Ctx, id: string): Promise<repo.UserRow> {
  const row = await repo.findUserById(ctx.db, id);
  if (!row) throw notFound('用户');
  return row;
}

export async function update(ctx: Ctx, id: string, body: z.output<typeof c.updateUser.body>): Promise<UserDto> {
  // Administrators may not change their own roles, scope or status (no self-elevation), nor
  // touch another administrator, nor make anyone one.
  await loadManageable(ctx, id, 'user.update', true);
  await refuseAdminRoles(ctx, 'user.roles_change', id, body.roles, { roles: body.roles });
  const scope = await resolveRolesAndScope(ctx.db, body.roles, body.scope);
  return inTransaction(ctx, async (tx) => {
    const before = await loadOther(tx, id);
    if (isAdmin(before.roles)) throw new AppError('FORBIDDEN', ADMIN_UNTOUCHABLE);
    const [after] = await tx.db
      .update(users)
      .set({ displayName: body.displayName, roles: [...new Set(body.roles)], ...scope, version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(and(eq(users.id, id), eq(users.version, body.version)))
      .returning();
    if (!after) throw versionConflict();
    const rolesChanged =
      before.roles.join() !== after.roles.join() ||
      before.scopePath !== after.scopePath || before.orgId !== after.orgId || before.scopeKind !== after.scopeKind;
    await writeAudit(tx, {
      action: rolesChanged ? 'user.roles_change' : 'user.update', objectType: 'user', objectId: id,
      before: auditImage(before), after: auditImage(after),
    });
    // New permissions take effect at once; changed scope must not linger in open sessions.
    if (rolesChanged) await endUserSessions(tx.db, id, 'roles_changed');
    return toDto(tx.db, after);
  });
}

export async function resetPassword(ctx: Ctx, id: string, newPassword: string): Promise<UserDto> {
  const target = await loadManageable(ctx, id, 'user.password_reset', false);
  await checkPassword(ctx.db, newPassword, target.username, 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  const actor = actorOf(ctx);
  const now = new Date();
  return inTransaction(ctx, async (tx) => {
    // One-time password: changed at first use; the person is told who reset it and when.
    const [after] = await tx.db
      .update(users)
      .set({
        passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, passwordChangedAt: now, updatedAt: now,
        passwordResetAt: now, passwordResetBy: `系统管理员 ${actor.displayName}（${actor.username}）`, passwordResetNotice: true,
      })
      .where(and(eq(users.id, id), sql`NOT (${users.roles} && ARRAY['sys_admin','sec_admin','audit_admin']::text[])`))
      .returning();
    if (!after) throw notFound('用户');
    await endUserSessions(tx.db, id, 'password_reset');
    await writeAudit(tx, {
      action: 'user.password_reset', objectType: 'user', objectId: id,
      detail: '管理员重置密码（一次性密码，下次登录须修改；本人登录后可见重置提示）',
    });
    return toDto(tx.db, after);
  });
}

export async function setStatus(ctx: Ctx, id: string, status: 'active' | 'disabled'): Promise<UserDto> {
  await loadManageable(ctx, id, 'user.status', true);
  return inTransaction(ctx, async (tx) => {
    const before = await loadOther(tx, id);
    if (isAdmin(before.roles)) throw new AppError('FORBIDDEN', ADMIN_UNTOUCHABLE);
    const [after] = await tx.db
      .update(users)
      .set({ status, version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    if (!after) throw notFound('用户');
    if (status === 'disabled') await endUserSessions(tx.db, id, 'disabled');
    await writeAudit(tx, {
      action: 'user.status', objectType: 'user', objectId: id,
      before: { status: before.status }, after: { status: after.status },
    });
    return toDto(tx.db, after);
  });
}

export async function unlock(ctx: Ctx, id: string): Promise<UserDto> {
  await loadManageable(ctx, id, 'user.unlock', false);
  return inTransaction(ctx, async (tx) => {
    await loadOther(tx, id);
    const [after] = await tx.db
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    if (!after) throw notFound('用户');
    await writeAudit(tx, { action: 'user.unlock', objectType: 'user', objectId: id });
    return toDto(tx.db, after);
  });
}

export async function orgOptions(ctx: Ctx) {
  return ctx.db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .orderBy(organizations.name);
}
