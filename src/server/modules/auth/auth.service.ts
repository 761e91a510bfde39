import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Me, SecondFactorChallenge } from '../../../shared/contracts/auth';
import { permissionsOf } from '../../../shared/permissions';
import { loginChallenges, recoveryCodes, sessions, users } from '../../db/schema';
import { writeAudit, writeAuditAlone, type AuditInput } from '../../platform/audit';
import { passwordProblems } from '../../platform/common-passwords';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid } from '../../platform/errors';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../platform/passwords';
import {
  clearSessionCookie,
  createSession,
  endSession,
  setSessionCookie,
} from '../../platform/session';
import {
  acceptedStep,
  enrolmentDetails,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  recoveryCodeHash,
  totpRequired,
} from '../../platform/totp';
import { readPolicy } from '../security/security.repo';
import { findUserById, findUserByUsername, scopeLabels, type UserRow } from '../users/users.repo';
import * as throttle from './login-throttle';

const BAD_CREDENTIALS = '用户名或密码错误';
const BAD_CODE = '动态口令或恢复码不正确';
const CHALLENGE_EXPIRED = '登录已超时，请重新输入用户名和密码';
/** How long the step between the password and the second factor may take. */
const CHALLENGE_MINUTES = 5;

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
    passwordReset:
      user.passwordResetNotice && user.passwordResetAt
        ? { at: user.passwordResetAt.toISOString(), by: user.passwordResetBy ?? '管理员' }
        : null,
  };
}

/**
 * Whole minutes, so that a locked account and a locked unknown username give byte-identical
 * answers (nothing tells which usernames exist).
 */
function lockedError(until: Date, now: Date, message = '登录失败次数过多，账号已锁定'): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError('ACCOUNT_LOCKED', `${message}，请 ${minutes} 分钟后再试`, { retryAfterSeconds: minutes * 60 });
}

const failureAudit = (ctx: Ctx, username: string, userId: string | null, action: AuditInput['action'], detail: string) =>
  writeAuditAlone(ctx, {
    action, objectType: 'user', objectId: userId ?? '', result: 'fail', actorName: username, actorId: userId, detail,
  });

/** Refuses every login from a client IP that has failed too often lately (password spraying). */
async function refuseThrottledIp(ctx: Ctx, username: string, now: Date): Promise<void> {
  const until = await throttle.lockedUntil(ctx.db, throttle.ipKey(ctx.ip), now);
  if (!until) return;
  await failureAudit(ctx, username, null, 'auth.login_failed', `来源地址 ${ctx.ip} 登录失败过多，暂停登录`);
  throw lockedError(until, now, '该网络地址登录失败次数过多，已暂停登录');
}

async function countIpFailure(ctx: Ctx, username: string, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - throttle.IP_WINDOW_MINUTES * 60_000);
  const failures = await throttle.countFailure(ctx.db, throttle.ipKey(ctx.ip), now, windowStart);
  if (failures >= throttle.IP_MAX_FAILURES) {
    await throttle.lock(ctx.db, throttle.ipKey(ctx.ip), new Date(now.getTime() + throttle.IP_WINDOW_MINUTES * 60_000));
    await failureAudit(ctx, username, null, 'auth.lockout',
      `来源地址 ${ctx.ip} ${throttle.IP_WINDOW_MINUTES} 分钟内登录失败 ${failures} 次，暂停登录 ${throttle.IP_WINDOW_MINUTES} 分钟`);
  }
}

/** An unknown or disabled username: counted and locked like an account, answered like one. */
async function failUnknown(ctx: Ctx, username: string, now: Date, detail: string): Promise<never> {
  const key = throttle.usernameKey(username);
  const until = await throttle.lockedUntil(ctx.db, key, now);
  if (until) {
    await failureAudit(ctx, username, null, 'auth.login_failed', `${detail}（锁定期间）`);
    throw lockedError(until, now);
  }
  await countIpFailure(ctx, username, now);
  const policy = await readPolicy(ctx.db);
  const failures = await throttle.countFailure(ctx.db, key, now, null);
  await failureAudit(ctx, username, null, 'auth.login_failed', detail);
  if (failures >= policy.maxFailedLogins) {
    const lockUntil = new Date(now.getTime() + policy.lockMinutes * 60_000);
    await throttle.lock(ctx.db, key, lockUntil);
    await failureAudit(ctx, username, null, 'auth.lockout', `${detail}：连续 ${failures} 次登录失败，锁定 ${policy.lockMinutes} 分钟`);
    throw lockedError(lockUntil, now);
  }
  throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS);
}

