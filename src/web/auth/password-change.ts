// A signed-in person changes their own password: the current one first (a session left open on a
// shared computer does not let someone else take the account), throttled as signing in is (a wrong
// current password counts as a failed sign-in for the email). The new password ends every other
// session of theirs (a thief's too), keeps this one, is recorded in the audit trail, and is mailed
// to them, so a change they did not make does not go unnoticed. Signing out everywhere else does
// the same without a new password.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { hashPassword, verifyPassword } from '../../customers/index.ts';
import { InvalidInputError, LimitExceededError, parseInput, recordAudit, type Actor, type Clock, type Db } from '../../platform/index.ts';
import { queueMessage } from '../../outbox/index.ts';
import type { Person } from './sessions.ts';
import { accountPlace } from './invitation.ts';
import { MAX_FAILURES_PER_EMAIL, THROTTLE_WINDOW } from './sign-in.ts';
import { utcMinuteText } from '../../platform/clock.ts';
import { localText } from '../../sla/index.ts';

// The same bounds as every password the customers domain stores (password-reset.ts).
export const ChangePasswordInput = z.strictObject({
  current: z.string().min(1, 'is required: the password you sign in with now').max(200),
  password: z.string().min(10, 'must be at least 10 characters').max(200),
});
export type ChangePasswordInput = z.input<typeof ChangePasswordInput>;

const table = (who: Person) => (who.kind === 'agent' ? 'agents' : 'contacts');
const owner = (who: Person) => (who.kind === 'agent' ? 'agent_id' : 'contact_id');

/** The person signed in (an agent or a contact), with their session and the client's address. */
export type SignedIn = { actor: Extract<Actor, { kind: 'agent' | 'contact' }>; sessionId: string; address: string };

/**
 * The person's current password, asked again before a change that would hand over the account (a
 * new password, a new address); throttled as signing in is, a wrong one counting as a failed
 * sign-in for their email. Answers their email.
 */
export async function checkCurrentPassword(db: Db, now: Temporal.Instant, who: Person, address: string, current: string): Promise<{ email: string }> {
  const { rows: [me] } = await db.query<{ email: string; password_hash: string | null }>(`SELECT email, password_hash FROM ${table(who)} WHERE id = $1`, [who.id]);
  const { rows: [tried] } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM web_login_attempts WHERE email = $1 AND NOT succeeded AND at > $2', [me.email, now.subtract(THROTTLE_WINDOW)]);
  if (tried.n >= MAX_FAILURES_PER_EMAIL) throw new LimitExceededError(`Too many wrong passwords: try again in ${THROTTLE_WINDOW.minutes} minutes, or reset your password`);
  const right = me.password_hash !== null && (await verifyPassword(current, me.password_hash));
  if (!right) {
    await db.query('INSERT INTO web_login_attempts (id, email, address, succeeded, at) VALUES ($1, $2, $3, false, $4)', [randomUUID(), me.email, address, now]);
    throw new InvalidInputError('Your current password is not right: nothing was changed', [{ path: 'current', message: 'is not the password you sign in with' }]);
  }
  return { email: me.email };
}

/**
 * Sets a new password for the person signed in with session `sessionId`, once the current one is
 * right; answers how many other sessions ended.
 */
export async function changePassword(
  { db, clock, baseUrl }: { db: Db; clock: Clock; baseUrl: string },
  { actor, sessionId, address }: SignedIn,
  input: ChangePasswordInput,
): Promise<{ endedSessions: number }> {
  const value = parseInput(ChangePasswordInput, input);
  const who: Person = { kind: actor.kind, id: actor.id };
  const now = clock.now();
  const me = await checkCurrentPassword(db, now, who, address, value.current);
  if (value.current === value.password) throw new InvalidInputError('That is the password you have: choose a new one', [{ path: 'password', message: 'is the same as the current one' }]);
  const passwordHash = await hashPassword(value.password);
  return db.transaction(async (tx) => {
    await tx.query(`UPDATE ${table(who)} SET password_hash = $1 WHERE id = $2`, [passwordHash, who.id]);
    const ended = await tx.query(`DELETE FROM web_sessions WHERE ${owner(who)} = $1 AND id <> $2 RETURNING id`, [who.id, sessionId]);
    await recordAudit(tx, { at: now, actor, type: `${who.kind}.password_changed`, subjectKind: who.kind, subjectId: who.id, data: { endedSessions: ended.rows.length } });
    const forgot = new URL('/forgot', baseUrl).toString();
    const place = await accountPlace(tx, who.kind);
    // When, in their own zone (their profile's, as the pages show them times); UTC for one who chose none.
    const zone = (await tx.query<{ time_zone: string | null }>(`SELECT time_zone FROM ${table(who)} WHERE id = $1`, [who.id])).rows[0]?.time_zone ?? null;
    await queueMessage(tx, {
      kind: 'password_changed',
      recipient: me.email,
      subject: `Your password for ${place} was changed`,
      body: `The password of ${me.email} on ${place} was changed at ${zone ? localText(now.epochMilliseconds, zone) : utcMinuteText(now)}, and every other place signed in with it was signed out.\n\nIf you did not change it, someone else has your password: choose a new one now at\n${forgot}\nand tell your administrator.\n`,
      payload: { automatic: true },
      createdAt: now,
    });
    return { endedSessions: ended.rows.length };
  });
}

/** Ends every session of `who` but `sessionId` (this one): a computer left signed in elsewhere. */
export async function endOtherSessions(db: Db, who: Person & { sessionId: string }): Promise<number> {
  const { rows } = await db.query(`DELETE FROM web_sessions WHERE ${owner(who)} = $1 AND id <> $2 RETURNING id`, [who.id, who.sessionId]);
  return rows.length;
}

/** How many other sessions of `who` are open now (signed in elsewhere), for the settings page. */
export async function otherSessions(db: Db, clock: Clock, who: Person & { sessionId: string }, idleHours: number): Promise<number> {
  const now = clock.now();
  const { rows: [r] } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM web_sessions WHERE ${owner(who)} = $1 AND id <> $2 AND expires_at > $3 AND last_seen_at > $4`,
    [who.id, who.sessionId, now, now.subtract({ hours: idleHours })],
  );
  return r.n;
}
