// Requests the policy refused at intake, kept for agents: list them, accept one (the ticket is
// opened for its requester, the refusal set aside by an agent's decision) or dismiss it. Files
// chosen with a held request are listed with it and downloadable by agents; accepting puts them
// on the new ticket (a public files_added event, by the contact who sent them, or else by the
// accepting agent); dismissing keeps them with the request, and tells its sender (held-words.ts).
import { z } from 'zod';
import { ConflictError, decodeCursor, NotFoundError, parseInput, toPage, type Actor, type Ctx, type Db, type Page } from '../platform/index.ts';
import { isUuid } from '../platform/ids.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { createTicket } from './create-ticket.ts';
import { tellDismissed } from './held-words.ts';
import { storeFiles } from './files.ts';
import { emitFilesAdded } from './webhook-events.ts';
import { CHANNELS } from './schemas.ts';
import { requireAgent, writeEvent, type TicketRow } from './store.ts';
import type { TicketView } from './view.ts';
import { fileRisk } from './file-risk.ts';

export type HeldRequest = {
  id: string;
  organizationId: string | null;
  requesterId: string | null;
  channel: string;
  request: Record<string, unknown>;
  reasonCode: string;
  reason: string;
  status: 'held' | 'accepted' | 'dismissed';
  ticketId: string | null;
  reviewedBy: string | null;
  reviewedAt: Temporal.Instant | null;
  reviewNote: string | null;
  createdAt: Temporal.Instant;
  /** The files chosen with it (their bytes: getHeldRequestFile). */
  files: HeldFile[];
};

/** `risk`: why it may run code when opened (file-risk.ts), or null. */
export type HeldFile = { id: string; filename: string; contentType: string; size: number; risk: string | null };

/** A held_requests row, as far as this file reads it by name (toHeld maps the rest). */
type HeldRow = { id: string; actor_kind: string; actor_id: string | null; [column: string]: unknown };

function toHeld(r: any, files: HeldFile[]): HeldRequest {
  return {
    id: r.id, organizationId: r.organization_id, requesterId: r.requester_id, channel: r.channel, request: r.request, reasonCode: r.reason_code,
    reason: r.reason, status: r.status, ticketId: r.ticket_id, reviewedBy: r.reviewed_by, reviewedAt: r.reviewed_at, reviewNote: r.review_note, createdAt: r.created_at,
    files,
  };
}

