// An internal note, with files if any: agents only, never shown to the customer. A note may ask
// colleagues (`notify`: active agents), who are mailed it (agent-notices.ts, unless they turned
// that mail off); the note's event names them, so the timeline says who was asked.
import { InvalidInputError, parseInput, type Ctx } from '../platform/index.ts';
import { mailNoteNotice } from './agent-notices.ts';
import { eventView, type EventView } from './event-view.ts';
import { storeFiles } from './files.ts';
import { NoteInput } from './schemas.ts';
import { requireAgent, writeEvent, type EventRow } from './store.ts';
import { writeTimeEntry } from './time-spent.ts';
import { writeOnTicket } from './write-context.ts';

/** `at`: when an agent's mailed note reached the desk (writeOnTicket). */
export async function addNote({ ctx, input, at }: { ctx: Ctx; input: NoteInput; at?: Temporal.Instant }): Promise<EventView> {
  return writeOnTicket(ctx, input.ticketId, async ({ tx, ticket, now }) => {
    // Looked up first: another organization's ticket is 404 for a contact, whatever the body.
    requireAgent(ctx.actor, 'write internal notes');
    const data = parseInput(NoteInput, input);
    const notify = [...new Set(data.notify ?? [])];
    if (notify.length > 0) {
      const { rows } = await tx.query<{ id: string }>('SELECT id FROM agents WHERE id = ANY($1::uuid[]) AND deactivated_at IS NULL', [notify]);
      const known = new Set(rows.map((r) => r.id));
      const unknown = notify.map((id, i) => ({ id, i: (data.notify ?? []).indexOf(id) })).filter((n) => !known.has(n.id));
      if (unknown.length > 0) throw new InvalidInputError('The input is not valid', unknown.map((n) => ({ path: `notify.${n.i}`, message: 'is not an active agent' })));
    }
    const id = await writeEvent(tx, {
      ticketId: ticket.id, at: now, actor: ctx.actor, type: 'note', visibility: 'internal', body: data.body, ...(notify.length > 0 ? { data: { notified: notify } } : {}),
    });
    await storeFiles(tx, { ticketId: ticket.id, eventId: id, now, files: data.files ?? [] });
    if (data.timeSpentMinutes && ctx.actor.kind === 'agent') await writeTimeEntry(tx, { ticketId: ticket.id, agentId: ctx.actor.id, minutes: data.timeSpentMinutes, eventId: id, now });
    await mailNoteNotice(tx, ticket, { agentIds: notify, actor: ctx.actor, body: data.body, eventId: id, now });
    const { rows } = await tx.query<EventRow>('SELECT * FROM ticket_events WHERE id = $1', [id]);
    return eventView(rows[0], ctx.actor);
  }, at);
}
