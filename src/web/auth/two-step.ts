// Two-step sign-in: after the password, a code from an authenticator app (TOTP, RFC 6238: 6
// digits, 30-second steps, one step of drift either way), or one of ten single-use recovery codes.
// A person turns it on for themselves (the secret is shown once, then confirmed with a code) and
// off with a code; an admin turns it off for someone who lost their device (audited). A code works
// once (the last step used is kept), a challenge lives CHALLENGE_MINUTES and takes MAX_CODE_TRIES
// codes, and the secret never leaves the database except when it is shown to be set up.
import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { requireAgentRole } from '../../customers/index.ts';
import { ConflictError, InvalidInputError, NotFoundError, UnauthenticatedError, recordAudit, type Clock, type Ctx, type Db } from '../../platform/index.ts';
import { randomSecret, type Person } from './sessions.ts';

export const CHALLENGE_MINUTES = 5;
export const MAX_CODE_TRIES = 5;
const RECOVERY_CODES = 10;
const STEP_SECONDS = 30;

const hash = (text: string) => createHash('sha256').update(text).digest('hex');
// A recovery code as typed: spaces, dashes and case do not count.
const recoveryHash = (typed: string) => hash(typed.replace(/[\s-]/g, '').toLowerCase());
const tableOf = (who: Person) => (who.kind === 'agent' ? 'agents' : 'contacts');
const totpOf = (secret: string, label: string) => new TOTP({ issuer: 'Accord', label, secret: Secret.fromBase32(secret), digits: 6, period: STEP_SECONDS, algorithm: 'SHA1' });

type Row = { email: string; totp_secret: string | null; totp_enabled_at: Temporal.Instant | null; totp_last_step: string | number | null; totp_recovery: string[] };

async function rowOf(db: Db, who: Person, lock = false): Promise<Row> {
  const { rows } = await db.query<Row>(`SELECT email, totp_secret, totp_enabled_at, totp_last_step, totp_recovery FROM ${tableOf(who)} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [who.id]);
  if (!rows[0]) throw new NotFoundError(`${who.kind} not found`);
  return rows[0];
}

export type TwoStep = { enabled: boolean; enabledAt: Temporal.Instant | null; recoveryLeft: number; setup: { secret: string; uri: string } | null };

/** Whether the person has two-step sign-in on; while being set up, the secret and its otpauth URI. */
export async function twoStepOf(db: Db, who: Person): Promise<TwoStep> {
  const r = await rowOf(db, who);
  const setup = r.totp_secret && !r.totp_enabled_at ? { secret: r.totp_secret, uri: totpOf(r.totp_secret, r.email).toString() } : null;
  return { enabled: r.totp_enabled_at !== null, enabledAt: r.totp_enabled_at, recoveryLeft: r.totp_recovery.length, setup };
}

/** Starts setting it up: a new secret, shown until confirmed. Refused while it is on. */
export async function startTwoStep(db: Db, who: Person): Promise<TwoStep> {
  const r = await rowOf(db, who);
  if (r.totp_enabled_at) throw new ConflictError('two-step sign-in is on already: turn it off first to set up another device');
  await db.query(`UPDATE ${tableOf(who)} SET totp_secret = $2 WHERE id = $1`, [who.id, new Secret({ size: 20 }).base32]);
  return twoStepOf(db, who);
}

/**
 * A code checked against the person's secret at `now`: right, and of a later step than the last
 * one used (so a code seen over a shoulder does not work twice). Answers the step, or null.
 */
function stepOf(r: Row, code: string, now: Temporal.Instant): number | null {
  if (!r.totp_secret || !/^\d{6}$/.test(code)) return null;
  const delta = totpOf(r.totp_secret, r.email).validate({ token: code, timestamp: now.epochMilliseconds, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now.epochMilliseconds / 1000 / STEP_SECONDS) + delta;
  return r.totp_last_step !== null && step <= Number(r.totp_last_step) ? null : step;
}

/** Confirms the setup with a code from the app: on from now, with ten recovery codes, shown once. */
export async function confirmTwoStep({ db, clock }: { db: Db; clock: Clock }, who: Person, code: string): Promise<{ recoveryCodes: string[] }> {
  return db.transaction(async (tx) => {
    const r = await rowOf(tx, who, true);
    if (r.totp_enabled_at) throw new ConflictError('two-step sign-in is on already');
    if (!r.totp_secret) throw new ConflictError('start setting up two-step sign-in first');
    const step = stepOf(r, code.replace(/\s/g, ''), clock.now());
    if (step === null) throw new InvalidInputError('That code is not right: enter the 6 digits the app shows now', [{ path: 'code', message: 'does not match' }]);
    const codes = Array.from({ length: RECOVERY_CODES }, () => randomBytes(5).toString('hex').replace(/^(.{5})/, '$1-'));
    await tx.query(`UPDATE ${tableOf(who)} SET totp_enabled_at = $2, totp_last_step = $3, totp_recovery = $4::jsonb WHERE id = $1`, [
      who.id, clock.now(), step, JSON.stringify(codes.map(recoveryHash)),
    ]);
    return { recoveryCodes: codes };
  });
}

/** Checks a code or a recovery code (spending it) for a person who has two-step sign-in on. */
async function spendCode(tx: Db, who: Person, code: string, now: Temporal.Instant): Promise<boolean> {
  const r = await rowOf(tx, who, true);
  if (!r.totp_enabled_at) return false;
  const typed = code.replace(/\s/g, '');
  const step = stepOf(r, typed, now);
  if (step !== null) {
    await tx.query(`UPDATE ${tableOf(who)} SET totp_last_step = $2 WHERE id = $1`, [who.id, step]);
    return true;
  }
  const left = r.totp_recovery.filter((h) => h !== recoveryHash(typed));
  if (left.length === r.totp_recovery.length) return false;
  await tx.query(`UPDATE ${tableOf(who)} SET totp_recovery = $2::jsonb WHERE id = $1`, [who.id, JSON.stringify(left)]);
  return true;
}

const OFF = 'totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL, totp_recovery = \'[]\'::jsonb';

/** Turns it off, with a code or a recovery code (someone at the keyboard of a signed-in session is not enough). */
export async function disableTwoStep({ db, clock }: { db: Db; clock: Clock }, who: Person, code: string): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await rowOf(tx, who, true);
    if (!r.totp_enabled_at) {
      await tx.query(`UPDATE ${tableOf(who)} SET ${OFF} WHERE id = $1`, [who.id]); // a setup left unfinished
      return;
    }
    if (!(await spendCode(tx, who, code, clock.now()))) throw new InvalidInputError('That code is not right', [{ path: 'code', message: 'does not match' }]);
    await tx.query(`UPDATE ${tableOf(who)} SET ${OFF} WHERE id = $1`, [who.id]);
  });
}

/** Who of these people (agents or contacts) has two-step sign-in on (the admin pages offer to turn it off). */
export async function withTwoStep(db: Db, kind: Person['kind']): Promise<Set<string>> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM ${kind === 'agent' ? 'agents' : 'contacts'} WHERE totp_enabled_at IS NOT NULL`);
  return new Set(rows.map((r) => r.id));
}