/**
 * A wrong password or a wrong second-factor code: counted on the account (in the database, so
 * attempts on several processes add up) and on the client IP; the last allowed one locks.
 */
async function failAccount(ctx: Ctx, user: UserRow, now: Date, what: string, action: AuditInput['action'], message: string): Promise<never> {
  await countIpFailure(ctx, user.username, now);
  const policy = await readPolicy(ctx.db);
  const [counted] = await ctx.db
    .update(users)
    .set({ failedLogins: sql`${users.failedLogins} + 1` })
    .where(eq(users.id, user.id))
    .returning({ failedLogins: users.failedLogins });
  const failures = counted?.failedLogins ?? 1;
  await failureAudit(ctx, user.username, user.id, action, `${what}（第 ${failures} 次）`);
  if (failures >= policy.maxFailedLogins) {
    const until = new Date(now.getTime() + policy.lockMinutes * 60_000);
    await ctx.db.update(users).set({ lockedUntil: until, failedLogins: 0 }).where(eq(users.id, user.id));
    // A pending second-factor step dies with the lock.
    await ctx.db.update(loginChallenges).set({ usedAt: now }).where(and(eq(loginChallenges.userId, user.id), isNull(loginChallenges.usedAt)));
    await failureAudit(ctx, user.username, user.id, 'auth.lockout', `连续 ${failures} 次登录失败，锁定 ${policy.lockMinutes} 分钟`);
    throw lockedError(until, now);
  }
  throw new AppError('UNAUTHENTICATED', message);
}

const challengeId = (token: string) => createHash('sha256').update(token).digest('hex');

async function issueChallenge(ctx: Ctx, user: UserRow, now: Date): Promise<SecondFactorChallenge> {
  const token = randomBytes(32).toString('base64url');
  const enrolled = user.totpSecret !== null;
  const expiresAt = new Date(now.getTime() + CHALLENGE_MINUTES * 60_000);
  // Spent and expired steps of this user go (by the user index): the table stays small.
  await ctx.db
    .delete(loginChallenges)
    .where(and(eq(loginChallenges.userId, user.id), sql`(${loginChallenges.usedAt} IS NOT NULL OR ${loginChallenges.expiresAt} < ${now.toISOString()}::timestamptz)`));
  await ctx.db.insert(loginChallenges).values({
    id: challengeId(token),
    userId: user.id,
    kind: enrolled ? 'verify' : 'enrol',
    pendingSecret: enrolled ? null : ctx.cipher.encrypt(newTotpSecret()),
    ip: ctx.ip,
    expiresAt,
  });
  return { secondFactor: enrolled ? 'verify' : 'enrol', pendingToken: token, expiresAt: expiresAt.toISOString() };
}

/** Password and (where due) second factor passed: a new session, the old one in this browser ended. */
async function completeLogin(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
  user: UserRow,
  now: Date,
  detail: string,
  extra?: (tx: Ctx) => Promise<void>,
): Promise<Me> {
  const previous = ctx.actor?.sessionId;
  return inTransaction(ctx, async (tx) => {
    if (previous) await endSession(tx.db, previous, 'replaced_by_login');
    await tx.db.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, user.id));
    if (extra) await extra(tx);
    const session = await createSession(tx.db, user.id, ctx.ip, String(request.headers['user-agent'] ?? ''));
    await writeAudit(tx, {
      action: 'auth.login', objectType: 'user', objectId: user.id, actorId: user.id, actorName: user.username,
      ...(detail ? { detail } : {}),
    });
    setSessionCookie(reply, request, session.token);
    const policy = await readPolicy(tx.db);
    const rotationDue =
      policy.rotationDays > 0 && now.getTime() - user.passwordChangedAt.getTime() > policy.rotationDays * 86_400_000;
    const fresh = (await findUserById(tx.db, user.id)) ?? user;
    return meOf(tx, fresh, session.csrfToken, user.mustChangePassword || rotationDue);
  });
}

