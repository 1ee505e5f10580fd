// Reading one ticket, its clocks, and its timeline (contacts see only public events).
import type { Ctx } from '../platform/index.ts';
import { policyVersion } from '../policy-versions/index.ts';
import { ccsOf, type Cc } from './ccs.ts';
import { closingOf } from './close-solved.ts';
import { waitingOf, type WaitingDeadlines } from './waiting-on-customer.ts';
import { ratingOf, type Rating } from './rate-ticket.ts';
import { tagsOf } from './tags.ts';
import { eventView, type EventView } from './event-view.ts';
import { ticketForActor, type EventRow } from './store.ts';
import { ticketView, type TicketView } from './view.ts';
import type { TicketRefInput } from './schemas.ts';

/**
 * One ticket: its view, who is copied on it, when a solved one closes unless someone answers
 * (close-solved.ts), when one waiting on the customer is reminded and solved without their reply
 * (waiting-on-customer.ts), and the customer's rating of the support (rate-ticket.ts).
 */
export async function getTicket({ ctx, input }: { ctx: Ctx; input: TicketRefInput }): Promise<TicketView & WaitingDeadlines & { ccs: Cc[]; closesAt: Temporal.Instant | null; closeHeld?: boolean; rating: Rating | null; tags?: string[] }> {
  const t = await ticketForActor(ctx.db, ctx.actor, input.ticketId);
  const [view, ccs, closing, rating, waiting] = await Promise.all([
    ticketView(ctx.db, t, ctx.actor), ccsOf(ctx.db, t.id), t.status === 'solved' ? policyVersion(ctx.db, t.policy_version).then((p) => closingOf(ctx.db, p, t)) : { closesAt: null },
    ratingOf(ctx.db, t.id), waitingOf(ctx.db, t),
  ]);
  // Tags are the team's (tags.ts): agents see them, a contact's view has none.
  if (ctx.actor.kind === 'contact') return { ...view, ccs, ...closing, ...waiting, rating };
  return { ...view, ccs, ...closing, ...waiting, rating, tags: await tagsOf(ctx.db, t.id) };
}

export async function listTicketEvents({ ctx, input }: { ctx: Ctx; input: TicketRefInput }): Promise<EventView[]> {
  const t = await ticketForActor(ctx.db, ctx.actor, input.ticketId);
  const publicOnly = ctx.actor.kind === 'contact';
  const { rows } = await ctx.db.query<EventRow>(
    `SELECT * FROM ticket_events WHERE ticket_id = $1 ${publicOnly ? "AND visibility = 'public'" : ''} ORDER BY at, seq`,
    [t.id],
  );
  return rows.map((e) => eventView(e, ctx.actor));
}
