// Agents following a ticket they do not hold (a manager watching a key account's outage, the
// engineer who fixed it): each is mailed what its customer writes, as its assignee is
// (agent-notices.ts; the same "the customer wrote" preference turns it off). An agent follows or
// stops following for themselves; followers are internal, never shown to the customer.
import type { Ctx, Db } from '../platform/index.ts';
import { requireAgentPerson, ticketForActor } from './store.ts';

export type Follower = { id: string; name: string };

/** The ticket's followers, by name (agents who left are followers no more). */
export async function followersOf(db: Db, ticketId: string): Promise<Follower[]> {
  const { rows } = await db.query<Follower>(
    'SELECT a.id, a.name FROM ticket_followers f JOIN agents a ON a.id = f.agent_id WHERE f.ticket_id = $1 AND a.deactivated_at IS NULL ORDER BY a.name, a.id',
    [ticketId],
  );
  return rows;
}

/** Agents: start (follow: true) or stop following the ticket; answers its followers. */
export async function followTicket({ ctx, input }: { ctx: Ctx; input: { ticketId: string; follow: boolean } }): Promise<Follower[]> {
  return ctx.db.transaction(async (tx) => {
    // Looked up first: another organization's ticket is 404 for a contact, whatever they ask.
    const ticket = await ticketForActor(tx, ctx.actor, input.ticketId, false);
    requireAgentPerson(ctx.actor, 'follow a ticket');
    if (input.follow) {
      await tx.query('INSERT INTO ticket_followers (ticket_id, agent_id, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [ticket.id, ctx.actor.id, ctx.clock.now()]);
    } else {
      await tx.query('DELETE FROM ticket_followers WHERE ticket_id = $1 AND agent_id = $2', [ticket.id, ctx.actor.id]);
    }
    return followersOf(tx, ticket.id);
  });
}
