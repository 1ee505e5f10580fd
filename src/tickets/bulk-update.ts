// Several tickets at once (an agent clearing a queue: assign these five to me, mark these solved, tag them):
// each ticket is its own updateTicket, in its own transaction, so one refusal (a closed ticket)
// leaves the others done; every ticket's result is answered, in the order asked.
import { z } from 'zod';
import { isAccordError, parseInput, type Ctx } from '../platform/index.ts';
import { isUuid } from '../platform/ids.ts';
import { requireAssignee } from './assign-ticket.ts';
import { addTicketTags, MAX_TAGS, Tag, tagsOverLimit } from './tags.ts';
import { STATUSES } from './schemas.ts';
import { requireAgent } from './store.ts';
import { updateTicket } from './update-ticket.ts';

export const MAX_BULK_TICKETS = 100;

export const BulkUpdateInput = z
  .strictObject({
    ticketIds: z.array(z.string().max(100)).min(1, 'choose at least one ticket').max(MAX_BULK_TICKETS, `at most ${MAX_BULK_TICKETS} tickets at once`),
    status: z.enum(STATUSES).optional(),
    assigneeId: z.uuid().nullable().optional(),
    /** Tags added to each ticket (those it has stay). */
    addTags: z.array(Tag).min(1, 'give at least one tag').max(MAX_TAGS, `at most ${MAX_TAGS} tags on a ticket`).optional(),
  })
  .refine((v) => v.status !== undefined || v.assigneeId !== undefined || v.addTags !== undefined, { path: [], message: 'nothing to change: give a status, an assignee or tags' });
export type BulkUpdateInput = z.input<typeof BulkUpdateInput>;

/** Each ticket's result, with its number (null for an id that names no ticket) so a refusal can be shown as "#1042". */
export type BulkResult = { ticketId: string; number: number | null } & ({ ok: true } | { ok: false; code: string; message: string });

export async function bulkUpdateTickets({ ctx, input }: { ctx: Ctx; input: BulkUpdateInput }): Promise<BulkResult[]> {
  requireAgent(ctx.actor, 'change tickets');
  const data = parseInput(BulkUpdateInput, input);
  // The assignee is the same for every ticket: one that is no agent is refused once, for the whole request.
  if (data.assigneeId) await requireAssignee(ctx.db, data.assigneeId);
  const ids = [...new Set(data.ticketIds)];
  const { rows } = await ctx.db.query<{ id: string; number: number }>('SELECT id, number FROM tickets WHERE id = ANY($1::uuid[])', [ids.filter(isUuid)]);
  const numberOf = new Map(rows.map((r) => [r.id, Number(r.number)]));
  const results: BulkResult[] = [];
  for (const ticketId of ids) {
    const number = numberOf.get(ticketId) ?? null;
    // A ticket the tags would take past the limit is refused whole, before anything of it is written.
    if (data.addTags && number !== null && (await tagsOverLimit(ctx.db, ticketId, data.addTags)) > 0) {
      results.push({ ticketId, number, ok: false, code: 'invalid_input', message: `these tags would give the ticket more than ${MAX_TAGS}` });
      continue;
    }
    try {
      if (data.status !== undefined || data.assigneeId !== undefined) {
        await updateTicket({
          ctx,
          input: { ticketId, ...(data.status !== undefined ? { status: data.status } : {}), ...(data.assigneeId !== undefined ? { assigneeId: data.assigneeId } : {}) },
        });
      }
      // Tags after the change, in a transaction of their own: a ticket whose change was refused is not tagged.
      if (data.addTags) await addTicketTags(ctx, ticketId, data.addTags);
      results.push({ ticketId, number, ok: true });
    } catch (error) {
      // A refusal of this ticket (not found, closed) is its result; anything else stops the batch.
      // Each refusal comes before the ticket's first write, so under an Idempotency-Key (one
      // transaction for the whole request) a refused ticket leaves nothing behind either.
      if (!isAccordError(error) || !['not_found', 'conflict', 'invalid_input'].includes(error.code)) throw error;
      results.push({ ticketId, number, ok: false, code: error.code, message: error.message });
    }
  }
  return results;
}
