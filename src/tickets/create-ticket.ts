// Opening a ticket: by a contact for their organization, or by an agent for a contact (a phone
// call). The policy decides it all here: who may open tickets (named contacts), through which
// channel and when (the plan's channels and their hours), the plan served (onboarding gating)
// and whether support covers it, the severity and why (intake rules), the queue (request type)
// and the clocks. A request the policy refuses is kept for an agent to review, never lost.
import { randomUUID } from 'node:crypto';
import { ForbiddenError, InvalidInputError, parseInput, groupWrite, type Ctx, type Db, type Rows, type Write } from '../platform/index.ts';
import { clockOf, portalChannel } from '../policy/index.ts';
import { isOpen } from '../calendar/index.ts';
import { messageInsert } from '../outbox/index.ts';
import { arrivalOf, handoverDue, pageWrites, takenAfterHoursText, type Resumes } from './after-hours.ts';
import { MAX_CCS } from './ccs.ts';
import { staffedHours, targetsOf } from './round-the-clock.ts';
import { refuseLinksKeptOff } from './public-words.ts';
import { ticketReceivedMessage } from './receipt-mail.ts';
import { designatedNotices } from './designated-notice.ts';
import { holdRefused, refusalOf } from './refuse-request.ts';
import { checkIntakeAnswers, classifyRequest, entitlement, gateReason, outsideLevels, queueOf } from './intake.ts';
import { outsideSlaType } from './answer-notes.ts';
import { clocksUpsert, projectedClockRows, projectTicketClocks } from './recompute-clocks.ts';
import { CreateTicketInput, type FileInput } from './schemas.ts';
import { eventsInsert, type EventRow, type NewEvent, type TicketRow } from './store.ts';
import { readIntake, type IntakeRead, type Requester } from './intake-read.ts';
import { webhookTicket } from './webhook-events.ts';
import { suggestArticles } from '../kb/index.ts';
import { webhookEventInsert } from '../webhooks/index.ts';
import { ticketView, type TicketView } from './view.ts';
import { refersToKnowledgeBase } from './kb-referral.ts';

export type CreateTicketOptions = {
  /** An agent accepting a held request: the refusal that held it no longer applies. */
  acceptingHeldRequest?: string;
  /**
   * Intake's read, made with the token check of the contact opening the ticket (readIntakeWithToken):
   * used when that contact is the requester, so the ticket takes one read instead of two.
   */
  intake?: IntakeRead | null;
  /**
   * The files chosen with the request (a page's form), kept with it if the policy holds it; the
   * caller adds them to a ticket that opens (addFiles).
   */
  heldFiles?: readonly FileInput[];
  /** The subject and description are the customer's own words (a mail of theirs an agent forwarded), never refused for their links. */
  customersWords?: boolean;
  /** Filed with the portal's form: the channel it is filed through is said to be so (OpenBack's portal case, filed as Email). */
  portal?: boolean;
  /**
   * When the request reached the desk, if before it is opened: a customer's mail stored as it came
   * in and made a ticket later (after a retry, a backlog, a restart). OfficeSpace's response time
   * runs from "email received", so the ticket opens, and its clocks start, when the mail arrived;
   * whether support was open, or the channel offered, is judged at that instant too. Never later
   * than now (a clock that moved back).
   */
  receivedAt?: Temporal.Instant;
  /** Addresses the request's mail copied (To, Cc): those of the organization's active contacts get the receipt's copy (email/process-inbound.ts copies them on it). */
  receiptCopies?: readonly string[];
};

/** The contacts a new ticket's receipt is copied to: active contacts of the requester's organization at these addresses, not the requester. */
async function receiptCopiesOf(db: Db, requester: Requester, emails: readonly string[]): Promise<Array<{ id: string; email: string; time_zone: string | null }>> {
  if (emails.length === 0) return [];
  const { rows } = await db.query<{ id: string; email: string; time_zone: string | null }>(
    'SELECT id, email, time_zone FROM contacts WHERE organization_id = $1 AND email = ANY($2::text[]) AND deactivated_at IS NULL AND id <> $3 ORDER BY email LIMIT $4',
    [requester.organization_id, [...new Set(emails.map((e) => e.toLowerCase()))], requester.id, MAX_CCS],
  );
  return rows;
}

