// JSON schemas of the ticket routes: they validate requests before a verb runs and become the
// OpenAPI document. The verbs' zod schemas (src/tickets/schemas.ts) stay the authority; these
// mirror their shapes so a client learns them from /openapi.json.
import { CHANNELS, CONTACT_DATA_FIELDS, MAX_DESCRIPTION_CHARS, MAX_MESSAGE_CHARS, STATUSES } from '../tickets/index.ts';
import { timestamp, uuid } from './route-kit.ts';

const nullable = (type: string) => ({ type: [type, 'null'] }) as const;

export const ClockSchema = {
  $id: 'TicketClock',
  type: 'object',
  required: ['metric', 'state', 'hedge', 'goal', 'due', 'met_at', 'breached_at', 'passed_at', 'warned_at', 'ended_at', 'severity'],
  properties: {
    metric: { type: 'string', description: 'triage, first_response, status_notification, update or resolution' },
    state: {
      type: 'string',
      enum: ['running', 'paused', 'met', 'stopped', 'breached', 'passed'],
      description: 'breached: past due and not met in time. To a contact a hedged clock (hedge set) is never breached: past its time it is passed (met, once met)',
    },
    hedge: {
      type: ['string', 'null'], enum: ['goal', 'approximate', null],
      description: 'how the policy words the time: a goal ("Response Goal"), approximate ("approximately 30 minutes"), or null for a firm time. A hedged time is measured exactly all the same',
    },
    goal: { ...nullable('string'), format: 'date-time', description: "the policy's goal (the lower bound of a range): a warning fires then" },
    due: {
      ...nullable('string'), format: 'date-time',
      description: 'when it is owed by; met after a time it missed that a regrade or a new policy version moved since, the time it missed (breached_at), as the breach export gives it (its goal then null)',
    },
    met_at: { ...nullable('string'), format: 'date-time' },
    breached_at: { ...nullable('string'), format: 'date-time', description: 'when it was breached; null to a contact for a hedged clock (see passed_at)' },
    passed_at: { ...nullable('string'), format: 'date-time', description: 'a hedged clock: when its time passed before it was met; null for a firm time' },
    warned_at: { ...nullable('string'), format: 'date-time' },
    remind_at: { ...nullable('string'), format: 'date-time', description: 'update cadences: when the assignee is reminded' },
    ended_at: {
      ...nullable('string'), format: 'date-time',
      description: 'when a regrade or a new policy version stopped owing it after it was breached or met: kept as that record (state breached or met), no longer running; null while owed',
    },
    severity: {
      type: 'integer',
      description: "the severity whose time it is measured by, as the reports count it: the one it was breached or ended under (kept when a regrade moved its time since), the earlier one whose shorter time an upgrade kept, else the ticket's",
    },
    explain: { type: 'array', items: { type: 'string' }, description: 'why the deadline is where it is (on a single ticket)' },
  },
} as const;

const Classification = {
  type: ['object', 'null'],
  description: 'how the severity was decided: by the policy\'s rules on the intake answers, by an agent, by the customer, or the default',
  properties: {
    source: { type: 'string', enum: ['rules', 'contact', 'agent', 'default'] },
    severity: { type: 'integer' },
    rule: { type: ['string', 'null'] },
    reason: { type: 'string', description: 'plain language, e.g. "What percentage of agents cannot log in to the media bar? 35%: System Outage"' },
  },
} as const;

const Coverage = {
  type: ['object', 'null'],
  description: "set when support does not cover the ticket, with the policy's own text",
  properties: { kind: { type: 'string', enum: ['exclusion', 'requirement'] }, id: { type: 'string' }, text: { type: 'string' } },
} as const;

