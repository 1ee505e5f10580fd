// Inputs of the ticket verbs: one zod schema per verb, shared by the API, email and CLI.
// camelCase like every verb's input (the HTTP edge translates the API's snake_case); the
// ticket a verb acts on is `ticketId`, beside the fields.
import { z } from 'zod';

export const CHANNELS = ['web', 'email', 'phone', 'chat', 'api'] as const;
// A channel as people read it: by the policy's name for it (policy/channel-names.ts channelName).
export const STATUSES = ['open', 'pending_customer', 'pending_third_party', 'solved', 'closed'] as const;
/** The statuses as people read them (pages, mail to the vendor's people): the policy's names. */
export { STATUS_NAMES } from '../policy/names.ts';

const Uuid = z.uuid();
// PostgreSQL text cannot hold U+0000: refuse it here, naming the field, rather than fail in SQL.
export const noNul = (v: string) => !v.includes('\u0000');
/** Words a person wrote: trimmed, not empty, at most `max` characters, no NUL. */
export const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max).refine(noNul, 'must not contain NUL characters');

// Files sent with a reply, a note or a new case (tickets/files.ts stores them); the limits match
// what the email channel accepts in one message (25 MiB).
export const MAX_FILES = 10;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_TOTAL_BYTES = 25 * 1024 * 1024;
/** Files that together are at most this large go with the customer's mail; larger ones stay on the case. */
export const MAX_MAILED_BYTES = 10 * 1024 * 1024;

export const FileInput = z.strictObject({
  // A name as the person's computer had it; never a path (the download header makes it safe).
  filename: z.string().trim().min(1, 'must not be empty').max(255).refine(noNul, 'must not contain NUL characters'),
  // As the browser named it; only ever handed back as a download (application/octet-stream).
  contentType: z.string().trim().max(255).regex(/^[\w.+-]+\/[\w.+-]+$/, 'is not a media type').catch('application/octet-stream'),
  content: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'is not a file').refine((c) => c.byteLength > 0, 'is an empty file').refine((c) => c.byteLength <= MAX_FILE_BYTES, `is larger than the ${MAX_FILE_BYTES / 1024 / 1024} MiB a file may be`),
});
export type FileInput = z.input<typeof FileInput>;

export const Files = z
  .array(FileInput)
  .max(MAX_FILES, `at most ${MAX_FILES} files at once`)
  .refine((fs) => fs.reduce((n, f) => n + f.content.byteLength, 0) <= MAX_TOTAL_BYTES, `together larger than the ${MAX_TOTAL_BYTES / 1024 / 1024} MiB files sent at once may be`);

/** A case's description, in characters (UTF-16 code units, as zod and a textarea count them): the API, the verbs and the portal's form say this one limit. */
export const MAX_DESCRIPTION_CHARS = 100_000;
/** A reply's or a note's message, in characters, likewise. */
export const MAX_MESSAGE_CHARS = 100_000;
/** A reason (a regrade's, a status change's, an escalation's) and a QA or release note, in characters, likewise. */
export const MAX_REASON_CHARS = 2000;
/** A reminder's note and time logged's, in characters, likewise. */
export const MAX_SHORT_NOTE_CHARS = 500;
/** An engineering link's title, in characters, likewise. */
export const MAX_LINK_TITLE_CHARS = 300;

export const CreateTicketInput = z.strictObject({
  subject: Text(300),
  description: Text(MAX_DESCRIPTION_CHARS),
  severity: z.number().int().min(1).max(9).optional(),
  channel: z.enum(CHANNELS).optional(),
  requestType: z.string().max(100).refine(noNul, 'must not contain NUL characters').optional(),
  intake: z.record(z.string().max(100).refine(noNul, 'must not contain NUL characters'), z.union([z.boolean(), z.number(), z.string().max(1000).refine(noNul, 'must not contain NUL characters')])).optional(),
  /** Required when an agent opens a ticket for a customer (a phone call, say). */
  requesterId: Uuid.optional(),
  /** A closed ticket of the same organization this one continues (mail written on it after it closed). */
  followUpOf: Uuid.optional(),
  /** An agent opening a phone or chat ticket: the customer was answered on the call (their first response). */
  answeredLive: z.boolean().optional(),
});
export type CreateTicketInput = z.input<typeof CreateTicketInput>;

const TicketRef = { ticketId: z.string() };

export const MAX_TAGS = 20;

/** A tag as typed: case and surrounding spaces do not count ("Billing " is billing). */
export const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._:-]{0,49}$/u, 'a tag is letters, digits and . _ : - (no spaces), up to 50 characters');

