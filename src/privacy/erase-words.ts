// The words of tickets, erased: what an erasure on request (erase-contact.ts) and the retention
// schedule (retention.ts) both do to a ticket. Its subject, description and every text on its
// timeline become ERASED, its files are deleted, and so are the copies of its words elsewhere: mail
// as it arrived about it, mail sent about it (kept as a record that something was sent, without its
// words; not yet sent, not sent), webhook bodies that carried it, what another ticket quotes of it
// (merged from, followed up by), held requests and replayable API answers that hold it. Its
// history stays: times, plan, severity, status changes, SLA clocks, who held it, its rating (not
// the comment), so the vendor's reports stay true. An internal `erased` event on each says so.
//
// With a person (an erasure on request), the same statements also take what that person wrote
// anywhere, and mail from, to or naming their address: one pass, so nothing is counted twice.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';

/** The text that replaces what was erased. */
export const ERASED = '[erased]';
/** Event data keys that quote text rather than state history. */
const QUOTING_KEYS = ['subject', 'title', 'url', 'files'];

export type WordsErased = {
  ticketsErased: number;
  /** Timeline events whose words were erased. */
  eventsErased: number;
  filesDeleted: number;
  /** Mail as it arrived, deleted with its attachments. */
  inboundDeleted: number;
  /** Mail sent: its words erased; any not yet sent is not sent. */
  outboxErased: number;
  webhookDeliveriesErased: number;
  heldRequestsErased: number;
};

/** A person whose own words, mail and address go with the tickets' words. */
export type ErasedPerson = { contactId: string; email: string; placeholder: string };

// The tickets a ticket's timeline names (merged into or from, followed up by or following up):
// their events quote its subject or description, and are found through its own events by index.
const LINKED = `SELECT (x.data->>'ticket_id')::uuid FROM ticket_events x
  WHERE x.ticket_id = ANY($1::uuid[]) AND x.type IN ('merged_from', 'merged_into', 'follow_up_of', 'followed_up') AND x.data ? 'ticket_id'`;

/**
 * The statements, each reading its table by an index ($1: the tickets' ids). The arms for a person
 * (a contact's erasure, $2 and after) are gated on their parameter, so the retention schedule's
 * batches, which erase no person, never scan a table for them (test/privacy/erasure-plans.test.ts).
 */
