// The webhook event catalogue: a closed set of types, and for each the `data` it carries. Other
// domains pass `data` in the domain's shape (camelCase, Temporal.Instant); receivers get it as
// the API shows things (snake_case, ISO-8601), inside {"id", "type", "created_at", "data"}.
//
// Payloads carry ids and fields a customer may see, nothing else: never an internal note, an
// engineering link or an SLA explanation. Every schema is strict, so a field not listed here is
// refused at emit time (in the caller's transaction) instead of leaking to a receiver.
import { z } from 'zod';

const Instant = z.instanceof(Temporal.Instant, { message: 'must be a Temporal.Instant' });
const Id = z.uuid();
/** The severity a clock was owed under when it fired (sla_clocks.severity, else the ticket's). */
const ClockSeverity = z.number().int();
const Text = (max: number) => z.string().max(max);

/**
 * The ticket as every ticket event shows it: who, what, where it stands. Never the description,
 * intake answers, notes or links; a receiver reads the rest through the API.
 */
export const WebhookTicket = z.strictObject({
  id: Id,
  number: z.number().int(),
  organizationId: Id,
  requesterId: Id,
  subject: Text(300),
  status: z.string().max(50),
  severity: z.number().int(),
  /** The plan whose targets the ticket runs on. */
  plan: z.string().max(100),
  channel: z.string().max(50),
  assigneeId: Id.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type WebhookTicket = z.infer<typeof WebhookTicket>;

const change = <T extends z.ZodType>(value: T) => z.strictObject({ from: value, to: value });

/**
 * A file sent with a public reply or added on its own (never one of an internal note): what it is;
 * its bytes are read through the API (GET /api/v1/tickets/{id}/attachments/{id}).
 */
const WebhookFile = z.strictObject({ id: Id, filename: Text(255).nullable(), contentType: Text(255), size: z.number().int().nonnegative() });
export type WebhookFile = z.infer<typeof WebhookFile>;

/** `data` of each event type. */
export const WEBHOOK_EVENT_DATA = {
  /** A ticket was opened: `{ ticket }`. */
  'ticket.created': z.strictObject({ ticket: WebhookTicket }),
  /**
   * Status, assignee, requester, copies or severity changed: `{ ticket, changes, reason }`, where `changes` holds
   * only what changed, each as `{ from, to }`, and `reason` is the reason the customer is shown
   * (a regrade's reason), or null.
   */
  'ticket.updated': z.strictObject({
    ticket: WebhookTicket,
    changes: z
      .strictObject({
        status: change(z.string().max(50)).optional(),
        assigneeId: change(Id.nullable()).optional(),
        requesterId: change(Id).optional(),
        /** Contacts copied on the ticket or no longer (tickets/ccs.ts), by id. */
        ccs: z.strictObject({ added: z.array(Id).max(100), removed: z.array(Id).max(100) }).optional(),
        severity: change(z.number().int()).optional(),
      })
      .refine((c) => Object.keys(c).length > 0, 'at least one change'),
    reason: Text(2000).nullable(),
  }),
  /**
   * A public reply, by the customer or an agent: `{ ticket, reply }`. Internal notes are never
   * emitted; `visibility` must say "public" so a note cannot be passed by mistake.
   */
  'ticket.replied': z.strictObject({
    ticket: WebhookTicket,
    reply: z.strictObject({
      /** The timeline event's id. */
      id: Id,
      at: Instant,
      author: z.strictObject({ kind: z.enum(['agent', 'contact']), id: Id }),
      body: Text(100_000),
      visibility: z.literal('public'),
      /** The files that came with it (on the desk, by the API or attached to the customer's mail). */
      files: z.array(WebhookFile),
    }),
  }),
  /**
   * Files added to a ticket without a reply (a customer's files with a new case, by the portal or
   * attached to the mail that opened it, or sent by the API): `{ ticket, added: { id, at, author, files } }`. Files on internal notes are never emitted.
   */
  'ticket.files_added': z.strictObject({
    ticket: WebhookTicket,
    added: z.strictObject({
      /** The timeline event's id. */
      id: Id,
      at: Instant,
      author: z.strictObject({ kind: z.enum(['agent', 'contact']), id: Id }),
      files: z.array(WebhookFile).min(1),
    }),
  }),
  /**
   * The ticket was merged into another about the same matter, and closed: `{ ticket, into: { id,
   * number } }`. The conversation continues on `into`; a ticket.updated for the status precedes it.
   */
  'ticket.merged': z.strictObject({
    ticket: WebhookTicket,
    into: z.strictObject({ id: Id, number: z.number().int() }),
  }),
  /**
   * The customer rated the support on a solved ticket: `{ ticket, rating: { rating, comment,
   * contact_id, rated_at } }`, `rating` good or bad; a later rating of the same ticket replaces it.
   */
  'ticket.rated': z.strictObject({
    ticket: WebhookTicket,
    rating: z.strictObject({ rating: z.enum(['good', 'bad']), comment: Text(2000).nullable(), contactId: Id, ratedAt: Instant }),
  }),
  /**
   * A target reached its goal (the warning): `{ ticket, clock: { id, metric, goal_at, due_at, severity } }`;
   * `severity`: the one the clock was owed under then (after a regrade the ticket's may be another).
   */
  'sla.warning': z.strictObject({
    ticket: WebhookTicket,
    clock: z.strictObject({ id: Id, metric: z.string().max(50), goalAt: Instant, dueAt: Instant.nullable(), severity: ClockSeverity }),
  }),
  /** A target was missed: `{ ticket, clock: { id, metric, due_at, severity } }`, `severity` the one the missed target belonged to. */
  'sla.breached': z.strictObject({
    ticket: WebhookTicket,
    clock: z.strictObject({ id: Id, metric: z.string().max(50), dueAt: Instant, severity: ClockSeverity }),
  }),
  /**
   * The on-call engineer was paged under an after-hours rule of the policy:
   * `{ ticket, page: { rule_id, staffed_by, agent_id } }` (agent_id null when no one is named).
   */
  'oncall.paged': z.strictObject({
    ticket: WebhookTicket,
    page: z.strictObject({ ruleId: z.string().max(100).nullable(), staffedBy: Text(200).nullable(), agentId: Id.nullable() }),
  }),
  /**
   * The ticket moved up the policy's escalation levels: `{ ticket, escalation: { from_level,
   * to_level } }`, levels by their policy ids. Never the agent's reason: it is internal (the
   * ticket's `escalated` event is), and may name the engineering issue.
   */
  'ticket.escalated': z.strictObject({
    ticket: WebhookTicket,
    escalation: z.strictObject({
      fromLevel: z.string().max(100).nullable(),
      toLevel: z.string().max(100),
    }),
  }),
  /**
   * A contact's personal data was erased on request (privacy/erase-contact.ts): `{ contact_id,
   * organization_id, ticket_ids, erased_at }`, the tickets they opened, whose words were erased too.
   * A receiver that kept copies erases them as well (GDPR art. 19: recipients are told).
   */
  'contact.erased': z.strictObject({ contactId: Id, organizationId: Id, ticketIds: z.array(Id), erasedAt: Instant }),
  /**
   * A ticket's words were erased by the retention schedule (privacy/retention.ts), its history
   * kept: `{ ticket_id, number, erased_at }`. A receiver that kept copies erases them as well.
   */
  'ticket.erased': z.strictObject({ ticketId: Id, number: z.number().int(), erasedAt: Instant }),
  /** A test delivery asked for through the API, to one webhook only: `{ webhook_id }`. */
  ping: z.strictObject({ webhookId: Id }),
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_DATA;
export type WebhookEventData = { [T in WebhookEventType]: z.input<(typeof WEBHOOK_EVENT_DATA)[T]> };

export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENT_DATA) as WebhookEventType[];

/** The types a webhook can subscribe to, and other domains emit; `ping` goes to one webhook on request. */
export type EmittedEventType = Exclude<WebhookEventType, 'ping'>;
export const EMITTED_EVENT_TYPES = WEBHOOK_EVENT_TYPES.filter((t): t is EmittedEventType => t !== 'ping');

/** Subscribing to every type, including types added later. */
export const ALL_EVENTS = '*';
