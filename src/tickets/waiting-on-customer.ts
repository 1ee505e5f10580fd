// Tickets waiting on the customer's reply (status "Waiting on customer"), when the policy's
// lifecycle.waiting_on_customer says so: a reminder is mailed `remind_after_days` after the ticket
// began to wait, and it is solved `solve_after_days` after, as an agent would solve it (a public
// status change by Accord with the reason, the resolution mail with its rating links, the
// ticket.updated webhook, its clocks settled). A reply from the customer sets it open again, so the
// count starts afresh the next time an agent waits on them. Days are whole days of 24 hours from
// the change (like close-solved.ts), not business days: the customer's silence is not counted in
// the vendor's hours.
//
// A ticket is not solved for the customer's silence when mail to them since they last wrote did not
// arrive (undelivered-mail.ts: refused or returned): they may never have read what we wait on. It
// waits until they write or an agent acts; the page says why, and a reminder says no date. Once an
// agent sends it again (resend-mail.ts), the days count from then: that is when they could read it.
//
// The hourly run (jobs/waiting-job.ts) finds the due tickets by the active policy's periods and
// checks each against its own version's under its lock; a ticket another transaction holds is
// skipped and taken by the next run. Running twice reminds and solves nothing twice: one reminder
// per wait (an event after the wait began; the outbox's dedupe key), and a solved ticket no longer waits.
import type { Ctx, Db } from '../platform/index.ts';
import type { PolicyModel } from '../policy/index.ts';
import { activePolicy, policyVersion } from '../policy-versions/index.ts';
import { applyStatus } from './change-status.ts';
import { mailWaitingReminder } from './customer-mail.ts';
import { recomputeClocks } from './recompute-clocks.ts';
import { touchTicket, writeEvent, type TicketRow } from './store.ts';
import { emitTicketUpdated } from './webhook-events.ts';
import { writeTime } from './write-context.ts';

export const WAITING_BATCH = 100;

const days = (n: number) => ({ hours: 24 * n });

/** When a waiting ticket began to wait. */
function waitingSince(t: Pick<TicketRow, 'status_since' | 'created_at'>): Temporal.Instant {
  return t.status_since ?? t.created_at;
}

export type WaitingDeadlines = {
  remindsAt: Temporal.Instant | null;
  solvesAt: Temporal.Instant | null;
  /** Not solved for their silence: mail to them since they last wrote did not arrive (on the view only). */
  solveHeld?: boolean;
};

/**
 * Mail to the customer (our words: not a side conversation's, nor a colleague's words passed on) that did not arrive since the customer last
 * wrote (or since the ticket opened, when they never did), and was not sent again (resend-mail.ts:
 * a copy that fails in turn is mail that did not arrive), as SQL on a ticket's id: $n.
 */
export const unheardSql = (ticket: string) => `EXISTS (SELECT 1 FROM ticket_events u WHERE u.ticket_id = ${ticket} AND u.type = 'mail_undelivered' AND u.data->>'kind' NOT IN ('side_message', 'ticket_customer_reply')
  AND NOT EXISTS (SELECT 1 FROM outbox r WHERE r.dedupe_key = 'resend:' || (u.data->>'outbox_id'))
  AND u.at > coalesce((SELECT max(c.at) FROM ticket_events c WHERE c.ticket_id = ${ticket} AND c.actor_kind = 'contact' AND c.type IN ('created', 'reply')), '-infinity'::timestamptz))`;

/**
 * Mail the customer missed, sent again (resend-mail.ts; not a side conversation's, nor a colleague's
 * words passed on: neither held the wait, unheardSql) after the instant
 * `after` (SQL), on a ticket's id: the customer's days to answer count from the latest such copy.
 */
export const resentAfterSql = (ticket: string, after: string) => `EXISTS (SELECT 1 FROM ticket_events r WHERE r.ticket_id = ${ticket} AND r.type = 'mail_resent'
  AND r.data->>'kind' NOT IN ('side_message', 'ticket_customer_reply') AND r.at > ${after})`;

/** When mail the customer missed was last sent again after `since` (resentAfterSql), or null. */
export async function resentSince(db: Db, ticketId: string, since: Temporal.Instant): Promise<Temporal.Instant | null> {
  const { rows } = await db.query<{ at: Temporal.Instant | null }>(
    "SELECT max(at) AS at FROM ticket_events WHERE ticket_id = $1 AND type = 'mail_resent' AND data->>'kind' NOT IN ('side_message', 'ticket_customer_reply') AND at > $2", [ticketId, since],
  );
  return rows[0]?.at ?? null;
}

/** The later of two instants (`b` may be missing). */
export const later = (a: Temporal.Instant, b: Temporal.Instant | null): Temporal.Instant => (b && Temporal.Instant.compare(b, a) > 0 ? b : a);

/** Whether mail to the customer since they last wrote did not arrive: their silence says nothing. */
export async function customerUnheard(db: Db, ticketId: string): Promise<boolean> {
  const { rows } = await db.query<{ unheard: boolean }>(`SELECT ${unheardSql('$1::uuid')} AS unheard`, [ticketId]);
  return rows[0]?.unheard === true;
}

/**
 * When a ticket waiting on the customer is reminded and solved; nulls when it does not wait or the
 * policy does neither. `resentAt`: mail they missed sent again during the wait, which the solve counts from.
 */
export function waitingDeadlines(policy: PolicyModel, t: Pick<TicketRow, 'status' | 'status_since' | 'created_at'>, resentAt: Temporal.Instant | null = null): WaitingDeadlines {
  const { remindAfterDays, solveAfterDays } = policy.waitingOnCustomer;
  if (t.status !== 'pending_customer') return { remindsAt: null, solvesAt: null };
  const since = waitingSince(t);
  return {
    remindsAt: remindAfterDays === null ? null : since.add(days(remindAfterDays)),
    solvesAt: solveAfterDays === null ? null : later(since, resentAt).add(days(solveAfterDays)),
  };
}

