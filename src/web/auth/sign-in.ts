// Signing in with an email and password, for agents and contacts alike. Throttled: after
// MAX_FAILURES_PER_EMAIL failed attempts on one email, or MAX_FAILURES_PER_ADDRESS from one
// client address, within THROTTLE_WINDOW, further attempts are refused (429) until the window
// moves on, whether or not the password is right, so guessing gains nothing by continuing.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { hashPassword, verifyPassword } from '../../customers/index.ts';
import { LimitExceededError, parseInput, UnauthenticatedError, type Clock, type Db } from '../../platform/index.ts';
import { createSession, type Person } from './sessions.ts';
import { openChallenge, wrongCodesSince } from './two-step.ts';

export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
export const THROTTLE_WINDOW = Temporal.Duration.from({ minutes: 15 });

export const SignInInput = z.strictObject({
  email: z.string().trim().min(1, 'is required').max(254).transform((e) => e.toLowerCase()),
  // The length cap stops scrypt being used to burn CPU.
  password: z.string().min(1, 'is required').max(200),
});
export type SignInInput = z.input<typeof SignInInput>;

type Account = { kind: 'agent' | 'contact'; id: string; password_hash: string | null; two_step: boolean };

/** The active agent or contact with this email (emails are unique within each table; agents first); a deactivated one is no one. */
export async function findAccount(db: Db, email: string): Promise<Account | null> {
  const { rows } = await db.query<Account>(
    `SELECT 'agent' AS kind, id, password_hash, totp_enabled_at IS NOT NULL AS two_step FROM agents WHERE email = $1 AND deactivated_at IS NULL
     UNION ALL SELECT 'contact', id, password_hash, totp_enabled_at IS NOT NULL FROM contacts WHERE email = $1 AND deactivated_at IS NULL`,
    [email],
  );
  return rows[0] ?? null;
}

// Compared against when the email is unknown, so an unknown email costs the same time as a wrong password.
let dummyHash: Promise<string> | null = null;

/**
 * The email and password: a session, or, for a person with two-step sign-in on, a challenge to
 * answer with a code (two-step.ts); wrong codes count as failed attempts for the email.
 */
export async function signIn({ db, clock }: { db: Db; clock: Clock }, input: SignInInput & { address: string }): Promise<{ token: string; csrf: string; who: Person } | { challenge: string; who: Person }> {
  const { email, password } = parseInput(SignInInput, { email: input.email, password: input.password });
  const now = clock.now();
  const since = now.subtract(THROTTLE_WINDOW);
  const { rows } = await db.query<{ by_email: number; by_address: number }>(
    `SELECT (SELECT count(*)::int FROM web_login_attempts WHERE email = $1 AND NOT succeeded AND at > $3) AS by_email,
            (SELECT count(*)::int FROM web_login_attempts WHERE address = $2 AND NOT succeeded AND at > $3) AS by_address`,
    [email, input.address, since],
  );
  const account = await findAccount(db, email);
  const wrongCodes = account?.two_step ? await wrongCodesSince(db, account, since) : 0;
  if (rows[0].by_email + wrongCodes >= MAX_FAILURES_PER_EMAIL || rows[0].by_address >= MAX_FAILURES_PER_ADDRESS) {
    throw new LimitExceededError(`Too many failed sign-in attempts: try again in ${THROTTLE_WINDOW.minutes} minutes, or reset your password`);
  }
  const ok = account?.password_hash
    ? await verifyPassword(password, account.password_hash)
    : (await verifyPassword(password, await (dummyHash ??= hashPassword(randomUUID()))), false);
  await db.query('INSERT INTO web_login_attempts (id, email, address, succeeded, at) VALUES ($1, $2, $3, $4, $5)', [randomUUID(), email, input.address, ok, now]);
  if (!ok || !account) throw new UnauthenticatedError('The email or password is not right', [{ path: 'password', message: 'does not match' }]);
  const who: Person = { kind: account.kind, id: account.id };
  if (account.two_step) return { challenge: await openChallenge(db, clock, who), who };
  return { ...(await createSession(db, clock, who)), who };
}

/** Forgets attempts older than the window (the hourly maintenance job may call it). */
export async function pruneLoginAttempts(db: Db, clock: Clock): Promise<number> {
  const { rows } = await db.query('DELETE FROM web_login_attempts WHERE at < $1 RETURNING id', [clock.now().subtract(THROTTLE_WINDOW)]);
  return rows.length;
}