export const TicketSchema = {
  $id: 'Ticket',
  type: 'object',
  required: ['id', 'number', 'organization_id', 'requester_id', 'subject', 'status', 'severity', 'plan', 'clocks'],
  properties: {
    id: uuid,
    number: { type: 'integer' },
    organization_id: uuid,
    requester_id: uuid,
    subject: { type: 'string' },
    description: { type: 'string' },
    channel: { type: 'string', enum: [...CHANNELS] },
    filed_in_portal: { type: 'boolean', description: "written on the portal's form, whatever channel it was filed through (a policy with no web form files it through its email channel: channel says email)" },
    status: { type: 'string', enum: [...STATUSES] },
    severity: { type: 'integer' },
    classification: Classification,
    requested_severity: { ...nullable('integer'), description: 'the severity the customer chose, kept beside the one given' },
    plan: { type: 'string' },
    request_type: nullable('string'),
    queue: { ...nullable('string'), description: "the policy queue the request type routes to; null: the general queue" },
    coverage: Coverage,
    escalation_level: { ...nullable('string'), description: "the step of the policy's escalation ladder; null: the first" },
    eta: { ...nullable('string'), format: 'date-time', description: 'the estimated time to resolution the customer was told' },
    handed_to_on_call_at: { ...nullable('string'), format: 'date-time', description: "when the policy's after-hours support took it: as it arrived outside support hours, when support closed on it, or when it was regraded into it while support was closed; null: never" },
    merged_into: { ...nullable('string'), format: 'uuid', description: 'the ticket this one was merged into: it is closed and the conversation continues there' },
    ccs: {
      type: 'array', description: "the contacts copied on the ticket (on a single ticket's view): they hear of it as its requester does and may write on it by mail",
      items: { type: 'object', required: ['id', 'name', 'email'], properties: { id: uuid, name: { type: 'string' }, email: { type: 'string' } } },
    },
    suggestions: {
      type: 'array',
      description: 'on a new ticket the policy refers to the knowledge base: the public articles that match it',
      items: { type: 'object', required: ['id', 'slug', 'title', 'snippet'], properties: { id: uuid, slug: { type: 'string' }, title: { type: 'string' }, snippet: { type: 'string' } } },
    },
    intake: { type: 'object', additionalProperties: true },
    assignee_id: nullable('string'),
    policy_version: { type: 'integer' },
    created_at: timestamp,
    updated_at: timestamp,
    solved_at: { ...nullable('string'), format: 'date-time' },
    closes_at: {
      ...nullable('string'), format: 'date-time',
      description: "on a single ticket's view: when a solved ticket is closed unless someone replies (a reply after that opens a new ticket), counted from the solve or from mail the customer missed sent again since; null otherwise, and when mail to them since they last wrote did not arrive (their silence says nothing)",
    },
    reminds_at: {
      ...nullable('string'), format: 'date-time',
      description: "on a single ticket's view: when the customer is mailed a reminder of a ticket waiting on their reply (the policy's lifecycle.waiting_on_customer); null when it does not wait, the policy sends none, or this wait's went",
    },
    solves_at: {
      ...nullable('string'), format: 'date-time',
      description: "on a single ticket's view: when a ticket waiting on the customer's reply is solved without one (the policy's lifecycle.waiting_on_customer), counted from when it began to wait or from mail they missed sent again since; null otherwise, and when mail to them since they last wrote did not arrive (their silence says nothing)",
    },
    tags: {
      type: 'array', items: { type: 'string' },
      description: "on a single ticket's view, for agents only: the team's tags (internal; never on a contact's view)",
    },
    rating: {
      type: ['object', 'null'], description: "on a single ticket's view: the customer's rating of the support, once given (a later one replaces it); null before",
      required: ['rating', 'comment', 'contact_id', 'rated_at'],
      properties: { rating: { type: 'string', enum: ['good', 'bad'] }, comment: nullable('string'), contact_id: uuid, rated_at: timestamp },
    },
    clocks: { type: 'array', items: { $ref: 'TicketClock#' } },
  },
} as const;

const contactFields = Object.entries(CONTACT_DATA_FIELDS)
  .map(([type, fields]) => `${type}: ${fields.join(', ')}`)
  .join('; ');

export const EventSchema = {
  $id: 'TicketEvent',
  type: 'object',
  description:
    'One entry of the timeline. Agents see every event with all its data. A contact sees public events only, ' +
    `with their body (a regrade's body is its reason) and only these data fields, by type: ${contactFields}.`,
  required: ['id', 'at', 'type', 'visibility', 'actor', 'body', 'data'],
  properties: {
    id: uuid,
    at: timestamp,
    type: { type: 'string' },
    visibility: { type: 'string', enum: ['public', 'internal'] },
    actor: { type: 'object', properties: { kind: { type: 'string' }, id: nullable('string') } },
    body: nullable('string'),
    data: { type: 'object', additionalProperties: true },
  },
} as const;

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const severity = { type: 'integer', minimum: 1, maximum: 9 } as const;

// Ids in the path are plain strings: an id that is not a ticket's (malformed or not) is a 404
// from the verb, so a look-alike id reads exactly like someone else's ticket.
export const ticketParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', description: 'the ticket id (a UUID)' } },
} as const;