/** The reason on the status change and the webhook, in the customer's words. */
export function waitingSolveReason(n: number): string {
  return `no reply from the customer in ${n} ${n === 1 ? 'day' : 'days'}`;
}

/** Whether this wait's reminder went (one per wait: an event since the ticket began to wait). */
export async function remindedThisWait(db: Db, t: Pick<TicketRow, 'id' | 'status_since' | 'created_at'>): Promise<boolean> {
  const { rows } = await db.query("SELECT 1 FROM ticket_events WHERE ticket_id = $1 AND type = 'customer_reminded' AND at >= $2 LIMIT 1", [t.id, waitingSince(t)]);
  return rows.length > 0;
}

/** What a waiting ticket shows: its deadlines, the reminder's dropped once it went. */
export async function waitingOf(db: Db, t: TicketRow): Promise<WaitingDeadlines> {
  if (t.status !== 'pending_customer') return { remindsAt: null, solvesAt: null };
  let found: WaitingDeadlines = waitingDeadlines(await policyVersion(db, t.policy_version), t, await resentSince(db, t.id, waitingSince(t)));
  if (found.remindsAt && (await remindedThisWait(db, t))) found = { ...found, remindsAt: null };
  if (found.solvesAt && (await customerUnheard(db, t.id))) found = { ...found, solvesAt: null, solveHeld: true };
  return found;
}

/**
 * Reminds and solves up to `limit` waiting tickets whose time is up, longest waiting first;
 * answers how many of each and how many it found (the job runs again while a batch comes back full).
 */
export async function nudgeWaitingTickets({ ctx, limit = WAITING_BATCH }: { ctx: Ctx; limit?: number }): Promise<{ reminded: number; solved: number; found: number }> {
  const { remindAfterDays, solveAfterDays } = (await activePolicy(ctx.db)).model.waitingOnCustomer;
  if (remindAfterDays === null && solveAfterDays === null) return { reminded: 0, solved: 0, found: 0 };
  const now = ctx.clock.now();
  // Solved when the solve time is up; reminded when the reminder's is and this wait had none yet.
  const { rows: found } = await ctx.db.query<{ id: string }>(
    `SELECT t.id FROM tickets t
     WHERE t.status = 'pending_customer' AND (
       ($1::timestamptz IS NOT NULL AND coalesce(t.status_since, t.created_at) <= $1 AND NOT ${unheardSql('t.id')} AND NOT ${resentAfterSql('t.id', '$1')})
       OR ($2::timestamptz IS NOT NULL AND coalesce(t.status_since, t.created_at) <= $2 AND NOT EXISTS (
         SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'customer_reminded' AND e.at >= coalesce(t.status_since, t.created_at))))
     ORDER BY coalesce(t.status_since, t.created_at), t.id LIMIT $3`,
    [solveAfterDays === null ? null : now.subtract(days(solveAfterDays)).toString(), remindAfterDays === null ? null : now.subtract(days(remindAfterDays)).toString(), limit],
  );
  let reminded = 0;
  let solved = 0;
  for (const { id } of found) {
    const done = await ctx.db.transaction((tx) => nudgeOne(ctx, tx, id));
    if (done === 'reminded') reminded++;
    if (done === 'solved') solved++;
  }
  return { reminded, solved, found: found.length };
}

async function nudgeOne(ctx: Ctx, tx: Db, id: string): Promise<'reminded' | 'solved' | null> {
  const { rows } = await tx.query<TicketRow>("SELECT * FROM tickets WHERE id = $1 AND status = 'pending_customer' FOR UPDATE SKIP LOCKED", [id]);
  const ticket = rows[0];
  if (!ticket) return null; // answered, changed by an agent, or held by another transaction
  const policy = await policyVersion(tx, ticket.policy_version);
  const now = writeTime(ctx.clock, ticket);
  const deadlines = waitingDeadlines(policy, ticket, await resentSince(tx, ticket.id, waitingSince(ticket)));
  const { remindsAt } = deadlines;
  const solvesAt = deadlines.solvesAt && !(await customerUnheard(tx, ticket.id)) ? deadlines.solvesAt : null;
  if (solvesAt && Temporal.Instant.compare(solvesAt, now) <= 0) {
    const before = { ...ticket };
    const reason = waitingSolveReason(policy.waitingOnCustomer.solveAfterDays!);
    await applyStatus({ tx, ticket, now, policy }, ctx.actor, 'solved', reason);
    await touchTicket(tx, ticket.id, now);
    const { rows: after } = await tx.query<TicketRow>('SELECT * FROM tickets WHERE id = $1', [ticket.id]);
    await recomputeClocks(tx, after[0], policy, now);
    await emitTicketUpdated(tx, before, after[0], now, reason);
    return 'solved';
  }
  if (!remindsAt || Temporal.Instant.compare(remindsAt, now) > 0 || (await remindedThisWait(tx, ticket))) return null;
  const n = policy.waitingOnCustomer.remindAfterDays!;
  await writeEvent(tx, { ticketId: ticket.id, at: now, actor: { kind: 'system' }, type: 'customer_reminded', visibility: 'public', data: { waiting_since: waitingSince(ticket).toString(), days: n, ...(solvesAt ? { solves_at: solvesAt.toString() } : {}) } });
  await mailWaitingReminder(tx, policy, ticket, { now, since: waitingSince(ticket), solvesAt });
  return 'reminded';
}
