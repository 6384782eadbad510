import { createHash, randomBytes } from 'node:crypto';
import type { HaPrisma } from '../db/prisma';
import { toIdentity, type AdminIdentity } from './admin-users';
import { isWellFormedToken } from './cookie';

/** A session lasts 8 hours from sign-in (a working day), then the administrator signs in again. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

/**
 * The database keeps only the SHA-256 of the token, so a copy of the admin_session table
 * does not let anyone take over a session.
 */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
  token: string;
  expiresAt: Date;
}

export async function createSession(prisma: HaPrisma, userId: number, remoteAddr: string | undefined, now = new Date()): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await prisma.adminSession.create({ data: { id: sessionIdOf(token), userId, createdAt: now, expiresAt, remoteAddr: remoteAddr?.slice(0, 64) ?? null } });
  return { token, expiresAt };
}

export interface ActiveSession {
  identity: AdminIdentity;
  expiresAt: Date;
}

/** The session's administrator, or null when the token is unknown, ended or expired. */
export async function resolveSession(prisma: HaPrisma, token: string | undefined, now = new Date()): Promise<ActiveSession | null> {
  if (!isWellFormedToken(token)) return null;
  const row = await prisma.adminSession.findUnique({ where: { id: sessionIdOf(token) }, include: { user: { include: { domains: true } } } });
  if (!row || row.endedAt || row.expiresAt.getTime() <= now.getTime()) return null;
  return { identity: toIdentity(row.user), expiresAt: row.expiresAt };
}

/** Ends the session on the server: the token is useless afterwards, whoever holds it. */
export async function endSession(prisma: HaPrisma, token: string | undefined, now = new Date()): Promise<boolean> {
  if (!isWellFormedToken(token)) return false;
  const r = await prisma.adminSession.updateMany({ where: { id: sessionIdOf(token), endedAt: null }, data: { endedAt: now } });
  return r.count > 0;
}

/** Deletes sessions that ended or expired more than a day ago (housekeeping on sign-in). */
export async function pruneSessions(prisma: HaPrisma, now = new Date()) {
  const before = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  await prisma.adminSession.deleteMany({ where: { OR: [{ expiresAt: { lt: before } }, { endedAt: { lt: before } }] } });
}