/** The statuses an agent's reply may leave the ticket in ("reply and solve", "reply and wait on the customer"). */
export const REPLY_STATUSES = ['open', 'pending_customer', 'pending_third_party', 'solved'] as const;

/** Time spent, logged by an agent (time-spent.ts): whole minutes, at most a day an entry. */
export const MAX_MINUTES_PER_ENTRY = 1440;
export const TimeSpentMinutes = z.number().int().min(1).max(MAX_MINUTES_PER_ENTRY, 'at most a day (1440 minutes) an entry: log each day on its own');

export const ReplyInput = z.strictObject({
  ...TicketRef,
  body: Text(MAX_MESSAGE_CHARS),
  /** An estimated time to resolution, when the policy asks status notifications for one. */
  eta: z.iso.datetime({ offset: true }).optional(),
  files: Files.optional(),
  /** Agents: the status the ticket takes with the reply ("reply and solve", "reply and wait on the customer"), in the same change. */
  status: z.enum(REPLY_STATUSES).optional(),
  /** Agents: tags added to the ticket with the reply (a canned response's, say), in the same change. */
  addTags: z.array(Tag).max(MAX_TAGS, `at most ${MAX_TAGS} tags on a ticket`).optional(),
  /** Agents: the minutes spent on what the reply answers, logged with it (time-spent.ts). */
  timeSpentMinutes: TimeSpentMinutes.optional(),
});
export type ReplyInput = z.input<typeof ReplyInput>;

export const NoteInput = z.strictObject({
  ...TicketRef,
  body: Text(MAX_MESSAGE_CHARS),
  files: Files.optional(),
  /** Agents to tell of the note by mail (asked for help, told of a finding): active agents, at most 20. */
  notify: z.array(Uuid).max(20).optional(),
  /** The minutes spent on what the note records, logged with it (time-spent.ts). */
  timeSpentMinutes: TimeSpentMinutes.optional(),
});
export type NoteInput = z.input<typeof NoteInput>;

export const LinkInput = z.strictObject({ ...TicketRef, url: z.url({ protocol: /^https?$/ }).max(2000), title: Text(MAX_LINK_TITLE_CHARS) });
export type LinkInput = z.input<typeof LinkInput>;

