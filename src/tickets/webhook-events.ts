// What the ticket domain tells other systems (webhooks), always inside the write's transaction,
// so an event is delivered if and only if the write commits. Only public facts: the catalogue
// (webhooks/events.ts) refuses anything else, so a note or an engineering link cannot leak.
import type { Db } from '../platform/index.ts';
import { emitWebhookEvent, webhookTicket, type WebhookEventData } from '../webhooks/index.ts';
import type { TicketRow } from './store.ts';

export { webhookTicket };

type TicketChanges = WebhookEventData['ticket.updated']['changes'];

/** ticket.updated with only what changed; nothing when nothing did. */
export async function emitTicketUpdated(tx: Db, before: Pick<TicketRow, 'status' | 'assignee_id' | 'severity' | 'requester_id'>, after: TicketRow, at: Temporal.Instant, reason: string | null): Promise<void> {
  const changes: TicketChanges = {};
  if (before.status !== after.status) changes.status = { from: before.status, to: after.status };
  if (before.assignee_id !== after.assignee_id) changes.assigneeId = { from: before.assignee_id, to: after.assignee_id };
  if (before.requester_id !== after.requester_id) changes.requesterId = { from: before.requester_id, to: after.requester_id };
  if (before.severity !== after.severity) changes.severity = { from: before.severity, to: after.severity };
  if (Object.keys(changes).length === 0) return;
  await emitWebhookEvent(tx, { type: 'ticket.updated', occurredAt: at, data: { ticket: webhookTicket(after), changes, reason } });
}

/** A stored file as webhooks name it (tickets/files.ts' FileRef, or an inbound mail's attachment). */
export type FileMention = { id: string; filename: string | null; content_type: string; size: number };
const webhookFiles = (files: readonly FileMention[]) => files.map((f) => ({ id: f.id, filename: f.filename, contentType: f.content_type, size: f.size }));

type Author = { kind: 'agent' | 'contact'; id: string };

export async function emitTicketReplied(tx: Db, t: TicketRow, reply: { id: string; at: Temporal.Instant; author: Author; body: string; files: readonly FileMention[] }): Promise<void> {
  await emitWebhookEvent(tx, { type: 'ticket.replied', occurredAt: reply.at, data: { ticket: webhookTicket(t), reply: { ...reply, visibility: 'public', files: webhookFiles(reply.files) } } });
}

/** ticket.updated for a change of who is copied (ccs.ts): the contacts added and removed. */
export async function emitCcsChanged(tx: Db, ticketId: string, ccs: { added: string[]; removed: string[] }, at: Temporal.Instant): Promise<void> {
  const { rows } = await tx.query<TicketRow>('SELECT * FROM tickets WHERE id = $1', [ticketId]);
  await emitWebhookEvent(tx, { type: 'ticket.updated', occurredAt: at, data: { ticket: webhookTicket(rows[0]), changes: { ccs }, reason: null } });
}

/** ticket.rated: the customer's rating of the support on the ticket, with their comment. */
export async function emitTicketRated(tx: Db, t: TicketRow, rating: { rating: 'good' | 'bad'; comment: string | null; contactId: string; ratedAt: Temporal.Instant }): Promise<void> {
  await emitWebhookEvent(tx, { type: 'ticket.rated', occurredAt: rating.ratedAt, data: { ticket: webhookTicket(t), rating } });
}

/** ticket.files_added: public files sent on their own (never a note's). */
export async function emitFilesAdded(tx: Db, t: TicketRow, added: { id: string; at: Temporal.Instant; author: Author; files: readonly FileMention[] }): Promise<void> {
  if (added.files.length === 0) return;
  await emitWebhookEvent(tx, { type: 'ticket.files_added', occurredAt: added.at, data: { ticket: webhookTicket(t), added: { ...added, files: webhookFiles(added.files) } } });
}

/**
 * A new ticket by email came with attachments (the email domain stores them with the mail): told
 * to webhooks as ticket.files_added on its created event, by the contact who sent it, as a new
 * case's files from the portal are.
 */
export async function emitMailFilesAdded(tx: Db, input: { ticketId: string; eventId: string; at: Temporal.Instant; files: readonly FileMention[] }): Promise<void> {
  if (input.files.length === 0) return;
  const { rows } = await tx.query<TicketRow>('SELECT * FROM tickets WHERE id = $1', [input.ticketId]);
  const t = rows[0];
  await emitFilesAdded(tx, t, { id: input.eventId, at: input.at, author: { kind: 'contact', id: t.requester_id }, files: input.files });
}

/** ticket.merged: `t` (now closed) was merged into `into`. */
export async function emitTicketMerged(tx: Db, t: TicketRow, into: Pick<TicketRow, 'id' | 'number'>, at: Temporal.Instant): Promise<void> {
  await emitWebhookEvent(tx, { type: 'ticket.merged', occurredAt: at, data: { ticket: webhookTicket(t), into: { id: into.id, number: Number(into.number) } } });
}