export async function login(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
  username: string,
  password: string,
): Promise<Me | SecondFactorChallenge> {
  const now = new Date();
  await refuseThrottledIp(ctx, username, now);
  const user = await findUserByUsername(ctx.db, username);
  if (!user) {
    await verifyAgainstDummy(password);
    return failUnknown(ctx, username, now, '用户名不存在');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await countIpFailure(ctx, user.username, now);
    await failureAudit(ctx, user.username, user.id, 'auth.login_failed', '账号锁定期间尝试登录');
    throw lockedError(user.lockedUntil, now);
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (user.status !== 'active') return failUnknown(ctx, username, now, '账号已停用');
  if (!ok) return failAccount(ctx, user, now, '密码错误', 'auth.login_failed', BAD_CREDENTIALS);

  if (totpRequired(user.roles, await readPolicy(ctx.db))) return issueChallenge(ctx, user, now);
  return completeLogin(ctx, request, reply, user, now, '');
}

/** The open challenge of this token, with its user; anything else is an expired login. */
async function openChallenge(ctx: Ctx, token: string, kind: 'verify' | 'enrol', now: Date) {
  const [challenge] = await ctx.db.select().from(loginChallenges).where(eq(loginChallenges.id, challengeId(token)));
  if (!challenge || challenge.kind !== kind || challenge.usedAt || challenge.expiresAt <= now)
    throw new AppError('UNAUTHENTICATED', CHALLENGE_EXPIRED);
  const user = await findUserById(ctx.db, challenge.userId);
  if (!user || user.status !== 'active') throw new AppError('UNAUTHENTICATED', CHALLENGE_EXPIRED);
  if (user.lockedUntil && user.lockedUntil > now) throw lockedError(user.lockedUntil, now);
  return { challenge, user };
}

/** Marks the challenge used; false when another request used it first. */
async function consume(ctx: Ctx, id: string, now: Date): Promise<boolean> {
  const used = await ctx.db
    .update(loginChallenges)
    .set({ usedAt: now })
    .where(and(eq(loginChallenges.id, id), isNull(loginChallenges.usedAt)))
    .returning({ id: loginChallenges.id });
  return used.length === 1;
}

export async function verifySecondFactor(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  code: string,
): Promise<Me> {
  const now = new Date();
  await refuseThrottledIp(ctx, '', now);
  const { challenge, user } = await openChallenge(ctx, token, 'verify', now);
  if (!user.totpSecret) throw new AppError('UNAUTHENTICATED', CHALLENGE_EXPIRED);

  if (/^\d{6}$/.test(code.replace(/\s/g, ''))) {
    const digits = code.replace(/\s/g, '');
    const step = await acceptedStep(ctx.cipher.decrypt(user.totpSecret), digits, user.totpLastStep);
    // The step is recorded only if it is newer than the last one: a code replayed on another
    // process at the same moment loses this race.
    const recorded = step === null ? [] : await ctx.db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, user.id), sql`(${users.totpLastStep} IS NULL OR ${users.totpLastStep} < ${step})`))
      .returning({ id: users.id });
    if (recorded.length === 0) {
      const replayed = step !== null || (await acceptedStep(ctx.cipher.decrypt(user.totpSecret), digits, null)) !== null;
      return failAccount(ctx, user, now, replayed ? '动态口令已使用过（重放）' : '动态口令错误', 'auth.totp_failed', BAD_CODE);
    }
    if (!(await consume(ctx, challenge.id, now))) throw new AppError('UNAUTHENTICATED', CHALLENGE_EXPIRED);
    return completeLogin(ctx, request, reply, user, now, '密码 + 动态口令');
  }

  const [used] = await ctx.db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.codeHash, recoveryCodeHash(ctx.cipher, code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  if (!used || normaliseRecoveryCode(code).length !== 10)
    return failAccount(ctx, user, now, '恢复码错误或已使用', 'auth.totp_failed', BAD_CODE);
  if (!(await consume(ctx, challenge.id, now))) throw new AppError('UNAUTHENTICATED', CHALLENGE_EXPIRED);
  const [left] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)));
  return completeLogin(ctx, request, reply, user, now, '密码 + 恢复码', (tx) =>
    writeAudit(tx, {
      action: 'auth.recovery_code_used', objectType: 'user', objectId: user.id, actorId: user.id, actorName: user.username,
      detail: `使用一个恢复码登录，剩余 ${left?.n ?? 0} 个`,
    }),
  );
}

