import { eq, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Me } from '../../../shared/contracts/auth';
import { permissionsOf } from '../../../shared/permissions';
import { passwordProblems } from '../../../shared/rules/password-policy';
import { users } from '../../db/schema';
import { writeAudit, writeAuditAlone } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid } from '../../platform/errors';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../platform/passwords';
import {
  clearSessionCookie,
  createSession,
  endSession,
  setSessionCookie,
} from '../../platform/session';
import { readPolicy } from '../security/security.repo';
import { findUserById, findUserByUsername, scopeLabels, type UserRow } from '../users/users.repo';

const BAD_CREDENTIALS = '用户名或密码错误';

async function meOf(ctx: Ctx, user: UserRow, csrfToken: string, mustChange: boolean): Promise<Me> {
  const policy = await readPolicy(ctx.db);
  const scope = (await scopeLabels(ctx.db, [user])).get(user.id);
  if (!scope) throw new Error('scope label missing');
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    permissions: permissionsOf(user.roles),
    scope,
    mustChangePassword: mustChange,
    csrfToken,
    idleMinutes: policy.idleMinutes,
    passwordPolicy: { minLength: policy.minLength, minClasses: policy.minClasses },
  };
}

function lockedError(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError('ACCOUNT_LOCKED', `登录失败次数过多，账号已锁定，请 ${Math.ceil(seconds / 60)} 分钟后再试`, {
    retryAfterSeconds: seconds,
  });
}

export async function login(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
  username: string,
  password: string,
): Promise<Me> {
  const now = new Date();
  const user = await findUserByUsername(ctx.db, username);
  if (!user) {
    await verifyAgainstDummy(password);
    await writeAuditAlone(ctx, {
      action: 'auth.login_failed', objectType: 'user', objectId: '', result: 'fail',
      actorName: username, actorId: null, detail: '用户名不存在',
    });
    throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS);
  }
  const audit = (action: 'auth.login_failed' | 'auth.lockout', detail: string) =>
    writeAuditAlone(ctx, {
      action, objectType: 'user', objectId: user.id, result: 'fail',
      actorName: user.username, actorId: user.id, detail,
    });
  if (user.lockedUntil && user.lockedUntil > now) {
    await audit('auth.login_failed', '账号锁定期间尝试登录');
    throw lockedError(user.lockedUntil, now);
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok || user.status !== 'active') {
    if (user.status !== 'active') {
      await audit('auth.login_failed', '账号已停用');
      throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS);
    }
    const policy = await readPolicy(ctx.db);
    // Counted in the database so concurrent attempts on several processes add up.
    const [counted] = await ctx.db
      .update(users)
      .set({ failedLogins: sql`${users.failedLogins} + 1` })
      .where(eq(users.id, user.id))
      .returning({ failedLogins: users.failedLogins });
    const failures = counted?.failedLogins ?? 1;
    if (failures >= policy.maxFailedLogins) {
      const until = new Date(now.getTime() + policy.lockMinutes * 60_000);
      await ctx.db.update(users).set({ lockedUntil: until, failedLogins: 0 }).where(eq(users.id, user.id));
      await audit('auth.login_failed', `密码错误（第 ${failures} 次）`);
      await audit('auth.lockout', `连续 ${failures} 次登录失败，锁定 ${policy.lockMinutes} 分钟`);
      throw lockedError(until, now);
    }
    await audit('auth.login_failed', `密码错误（第 ${failures} 次）`);
    throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS);
  }

  const previous = ctx.actor?.sessionId;
  return inTransaction(ctx, async (tx) => {
    if (previous) await endSession(tx.db, previous, 'replaced_by_login');
    await tx.db.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, user.id));
    const session = await createSession(tx.db, user.id, ctx.ip, String(request.headers['user-agent'] ?? ''));
    await writeAudit(tx, {
      action: 'auth.login', objectType: 'user', objectId: user.id, actorId: user.id, actorName: user.username,
    });
    setSessionCookie(reply, request, session.token);
    const policy = await readPolicy(tx.db);
    const rotationDue =
      policy.rotationDays > 0 && now.getTime() - user.passwordChangedAt.getTime() > policy.rotationDays * 86_400_000;
    return meOf(tx, user, session.csrfToken, user.mustChangePassword || rotationDue);
  });
}

export async function logout(ctx: Ctx, reply: FastifyReply): Promise<{ ok: true }> {
  const actor = actorOf(ctx);
  await inTransaction(ctx, async (tx) => {
    await endSession(tx.db, actor.sessionId, 'logout');
    await writeAudit(tx, { action: 'auth.logout', objectType: 'user', objectId: actor.id });
  });
  clearSessionCookie(reply);
  return { ok: true };
}

export async function currentUser(ctx: Ctx): Promise<Me> {
  const actor = actorOf(ctx);
  const user = await findUserById(ctx.db, actor.id);
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
  return meOf(ctx, user, actor.csrfToken, actor.mustChangePassword);
}

export async function changeOwnPassword(ctx: Ctx, currentPassword: string, newPassword: string): Promise<Me> {
  const actor = actorOf(ctx);
  const user = await findUserById(ctx.db, actor.id);
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
  if (!(await verifyPassword(user.passwordHash, currentPassword)))
    throw invalid([{ path: 'currentPassword', message: '当前密码不正确' }]);
  if (newPassword === currentPassword) throw invalid([{ path: 'newPassword', message: '新密码不能与当前密码相同' }]);
  const policy = await readPolicy(ctx.db);
  const problems = passwordProblems(newPassword, policy, user.username);
  if (problems.length) throw invalid(problems.map((message) => ({ path: 'newPassword', message })));
  const passwordHash = await hashPassword(newPassword);
  return inTransaction(ctx, async (tx) => {
    const [updated] = await tx.db
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, user.id))
      .returning();
    if (!updated) throw new AppError('UNAUTHENTICATED', '请先登录');
    await writeAudit(tx, { action: 'auth.password_change', objectType: 'user', objectId: user.id });
    return meOf(tx, updated, actor.csrfToken, false);
  });
}

export async function updateOwnProfile(ctx: Ctx, displayName: string): Promise<Me> {
  const actor = actorOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const before = await findUserById(tx.db, actor.id);
    const [updated] = await tx.db
      .update(users)
      .set({ displayName, updatedAt: new Date(), version: sql`${users.version} + 1` })
      .where(eq(users.id, actor.id))
      .returning();
    if (!updated || !before) throw new AppError('UNAUTHENTICATED', '请先登录');
    await writeAudit(tx, {
      action: 'auth.profile_update', objectType: 'user', objectId: actor.id,
      before: { displayName: before.displayName }, after: { displayName },
    });
    return meOf(tx, updated, actor.csrfToken, actor.mustChangePassword);
  });
}