/** Admins: turns it off for someone who lost their device and their recovery codes (audited). */
export async function resetTwoStep({ ctx }: { ctx: Ctx }, who: Person): Promise<void> {
  requireAgentRole(ctx.actor, ['admin'], "turn off someone's two-step sign-in");
  await ctx.db.transaction(async (tx) => {
    await rowOf(tx, who, true);
    await tx.query(`UPDATE ${tableOf(who)} SET ${OFF} WHERE id = $1`, [who.id]);
    await recordAudit(tx, { at: ctx.clock.now(), actor: ctx.actor, type: `${who.kind}.two_step_reset`, subjectKind: who.kind, subjectId: who.id });
  });
}

/** The password was right and the person has two-step sign-in on: a challenge to answer with a code. */
export async function openChallenge(db: Db, clock: Clock, who: Person): Promise<string> {
  const token = randomSecret();
  const now = clock.now();
  await db.query('INSERT INTO web_login_challenges (token_hash, agent_id, contact_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    hash(token), who.kind === 'agent' ? who.id : null, who.kind === 'contact' ? who.id : null, now, now.add({ minutes: CHALLENGE_MINUTES }),
  ]);
  return token;
}

/** Answers a challenge with a code: the person it was opened for, or a refusal (a spent, expired or overtried challenge starts over). */
export async function answerChallenge({ db, clock }: { db: Db; clock: Clock }, input: { challenge: string; code: string }): Promise<Person> {
  const now = clock.now();
  const outcome = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ agent_id: string | null; contact_id: string | null; attempts: number }>(
      'SELECT agent_id, contact_id, attempts FROM web_login_challenges WHERE token_hash = $1 AND expires_at > $2 FOR UPDATE', [hash(input.challenge), now],
    );
    const c = rows[0];
    if (!c || c.attempts >= MAX_CODE_TRIES) return 'restart' as const;
    const who: Person = c.agent_id ? { kind: 'agent', id: c.agent_id } : { kind: 'contact', id: c.contact_id! };
    if (await spendCode(tx, who, input.code, now)) {
      await tx.query('DELETE FROM web_login_challenges WHERE token_hash = $1', [hash(input.challenge)]);
      return who;
    }
    await tx.query('UPDATE web_login_challenges SET attempts = attempts + 1 WHERE token_hash = $1', [hash(input.challenge)]);
    return 'wrong' as const;
  });
  if (outcome === 'restart') throw new UnauthenticatedError('This sign-in has expired or had too many wrong codes: sign in again', [{ path: 'challenge', message: 'is unknown, expired or spent' }]);
  if (outcome === 'wrong') throw new InvalidInputError('That code is not right: enter the 6 digits the app shows now, or a recovery code', [{ path: 'code', message: 'does not match' }]);
  return outcome;
}

/** Wrong codes given for this person's challenges opened since then (sign-in counts them as failed attempts). */
export async function wrongCodesSince(db: Db, who: Person, since: Temporal.Instant): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT coalesce(sum(attempts), 0)::int AS n FROM web_login_challenges WHERE ${who.kind === 'agent' ? 'agent_id' : 'contact_id'} = $1 AND created_at > $2`,
    [who.id, since],
  );
  return Number(rows[0].n);
}

/** Forgets challenges whose wrong codes no longer count (past their end and the throttle's window). */
export async function pruneChallenges(db: Db, clock: Clock, window: Temporal.Duration): Promise<number> {
  const { rows } = await db.query('DELETE FROM web_login_challenges WHERE expires_at <= $1 RETURNING token_hash', [clock.now().subtract(window)]);
  return rows.length;
}

