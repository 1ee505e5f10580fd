// Reading one ticket, its clocks, and its timeline (contacts see only public events).
import type { Ctx } from '../platform/index.ts';
import { ccsOf, type Cc } from './ccs.ts';
import { eventView, type EventView } from './event-view.ts';
import { ticketForActor, type EventRow } from './store.ts';
import { ticketView, type TicketView } from './view.ts';
import type { TicketRefInput } from './schemas.ts';

export async function getTicket({ ctx, input }: { ctx: Ctx; input: TicketRefInput }): Promise<TicketView & { ccs: Cc[] }> {
  const t = await ticketForActor(ctx.db, ctx.actor, input.ticketId);
  const [view, ccs] = await Promise.all([ticketView(ctx.db, t, ctx.actor), ccsOf(ctx.db, t.id)]);
  return { ...view, ccs };
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