export async function startEnrolment(ctx: Ctx, token: string) {
  const now = new Date();
  const { challenge, user } = await openChallenge(ctx, token, 'enrol', now);
  if (!challenge.pendingSecret) throw new AppError('UNAUTHENTICATED', CHALLENGE_EXPIRED);
  return enrolmentDetails(ctx.cipher.decrypt(challenge.pendingSecret), user.username);
}

export async function confirmEnrolment(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  code: string,
): Promise<Me & { recoveryCodes: string[] }> {
  const now = new Date();
  await refuseThrottledIp(ctx, '', now);
  const { challenge, user } = await openChallenge(ctx, token, 'enrol', now);
  if (!challenge.pendingSecret) throw new AppError('UNAUTHENTICATED', CHALLENGE_EXPIRED);
  const secret = ctx.cipher.decrypt(challenge.pendingSecret);
  const step = await acceptedStep(secret, code.replace(/\s/g, ''), null);
  if (step === null) return failAccount(ctx, user, now, '绑定动态口令时口令错误', 'auth.totp_failed', BAD_CODE);
  if (!(await consume(ctx, challenge.id, now))) throw new AppError('UNAUTHENTICATED', CHALLENGE_EXPIRED);
  const codes = newRecoveryCodes();
  const me = await completeLogin(ctx, request, reply, user, now, '密码 + 动态口令（首次绑定）', async (tx) => {
    await tx.db
      .update(users)
      .set({ totpSecret: ctx.cipher.encrypt(secret), totpEnabledAt: now, totpLastStep: step })
      .where(eq(users.id, user.id));
    await tx.db.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await tx.db.insert(recoveryCodes).values(codes.map((c) => ({ userId: user.id, codeHash: recoveryCodeHash(ctx.cipher, c) })));
    await writeAudit(tx, {
      action: 'auth.totp_enrol', objectType: 'user', objectId: user.id, actorId: user.id, actorName: user.username,
      detail: `绑定动态口令，生成 ${codes.length} 个恢复码`,
    });
  });
  return { ...me, recoveryCodes: codes };
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
    // Whoever else holds this account (an old browser, someone who knew the old password) is out.
    const ended = await tx.db
      .update(sessions)
      .set({ endedAt: new Date(), endReason: 'password_changed' })
      .where(and(eq(sessions.userId, user.id), ne(sessions.id, actor.sessionId), isNull(sessions.endedAt)))
      .returning({ id: sessions.id });
    await writeAudit(tx, {
      action: 'auth.password_change', objectType: 'user', objectId: user.id,
      ...(ended.length ? { detail: `结束本人其他 ${ended.length} 个会话` } : {}),
    });
    return meOf(tx, updated, actor.csrfToken, false);
  });
}

export async function acknowledgeResetNotice(ctx: Ctx): Promise<Me> {
  const actor = actorOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const [updated] = await tx.db
      .update(users)
      .set({ passwordResetNotice: false })
      .where(eq(users.id, actor.id))
      .returning();
    if (!updated) throw new AppError('UNAUTHENTICATED', '请先登录');
    await writeAudit(tx, { action: 'auth.reset_notice_ack', objectType: 'user', objectId: actor.id });
    return meOf(tx, updated, actor.csrfToken, actor.mustChangePassword);
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