export const ERASE_WORDS_SQL = {
  span: 'SELECT min(created_at) AS first, max(updated_at) AS last FROM tickets WHERE id = ANY($1::uuid[])',
  tickets: `UPDATE tickets SET subject = $2, description = $2, intake_answers = '{}', erased_at = $3 WHERE id = ANY($1::uuid[])`,
  files: `DELETE FROM ticket_files WHERE id IN (
      SELECT id FROM ticket_files WHERE ticket_id = ANY($1::uuid[])
      UNION SELECT f.id FROM ticket_files f JOIN ticket_events e ON e.id = f.event_id WHERE $2::uuid IS NOT NULL AND e.actor_kind = 'contact' AND e.actor_id = $2)`,
  // Events on the tickets; events on linked tickets that quote one of them; events the person wrote.
  events: `UPDATE ticket_events SET body = CASE WHEN body IS NULL THEN NULL ELSE $3 END, data = data - $4::text[]
    WHERE id IN (
      SELECT id FROM ticket_events WHERE ticket_id = ANY($1::uuid[])
      UNION SELECT id FROM ticket_events WHERE ticket_id IN (${LINKED}) AND data->>'ticket_id' = ANY($1::text[])
      UNION SELECT id FROM ticket_events WHERE $2::uuid IS NOT NULL AND actor_kind = 'contact' AND actor_id = $2)`,
  // Mail that did not arrive (tickets/undelivered-mail.ts), and mail sent again (resend-mail.ts): to
  // whom, before, and the server's reason (which names the address) go, on the tickets and wherever
  // the person's address was the one it failed at or went to.
  undelivered: `UPDATE ticket_events SET data = data - ARRAY['recipient', 'reason', 'before']::text[]
    WHERE type IN ('mail_undelivered', 'mail_resent')
      AND (ticket_id = ANY($1::uuid[]) OR ($2::text IS NOT NULL AND (lower(data->>'recipient') = $2 OR lower(data->>'before') = $2)))`,
  // Side conversations on the tickets (0057), or begun on them and gone on on the ticket they were
  // merged into (0059): whom they wrote to stays (no customer: refused), the subject goes (it may quote them).
  sideConversations: `UPDATE side_conversations SET subject = $2 WHERE ticket_id = ANY($1::uuid[]) OR id::text IN (
      SELECT data->>'conversation_id' FROM ticket_events WHERE ticket_id = ANY($1::uuid[]) AND type IN ('side_message', 'side_reply'))`,
  // An agent's reminder on the ticket stays (it is the agent's), its note goes (it may name the customer).
  reminders: 'UPDATE ticket_reminders SET note = NULL WHERE ticket_id = ANY($1::uuid[])',
  // Time spent stays (the team's record, summed on the reports), what its notes said goes.
  timeNotes: 'UPDATE ticket_time_entries SET note = NULL WHERE ticket_id = ANY($1::uuid[])',
  // Corrections of that time (0048) quote its notes as they were and became: those go too, who changed what when stays.
  timeCorrectionNotes: 'UPDATE ticket_time_corrections SET note_before = NULL, note_after = NULL WHERE ticket_id = ANY($1::uuid[])',
  ratings: `UPDATE ticket_ratings SET comment = NULL WHERE ticket_id IN (
      SELECT ticket_id FROM ticket_ratings WHERE ticket_id = ANY($1::uuid[])
      UNION SELECT ticket_id FROM ticket_ratings WHERE $2::uuid IS NOT NULL AND contact_id = $2)`,
  held: `UPDATE held_requests SET request = '{}', review_note = NULL
    WHERE id IN (
      SELECT id FROM held_requests WHERE ticket_id = ANY($1::uuid[])
      UNION SELECT id FROM held_requests WHERE $2::uuid IS NOT NULL AND (requester_id = $2 OR (actor_kind = 'contact' AND actor_id = $2) OR strpos(lower(request::text), $3) > 0))
    RETURNING id`,
  inbound: `DELETE FROM inbound_messages WHERE id IN (
      SELECT id FROM inbound_messages WHERE ticket_id = ANY($1::uuid[])
      UNION SELECT id FROM inbound_messages WHERE $2::text IS NOT NULL AND (lower(from_address) = $2 OR lower(envelope_from) = $2)
        AND ($3::timestamptz IS NULL OR received_at <= $3))`,
  outbox: `UPDATE outbox SET subject = $3, body = $3,
      recipient = CASE WHEN lower(recipient) = $2 THEN $4 ELSE recipient END,
      payload = jsonb_strip_nulls(jsonb_build_object('ticket_id', payload->'ticket_id', 'erased', true)),
      status = CASE WHEN status = 'pending' THEN 'suppressed' ELSE status END,
      last_error = CASE WHEN status = 'pending' THEN 'not sent: its words were erased' ELSE last_error END
    WHERE id IN (
      SELECT id FROM outbox WHERE payload->>'ticket_id' = ANY($1::text[])
      UNION SELECT o.id FROM outbox o JOIN held_requests h ON o.payload->>'held_request_id' = h.id::text WHERE h.ticket_id = ANY($1::uuid[])
      UNION SELECT id FROM outbox WHERE $2::text IS NOT NULL AND (lower(recipient) = $2 OR strpos(lower(body), $2) > 0 OR strpos(lower(subject), $2) > 0)
        AND ($5::timestamptz IS NULL OR created_at <= $5))`,
  // Deliveries carrying the tickets were made while they lived ($2..$3); those carrying the person anywhere ($4).
  webhooks: `UPDATE webhook_deliveries SET payload = jsonb_build_object('id', payload->'id', 'type', payload->'type', 'created_at', payload->'created_at', 'data', jsonb_build_object('erased', true))
    WHERE id IN (
      SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND created_at >= $2 AND created_at <= $3 AND payload->'data'->'ticket'->>'id' = ANY($1::text[])
      UNION SELECT id FROM webhook_deliveries WHERE status = 'pending' AND payload->'data'->'ticket'->>'id' = ANY($1::text[])
      UNION SELECT id FROM webhook_deliveries WHERE $4::text[] IS NOT NULL AND EXISTS (SELECT 1 FROM unnest($4::text[]) n WHERE strpos(lower(payload::text), n) > 0))`,
  // Replayable answers (kept 24 hours, a small table): those that hold the words go now.
  idempotency: 'DELETE FROM idempotency_keys WHERE actor = $1 OR EXISTS (SELECT 1 FROM unnest($2::text[]) n WHERE strpos(response_body::text, n) > 0)',
  // The demo's mail catcher (empty when mail is relayed).
  captured: 'DELETE FROM captured_mail WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) n WHERE strpos(lower(recipients::text), n) > 0 OR strpos(lower(raw), n) > 0)',
  // The mail held requests came as ($1: their ids): with their tickets' words, and with dismissed ones' (retention.ts).
  heldInbound: 'DELETE FROM inbound_messages WHERE held_request_id = ANY($1::uuid[])',
  erasedEvents: `INSERT INTO ticket_events (id, ticket_id, at, actor_kind, actor_id, type, visibility, body, data)
    SELECT ids.id, ids.ticket_id, $3, $4, $5, 'erased', 'internal', $6, '{}' FROM unnest($1::uuid[], $2::uuid[]) AS ids(id, ticket_id)`,
} as const;

/** An address a person had before theirs was corrected, theirs until `until`. */
export type FormerAddress = { email: string; until: Temporal.Instant };

/**
 * Takes (deletes) the record of the addresses a person had before theirs was corrected
 * (`contact_former_emails` or `agent_former_emails`), each with when it stopped being theirs:
 * someone who came later may have it now, and what is theirs stays. Their address now is left out.
 */
