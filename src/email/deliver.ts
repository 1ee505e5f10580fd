// Delivering the outbox: claim, send, record. At least once, and at most one duplicate:
// - claim: one conditional UPDATE takes due, pending rows, counts the attempt and moves
//   next_attempt_at to the end of a claim, so a concurrent worker never sends the same attempt;
// - send: outside any transaction, so a slow relay holds no lock; the Message-ID comes from the
//   row's id, so every attempt is the same message to the receiving side;
// - record: stored only if the row is still at the attempt we claimed (a few rows per statement).
// A worker that dies between sending and recording leaves its claim to lapse, and the row is sent
// again, with the same Message-ID, which mail clients and relays treat as one message.
import type { Ctx, Db } from '../platform/index.ts';
import { filesForMail, recordUndeliveredMail } from '../tickets/index.ts';
import { composeMail, fileIdsOf, type OutboxRow, type Thread } from './compose.ts';
import { outboxMessageId, statusEntryRootId } from './headers.ts';
import type { MailSender, SendOutcome } from './sender.ts';
import type { EmailSettings } from './settings.ts';

// After attempt n fails, attempt n + 1 is due RETRY_DELAYS[n - 1] later (plus up to 20% jitter,
// so messages that failed together in a relay's outage do not all return in the same second).
// Eight attempts over about 42 hours: a relay down for a night loses nothing.
export const RETRY_DELAYS: readonly Temporal.Duration[] = [
  Temporal.Duration.from({ minutes: 1 }),
  Temporal.Duration.from({ minutes: 5 }),
  Temporal.Duration.from({ minutes: 15 }),
  Temporal.Duration.from({ hours: 1 }),
  Temporal.Duration.from({ hours: 4 }),
  Temporal.Duration.from({ hours: 12 }),
  Temporal.Duration.from({ hours: 24 }),
];
export const MAX_ATTEMPTS = RETRY_DELAYS.length + 1;
const JITTER = 0.2;
// Far longer than a batch of sends takes (each send is bounded by the transport's timeouts), so a
// live worker's claim never lapses; a dead worker's does, and its rows are sent again. The default
// of MailDeliverySettings.claim, which ACCORD_MAIL_CLAIM_SECONDS sets (src/platform/config.ts).
export const CLAIM = Temporal.Duration.from({ minutes: 10 });
const BATCH = 100;
const CONCURRENCY = 8;

export type MailDeliverySettings = { email: EmailSettings; sender: MailSender; random?: () => number; batchSize?: number; claim?: Temporal.Duration };
export type MailRun = { sent: number; retrying: number; failed: number; suppressed: number };

export function nextAttemptAt(at: Temporal.Instant, attempts: number, random: () => number): Temporal.Instant | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const base = RETRY_DELAYS[attempts - 1].total('milliseconds');
  return at.add({ milliseconds: Math.round(base * (1 + JITTER * random())) });
}

/**
 * Takes up to `limit` rows due at `now` for this worker, claimed until `until`; see the header for
 * why it is one UPDATE. Oldest due first, then in the order they were written (created_at, then
 * seq: migration 0076), so the reply and the "case is solved" of one action, which share
 * created_at, are claimed in that order even across a batch's limit. Within a batch the sends
 * run concurrently, and a retry goes after later mail: their order is not held there. The two
 * carry the same Date (composeMail: created_at, whole seconds).
 */
export async function claimDueMail(db: Db, now: Temporal.Instant, limit: number, until: Temporal.Instant = now.add(CLAIM)): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(
    `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2
     WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND coalesce(next_attempt_at, created_at) <= $1
                  ORDER BY coalesce(next_attempt_at, created_at), created_at, seq LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING id, kind, recipient, subject, body, payload, created_at, attempts`,
    [now, until, limit],
  );
  return rows;
}

