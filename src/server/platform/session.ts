import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { permissionsOf } from '../../shared/permissions';
import type { Db } from '../db/client';
import { securityPolicy, sessions, users } from '../db/schema';
import type { Actor } from './context';

export const SESSION_COOKIE = 'sgz_sid';
/**
 * The name behind a TLS proxy: browsers accept a __Host- cookie only when it is Secure,
 * host-only (no Domain) and Path=/, so neither a sibling subdomain nor a plain-HTTP page can
 * plant or overwrite the session.
 */
export const HOST_SESSION_COOKIE = '__Host-sgz_sid';

export interface SessionCookie {
  name: string;
  /** Always Secure (behind the proxy); otherwise Secure when the request came over HTTPS. */
  secure: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    sessionCookie: SessionCookie;
  }
}

export const sessionCookieFor = (behindProxy: boolean): SessionCookie =>
  behindProxy ? { name: HOST_SESSION_COOKIE, secure: true } : { name: SESSION_COOKIE, secure: false };
/** last_seen_at is refreshed at most this often: idle expiry is exact to the minute. */
const TOUCH_EVERY_MS = 60_000;

const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: Db,
  userId: string,
  ip: string,
  userAgent: string,
): Promise<{ token: string; csrfToken: string; sessionId: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const sessionId = tokenId(token);
  await db.insert(sessions).values({ id: sessionId, userId, csrfToken, ip, userAgent: userAgent.slice(0, 300) });
  return { token, csrfToken, sessionId };
}

export async function endSession(db: Db, sessionId: string, reason: string): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

export async function endUserSessions(db: Db, userId: string, reason: string): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)));
}

function buildSessionQuery(db: Db) {
  return db
    .select({
      csrfToken: sessions.csrfToken,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      lastWriteAt: sessions.lastWriteAt,
      user: users,
      idleMinutes: securityPolicy.idleMinutes,
      absoluteHours: securityPolicy.absoluteHours,
      rotationDays: securityPolicy.rotationDays,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(securityPolicy, eq(securityPolicy.id, 1))
    .where(and(eq(sessions.id, sql.placeholder('id')), isNull(sessions.endedAt)))
    .limit(1)
    .prepare('sgz_session_lookup');
}

// Every request runs this query: prepared once per database handle (a cache of query plans,
// not of sessions: every lookup still reads the database).
const prepared = new WeakMap<Db, ReturnType<typeof buildSessionQuery>>();
function sessionQuery(db: Db): ReturnType<typeof buildSessionQuery> {
  let q = prepared.get(db);
  if (!q) {
    q = buildSessionQuery(db);
    prepared.set(db, q);
  }
  return q;
}

export interface ResolvedSession {
  actor: Actor | null;
  /** Why a presented cookie did not give a session (expired …), for the 401 message. */
  expired: 'idle' | 'absolute' | null;
  /** The session's latest write (its creation at least): a read replica may not have it yet. */
  lastWriteAt: Date | null;
}

/** Looks up the cookie's session, user and policy in one query and applies the timeouts. */
export async function resolveSession(db: Db, token: string | undefined, now = new Date()): Promise<ResolvedSession> {
  if (!token || token.length > 100) return { actor: null, expired: null, lastWriteAt: null };
  const id = tokenId(token);
  const [row] = await sessionQuery(db).execute({ id });
  if (!row || row.user.status !== 'active') return { actor: null, expired: null, lastWriteAt: null };
  const idleMs = (row.idleMinutes ?? 30) * 60_000;
  const absoluteMs = (row.absoluteHours ?? 12) * 3_600_000;
  const expired =
    now.getTime() - row.createdAt.getTime() > absoluteMs
      ? 'absolute'
      : now.getTime() - row.lastSeenAt.getTime() > idleMs
        ? 'idle'
        : null;
  if (expired) {
    await endSession(db, id, expired === 'idle' ? 'idle_timeout' : 'absolute_timeout');
    return { actor: null, expired, lastWriteAt: null };
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS)
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  const u = row.user;
  const rotationDue =
    (row.rotationDays ?? 0) > 0 &&
    now.getTime() - u.passwordChangedAt.getTime() > (row.rotationDays ?? 0) * 86_400_000;
  return {
    expired: null,
    lastWriteAt: row.lastWriteAt,
    actor: {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles,
      permissions: new Set(permissionsOf(u.roles)),
      scope: { kind: u.scopeKind, path: u.scopePath, orgId: u.orgId, stationId: u.stationId },
      sessionId: id,
      csrfToken: row.csrfToken,
      mustChangePassword: u.mustChangePassword || rotationDue,
    },
  };
}

/** Stamps the session's latest write, on the primary, before its answer leaves (DATABASE_READ_URL). */
export async function markSessionWrote(db: Db, sessionId: string): Promise<void> {
  await db.update(sessions).set({ lastWriteAt: sql`now()` }).where(eq(sessions.id, sessionId));
}

export function csrfMatches(actor: Actor, request: FastifyRequest): boolean {
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(actor.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string): void {
  const cookie = request.server.sessionCookie;
  void reply.setCookie(cookie.name, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: cookie.secure || request.protocol === 'https',
    path: '/',
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  const cookie = reply.server.sessionCookie;
  // A __Host- cookie is only replaced (here: expired) by one with the same attributes.
  void reply.clearCookie(cookie.name, { path: '/', ...(cookie.secure ? { secure: true, httpOnly: true, sameSite: 'strict' } : {}) });
}

/** Drops sessions that ended or expired long ago; called at start-up. */
export async function pruneSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(sql`${sessions.lastSeenAt} < now() - interval '30 days'`);
}