export const createTicketBody = {
  type: 'object',
  additionalProperties: false,
  required: ['subject', 'description'],
  properties: {
    subject: text(300),
    description: text(MAX_DESCRIPTION_CHARS),
    severity: { ...severity, description: 'omitted: classified from the intake answers' },
    channel: { type: 'string', enum: [...CHANNELS], description: "omitted: a contact's request is filed through the plan's web channel that takes requests, else its email one (OpenBack: email); an agent's as phone" },
    request_type: { type: 'string', maxLength: 100 },
    intake: {
      type: 'object',
      description: "answers to the policy's intake questions, by question id",
      additionalProperties: { anyOf: [{ type: 'boolean' }, { type: 'number' }, { type: 'string', maxLength: 1000 }] },
    },
    requester_id: { ...uuid, description: 'the contact an agent opens the ticket for (required for agents)' },
    follow_up_of: { ...uuid, description: 'a closed ticket of the same organization this one continues: both timelines link the other' },
    answered_live: {
      type: 'boolean',
      description: 'agents, a phone or chat ticket: the customer was answered on the call as it was opened, which is their first response (and an update); false or omitted: nobody has answered them yet (a voicemail, a missed chat)',
    },
  },
} as const;

export const listTicketsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: [...STATUSES] },
    severity,
    organization_id: uuid,
    assignee_id: uuid,
    requester_id: uuid,
    involving: { ...uuid, description: 'tickets this contact asks (the requester) or is copied on' },
    q: {
      type: 'string', maxLength: 200,
      description: 'find tickets: a number ("1042" or "#1042"), a requester email or its beginning (text with "@"), or words each beginning a word: all of them in the subject and description, or in one reply (or, for agents, internal note or side conversation message), or (agents) in the organization\'s name',
    },
    breaching_before: { ...timestamp, description: 'tickets with an unmet clock due before this instant' },
    tag: { type: 'string', minLength: 1, maxLength: 50, description: 'agents: tickets with this tag (a contact is refused: tags are the support team\'s)' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    cursor: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;

export const replyBody = {
  type: 'object',
  additionalProperties: false,
  required: ['body'],
  properties: {
    body: text(MAX_MESSAGE_CHARS),
    eta: { ...timestamp, description: 'estimated time to resolution' },
    status: { type: 'string', enum: ['open', 'pending_customer', 'pending_third_party', 'solved'], description: 'agents: the status the ticket takes with the reply, in the same change (reply and solve)' },
    add_tags: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 50 }, description: "agents: tags added to the ticket with the reply, in the same change (a canned response's, say)" },
    time_spent_minutes: { type: 'integer', minimum: 1, maximum: 1440, description: 'agents: the minutes spent on what the reply answers, logged with it (never shown to the customer)' },
  },
} as const;

export const noteBody = {
  type: 'object', additionalProperties: false, required: ['body'],
  properties: {
    body: text(MAX_MESSAGE_CHARS),
    notify: { type: 'array', maxItems: 20, items: { type: 'string', format: 'uuid' }, description: 'agents to mail the note to (asked for help, told of a finding): active agents' },
    time_spent_minutes: { type: 'integer', minimum: 1, maximum: 1440, description: 'the minutes spent on what the note records, logged with it' },
  },
} as const;

export const linkBody = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'title'],
  properties: { url: { type: 'string', minLength: 1, maxLength: 2000, description: 'http(s) URL' }, title: text(300) },
} as const;

export const updateTicketBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: [...STATUSES] },
    assignee_id: { type: ['string', 'null'], description: 'an agent id, or null to unassign' },
    requester_id: { type: 'string', maxLength: 100, description: "another active contact of the ticket's organization (its plan and clocks stay)" },
    severity,
    reason: { ...text(2000), description: 'required with severity; shown to the customer on the case, and mailed to them with the new level' },
  },
} as const;

export const rateBody = {
  type: 'object', additionalProperties: false, required: ['rating'],
  properties: { rating: { type: 'string', enum: ['good', 'bad'] }, comment: { type: 'string', minLength: 1, maxLength: 2000 } },
} as const;

export const tagsBody = {
  type: 'object', additionalProperties: false, required: ['tags'],
  properties: { tags: { type: 'array', maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 100 }, description: 'the ticket\'s tags, all of them: letters, digits and . _ : - (no spaces), up to 50 characters, any case (stored lower case)' } },
} as const;