export async function createTicket({ ctx, input, options = {} }: { ctx: Ctx; input: CreateTicketInput; options?: CreateTicketOptions }): Promise<TicketView> {
  const data = parseInput(CreateTicketInput, input);
  const actor = ctx.actor;
  let requesterId: string;
  if (actor.kind === 'contact') {
    if (data.requesterId && data.requesterId !== actor.id) throw new ForbiddenError('contacts open tickets for themselves');
    requesterId = actor.id;
  } else {
    if (!data.requesterId) throw new InvalidInputError('an agent opens a ticket for a contact', [{ path: 'requesterId', message: 'is required when an agent opens a ticket' }]);
    requesterId = data.requesterId;
  }
  if (options.acceptingHeldRequest && actor.kind !== 'agent') throw new ForbiddenError('only an agent accepts a held request');
  const now = ctx.clock.now();
  const arrived = options.receivedAt && Temporal.Instant.compare(options.receivedAt, now) < 0 ? options.receivedAt : now;
  // Compute first, write once (ADR 0012): one read, then the new ticket fully decided here, then
  // one statement writing all of it. One statement is atomic on its own; a request with an
  // Idempotency-Key runs it inside the key's transaction (ctx.db is then that transaction).
  const db = ctx.db;
  const read = options.intake && options.intake.requester.id === requesterId ? options.intake : await readIntake(db, requesterId);
  const { version, model: policy } = read.policy;
  const requester = read.requester;
  const plan = policy.plans.get(requester.plan_id);
  if (!plan) throw new InvalidInputError(`organization's plan "${requester.plan_id}" is not in the active policy`, [{ path: 'requesterId', message: `the organization's plan "${requester.plan_id}" is not in the active policy` }]);
  const answers = data.intake ?? {};
  checkIntakeAnswers(policy, answers);
  if (data.severity !== undefined && !policy.severities.has(data.severity)) {
    throw new InvalidInputError('unknown severity', [{ path: 'severity', message: `must be one of ${[...policy.severities.keys()].join(', ')}` }]);
  }
  if (data.requestType && !policy.file.request_types?.some((r) => r.id === data.requestType)) {
    throw new InvalidInputError('unknown request type', [{ path: 'requestType', message: `must be one of ${(policy.file.request_types ?? []).map((r) => r.id).join(', ') || 'none (this policy has no request types)'}` }]);
  }
  // A ticket the team opens for a customer is theirs to read; the customer's own words (a request
  // of theirs held and accepted, a mail of theirs forwarded) are never refused.
  if (!options.acceptingHeldRequest && !options.customersWords) {
    refuseLinksKeptOff(policy, actor, 'this ticket', [{ path: 'subject', text: data.subject }, { path: 'description', text: data.description }]);
  }
  const outside = outsideSlaType(policy, data.requestType ?? null);
  const classification = outside ? outsideLevels(policy, outside.name) : classifyRequest(policy, answers, { by: actor.kind, severity: data.severity });
  // The plan its support is given on (onboarding, requirements): the channels are that plan's.
  const served = entitlement(policy, requester, data.requestType ?? null, answers);
  // A contact's own request (the portal's form, the API) is written: filed through the plan's web
  // channel, else its email one (OpenBack lists no web form), never through one only read.
  const channel = data.channel ?? (actor.kind === 'contact' ? portalChannel(policy, served.plan)?.kind ?? 'web' : 'phone');
  // Answered on the call: only the agent on it says so, and only of a call or a chat.
  if (data.answeredLive && (actor.kind !== 'agent' || (channel !== 'phone' && channel !== 'chat'))) {
    throw new InvalidInputError('only an agent answering a call or a chat answers it live', [{ path: 'answeredLive', message: 'is for an agent opening a phone or chat ticket' }]);
  }
  const refusal = options.acceptingHeldRequest ? null : refusalOf(policy, requester, served, { channel, severity: classification.severity, at: arrived.epochMilliseconds, byAgent: actor.kind === 'agent' });
  if (refusal) {
    // Refused: kept for an agent to review (refuse-request.ts), and said so to whoever asked.
    throw await holdRefused(ctx, policy, { requester, servedPlan: served.plan, channel, data, refusal, now, portal: options.portal === true, files: options.heldFiles ?? [] });
  }

  // The closed ticket this one continues, of the same organization (a contact's mail on it after it closed).
  const previous = data.followUpOf ? await followedUp(db, data.followUpOf, requester.organization_id) : null;
  const ticket: TicketRow = {
    id: randomUUID(), number: read.number, organization_id: requester.organization_id, requester_id: requester.id,
    subject: data.subject, description: data.description, channel, status: 'open', severity: classification.severity,
    plan_id: served.plan, request_type: data.requestType ?? null, intake_answers: answers, assignee_id: null,
    policy_version: version, created_at: arrived, updated_at: arrived, solved_at: null, status_since: null, classification,
    requested_severity: actor.kind === 'contact' ? data.severity ?? null : null, queue: queueOf(policy, data.requestType ?? null),
    coverage: served.coverage ?? null, escalation_level: null, eta: null, handover_at: null, handed_over_at: null, merged_into: null,
    filed_in_portal: options.portal === true,
  };
  const targets = targetsOf(policy, ticket);
  // Opened by an agent (a call they took at night): on call is paged all the same, unless that agent is
  // on call now (pageWrites, loggedBy).
  const arrival = arrivalOf(policy, ticket, arrived, targets, actor.kind === 'agent');
  if (arrival.kind === 'handover') ticket.handover_at = arrival.at;
  // Paged as it arrived, a promise round the clock under no rule is paged again at the next closing; waiting
  // for support hours, it is handed over all the same if still open when they close (hand_over: any_channel).
  if (arrival.kind === 'alert' || arrival.kind === 'acknowledge') ticket.handover_at = handoverDue(policy, ticket, arrived);
  // Taken by the after-hours rule as it arrives: on-call has it from its arrival (nothing to hand over later).
  if (arrival.kind === 'page') ticket.handed_over_at = arrived;
  // Taken as it arrived, its targets are those of the after-hours support that has it (a call logged at night).
  const receiptTargets = arrival.kind === 'page' ? targetsOf(policy, ticket) : targets;
  // Arrived while support was closed, read only once it has opened (a mail that waited): "work on it
  // resumes" would name a time already past, so the customer is not told it.
  const resumedSince = arrival.kind === 'acknowledge' && arrived !== now && isOpen(clockOf(policy, staffedHours(policy, ticket)), now.epochMilliseconds);

  const events: NewEvent[] = [{
    ticketId: ticket.id, at: arrived, actor, type: 'created', visibility: 'public', body: data.description,
    data: {
      severity: classification.severity, channel, plan: served.plan, policy_version: version, ...(options.portal ? { portal: true } : {}),
      classified: { severity: classification.severity, source: classification.source, rule: classification.rule, reason: classification.reason },
      ...(served.gatedFrom ? { gated_from_plan: served.gatedFrom, reason: gateReason(served.gatedBy) } : {}),
      ...(options.acceptingHeldRequest ? { held_request_id: options.acceptingHeldRequest } : {}),
      ...(data.answeredLive ? { answered_live: true } : {}),
      ...(arrived !== now ? { opened_at: now.toString() } : {}),
    },
  }];
  if (previous) {
    events.push(
      { ticketId: ticket.id, at: now, actor: { kind: 'system' }, type: 'follow_up_of', visibility: 'public', data: { ticket_id: previous.id, number: Number(previous.number), subject: previous.subject } },
      { ticketId: previous.id, at: now, actor: { kind: 'system' }, type: 'followed_up', visibility: 'public', data: { ticket_id: ticket.id, number: Number(ticket.number), subject: ticket.subject } },
    );
  }
  if (served.coverage) {
    events.push({ ticketId: ticket.id, at: now, actor: { kind: 'system' }, type: 'coverage_marked', visibility: 'public', body: served.coverage.text, data: { coverage: served.coverage } });
  }
  // The clocks of a new ticket: its history is the creation alone. Projected once, with the
  // explanations the answer shows.
  // Answered on the call as it was opened: that answer is in its history from the start.
  const history: EventRow[] = data.answeredLive
    ? [{ id: ticket.id, ticket_id: ticket.id, at: now, actor_kind: 'agent', actor_id: null, type: 'created', visibility: 'public', body: null, data: { answered_live: true } }]
    : [];
  // On call paged to triage a request of no known severity (below): its triage is owed from its arrival.
  if (arrival.kind === 'triage') {
    history.push({ id: ticket.id, ticket_id: ticket.id, at: now, actor_kind: 'system', actor_id: null, type: 'paged', visibility: 'internal', body: null, data: { reason: 'after_hours_unclassified', rules: arrival.ruleIds, triage_owed: true } });
  }
  const projected = projectTicketClocks(policy, ticket, history, { explain: true });
  const clockRows = projectedClockRows(projected);
  const writes: Write[] = [ticketInsert(ticket)];
  const clocks = clocksUpsert(ticket, projected, now);
  if (clocks) writes.push(clocks);
  writes.push(webhookEventInsert({ type: 'ticket.created', occurredAt: now, data: { ticket: webhookTicket(ticket) } }).write);
  let acknowledgement: string | null = null;
  let resumes: Resumes | null = null;
  let paged = false;
  let withOnCall = false;
  if (arrival.kind === 'page' || arrival.kind === 'triage' || arrival.kind === 'alert') {
    // Who is on call is read here: one more round trip, only for a request that pages at night.
    const reason = ({ page: 'after_hours_arrival', triage: 'after_hours_unclassified', alert: 'promise_running' } as const)[arrival.kind];
    const loggedBy = actor.kind === 'agent' ? actor.id : undefined;
    const page = await pageWrites(db, policy, ticket, { reason, ruleIds: arrival.kind === 'alert' ? [] : arrival.ruleIds, at: ticket.created_at, now, owed: projected, loggedBy });
    writes.push(...page.writes);
    events.push(page.event);
    paged = page.recipients.length > 0;
    withOnCall = page.loggedByOnCall;
  }
  if ((arrival.kind === 'acknowledge' && !resumedSince) || arrival.kind === 'triage') {
    acknowledgement = arrival.body;
    resumes = arrival.resumesAt;
    events.push({ ticketId: ticket.id, at: now, actor: { kind: 'system' }, type: 'acknowledged', visibility: 'public', body: arrival.body, data: { automatic: true, resumes: arrival.resumes } });
  }
  // Who has it now; the rule's own words (the numbers to call) only to a customer who wrote in, not
  // to one an agent is already talking to (a call logged at night).
  if (arrival.kind === 'page') {
    acknowledgement = takenAfterHoursText(policy, arrival.ruleIds, { alerted: paged, withStaff: withOnCall, rulesWords: actor.kind !== 'agent' });
    events.push({ ticketId: ticket.id, at: now, actor: { kind: 'system' }, type: 'acknowledged', visibility: 'public', body: acknowledgement, data: { automatic: true, resumes: null, after_hours_rules: arrival.ruleIds } });
  }
  writes.push(eventsInsert(events).write);
  // "If the client reaches out to Support for what is deemed as a Tier 1 issue, they will be referred
  // back to our Knowledge Base" (OpenKey): the receipt refers it there, with the articles that match
  // it (when any do), which come back with the new ticket.
  const referred = refersToKnowledgeBase(policy, ticket);
  const suggestions = referred
    ? await suggestArticles({ ctx, input: { q: `${data.subject}
${data.description}`.slice(0, 10_000), limit: 5 } })
    : [];
  // The receipt lists the times of the ticket's severity (targets): a mail of no known severity, owed
  // its triage all the same (above), is told what after-hours support takes in the rule's own words
  // (OPS-COM's give the 15 minutes, "... for Critical issues"), not a triage time of Accord's reading.
  const receipt = { acknowledgement, resumes, now, clockRows, targets: receiptTargets, articles: suggestions, referred, served, byMail: data.channel === 'email' && options.portal !== true };
  writes.push(messageInsert(ticketReceivedMessage(policy, ticket, { ...receipt, recipient: requester.email, reader: { zone: requester.requester_zone } })));
  // Colleagues the request was copied to (its mail's To and Cc) get a copy of their own, saying whose it is.
  for (const c of await receiptCopiesOf(db, requester, options.receiptCopies ?? [])) {
    writes.push(messageInsert(ticketReceivedMessage(policy, ticket, { ...receipt, recipient: c.email, reader: { zone: c.time_zone, copiedFor: requester.requester_name, contactId: c.id } })));
  }
  writes.push(...(await designatedNotices(ctx, policy, ticket, requester, actor)));
  await groupWrite(db, writes);

  const view = await ticketView(db, ticket, ctx.actor, { policy, clockRows, projected });
  if (referred) view.suggestions = suggestions;
  return view;
}

