// Closing solved tickets nobody answered (the hourly close-solved job, jobs/maintenance-jobs.ts).
// A solved ticket stays open to a reply, which reopens it, for the policy's
// lifecycle.close_solved_after_days (7 when the file says nothing); then Accord closes it as an
// agent would: a public status_changed event by Accord with the reason, the ticket.updated
// webhook, its clocks settled. A reply after that opens a new ticket (add-reply.ts,
// email/decide-inbound.ts), so an old thread is not revived for a new problem.
// A solved ticket is not closed for the customer's silence when mail to them since they last wrote
// did not arrive (the resolution came back, say: waiting-on-customer.ts unheardSql): they may never
// have read that it was solved. It stays solved, open to their reply, until an agent acts; once the
// mail is sent again (resend-mail.ts), the days count from then.
// Each ticket is closed in its own short transaction and checked again under its lock (a reply
// that reopened it meanwhile wins); one another transaction holds is skipped, not waited for,
// and the next run takes it. Running twice closes nothing twice: a closed ticket is not solved.
import type { Ctx, Db } from '../platform/index.ts';
import type { PolicyModel } from '../policy/index.ts';
import { activePolicy, policyVersion } from '../policy-versions/index.ts';
import { applyStatus } from './change-status.ts';
import { recomputeClocks } from './recompute-clocks.ts';
import { touchTicket, type TicketRow } from './store.ts';
import { customerUnheard, later, resentAfterSql, resentSince, unheardSql } from './waiting-on-customer.ts';
import { emitTicketUpdated } from './webhook-events.ts';
import { writeTime } from './write-context.ts';

export const CLOSE_BATCH = 100;

/**
 * When a solved ticket closes unless someone answers; null when it is not solved or the policy never
 * closes. `resentAt`: mail the customer missed sent again since the solve, which the days count from.
 */
export function closesAt(policy: PolicyModel, t: Pick<TicketRow, 'status' | 'solved_at'>, resentAt: Temporal.Instant | null = null): Temporal.Instant | null {
  if (t.status !== 'solved' || !t.solved_at || policy.closeSolvedAfterDays === null) return null;
  return later(t.solved_at, resentAt).add({ hours: 24 * policy.closeSolvedAfterDays });
}

/**
 * When a solved ticket closes, as its page says: null with `closeHeld` when mail to the customer
 * since they last wrote did not arrive, so their silence closes nothing.
 */
export async function closingOf(db: Db, policy: PolicyModel, t: TicketRow): Promise<{ closesAt: Temporal.Instant | null; closeHeld?: boolean }> {
  if (!closesAt(policy, t)) return { closesAt: null };
  if (await customerUnheard(db, t.id)) return { closesAt: null, closeHeld: true };
  return { closesAt: closesAt(policy, t, await resentSince(db, t.id, t.solved_at!)) };
}

/** The reason on the event and the webhook, in the customer's words. */
export function closeReason(days: number): string {
  return `solved ${days} ${days === 1 ? 'day' : 'days'} ago with no reply`;
}

/**
 * Closes up to `limit` solved tickets whose time is up, oldest solved first; answers how many it
 * closed (the job runs again while a batch comes back full). Tickets are found by the active
 * policy's period and each is checked against its own version's: a ticket not yet moved to a
 * new version (re-projection, ADR 0011) closes by the longer of the two.
 */
export async function closeSolvedTickets({ ctx, limit = CLOSE_BATCH }: { ctx: Ctx; limit?: number }): Promise<{ closed: number; found: number }> {
  const active = await activePolicy(ctx.db);
  if (active.model.closeSolvedAfterDays === null) return { closed: 0, found: 0 };
  const cutoff = ctx.clock.now().subtract({ hours: 24 * active.model.closeSolvedAfterDays });
  const { rows: found } = await ctx.db.query<{ id: string }>(
    `SELECT id FROM tickets WHERE status = 'solved' AND solved_at <= $1 AND NOT ${unheardSql('tickets.id')} AND NOT ${resentAfterSql('tickets.id', '$1')}
     ORDER BY solved_at, id LIMIT $2`,
    [cutoff.toString(), limit],
  );
  let closed = 0;
  for (const { id } of found) {
    const done = await ctx.db.transaction(async (tx) => {
      const { rows } = await tx.query<TicketRow>("SELECT * FROM tickets WHERE id = $1 AND status = 'solved' FOR UPDATE SKIP LOCKED", [id]);
      const ticket = rows[0];
      if (!ticket) return false; // reopened, closed by an agent, or held by another transaction
      const policy = await policyVersion(tx, ticket.policy_version);
      const now = writeTime(ctx.clock, ticket);
      const { closesAt: due } = await closingOf(tx, policy, ticket);
      if (!due || Temporal.Instant.compare(due, now) > 0) return false;
      const before = { ...ticket };
      const reason = closeReason(policy.closeSolvedAfterDays!);
      await applyStatus({ tx, ticket, now, policy }, ctx.actor, 'closed', reason);
      await touchTicket(tx, ticket.id, now);
      const { rows: after } = await tx.query<TicketRow>('SELECT * FROM tickets WHERE id = $1', [ticket.id]);
      await recomputeClocks(tx, after[0], policy, now);
      await emitTicketUpdated(tx, before, after[0], now, reason);
      return true;
    });
    if (done) closed++;
  }
  return { closed, found: found.length };
}
