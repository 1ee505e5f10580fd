// Requests the policy refused at intake, kept for agents: list them, accept one (the ticket is
// opened for its requester, the refusal set aside by an agent's decision) or dismiss it.
import { z } from 'zod';
import { ConflictError, decodeCursor, NotFoundError, parseInput, toPage, type Ctx, type Page } from '../platform/index.ts';
import { createTicket } from './create-ticket.ts';
import { CHANNELS } from './schemas.ts';
import { requireAgent } from './store.ts';
import type { TicketView } from './view.ts';

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
};

function toHeld(r: any): HeldRequest {
  return {
    id: r.id, organizationId: r.organization_id, requesterId: r.requester_id, channel: r.channel, request: r.request, reasonCode: r.reason_code,
    reason: r.reason, status: r.status, ticketId: r.ticket_id, reviewedBy: r.reviewed_by, reviewedAt: r.reviewed_at, reviewNote: r.review_note, createdAt: r.created_at,
  };
}

export const ListHeldRequestsInput = z.strictObject({
  status: z.enum(['held', 'accepted', 'dismissed']).default('held'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type ListHeldRequestsInput = z.input<typeof ListHeldRequestsInput>;

export async function listHeldRequests({ ctx, input }: { ctx: Ctx; input: ListHeldRequestsInput }): Promise<Page<HeldRequest>> {
  requireAgent(ctx.actor, 'review held requests');
  const f = parseInput(ListHeldRequestsInput, input);
  const after = f.cursor ? decodeCursor(f.cursor) : null;
  const { rows } = await ctx.db.query(
    `SELECT * FROM held_requests WHERE status = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
     ORDER BY created_at, id LIMIT $4`,
    [f.status, after?.createdAt ?? null, after?.id ?? null, f.limit + 1],
  );
  return toPage(rows.map(toHeld), f.limit);
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
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const { rows } = UUID.test(data.heldRequestId) ? await tx.query('SELECT * FROM held_requests WHERE id = $1 FOR UPDATE', [data.heldRequestId]) : { rows: [] };
    const held = rows[0] ? toHeld(rows[0]) : null;
    if (!held) throw new NotFoundError('held request not found');
    if (held.status !== 'held') throw new ConflictError(`this request was already ${held.status}`);
    let ticket: TicketView | null = null;
    if (data.decision === 'accept') {
      if (!held.requesterId) throw new ConflictError('this request has no known requester; open a ticket for the right contact instead');
      const original = held.request as { subject?: string; description?: string; intake?: Record<string, string | number | boolean>; requestType?: string; severity?: number };
      ticket = await createTicket({
        ctx: { ...ctx, db: tx },
        input: {
          subject: original.subject ?? 'Held request', description: original.description ?? '', intake: original.intake, requestType: original.requestType,
          severity: original.severity, channel: data.channel ?? (held.channel as (typeof CHANNELS)[number]), requesterId: held.requesterId,
        },
        options: { acceptingHeldRequest: held.id },
      });
    }
    const { rows: updated } = await tx.query(
      `UPDATE held_requests SET status = $2, ticket_id = $3, reviewed_by = $4, reviewed_at = $5, review_note = $6 WHERE id = $1 RETURNING *`,
      [held.id, data.decision === 'accept' ? 'accepted' : 'dismissed', ticket?.id ?? null, agentId, ctx.clock.now(), data.note ?? null],
    );
    return { heldRequest: toHeld(updated[0]), ticket };
  });
}