/** The files of these held requests, by request, in the order they were chosen. */
async function filesOf(db: Db, ids: readonly string[]): Promise<Map<string, HeldFile[]>> {
  const out = new Map<string, HeldFile[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const { rows } = await db.query<{ id: string; held_request_id: string; filename: string; content_type: string; size: number }>(
    'SELECT id, held_request_id, filename, content_type, size FROM held_request_files WHERE held_request_id = ANY($1::uuid[]) ORDER BY created_at, filename, id',
    [ids],
  );
  for (const r of rows) out.get(r.held_request_id)?.push({ id: r.id, filename: r.filename, contentType: r.content_type, size: r.size, risk: fileRisk(r.filename, r.content_type) });
  return out;
}

export const ListHeldRequestsInput = z.strictObject({
  status: z.enum(['held', 'accepted', 'dismissed']).default('held'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type ListHeldRequestsInput = z.input<typeof ListHeldRequestsInput>;

/** How many requests wait for review (the queue page says so). */
export async function countHeldRequests({ ctx }: { ctx: Ctx }): Promise<number> {
  requireAgent(ctx.actor, 'review held requests');
  const { rows } = await ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM held_requests WHERE status = 'held'");
  return Number(rows[0].n);
}

export async function listHeldRequests({ ctx, input }: { ctx: Ctx; input: ListHeldRequestsInput }): Promise<Page<HeldRequest>> {
  requireAgent(ctx.actor, 'review held requests');
  const f = parseInput(ListHeldRequestsInput, input);
  const after = f.cursor ? decodeCursor(f.cursor) : null;
  const { rows } = await ctx.db.query<HeldRow>(
    `SELECT * FROM held_requests WHERE status = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
     ORDER BY created_at, id LIMIT $4`,
    [f.status, after?.createdAt ?? null, after?.id ?? null, f.limit + 1],
  );
  const files = await filesOf(ctx.db, rows.map((r) => r.id));
  return toPage(rows.map((r) => toHeld(r, files.get(r.id) ?? [])), f.limit);
}

export const GetHeldRequestInput = z.strictObject({ heldRequestId: z.string().max(100) });
export type GetHeldRequestInput = z.input<typeof GetHeldRequestInput>;

/** One held request, whatever its status (agents; not found when there is none), for its own page. */
export async function getHeldRequest({ ctx, input }: { ctx: Ctx; input: GetHeldRequestInput }): Promise<HeldRequest> {
  requireAgent(ctx.actor, 'review held requests');
  const { heldRequestId } = parseInput(GetHeldRequestInput, input);
  const { rows } = isUuid(heldRequestId) ? await ctx.db.query<HeldRow>('SELECT * FROM held_requests WHERE id = $1', [heldRequestId]) : { rows: [] as HeldRow[] };
  if (!rows[0]) throw new NotFoundError('held request not found');
  return toHeld(rows[0], (await filesOf(ctx.db, [rows[0].id])).get(rows[0].id) ?? []);
}

export const ReviewHeldRequestInput = z.strictObject({
  heldRequestId: z.string(),
  decision: z.enum(['accept', 'dismiss']),
  note: z.string().trim().min(1).max(2000).optional(),
  /** Accepting: the channel the ticket is opened on (default: the one it arrived by). */
  channel: z.enum(CHANNELS).optional(),
});
export type ReviewHeldRequestInput = z.input<typeof ReviewHeldRequestInput>;

export async function reviewHeldRequest({ ctx, input }: { ctx: Ctx; input: ReviewHeldRequestInput }): Promise<{ heldRequest: HeldRequest; ticket: TicketView | null }> {
  requireAgent(ctx.actor, 'review held requests');
  const data = parseInput(ReviewHeldRequestInput, input);
  const agentId = ctx.actor.kind === 'agent' ? ctx.actor.id : null;
  return ctx.db.transaction(async (tx) => {
    const { rows } = isUuid(data.heldRequestId) ? await tx.query<HeldRow>('SELECT * FROM held_requests WHERE id = $1 FOR UPDATE', [data.heldRequestId]) : { rows: [] as HeldRow[] };
    const held = rows[0] ? toHeld(rows[0], (await filesOf(tx, [rows[0].id])).get(rows[0].id) ?? []) : null;
    if (!held) throw new NotFoundError('held request not found');
    if (held.status !== 'held') throw new ConflictError(`this request was already ${held.status}`);
    let ticket: TicketView | null = null;
    if (data.decision === 'accept') {
      if (!held.requesterId) throw new ConflictError('this request has no known requester; open a ticket for the right contact instead');
      const original = held.request as { subject?: string; description?: string; intake?: Record<string, string | number | boolean>; requestType?: string; severity?: number; portal?: boolean };
      const channel = data.channel ?? (held.channel as (typeof CHANNELS)[number]);
      ticket = await createTicket({
        ctx: { ...ctx, db: tx },
        input: {
          subject: original.subject ?? 'Held request', description: original.description ?? '', intake: original.intake, requestType: original.requestType,
          severity: original.severity, channel, requesterId: held.requesterId,
        },
        // Filed in the portal (an OpenBack case filed as Email) stays so, unless the agent records another channel.
        options: { acceptingHeldRequest: held.id, portal: original.portal === true && channel === held.channel },
      });
      if (held.files.length > 0) {
        const { actor_kind: kind, actor_id: senderId } = rows[0];
        const sender: Actor = kind === 'contact' && senderId && held.organizationId ? { kind: 'contact', id: senderId, organizationId: held.organizationId } : ctx.actor;
        await moveHeldFiles(tx, held.id, ticket.id, sender, ctx.clock.now());
      }
    }
    const { rows: updated } = await tx.query(
      `UPDATE held_requests SET status = $2, ticket_id = $3, reviewed_by = $4, reviewed_at = $5, review_note = $6 WHERE id = $1 RETURNING *`,
      [held.id, data.decision === 'accept' ? 'accepted' : 'dismissed', ticket?.id ?? null, agentId, ctx.clock.now(), data.note ?? null],
    );
    // Dismissed: its sender, told it was kept for review, is told no case was opened, and why.
    if (data.decision === 'dismiss') {
      const { model } = await activePolicy(tx);
      await tellDismissed(tx, model, { ...held, madeBy: { kind: rows[0].actor_kind, id: rows[0].actor_id } }, ctx.clock.now());
    }
    return { heldRequest: toHeld(updated[0], held.files), ticket };
  });
}

/** The held request's files onto its new ticket: one public files_added event, told to webhooks. */
async function moveHeldFiles(tx: Db, heldId: string, ticketId: string, sender: Actor, now: Temporal.Instant): Promise<void> {
  const { rows: files } = await tx.query<{ filename: string; content_type: string; content: Uint8Array }>(
    'SELECT filename, content_type, content FROM held_request_files WHERE held_request_id = $1 ORDER BY created_at, filename, id',
    [heldId],
  );
  const eventId = await writeEvent(tx, { ticketId, at: now, actor: sender, type: 'files_added', visibility: 'public', data: { from_held_request: heldId } });
  const stored = await storeFiles(tx, { ticketId, eventId, now, files: files.map((f) => ({ filename: f.filename, contentType: f.content_type, content: new Uint8Array(f.content) })) });
  const { rows } = await tx.query<TicketRow>('SELECT * FROM tickets WHERE id = $1', [ticketId]);
  if (sender.kind !== 'system') await emitFilesAdded(tx, rows[0], { id: eventId, at: now, author: { kind: sender.kind, id: sender.id }, files: stored });
}

export const HeldFileInput = z.strictObject({ heldRequestId: z.string().max(100), fileId: z.string().max(100) });
export type HeldFileInput = z.input<typeof HeldFileInput>;

/** One file of a held request, with its bytes (agents; not found when there is no such file). */
export async function getHeldRequestFile({ ctx, input }: { ctx: Ctx; input: HeldFileInput }): Promise<HeldFile & { content: Buffer }> {
  requireAgent(ctx.actor, 'read held requests');
  const { heldRequestId, fileId } = parseInput(HeldFileInput, input);
  if (!isUuid(heldRequestId) || !isUuid(fileId)) throw new NotFoundError('file not found');
  const { rows } = await ctx.db.query<{ id: string; filename: string; content_type: string; size: number; content: Uint8Array }>(
    'SELECT id, filename, content_type, size, content FROM held_request_files WHERE held_request_id = $1 AND id = $2',
    [heldRequestId, fileId],
  );
  const f = rows[0];
  if (!f) throw new NotFoundError('file not found');
  return { id: f.id, filename: f.filename, contentType: f.content_type, size: f.size, risk: fileRisk(f.filename, f.content_type), content: Buffer.from(f.content) };
}
