// Files that came with a ticket's mail: listed on the ticket and handed out as downloads. Whoever
// may read the ticket (getTicket decides: agents, and contacts of its organization) may read the
// files of the messages that became its content (a new ticket or a reply); mail that was held,
// ignored or quarantined is admins' business (inbound-admin.ts), never shown on a ticket.
import { z } from 'zod';
import { NotFoundError, parseInput, type Ctx } from '../platform/index.ts';
import { getTicket } from '../tickets/index.ts';

export const TicketAttachmentsInput = z.strictObject({ ticketId: z.uuid() });
export const TicketAttachmentInput = z.strictObject({ ticketId: z.uuid(), attachmentId: z.uuid() });

export type TicketAttachment = { id: string; filename: string | null; contentType: string; size: number; receivedAt: Temporal.Instant };

const ON_TICKET = "m.ticket_id = $1 AND m.status IN ('created', 'appended')";

export async function listTicketAttachments({ ctx, input }: { ctx: Ctx; input: z.input<typeof TicketAttachmentsInput> }): Promise<TicketAttachment[]> {
  const { ticketId } = parseInput(TicketAttachmentsInput, input);
  await getTicket({ ctx, input: { ticketId } });
  const { rows } = await ctx.db.query<{ id: string; filename: string | null; content_type: string; size: number; received_at: Temporal.Instant }>(
    `SELECT a.id, a.filename, a.content_type, a.size, m.received_at FROM inbound_attachments a JOIN inbound_messages m ON m.id = a.inbound_id
     WHERE ${ON_TICKET} ORDER BY m.received_at, a.id`,
    [ticketId],
  );
  return rows.map((r) => ({
    id: r.id, filename: r.filename, contentType: r.content_type, size: Number(r.size),
    receivedAt: r.received_at,
  }));
}

export async function getTicketAttachment({ ctx, input }: { ctx: Ctx; input: z.input<typeof TicketAttachmentInput> }): Promise<TicketAttachment & { content: Buffer }> {
  const { ticketId, attachmentId } = parseInput(TicketAttachmentInput, input);
  await getTicket({ ctx, input: { ticketId } });
  const { rows } = await ctx.db.query<{ id: string; filename: string | null; content_type: string; size: number; received_at: Temporal.Instant; content: Uint8Array }>(
    `SELECT a.id, a.filename, a.content_type, a.size, m.received_at, a.content FROM inbound_attachments a JOIN inbound_messages m ON m.id = a.inbound_id
     WHERE ${ON_TICKET} AND a.id = $2`,
    [ticketId, attachmentId],
  );
  const r = rows[0];
  if (!r) throw new NotFoundError('attachment not found');
  return {
    id: r.id, filename: r.filename, contentType: r.content_type, size: Number(r.size),
    receivedAt: r.received_at, content: Buffer.from(r.content),
  };
}
