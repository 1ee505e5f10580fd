// An internal note, with files if any: agents only, never shown to the customer.
import { parseInput, type Ctx } from '../platform/index.ts';
import { eventView, type EventView } from './event-view.ts';
import { storeFiles } from './files.ts';
import { NoteInput } from './schemas.ts';
import { requireAgent, writeEvent, type EventRow } from './store.ts';
import { writeOnTicket } from './write-context.ts';

export async function addNote({ ctx, input }: { ctx: Ctx; input: NoteInput }): Promise<EventView> {
  return writeOnTicket(ctx, input.ticketId, async ({ tx, ticket, now }) => {
    // Looked up first: another organization's ticket is 404 for a contact, whatever the body.
    requireAgent(ctx.actor, 'write internal notes');
    const data = parseInput(NoteInput, input);
    const id = await writeEvent(tx, { ticketId: ticket.id, at: now, actor: ctx.actor, type: 'note', visibility: 'internal', body: data.body });
    await storeFiles(tx, { ticketId: ticket.id, eventId: id, now, files: data.files ?? [] });
    const { rows } = await tx.query<EventRow>('SELECT * FROM ticket_events WHERE id = $1', [id]);
    return eventView(rows[0], ctx.actor);
  });
}
