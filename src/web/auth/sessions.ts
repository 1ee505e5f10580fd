// Browser sessions: a random token in an HttpOnly cookie, stored as its sha-256 (like API tokens),
// with a synchronizer CSRF token per session. Sessions expire after SESSION_HOURS of inactivity
// and at most SESSION_MAX_DAYS after sign-in; revocation (sign-out) takes effect on the next request.
import { randomBytes, randomUUID } from 'node:crypto';
import { hashToken } from '../../customers/index.ts';
import type { Actor, Clock, Db } from '../../platform/index.ts';

export const SESSION_COOKIE = 'accord_session';
// Idle timeout: a desk left signed in overnight must sign in again.
export const SESSION_HOURS = 12;
// However active, a session ends a week after sign-in.
export const SESSION_MAX_DAYS = 7;
// Recording every request would make each read a write; once a minute is enough to extend the idle window.
const TOUCH_RESOLUTION = Temporal.Duration.from({ minutes: 1 });

export type Person = { kind: 'agent'; id: string } | { kind: 'contact'; id: string };

export type Session = {
  id: string;
  actor: Exclude<Actor, { kind: 'system' }>;
  csrf: string;
  name: string;
  email: string;
  /** The time zone they chose to read times in (customers/profile.ts); null: UTC. */
  timeZone: string | null;
  /** Whether they have two-step sign-in on (two-step.ts): a desk may require it (two-step-required.ts). */
  twoStep: boolean;
};

export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Opens a session for a person; returns the raw token for the cookie (shown once, stored hashed). */
export async function createSession(db: Db, clock: Clock, who: Person): Promise<{ token: string; csrf: string }> {
  const token = randomSecret();
  const csrf = randomSecret();
  const now = clock.now();
  await db.query(
    `INSERT INTO web_sessions (id, token_hash, agent_id, contact_id, csrf_token, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7)`,
    [randomUUID(), hashToken(token), who.kind === 'agent' ? who.id : null, who.kind === 'contact' ? who.id : null, csrf, now, now.add({ hours: SESSION_MAX_DAYS * 24 })],
  );
  return { token, csrf };
}

type SessionRow = {
  id: string;
  csrf_token: string;
  last_seen_at: Temporal.Instant;
  expires_at: Temporal.Instant;
  agent_id: string | null;
  agent_role: Extract<Actor, { kind: 'agent' }>['role'] | null;
  contact_id: string | null;
  organization_id: string | null;
  name: string;
  email: string;
  time_zone: string | null;
  two_step: boolean;
};

/** The session a cookie token belongs to, or null (unknown, signed out, idle too long, or past its end). */
export async function authenticateSession(db: Db, clock: Clock, token: string): Promise<Session | null> {
  const { rows } = await db.query<SessionRow>(
    `SELECT s.id, s.csrf_token, s.last_seen_at, s.expires_at, s.agent_id, a.role AS agent_role, s.contact_id, c.organization_id,
            coalesce(a.name, c.name) AS name, coalesce(a.email, c.email) AS email, coalesce(a.time_zone, c.time_zone) AS time_zone,
            coalesce(a.totp_enabled_at, c.totp_enabled_at) IS NOT NULL AS two_step
     FROM web_sessions s LEFT JOIN agents a ON a.id = s.agent_id LEFT JOIN contacts c ON c.id = s.contact_id
     WHERE s.token_hash = $1 AND a.deactivated_at IS NULL AND c.deactivated_at IS NULL`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return null;
  const now = clock.now();
  const idleEnd = row.last_seen_at.add({ hours: SESSION_HOURS });
  if (Temporal.Instant.compare(row.expires_at, now) <= 0 || Temporal.Instant.compare(idleEnd, now) <= 0) return null;
  if (Temporal.Instant.compare(row.last_seen_at.add(TOUCH_RESOLUTION), now) <= 0) {
    await db.query('UPDATE web_sessions SET last_seen_at = $1 WHERE id = $2', [now, row.id]);
  }
  const base = { id: row.id, csrf: row.csrf_token, name: row.name, email: row.email, timeZone: row.time_zone, twoStep: row.two_step };
  if (row.agent_id && row.agent_role) return { ...base, actor: { kind: 'agent', id: row.agent_id, role: row.agent_role } };
  if (row.contact_id && row.organization_id) return { ...base, actor: { kind: 'contact', id: row.contact_id, organizationId: row.organization_id } };
  return null;
}

/** Signs a session out (its token stops working at once). */
export async function endSession(db: Db, token: string): Promise<void> {
  await db.query('DELETE FROM web_sessions WHERE token_hash = $1', [hashToken(token)]);
}

/** Every session of a person ends (after a password reset). */
export async function endSessionsOf(db: Db, who: Person): Promise<void> {
  await db.query(`DELETE FROM web_sessions WHERE ${who.kind === 'agent' ? 'agent_id' : 'contact_id'} = $1`, [who.id]);
}

/** Removes sessions past their end or idle past the timeout (the hourly maintenance job). */
export async function pruneSessions(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const { rows } = await db.query('DELETE FROM web_sessions WHERE expires_at <= $1 OR last_seen_at <= $2 RETURNING id', [now, now.subtract({ hours: SESSION_HOURS })]);
  return rows.length;
}
