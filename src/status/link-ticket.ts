// linkIncidentTicket: a ticket the incident caused; its requester hears of the incident's
// resolution (and of updates posted with notify_tickets). Agents only; linking twice is a no-op.
import { actorId, ConflictError, NotFoundError, parseInput, recordAudit, type Ctx } from '../platform/index.ts';
import { requireStatusPage } from './page-config.ts';
import { requireStatusWriter } from './permissions.ts';
import { lockEntry } from './post-update.ts';
import { LinkTicketInput, type Entry } from './schemas.ts';
import { loadEntry } from './store.ts';

export async function linkIncidentTicket({ ctx, input }: { ctx: Ctx; input: LinkTicketInput }): Promise<Entry> {
  requireStatusWriter(ctx.actor, 'link tickets to incidents');
  const v = parseInput(LinkTicketInput, input);
  await requireStatusPage(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const entry = await lockEntry(tx, v.incidentId);
    if (entry.kind !== 'incident') throw new ConflictError('Tickets are linked to incidents', [{ path: 'incident_id', message: 'is a maintenance' }]);
    const ticket = await tx.query('SELECT id FROM tickets WHERE id = $1', [v.ticketId]);
    if (ticket.rows.length === 0) throw new NotFoundError('No such ticket', [{ path: 'ticket_id', message: 'not found' }]);
    const now = ctx.clock.now();
    const { rows } = await tx.query(
      `INSERT INTO status_incident_tickets (incident_id, ticket_id, linked_at, linked_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING ticket_id`,
      [entry.id, v.ticketId, now, actorId(ctx.actor)],
    );
    if (rows.length > 0) {
      await recordAudit(tx, { at: now, actor: ctx.actor, type: 'status_incident.ticket_linked', subjectKind: 'status_incident', subjectId: entry.id, data: { ticketId: v.ticketId } });
    }
    return (await loadEntry(tx, entry.id))!;
  });
}
