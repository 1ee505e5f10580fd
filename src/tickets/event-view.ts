// What callers see of a timeline event. Agents see every event whole. A contact sees public
// events only, and of their `data` only the fields listed in CONTACT_DATA_FIELDS: the API
// documents the same list (http/ticket-schemas.ts), so what a customer can see is stated,
// not incidental. Everything else (internal notes, links, assignments, SLA signals, the
// policy version) never reaches a contact.
import type { Actor } from '../platform/index.ts';
import type { EventRow } from './store.ts';

export type EventView = {
  id: string;
  at: Temporal.Instant;
  type: string;
  visibility: 'public' | 'internal';
  actor: { kind: string; id: string | null };
  body: string | null;
  data: Record<string, unknown>;
};

/** Per public event type, the data fields a contact receives; `body` is public on these events. */
export const CONTACT_DATA_FIELDS: Readonly<Record<string, readonly string[]>> = {
  created: ['severity', 'channel', 'portal', 'plan', 'classified', 'gated_from_plan', 'reason'],
  reply: ['eta', 'fix_available', 'files'],
  // Files a customer sent with a new case (tickets/files.ts); a reply's files are under `reply`.
  files_added: ['files'],
  status_changed: ['from', 'to', 'reason'],
  reopened: ['from', 'to', 'reason'],
  // The regrade reason is the event's body and is shown to the customer.
  regraded: ['from', 'to'],
  // An automatic answer outside support hours; it meets no promise.
  acknowledged: ['automatic', 'resumes'],
  // Support does not cover the ticket: the body is the policy's own text.
  coverage_marked: ['coverage'],
  // Who asked, where an agent recorded it for them (request-escalation.ts): the requester or a contact copied, by id.
  escalation_requested: ['asked_by'],
  // Merging (merge-ticket.ts): where the conversation went, and which request came in.
  merged_into: ['ticket_id', 'number'],
  merged_from: ['ticket_id', 'number', 'subject'],
  // A new ticket continuing a closed one (the customer wrote on it after it closed): both say so.
  follow_up_of: ['ticket_id', 'number', 'subject'],
  followed_up: ['ticket_id', 'number', 'subject'],
  // Who was copied on the ticket or no longer is (ccs.ts): contacts of the organization, by id.
  cc_changed: ['added', 'removed'],
  // Guidance beyond the knowledge base asked for (ask-guidance.ts): their words are the body, under the policy's offer.
  guidance_requested: ['offer'],
  // The customer's rating of the support (rate-ticket.ts); its comment is the body.
  rated: ['rating'],
  // Another person of the organization asks now (requester.ts), by contact id.
  requester_changed: ['from', 'to'],
  // The ticket waits on the customer's reply; they were mailed a reminder (waiting-on-customer.ts).
  customer_reminded: ['waiting_since', 'days', 'solves_at'],
};

/** Of an event's data, what a contact receives (the fields CONTACT_DATA_FIELDS lists for its type). */
export function contactData(type: string, data: Record<string, unknown>): Record<string, unknown> {
  return pick(data, CONTACT_DATA_FIELDS[type] ?? []);
}

export function eventView(e: EventRow, viewer?: Actor): EventView {
  const data = viewer?.kind === 'contact' ? contactData(e.type, e.data) : e.data;
  return { id: e.id, at: e.at, type: e.type, visibility: e.visibility, actor: { kind: e.actor_kind, id: e.actor_id }, body: e.body, data };
}

function pick(data: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => f in data).map((f) => [f, data[f]]));
}