export async function takeFormerAddresses(tx: Db, person: { kind: 'contact' | 'agent'; id: string; email: string }): Promise<FormerAddress[]> {
  const sql = person.kind === 'contact'
    ? 'DELETE FROM contact_former_emails WHERE contact_id = $1 RETURNING email, changed_at'
    : 'DELETE FROM agent_former_emails WHERE agent_id = $1 RETURNING email, changed_at';
  const { rows } = await tx.query<{ email: string; changed_at: Temporal.Instant }>(sql, [person.id]);
  return rows.filter((r) => r.email !== person.email).map((r) => ({ email: r.email, until: r.changed_at }));
}

/**
 * The audit trail keeps who did what and when; what it quoted of a person goes: entries about them
 * (`subject_kind`), or quoting their address now ($2) or one they had while it was theirs ($3, $4).
 */
export async function eraseAuditQuotes(tx: Db, person: { kind: 'contact' | 'agent'; id: string; email: string }, former: readonly FormerAddress[]): Promise<number> {
  return countWritten(
    tx,
    `UPDATE audit_events SET data = '{}' WHERE (subject_kind = $5 AND subject_id = $1) OR strpos(lower(data::text), $2) > 0
       OR EXISTS (SELECT 1 FROM unnest($3::text[], $4::timestamptz[]) AS f(email, until) WHERE strpos(lower(data::text), f.email) > 0 AND audit_events.at <= f.until)`,
    [person.id, person.email, former.map((f) => f.email), former.map((f) => f.until.toString()), person.kind],
  );
}

/** How many rows a write touched (the Db port returns rows only): `sql` is an UPDATE or DELETE. */
export async function countWritten(tx: Db, sql: string, params: unknown[]): Promise<number> {
  return (await tx.query(`${sql} RETURNING 1`, params)).rows.length;
}

export async function eraseWords(
  tx: Db,
  { ticketIds, person, now, actor, note }: { ticketIds: string[]; person: ErasedPerson | null; now: Temporal.Instant; actor: Actor; note: string },
): Promise<WordsErased> {
  const Q = ERASE_WORDS_SQL;
  const count = (sql: string, params: unknown[]) => countWritten(tx, sql, params);
  const contactId = person?.contactId ?? null;
  const email = person?.email ?? null;
  const { rows: [span] } = await tx.query<{ first: Temporal.Instant | null; last: Temporal.Instant | null }>(Q.span, [ticketIds]);

  // The tickets: the words go, the history stays (the search columns follow: they are generated).
  await tx.query(Q.tickets, [ticketIds, ERASED, now]);
  const filesDeleted = await count(Q.files, [ticketIds, contactId]);
  const eventsErased = await count(Q.events, [ticketIds, contactId, ERASED, QUOTING_KEYS]);
  await tx.query(Q.ratings, [ticketIds, contactId]);
  await tx.query(Q.reminders, [ticketIds]);
  await tx.query(Q.sideConversations, [ticketIds, ERASED]);
  await tx.query(Q.undelivered, [ticketIds, email]);
  await tx.query(Q.timeNotes, [ticketIds]);
  await tx.query(Q.timeCorrectionNotes, [ticketIds]);
  // Requests the policy held (that became these tickets, or from the person): what was asked goes, the decision stays.
  const { rows: held } = await tx.query<{ id: string }>(Q.held, [ticketIds, contactId, email]);
  await tx.query('DELETE FROM held_request_files WHERE held_request_id = ANY($1::uuid[])', [held.map((h) => h.id)]);
  // Mail as it arrived: about the tickets, or from the person (attachments go with it, ON DELETE CASCADE),
  // and the mail a held request came as (a request held, then accepted, is not the ticket's mail).
  const inboundDeleted = await count(Q.inbound, [ticketIds, email, null]) + await count(Q.heldInbound, [held.map((h) => h.id)]);
  await tx.query(Q.captured, [[...(email ? [email] : []), ...ticketIds]]);
  // Mail sent: about the tickets (to the requester, copied colleagues, agents), to the person, or
  // quoting their address. Kept as a record that something was sent (threading reads its
  // Message-ID), its words erased; not yet sent, not sent.
  const outboxErased = await count(Q.outbox, [ticketIds, email, ERASED, person?.placeholder ?? null, null]);
  // Webhook bodies that carried the tickets, the person or their address: the envelope stays, the data goes.
  const webhookDeliveriesErased = await count(Q.webhooks, [ticketIds, span.first ?? now, span.last ?? now, person ? [person.contactId, person.email, ...ticketIds] : null]);
  await tx.query(Q.idempotency, [contactId ? `contact:${contactId}` : null, [...(contactId ? [contactId] : []), ...ticketIds]]);
  if (ticketIds.length > 0) {
    await tx.query(Q.erasedEvents, [ticketIds.map(() => randomUUID()), ticketIds, now, actor.kind, actor.kind === 'system' ? null : actor.id, note]);
  }
  return { ticketsErased: ticketIds.length, eventsErased, filesDeleted, inboundDeleted, outboxErased, webhookDeliveriesErased, heldRequestsErased: held.length };
}
