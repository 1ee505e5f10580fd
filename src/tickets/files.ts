// Files people attach on the desk: a customer's screenshots and logs with a case or a reply in
// the portal, an agent's files with a public reply or an internal note. Each file belongs to the
// timeline event that carried it and is read with that event's visibility, so a file on an
// internal note never reaches a customer. Stored in the database like mail's attachments
// (inbound_attachments), so a backup or an export holds them too; the limits match what the
// email channel accepts in one message (25 MiB).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { parseInput, type Ctx, type Db } from '../platform/index.ts';
import { eventView, type EventView } from './event-view.ts';
import { FileInput, Files, TicketRefInput } from './schemas.ts';
import { ticketForActor, writeEvent, type EventRow } from './store.ts';
import { writeOnTicket } from './write-context.ts';
import { emitFilesAdded } from './webhook-events.ts';
import { fileRisk } from './file-risk.ts';

/** What a timeline event records of its files (its `data.files`), and a file's listing. */
export type FileRef = { id: string; filename: string; content_type: string; size: number };

export type TicketFile = {
  id: string; eventId: string; filename: string; contentType: string; size: number; visibility: 'public' | 'internal'; createdAt: Temporal.Instant;
  /** Why it may run code when opened (file-risk.ts), or null. */
  risk: string | null;
};

/** Stores files on a ticket event inside the caller's transaction; the refs go into the event's data. */
export async function storeFiles(tx: Db, input: { ticketId: string; eventId: string; now: Temporal.Instant; files: ReadonlyArray<z.output<typeof FileInput>> }): Promise<FileRef[]> {
  const refs: FileRef[] = [];
  for (const f of input.files) {
    const id = randomUUID();
    await tx.query(
      'INSERT INTO ticket_files (id, ticket_id, event_id, filename, content_type, size, content, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [id, input.ticketId, input.eventId, f.filename, f.contentType, f.content.byteLength, f.content, input.now],
    );
    refs.push({ id, filename: f.filename, content_type: f.contentType, size: f.content.byteLength });
  }
  if (refs.length > 0) {
    await tx.query(`UPDATE ticket_events SET data = data || jsonb_build_object('files', $2::jsonb) WHERE id = $1`, [input.eventId, JSON.stringify(refs)]);
  }
  return refs;
}

/** Refuses files a ticket would not take, before anything is written (a new case's files are added after it opens). */
export function checkFiles(files: readonly FileInput[]): void {
  parseInput(z.strictObject({ files: Files }), { files });
}

export const AddFilesInput = z.strictObject({ ticketId: z.string(), files: Files.refine((fs) => fs.length > 0, 'choose at least one file') });
export type AddFilesInput = z.input<typeof AddFilesInput>;

/**
 * Files on their own (a customer's files sent with a new case): a public `files_added` event by
 * whoever sent them, told to webhooks (ticket.files_added). It answers no promise: only a reply in words does (recompute-clocks.ts).
 */
export async function addFiles({ ctx, input }: { ctx: Ctx; input: AddFilesInput }): Promise<EventView> {
  return writeOnTicket(ctx, input.ticketId, async ({ tx, ticket, now }) => {
    const data = parseInput(AddFilesInput, input);
    const id = await writeEvent(tx, { ticketId: ticket.id, at: now, actor: ctx.actor, type: 'files_added', visibility: 'public' });
    const files = await storeFiles(tx, { ticketId: ticket.id, eventId: id, now, files: data.files });
    if (ctx.actor.kind !== 'system') await emitFilesAdded(tx, ticket, { id, at: now, author: { kind: ctx.actor.kind, id: ctx.actor.id }, files });
    const { rows } = await tx.query<EventRow>('SELECT * FROM ticket_events WHERE id = $1', [id]);
    return eventView(rows[0], ctx.actor);
  });
}

type FileRow = { id: string; event_id: string; filename: string; content_type: string; size: number; visibility: 'public' | 'internal'; created_at: Temporal.Instant };

const fileOf = (r: FileRow): TicketFile => ({
  id: r.id, eventId: r.event_id, filename: r.filename, contentType: r.content_type, size: Number(r.size), visibility: r.visibility, createdAt: r.created_at,
  risk: fileRisk(r.filename, r.content_type),
});

/** A ticket's files its reader may see (a contact: those of public events), oldest first. */
export async function listTicketFiles({ ctx, input }: { ctx: Ctx; input: TicketRefInput }): Promise<TicketFile[]> {
  const t = await ticketForActor(ctx.db, ctx.actor, parseInput(TicketRefInput, input).ticketId);
  const { rows } = await ctx.db.query<FileRow>(
    `SELECT f.id, f.event_id, f.filename, f.content_type, f.size, e.visibility, f.created_at FROM ticket_files f JOIN ticket_events e ON e.id = f.event_id
     WHERE f.ticket_id = $1 ${ctx.actor.kind === 'contact' ? "AND e.visibility = 'public'" : ''} ORDER BY f.created_at, f.id`,
    [t.id],
  );
  return rows.map(fileOf);
}

export const TicketFileInput = z.strictObject({ ticketId: z.string(), fileId: z.uuid() });

/** One file with its content, if its reader may see it; anything else is "not found". */
export async function getTicketFile({ ctx, input }: { ctx: Ctx; input: z.input<typeof TicketFileInput> }): Promise<(TicketFile & { content: Buffer }) | null> {
  const { ticketId, fileId } = parseInput(TicketFileInput, input);
  const t = await ticketForActor(ctx.db, ctx.actor, ticketId);
  const { rows } = await ctx.db.query<FileRow & { content: Uint8Array }>(
    `SELECT f.id, f.event_id, f.filename, f.content_type, f.size, e.visibility, f.created_at, f.content FROM ticket_files f JOIN ticket_events e ON e.id = f.event_id
     WHERE f.ticket_id = $1 AND f.id = $2 ${ctx.actor.kind === 'contact' ? "AND e.visibility = 'public'" : ''}`,
    [t.id, fileId],
  );
  return rows[0] ? { ...fileOf(rows[0]), content: Buffer.from(rows[0].content) } : null;
}

/** Files by id, with content, for the mail that carries them (the outbox names them; email/deliver.ts). */
export async function filesForMail(db: Db, ids: readonly string[]): Promise<Array<{ filename: string; contentType: string; content: Buffer }>> {
  if (ids.length === 0) return [];
  // A file attached on the desk, or one that came with a customer's mail (email/process-inbound.ts
  // keeps those as the mail's attachments): a colleague's words passed on carry theirs.
  const { rows } = await db.query<{ id: string; filename: string; content_type: string; content: Uint8Array }>(
    `SELECT id, filename, content_type, content FROM ticket_files WHERE id = ANY($1::uuid[])
     UNION ALL SELECT id, coalesce(filename, 'attachment'), content_type, content FROM inbound_attachments WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ filename: r.filename, contentType: r.content_type, content: Buffer.from(r.content) }] : [];
  });
}
