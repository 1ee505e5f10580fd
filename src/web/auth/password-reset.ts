// Password reset by email: a random single-use token, valid RESET_MINUTES, mailed as a link built
// from the configured base URL (never from the request's Host header, which a caller controls).
// Asking for a reset says the same whether or not the email is known, so it reveals no accounts.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { hashPassword, hashToken } from '../../customers/index.ts';
import { InvalidInputError, parseInput, type Clock, type Db } from '../../platform/index.ts';
import { queueMessage } from '../../outbox/index.ts';
import { findAccount } from './sign-in.ts';
import { endSessionsOf, randomSecret, type Person } from './sessions.ts';
import { accountPlace } from './invitation.ts';

export const RESET_MINUTES = 60;

export const RequestResetInput = z.strictObject({ email: z.string().trim().min(1, 'is required').max(254).transform((e) => e.toLowerCase()) });
// The same bounds as every password the customers domain stores.
export const ResetPasswordInput = z.strictObject({
  token: z.string().min(1, 'is required').max(200),
  password: z.string().min(10, 'must be at least 10 characters').max(200),
});

/** Queues the reset email when the account exists; returns nothing either way. */
export async function requestPasswordReset({ db, clock, baseUrl }: { db: Db; clock: Clock; baseUrl: string }, input: { email: string }): Promise<void> {
  const { email } = parseInput(RequestResetInput, input);
  const account = await findAccount(db, email);
  if (!account) return;
  const token = randomSecret();
  const now = clock.now();
  const link = new URL(`/reset?token=${encodeURIComponent(token)}`, baseUrl).toString();
  // Named as the person knows the place (invitation.ts accountPlace): a customer reads "OpenBack's support portal".
  const place = await accountPlace(db, account.kind);
  await db.transaction(async (tx) => {
    await tx.query(
      'INSERT INTO web_password_resets (id, token_hash, agent_id, contact_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [randomUUID(), hashToken(token), account.kind === 'agent' ? account.id : null, account.kind === 'contact' ? account.id : null, now, now.add({ minutes: RESET_MINUTES })],
    );
    await queueMessage(tx, {
      kind: 'password_reset',
      recipient: email,
      subject: `Reset your password for ${place}`,
      body: `Someone asked to reset the password of ${email} on ${place}.\n\nTo choose a new password, open this link within ${RESET_MINUTES} minutes:\n${link}\n\nThe link works once. If you did not ask, ignore this message: your password stays as it is.\n`,
      payload: { link },
      createdAt: now,
    });
  });
}

/** Whether a reset (or invitation) link can still set a password: not used, not expired. Reads only. */
export async function resetTokenUsable({ db, clock }: { db: Db; clock: Clock }, token: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM web_password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2', [hashToken(token), clock.now()]);
  return rows.length > 0;
}

/** Sets a new password with a reset token; the token is spent and every session of the person ends. */
export async function resetPassword({ db, clock }: { db: Db; clock: Clock }, input: { token: string; password: string }): Promise<Person> {
  const value = parseInput(ResetPasswordInput, input);
  const passwordHash = await hashPassword(value.password);
  return db.transaction(async (tx) => {
    // Single use: only the first request to spend the token wins.
    const { rows } = await tx.query<{ agent_id: string | null; contact_id: string | null }>(
      'UPDATE web_password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING agent_id, contact_id',
      [hashToken(value.token), clock.now()],
    );
    if (rows.length === 0) throw new InvalidInputError('This reset link is not valid any more: ask for a new one', [{ path: 'token', message: 'is unknown, used or expired' }]);
    const who: Person = rows[0].agent_id ? { kind: 'agent', id: rows[0].agent_id } : { kind: 'contact', id: rows[0].contact_id! };
    await tx.query(`UPDATE ${who.kind === 'agent' ? 'agents' : 'contacts'} SET password_hash = $1 WHERE id = $2`, [passwordHash, who.id]);
    await endSessionsOf(tx, who);
    return who;
  });
}
