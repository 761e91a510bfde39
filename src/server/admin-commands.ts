import { eq } from 'drizzle-orm';
import { ADMIN_ROLES, type Role, ROLE_LABELS } from '../shared/permissions';
import { loginChallenges, recoveryCodes, users } from './db/schema';
import { readPolicy } from './modules/security/security.repo';
import { findUserByUsername } from './modules/users/users.repo';
import { writeAudit } from './platform/audit';
import { passwordProblems } from './platform/common-passwords';
import { inTransaction, type Ctx } from './platform/context';
import { hashPassword } from './platform/passwords';
import { endUserSessions } from './platform/session';

// 三员分立: administrator accounts are made and reset only here, by whoever runs the server,
// never through the API (the system administrator cannot grant or reset an administrator).

export const ADMIN_USAGE = `  admin:create [--role sys_admin|sec_admin|audit_admin] --username NAME --password PW [--name 显示名]
      Creates an administrator: system (系统管理员, the default), security (安全管理员) or audit
      (审计管理员). The password must meet the security policy and is changed at first login;
      the TOTP second factor is enrolled at first login. Audited.
  admin:reset --username NAME --password PW [--reset-totp]
      Sets a one-time password (changed at first login, the person sees who reset it and when),
      unlocks the account and ends its sessions; --reset-totp also removes the TOTP enrolment
      and recovery codes, so the next login enrols again. Audited.`;

export interface AdminArgs {
  role?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  name?: string | undefined;
  'reset-totp'?: boolean | undefined;
}

type Fail = (message: string) => never;

async function checkedPassword(ctx: Ctx, password: string, username: string, fail: Fail): Promise<string> {
  const problems = passwordProblems(password, await readPolicy(ctx.db), username);
  if (problems.length) fail(`Password refused by the security policy:\n  ${problems.join('\n  ')}`);
  return hashPassword(password);
}

export async function adminCreate(ctx: Ctx, args: AdminArgs, fail: Fail): Promise<string> {
  const { username, password } = args;
  const role = (args.role ?? 'sys_admin') as Role;
  if (!ADMIN_ROLES.includes(role)) fail(`--role must be one of ${ADMIN_ROLES.join(', ')}`);
  if (!username || !password) fail('admin:create needs --username and --password');
  if (!/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/.test(username)) fail('Username: 3–32 letters, digits, _ . -, starting with a letter');
  const passwordHash = await checkedPassword(ctx, password, username, fail);
  if (await findUserByUsername(ctx.db, username)) fail(`User ${username} already exists`);
  await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(users)
      .values({ username, displayName: args.name ?? ROLE_LABELS[role], roles: [role], scopeKind: 'none', passwordHash, mustChangePassword: true })
      .returning();
    if (!row) throw new Error('User not created');
    await writeAudit(tx, {
      action: 'user.create', objectType: 'user', objectId: row.id,
      after: { username, roles: row.roles, scopeKind: row.scopeKind }, detail: `命令行创建${ROLE_LABELS[role]}`,
    });
  });
  const label = { sys_admin: 'System administrator', sec_admin: 'Security administrator', audit_admin: 'Audit administrator' }[role as 'sys_admin'];
  return `${label} ${username} created; the password must be changed and TOTP enrolled at first login.`;
}

export async function adminReset(ctx: Ctx, args: AdminArgs, fail: Fail): Promise<string> {
  const { username, password } = args;
  if (!username || !password) fail('admin:reset needs --username and --password');
  const user = await findUserByUsername(ctx.db, username);
  if (!user) fail(`No user ${username}`);
  const passwordHash = await checkedPassword(ctx, password, user.username, fail);
  const resetTotp = args['reset-totp'] === true;
  const now = new Date();
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(users)
      .set({
        passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, passwordChangedAt: now, updatedAt: now,
        passwordResetAt: now, passwordResetBy: '服务器命令行（admin:reset）', passwordResetNotice: true,
        ...(resetTotp ? { totpSecret: null, totpEnabledAt: null, totpLastStep: null } : {}),
      })
      .where(eq(users.id, user.id));
    await endUserSessions(tx.db, user.id, 'password_reset');
    await writeAudit(tx, {
      action: 'user.password_reset', objectType: 'user', objectId: user.id, actorName: 'cli',
      detail: '命令行重置密码（一次性密码，下次登录须修改）',
    });
    if (resetTotp) {
      await tx.db.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
      await tx.db.delete(loginChallenges).where(eq(loginChallenges.userId, user.id));
      await writeAudit(tx, {
        action: 'auth.totp_reset', objectType: 'user', objectId: user.id, actorName: 'cli',
        detail: '命令行清除动态口令绑定和恢复码，下次登录重新绑定',
      });
    }
  });
  return `Password of ${user.username} reset${resetTotp ? ' and TOTP enrolment removed' : ''}; it must be changed at first login.`;
}