/** The customer's messages on the row's ticket, which its threading headers answer. */
async function threadOf(db: Db, row: OutboxRow, domain: string): Promise<Thread | null> {
  const ticketId = typeof row.payload.ticket_id === 'string' ? row.payload.ticket_id : null;
  // A status page notice about an incident or maintenance: on that entry's thread, its other notices'.
  if (!ticketId && row.kind === 'status_notice' && typeof row.payload.status_entry_id === 'string') {
    return { answersMessageId: statusEntryRootId(row.payload.status_entry_id, domain) };
  }
  if (!ticketId) return heldThreadOf(db, row);
  if (typeof row.payload.side_conversation_id === 'string') return sideThreadOf(db, row, row.payload.side_conversation_id, domain);
  // Only what the customer's own people sent (an address of a contact of the ticket's organization,
  // now or before it was corrected): a third party's answer in a side conversation, or an agent's
  // answer by mail, is on the ticket too, but its Message-ID would tell the customer who wrote it.
  // A mail held for review that an agent accepted (held_requests.ticket_id) is the ticket's first.
  const { rows } = await db.query<{ message_id: string }>(
    `SELECT m.message_id FROM inbound_messages m JOIN tickets t ON t.id = $1
     WHERE m.message_id IS NOT NULL
       AND ((m.ticket_id = $1 AND m.status IN ('created', 'appended'))
         OR (m.status = 'held' AND m.held_request_id IN (SELECT h.id FROM held_requests h WHERE h.ticket_id = $1)))
       AND EXISTS (SELECT 1 FROM contacts c WHERE c.organization_id = t.organization_id
         AND (c.email = lower(m.from_address) OR EXISTS (SELECT 1 FROM contact_former_emails f WHERE f.contact_id = c.id AND f.email = lower(m.from_address))))
     ORDER BY m.received_at LIMIT 50`,
    [ticketId],
  );
  return { ticketId, customerMessageIds: rows.map((r) => `<${r.message_id}>`) };
}

/** The answers to a mail held for review, to its sender (held_receipt, held_dismissed): on that mail's thread. */
async function heldThreadOf(db: Db, row: OutboxRow): Promise<Thread | null> {
  const held = row.payload.held_request_id;
  if ((row.kind !== 'held_receipt' && row.kind !== 'held_dismissed') || typeof held !== 'string') return null;
  const { rows } = await db.query<{ message_id: string }>(
    'SELECT message_id FROM inbound_messages WHERE held_request_id = $1::uuid AND message_id IS NOT NULL ORDER BY received_at LIMIT 1', [held],
  );
  return rows[0] ? { answersMessageId: `<${rows[0].message_id}>` } : null;
}

/**
 * A side conversation's earlier messages (tickets/side-conversations.ts): what we sent, by its
 * outbox row's id; what they answered, by theirs. By the conversation, on whatever ticket each is
 * (a merged ticket's conversation goes on on the ticket it was merged into: index of 0059).
 */
async function sideThreadOf(db: Db, row: OutboxRow, conversationId: string, domain: string): Promise<Thread> {
  const { rows } = await db.query<{ id: string; type: string; outbox_id: string | null; message_id: string | null }>(
    `SELECT id, type, data->>'outbox_id' AS outbox_id, data->>'message_id' AS message_id FROM ticket_events
     WHERE type IN ('side_message', 'side_reply') AND data->>'conversation_id' = $1 AND at <= $2 ORDER BY at, seq`,
    [conversationId, row.created_at],
  );
  // Never the message this row is a copy of: each one in the conversation gets a copy of their own,
  // and the event names the counterpart's copy (tickets/side-conversations.ts).
  const ids = rows.flatMap((r) => {
    if (r.type === 'side_message' && r.outbox_id && r.outbox_id !== row.id && r.id !== row.payload.event_id) return [outboxMessageId(r.outbox_id, domain)];
    if (r.type === 'side_reply' && r.message_id) return [`<${r.message_id}>`];
    return [];
  });
  return { sideMessageIds: ids };
}

/**
 * The loop breaker: an automatic answer to incoming mail (`payload.auto_reply`: the receipt of a
 * ticket that came by email) to an address that already had `count` of them in the window is not
 * sent. Counted by when each answer was decided: a loop makes many in a short time; a backlog sent
 * after an outage is not a loop. A person's reply is never held back. `approved` holds this run's
 * answers per address (added synchronously after the query), so a batch cannot overshoot.
 */