/** The new ticket's row, with the number readIntake took for it. */
function ticketInsert(t: TicketRow): Rows {
  return {
    sql: `INSERT INTO tickets (id, number, organization_id, requester_id, subject, description, channel, status, severity, plan_id, request_type,
         intake_answers, policy_version, created_at, updated_at, classification, requested_severity, queue, coverage, handover_at, handed_over_at, filed_in_portal)
       OVERRIDING SYSTEM VALUE
       SELECT c1::uuid, c2::bigint, c3::uuid, c4::uuid, c5, c6, c7, c8, c9::integer, c10, c11, c12::jsonb, c13::integer, c14::timestamptz, c14::timestamptz,
         c15::jsonb, c16::integer, c17, c18::jsonb, c19::timestamptz, c20::timestamptz, c21::boolean
       FROM {rows}`,
    columns: 21,
    rows: [[
      t.id, t.number, t.organization_id, t.requester_id, t.subject, t.description, t.channel, t.status, t.severity, t.plan_id, t.request_type,
      JSON.stringify(t.intake_answers), t.policy_version, t.created_at, JSON.stringify(t.classification), t.requested_severity, t.queue,
      t.coverage ? JSON.stringify(t.coverage) : null, t.handover_at, t.handed_over_at, t.filed_in_portal,
    ]],
  };
}

/** A closed ticket of this organization, which a new one follows up; anything else is refused, naming the field. */
async function followedUp(db: Db, id: string, organizationId: string): Promise<Pick<TicketRow, 'id' | 'number' | 'subject'>> {
  const { rows } = await db.query<Pick<TicketRow, 'id' | 'number' | 'subject'>>(
    "SELECT id, number, subject FROM tickets WHERE id = $1 AND organization_id = $2 AND status = 'closed'", [id, organizationId],
  );
  if (!rows[0]) throw new InvalidInputError('a follow-up continues a closed ticket of the same organization', [{ path: 'followUpOf', message: 'is not a closed ticket of this organization' }]);
  return rows[0];
}
