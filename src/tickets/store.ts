// Ticket rows and timeline events: reading them for an actor, writing events.
import { randomUUID } from 'node:crypto';
import { isUuid } from '../platform/ids.ts';
import { ConflictError, ForbiddenError, NotFoundError, writeAll, type Actor, type Db, type Rows } from '../platform/index.ts';

export type TicketRow = {
  id: string;
  number: number;
  organization_id: string;
  requester_id: string;
  subject: string;
  description: string;
  channel: string;
  status: string;
  severity: number;
  plan_id: string;
  request_type: string | null;
  intake_answers: Record<string, unknown>;
  assignee_id: string | null;
  policy_version: number;
  created_at: Temporal.Instant;
  updated_at: Temporal.Instant;
  solved_at: Temporal.Instant | null;
  /** When it took its current status (waiting on the customer: or an agent's reply last asked them); null: since it was opened (0050). */
  status_since: Temporal.Instant | null;
  classification: Classification | Record<string, never>;
  requested_severity: number | null;
  queue: string | null;
  coverage: Coverage | null;
  escalation_level: string | null;
  eta: Temporal.Instant | null;
  handover_at: Temporal.Instant | null;
  handed_over_at: Temporal.Instant | null;
  /** The ticket this one was merged into (merge-ticket.ts); it is closed. */
  merged_into: string | null;
  /** Written on the portal's form, whatever channel it was filed through (OpenBack's Email: policy/channel-names.ts filedName; 0071). */
  filed_in_portal: boolean;
};

/** How a ticket's severity was decided, in words a customer can read. */
export type Classification = {
  source: 'rules' | 'contact' | 'agent' | 'default';
  severity: number;
  rule: string | null;
  reason: string;
};

/** A ticket support does not cover, with the policy's own words. */
export type Coverage = { kind: 'exclusion' | 'requirement'; id: string; text: string };

export type EventRow = {
  id: string;
  ticket_id: string;
  at: Temporal.Instant;
  actor_kind: 'agent' | 'contact' | 'system';
  actor_id: string | null;
  type: string;
  visibility: 'public' | 'internal';
  body: string | null;
  data: Record<string, unknown>;
  /** Its place in the order of the ticket's writes (read from the table; absent on entries not stored). */
  seq?: string | number;
};


/**
 * The ticket if this actor may see it. Anything a contact may not see is "not found", so
 * ids of other organizations' tickets cannot be probed; `FOR UPDATE` serializes writers.
 */
export async function ticketForActor(db: Db, actor: Actor, id: string, forUpdate = false): Promise<TicketRow> {
  if (!isUuid(id)) throw new NotFoundError('ticket not found');
  const { rows } = await db.query<TicketRow>(`SELECT * FROM tickets WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  const t = rows[0];
  if (!t || (actor.kind === 'contact' && t.organization_id !== actor.organizationId)) throw new NotFoundError('ticket not found');
  return t;
}

/** The id of the ticket with this number, if the actor may see it (a contact: their organization's); else not found. */
export async function ticketIdOfNumber(db: Db, actor: Actor, number: number): Promise<string> {
  const { rows } = await db.query<{ id: string; organization_id: string }>('SELECT id, organization_id FROM tickets WHERE number = $1', [number]);
  const t = rows[0];
  if (!t || (actor.kind === 'contact' && t.organization_id !== actor.organizationId)) throw new NotFoundError('ticket not found');
  return t.id;
}

export function requireAgent(actor: Actor, what: string): asserts actor is Extract<Actor, { kind: 'agent' }> | Extract<Actor, { kind: 'system' }> {
  if (actor.kind === 'contact') throw new ForbiddenError(`only agents can ${what}`);
}

/**
 * Passes for an agent only: a verb that is a person's own (following, a reminder, presence, time
 * spent). A contact is forbidden; the system actor, having no one to act as, is refused as a conflict.
 */
export function requireAgentPerson(actor: Actor, what: string): asserts actor is Extract<Actor, { kind: 'agent' }> {
  requireAgent(actor, what);
  if (actor.kind !== 'agent') throw new ConflictError(`only an agent can ${what}`);
}

export type NewEvent = { ticketId: string; at: Temporal.Instant; actor: Actor; type: string; visibility: 'public' | 'internal'; body?: string | null; data?: Record<string, unknown> };

/** One INSERT of timeline events, in the given order (their sequence follows it); each with a new id. */
export function eventsInsert(events: readonly NewEvent[]): { write: Rows; ids: string[] } {
  const ids: string[] = [];
  const rows = events.map((e) => {
    const id = randomUUID();
    ids.push(id);
    return [id, e.ticketId, e.at, e.actor.kind, e.actor.kind === 'system' ? null : e.actor.id, e.type, e.visibility, e.body ?? null, JSON.stringify(e.data ?? {})];
  });
  // In the order given: a ticket's events are ordered by their sequence.
  return {
    write: {
      sql: `INSERT INTO ticket_events (id, ticket_id, at, actor_kind, actor_id, type, visibility, body, data)
       SELECT c1::uuid, c2::uuid, c3::timestamptz, c4, c5::uuid, c6, c7, c8, c9::jsonb FROM {rows} ORDER BY ord`,
      columns: 9,
      rows,
    },
    ids,
  };
}

export async function writeEvent(db: Db, e: NewEvent): Promise<string> {
  const { write, ids } = eventsInsert([e]);
  await writeAll(db, [write]);
  return ids[0];
}

/** A ticket's timeline, oldest first (the history its clocks are projected from). */
export async function eventsOf(db: Db, ticketId: string): Promise<EventRow[]> {
  return (await db.query<EventRow>('SELECT * FROM ticket_events WHERE ticket_id = $1 ORDER BY at, seq', [ticketId])).rows;
}

export async function touchTicket(db: Db, id: string, at: Temporal.Instant): Promise<void> {
  await db.query('UPDATE tickets SET updated_at = $2 WHERE id = $1', [id, at]);
}

/**
 * A WITH RECURSIVE clause naming `here(id)`: the ticket `param` and every ticket merged into it,
 * through merges of merges (their `merged_from` events), so what was asked on one merged away
 * counts on the ticket the conversation goes on on.
 */
export const withMergedHere = (param: string) => `WITH RECURSIVE here(id) AS (
    SELECT ${param}::uuid
    UNION SELECT (m.data->>'ticket_id')::uuid FROM ticket_events m JOIN here ON m.ticket_id = here.id WHERE m.type = 'merged_from' AND m.data ? 'ticket_id')`;

/**
 * The ticket a merged one's conversation goes on on: the end of its chain of merges (a ticket merged
 * into one later merged on), by id and number; null for a ticket not merged. At most 20 merges followed.
 */
export async function mergedEnd(db: Db, ticket: Pick<TicketRow, 'merged_into'>): Promise<{ id: string; number: number } | null> {
  if (!ticket.merged_into) return null;
  const { rows } = await db.query<{ id: string; number: string }>(
    `WITH RECURSIVE chain(id, number, merged_into, hops) AS (
       SELECT id, number, merged_into, 1 FROM tickets WHERE id = $1
       UNION ALL SELECT t.id, t.number, t.merged_into, c.hops + 1 FROM tickets t JOIN chain c ON t.id = c.merged_into WHERE c.hops < 20)
     SELECT id, number FROM chain ORDER BY (merged_into IS NULL) DESC, hops DESC LIMIT 1`,
    [ticket.merged_into],
  );
  return rows[0] ? { id: rows[0].id, number: Number(rows[0].number) } : null;
}