/** Merge a ticket into another: the other named by id or by the number people quote, one of the two. */
export const MergeInput = z
  .strictObject({
    ...TicketRef,
    intoTicketId: Uuid.optional(),
    intoNumber: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .refine((v) => (v.intoTicketId === undefined) !== (v.intoNumber === undefined), { path: ['intoTicketId'], message: 'name the ticket to merge into by its number or by its id (one of the two)' });
export type MergeInput = z.input<typeof MergeInput>;

/** The customer's rating of the support on a solved ticket (rate-ticket.ts): good or bad, and why if they say. */
export const RATINGS = ['good', 'bad'] as const;
export const RateTicketInput = z.strictObject({ ...TicketRef, rating: z.enum(RATINGS), comment: Text(2000).optional() });
export type RateTicketInput = z.input<typeof RateTicketInput>;

export const TicketRefInput = z.strictObject(TicketRef);
export type TicketRefInput = z.input<typeof TicketRefInput>;

export const UpdateTicketInput = z
  .strictObject({
    ...TicketRef,
    status: z.enum(STATUSES).optional(),
    assigneeId: Uuid.nullable().optional(),
    /** Another active contact of the ticket's organization (requester.ts). */
    requesterId: Uuid.optional(),
    severity: z.number().int().min(1).max(9).optional(),
    reason: Text(MAX_REASON_CHARS).optional(),
  })
  .refine((v) => v.severity === undefined || v.reason !== undefined, { path: ['reason'], message: 'a reason is required to regrade the ticket' })
  .refine((v) => Object.keys(v).some((k) => k !== 'reason' && k !== 'ticketId'), { path: [], message: 'nothing to change' });
export type UpdateTicketInput = z.input<typeof UpdateTicketInput>;

export const ListTicketsInput = z.strictObject({
  status: z.enum(STATUSES).optional(),
  severity: z.coerce.number().int().min(1).max(9).optional(),
  organizationId: Uuid.optional(),
  assigneeId: Uuid.optional(),
  requesterId: Uuid.optional(),
  /** Tickets this contact asks (the requester) or is copied on (ccs.ts): "mine" in the portal. */
  involving: Uuid.optional(),
  /**
   * Find tickets: a ticket number ("1042" or "#1042"), a requester's email or its beginning (text
   * with "@"), or words every one of which begins a word of the subject and description, or of one
   * reply or (agents only) internal note
   * ("vpn time" finds "VPN timeout after upgrade").
   */
  q: z.string().trim().max(200).refine(noNul, 'must not contain NUL characters').optional(),
  breachingBefore: z.iso.datetime({ offset: true }).optional(),
  /** Agents: tickets with this tag (tags.ts). */
  tag: z.string().trim().toLowerCase().max(50).refine(noNul, 'must not contain NUL characters').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).refine(noNul, 'must not contain NUL characters').optional(),
});
export type ListTicketsInput = z.input<typeof ListTicketsInput>;

const Reason = Text(MAX_REASON_CHARS);

export const EscalateTicketInput = z.strictObject({
  ...TicketRef,
  reason: Reason,
  /** A level of the policy's ladder (escalation.levels[].id); the next one up when omitted. */
  toLevel: z.string().max(100).optional(),
});
export type EscalateTicketInput = z.input<typeof EscalateTicketInput>;

export const RequestEscalationInput = z.strictObject({
  ...TicketRef, reason: Reason,
  /** Who asked, where an agent records it for them (they called): the requester (the default) or a contact copied on it. */
  askedBy: Uuid.optional(),
});
export type RequestEscalationInput = z.input<typeof RequestEscalationInput>;

export const MarkUnwarrantedInput = z.strictObject({ ...TicketRef, reason: Reason });
export type MarkUnwarrantedInput = z.input<typeof MarkUnwarrantedInput>;

export const MarkQaVerifiedInput = z.strictObject({ ...TicketRef, note: Text(MAX_REASON_CHARS).optional() });
export type MarkQaVerifiedInput = z.input<typeof MarkQaVerifiedInput>;

export const MarkFixReleasedInput = z
  .strictObject({
    ...TicketRef,
    note: Text(MAX_REASON_CHARS).optional(),
    release: z.string().trim().min(1).max(100).optional(),
    /** Tell the customer on this ticket that the issue is addressed (a public reply with `body`). */
    notifyCustomer: z.boolean().default(true),
    body: Text(100_000).optional(),
  })
  .refine((v) => !v.notifyCustomer || v.body !== undefined, { path: ['body'], message: 'is required to tell the customer (or set notify_customer to false)' });
export type MarkFixReleasedInput = z.input<typeof MarkFixReleasedInput>;

export const SetCoverageInput = z.strictObject({
  ...TicketRef,
  /** The exclusion (coverage.not_covered[].id) or requirement (coverage.requirements[].id) that applies; null: covered again. */
  notCovered: z.strictObject({ kind: z.enum(['exclusion', 'requirement']), id: z.string().min(1).max(100) }).nullable(),
  reason: Reason,
});
export type SetCoverageInput = z.input<typeof SetCoverageInput>;

/** The statuses of open work: what the queue lists (solved and closed are done). */
export const OPEN_STATUSES = ['open', 'pending_customer', 'pending_third_party'] as const;

/**
 * The queue's orders: `priority` (the default) by severity, then the plan's priority, then the
 * earliest due clock (queue-rank.ts); `due` by the earliest due time among the ticket's running
 * clocks first (overdue first, tickets without a running clock last), as an SLA view sorted by the
 * next breach is, then as `priority` does.
 */
export const QUEUE_SORTS = ['priority', 'due'] as const;

export const ListQueueInput = z.strictObject({
  queue: z.string().max(100).optional(),
  /** Only tickets in this (open) status. */
  status: z.enum(OPEN_STATUSES).optional(),
  /** Only the tickets of this organization. */
  organizationId: Uuid.optional(),
  /** Only tickets this agent follows (tickets/followers.ts). */
  followerId: Uuid.optional(),
  severity: z.coerce.number().int().min(1).max(9).optional(),
  plan: z.string().max(100).optional(),
  assigneeId: z.union([Uuid, z.literal('none')]).optional(),
  /** The policy's request type (request_types[].id). */
  requestType: z.string().max(100).optional(),
  /** Only tickets that came in by this channel kind (CHANNELS): checked against the desk's channels by the verb (queue-channels.ts). */
  channel: z.string().max(100).optional(),
  /** Only tickets that came in after hours: paged to on-call on arrival, or handed over at closing. */
  afterHours: z.boolean().optional(),
  /** Only tickets with an unmet clock due within this many minutes (or already overdue). */
  breachingWithinMinutes: z.coerce.number().int().min(0).max(525_600).optional(),
  /** Only tickets with this tag (tags.ts). */
  tag: z.string().trim().toLowerCase().max(50).refine(noNul, 'must not contain NUL characters').optional(),
  /** The order (QUEUE_SORTS); `priority` when not given. */
  sort: z.enum(QUEUE_SORTS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).refine(noNul, 'must not contain NUL characters').optional(),
});
export type ListQueueInput = z.input<typeof ListQueueInput>;