async function overAutoReplyLimit(db: Db, row: OutboxRow, settings: EmailSettings, approved: Map<string, Set<string>>): Promise<boolean> {
  if (row.payload.auto_reply !== true) return false;
  const { count, windowMinutes } = settings.autoReplyLimit;
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM outbox WHERE recipient = $1 AND status = 'sent' AND created_at > $2 AND payload->>'auto_reply' = 'true'
     ORDER BY created_at DESC LIMIT $3`,
    [row.recipient, row.created_at.subtract({ minutes: windowMinutes }), count],
  );
  const mine = approved.get(row.recipient) ?? new Set<string>();
  if (new Set([...mine, ...rows.map((r) => r.id)]).size >= count) return true;
  approved.set(row.recipient, mine.add(row.id));
  return false;
}

type Outcome = SendOutcome | { suppressed: string };
type Attempted = { row: OutboxRow; at: Temporal.Instant; outcome: Outcome };
// Outcomes are recorded a few at a time, in one statement: a row sent but not yet recorded is
// sent again only if the worker dies in that moment, which the claim already allows for.
const RECORD_EVERY = 20;

function stateAfter({ row, at, outcome }: Attempted, random: () => number) {
  if ('suppressed' in outcome) return { status: 'suppressed', next: null, error: outcome.suppressed, sentAt: null };
  if (outcome.sent) return { status: 'sent', next: null, error: null, sentAt: at };
  const next = outcome.permanent ? null : nextAttemptAt(at, row.attempts, random);
  return { status: next ? 'pending' : 'failed', next, error: outcome.error.slice(0, 1000), sentAt: null };
}

/** Stores outcomes, each only if its row is still at the attempt we claimed; returns what was stored. */
async function record(db: Db, attempted: Attempted[], random: () => number, domain: string): Promise<Array<{ id: string; status: string }>> {
  if (attempted.length === 0) return [];
  const params: unknown[] = [];
  const tuples = attempted.map((a) => {
    const s = stateAfter(a, random);
    params.push(a.row.id, a.row.attempts, s.status, s.next, s.error, s.sentAt, outboxMessageId(a.row.id, domain));
    const b = params.length - 7;
    return `($${b + 1}::uuid, $${b + 2}::int, $${b + 3}::text, $${b + 4}::timestamptz, $${b + 5}::text, $${b + 6}::timestamptz, $${b + 7}::text)`;
  });
  const { rows } = await db.query<{ id: string; status: string }>(
    `UPDATE outbox o SET status = v.status, next_attempt_at = v.next, last_error = v.error, sent_at = v.sent_at, message_id = v.message_id
     FROM (VALUES ${tuples.join(', ')}) AS v(id, attempts, status, next, error, sent_at, message_id)
     WHERE o.id = v.id AND o.attempts = v.attempts AND o.status = 'pending' RETURNING o.id, v.status`,
    params,
  );
  return rows;
}

/**
 * A ticket's mail refused for good: its timeline says so and whoever holds it hears
 * (tickets/undelivered-mail.ts). Its failure is logged, never the delivery's: the row is recorded.
 */
async function undelivered(ctx: Ctx, outboxId: string): Promise<void> {
  try {
    await recordUndeliveredMail({ ctx, input: { outboxId, how: 'failed' } });
  } catch (e) {
    ctx.logger.warn({ outboxId, err: e }, 'could not record undelivered mail on its ticket');
  }
}

/**
 * One run of the delivery job: everything due at ctx.clock.now(), in batches, a few at a time.
 * Safe to run on any number of workers at once.
 * @example
 * await deliverDueMail({ ctx, settings: { email, sender: smtpSender(url) } });
 */
export async function deliverDueMail({ ctx, settings }: { ctx: Ctx; settings: MailDeliverySettings }): Promise<MailRun> {
  const random = settings.random ?? Math.random;
  const run: MailRun = { sent: 0, retrying: 0, failed: 0, suppressed: 0 };
  const now = ctx.clock.now();
  const approved = new Map<string, Set<string>>();
  for (;;) {
    // A claim runs from when it is taken, not from the start of the run: the later batches of a
    // long run (a backlog after an outage) are held as long as the first.
    const claimed = await claimDueMail(ctx.db, now, settings.batchSize ?? BATCH, ctx.clock.now().add(settings.claim ?? CLAIM));
    if (claimed.length === 0) return run;
    const queue = [...claimed];
    let done: Attempted[] = [];
    const flush = async () => {
      const taken = done;
      done = [];
      for (const { id, status } of await record(ctx.db, taken, random, settings.email.domain)) {
        if (status === 'sent') run.sent++;
        else if (status === 'pending') run.retrying++;
        else if (status === 'failed') {
          run.failed++;
          await undelivered(ctx, id);
        } else if (status === 'suppressed') run.suppressed++;
      }
    };
    const worker = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        const at = ctx.clock.now();
        let outcome: Outcome;
        if (await overAutoReplyLimit(ctx.db, row, settings.email, approved)) {
          const { count, windowMinutes } = settings.email.autoReplyLimit;
          outcome = { suppressed: `automatic reply limit: ${count} to this address in ${windowMinutes} minutes` };
        } else {
          outcome = await settings.sender.send(composeMail(row, settings.email, await threadOf(ctx.db, row, settings.email.domain), await filesForMail(ctx.db, fileIdsOf(row))), row.id);
        }
        if ('sent' in outcome && !outcome.sent) ctx.logger.info({ outboxId: row.id, attempt: row.attempts, error: outcome.error }, 'mail attempt failed');
        done.push({ row, at, outcome });
        if (done.length >= RECORD_EVERY) await flush();
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, claimed.length) }, worker));
    await flush();
  }
}
