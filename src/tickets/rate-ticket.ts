// The customer rates the support they had on a ticket once it is solved (customer satisfaction):
// good or bad, with a comment if they like. The requester and the people copied on it rate (the
// ones the resolution mail went to); agents never rate for them. One rating per ticket: a later
// one replaces it (people change their minds once the fix holds, or does not), and each is a
// public `rated` event. A ticket merged into another is rated there, where the work was done.
// Rating writes no clock and changes no status: it is a record of the customer's view. A bad one
// is mailed to whoever hears what the customer writes (agent-notices.ts mailBadRating), to follow up.
import { ConflictError, ForbiddenError, parseInput, type Ctx, type Db } from '../platform/index.ts';
import { mailBadRating } from './agent-notices.ts';
import { isReader } from './ccs.ts';
import { RateTicketInput } from './schemas.ts';
import { ticketForActor, touchTicket, writeEvent } from './store.ts';
import { emitTicketRated } from './webhook-events.ts';
import { writeTime } from './write-context.ts';

export type Rating = { rating: 'good' | 'bad'; comment: string | null; contactId: string; ratedAt: Temporal.Instant };

/** The ticket's rating, if it has one. */
export async function ratingOf(db: Db, ticketId: string): Promise<Rating | null> {
  const { rows } = await db.query<{ rating: 'good' | 'bad'; comment: string | null; contact_id: string; rated_at: Temporal.Instant }>(
    'SELECT rating, comment, contact_id, rated_at FROM ticket_ratings WHERE ticket_id = $1',
    [ticketId],
  );
  const r = rows[0];
  return r ? { rating: r.rating, comment: r.comment, contactId: r.contact_id, ratedAt: r.rated_at } : null;
}

export async function rateTicket({ ctx, input }: { ctx: Ctx; input: RateTicketInput }): Promise<Rating> {
  return ctx.db.transaction(async (tx) => {
    // Looked up first: another organization's ticket is 404 for a contact, whatever the body.
    const ticket = await ticketForActor(tx, ctx.actor, input.ticketId, true);
    const actor = ctx.actor;
    if (actor.kind !== 'contact') throw new ForbiddenError('only the customer rates the support they had');
    const data = parseInput(RateTicketInput, input);
    if (!(await isReader(tx, ticket, actor.id))) throw new ForbiddenError('only the requester and the people copied on the ticket rate it');
    if (ticket.merged_into) throw new ConflictError('this ticket was merged into another: rate that one, where the work was done');
    if (ticket.status !== 'solved' && ticket.status !== 'closed') throw new ConflictError('a ticket is rated once it is solved');
    const now = writeTime(ctx.clock, ticket);
    const comment = data.comment ?? null;
    await tx.query(
      `INSERT INTO ticket_ratings (ticket_id, contact_id, rating, comment, rated_at, assignee_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (ticket_id) DO UPDATE SET contact_id = EXCLUDED.contact_id, rating = EXCLUDED.rating, comment = EXCLUDED.comment, rated_at = EXCLUDED.rated_at, assignee_id = EXCLUDED.assignee_id`,
      [ticket.id, actor.id, data.rating, comment, now, ticket.assignee_id],
    );
    const eventId = await writeEvent(tx, { ticketId: ticket.id, at: now, actor, type: 'rated', visibility: 'public', body: comment, data: { rating: data.rating } });
    if (data.rating === 'bad') await mailBadRating(tx, ticket, { contactId: actor.id, comment, eventId, now });
    await touchTicket(tx, ticket.id, now);
    const rating: Rating = { rating: data.rating, comment, contactId: actor.id, ratedAt: now };
    await emitTicketRated(tx, { ...ticket, updated_at: now }, rating);
    return rating;
  });
}
