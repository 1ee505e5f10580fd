// A ticket's files: those that came with its mail, and those people attached on the desk
// (tickets/files.ts), listed on the ticket and handed out as downloads. Whoever may read the
// ticket (getTicket decides: agents, and contacts of its organization) may read the files of the
// messages that became its content (a new ticket or a reply); mail that was held, ignored or
// quarantined is admins' business (inbound-admin.ts), never shown on a ticket. A file attached on
// the desk is read with its event's visibility: one on an internal note is for agents only.
import { z } from 'zod';
import { NotFoundError, parseInput, type Ctx } from '../platform/index.ts';
import { fileRisk, getTicket, getTicketFile, listTicketFiles } from '../tickets/index.ts';

export const TicketAttachmentsInput = z.strictObject({ ticketId: z.uuid() });
export const TicketAttachmentInput = z.strictObject({ ticketId: z.uuid(), attachmentId: z.uuid() });

export type TicketAttachment = {
  id: string; filename: string | null; contentType: string; size: number; receivedAt: Temporal.Instant;
  /** How it came: with an email, or attached on the desk (then with its event and that event's visibility). */
  source: 'email' | 'desk'; eventId: string | null; visibility: 'public' | 'internal';
  /** Why it may run code when opened (tickets/file-risk.ts), or null: shown beside it, whoever sent it. */
  risk: string | null;
};

const ON_TICKET = "m.ticket_id = $1 AND m.status IN ('created', 'appended')";

export async function listTicketAttachments({ ctx, input }: { ctx: Ctx; input: z.input<typeof TicketAttachmentsInput> }): Promise<TicketAttachment[]> {
  const { ticketId } = parseInput(TicketAttachmentsInput, input);
  await getTicket({ ctx, input: { ticketId } });
  const { rows } = await ctx.db.query<{ id: string; filename: string | null; content_type: string; size: number; received_at: Temporal.Instant }>(
    `SELECT a.id, a.filename, a.content_type, a.size, m.received_at FROM inbound_attachments a JOIN inbound_messages m ON m.id = a.inbound_id
     WHERE ${ON_TICKET} ORDER BY m.received_at, a.id`,
    [ticketId],
  );
  const mailed: TicketAttachment[] = rows.map((r) => ({
    id: r.id, filename: r.filename, contentType: r.content_type, size: Number(r.size),
    receivedAt: r.received_at, source: 'email', eventId: null, visibility: 'public', risk: fileRisk(r.filename, r.content_type),
  }));
  const attached: TicketAttachment[] = (await listTicketFiles({ ctx, input: { ticketId } })).map((f) => ({
    id: f.id, filename: f.filename, contentType: f.contentType, size: f.size, receivedAt: f.createdAt, source: 'desk', eventId: f.eventId, visibility: f.visibility, risk: f.risk,
  }));
  return [...mailed, ...attached].sort((a, b) => Temporal.Instant.compare(a.receivedAt, b.receivedAt) || (a.id < b.id ? -1 : 1));
}

export async function getTicketAttachment({ ctx, input }: { ctx: Ctx; input: z.input<typeof TicketAttachmentInput> }): Promise<TicketAttachment & { content: Buffer }> {
  const { ticketId, attachmentId } = parseInput(TicketAttachmentInput, input);
  await getTicket({ ctx, input: { ticketId } });
  const file = await getTicketFile({ ctx, input: { ticketId, fileId: attachmentId } });
  if (file) {
    return {
      id: file.id, filename: file.filename, contentType: file.contentType, size: file.size, receivedAt: file.createdAt,
      source: 'desk', eventId: file.eventId, visibility: file.visibility, risk: file.risk, content: file.content,
    };
  }
  const { rows } = await ctx.db.query<{ id: string; filename: string | null; content_type: string; size: number; received_at: Temporal.Instant; content: Uint8Array }>(
    `SELECT a.id, a.filename, a.content_type, a.size, m.received_at, a.content FROM inbound_attachments a JOIN inbound_messages m ON m.id = a.inbound_id
     WHERE ${ON_TICKET} AND a.id = $2`,
    [ticketId, attachmentId],
  );
  const r = rows[0];
  if (!r) throw new NotFoundError('attachment not found');
  return {
    id: r.id, filename: r.filename, contentType: r.content_type, size: Number(r.size),
    receivedAt: r.received_at, source: 'email', eventId: null, visibility: 'public', risk: fileRisk(r.filename, r.content_type), content: Buffer.from(r.content),
  };
}
