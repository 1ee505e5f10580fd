// The agent's ticket page as shown (/agent/tickets/:id), and how each of its forms runs a ticket
// verb: on a refusal the person can fix, the page is shown again with the verb's message beside
// the form and what was typed kept (ticket-pages.ts, side-conversation-pages.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { listTicketAttachments, listTicketMail } from '../../email/index.ts';
import { listContacts, listDesignations } from '../../customers/index.ts';
import { ctxFor } from '../../http/route-kit.ts';
import { listCannedResponses, renderCannedResponse } from '../../canned/index.ts';
import { isAccordError, NotFoundError, type AccordError, type Ctx } from '../../platform/index.ts';
import { channelName, filedName, zoneText } from '../../policy/index.ts';
import { activePolicy, policyVersion } from '../../policy-versions/index.ts';
import {
  chatCustomer, escalationEventsOf, escalationRequestsHeard, followersOf, getTicket, listTicketEvents, listTickets, markPresence, mayChangeTime, MAX_MAILED_BYTES, PRESENCE_HEARTBEAT_S, reminderOf,
  etaOwed, frontLineReach, sideConversationsOf, STATUS_NOTIFICATION_STILL_OWED, STATUSES, outsideSlaType, takesEscalationRequests, ticketHasSla, timeSpentOn, type EtaOwed, type Presence,
} from '../../tickets/index.ts';
import { formatters, planZone, ROLE_NAMES, when } from '../format.ts';
import { everyPage, formOf, keptFields, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';
import { keptForm } from '../kept-form.ts';
import { inListedOrder, levelWords } from '../level-words.ts';
import { agentTimeline, timelineContactIds } from '../timeline.ts';
import { escalationRequestsOf } from '../escalation-requests.ts';
import { targetNamesOf } from '../promised.ts';
import type { PolicyModel } from '../../policy/index.ts';
import { names } from './agent-kit.ts';
import { requestNotSeverity } from './portal-words.ts';

// How many of the requester's other tickets the ticket page lists (the rest are one search away).
const OTHER_TICKETS = 5;
// How much of the ticket's mail the page lists, newest first (all of it: the API).
const MAIL_SHOWN = 20;

export type FormError = { form: string; message: string; details: Array<{ path: string; message: string }>; kept?: Record<string, string> };

export async function showTicket(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, deps: WebDeps, formError?: FormError, status = 200) {
  const ctx = ctxFor(request, deps);
  const ticketId = request.params.id;
  const [ticket, events, { model: policy }, attachments, timeSpent, mail, escalationEvents] = await Promise.all([
    getTicket({ ctx, input: { ticketId } }), listTicketEvents({ ctx, input: { ticketId } }), activePolicy(ctx.db),
    listTicketAttachments({ ctx, input: { ticketId } }), timeSpentOn({ ctx, input: { ticketId } }),
    // Where each message about it stands: did the customer get the reply? (email/ticket-mail.ts)
    listTicketMail({ ctx, input: { ticketId, limit: MAIL_SHOWN } }),
    // The escalations asked for on it and on the tickets merged into it (tickets/escalation-events.ts).
    escalationEventsOf({ ctx, input: { ticketId } }),
  ]);
  // Who asked, and what else they asked lately (newest first, any status); the team's canned
  // responses, and the one asked for (?canned=) filled in the reply box.
  const canned = (request.query as { canned?: string }).canned;
  const named = timelineContactIds(events).filter((id) => id !== ticket.requesterId);
  const [people, requesters, theirs, designations, cannedResponses, draft, followers, timelineContacts] = await Promise.all([
    // The agents, and of the organizations only the ticket's (a desk has thousands).
    names(ctx, [ticket.organizationId]),
    listContacts({ ctx, input: { ids: [ticket.requesterId], limit: 1 } }),
    listTickets({ ctx, input: { requesterId: ticket.requesterId, limit: OTHER_TICKETS + 1 } }),
    // The organization's designated people (its customer success manager, say), on its plan of today.
    listDesignations({ ctx, input: { organizationId: ticket.organizationId } }),
    everyPage((c) => listCannedResponses({ ctx, input: { limit: 200, ...c } })),
    canned ? renderCannedResponse({ ctx, input: { ticketId, cannedResponseId: canned } }).catch((e: unknown) => (e instanceof NotFoundError ? null : Promise.reject(e))) : null,
    followersOf(ctx.db, ticketId),
    // The people copied and requesters the timeline names.
    named.length ? listContacts({ ctx, input: { ids: named, limit: 200 } }).then((r) => r.items) : Promise.resolve([]),
  ]);
  // The reader's own reminder on it (tickets/reminders.ts); the reader is marked there, and the
  // other agents on it now are named (tickets/presence.ts).
  // Written from the ticket to people who are not its customer (tickets/side-conversations.ts).
  const sideConversations = await sideConversationsOf(ctx.db, ticket.id);
  const [reminder, others] = ctx.actor.kind === 'agent'
    ? await Promise.all([reminderOf(ctx.db, ticket.id, ctx.actor.id), markPresence({ ctx, input: { ticketId: ticket.id } })])
    : [null, [] as Presence[]];
  if (canned && !draft && !formError) formError = { form: 'reply', message: 'That canned response no longer exists.', details: [] };
  // A refused reply or note keeps what was typed (files are chosen again).
  const kept = (form: string) => (formError?.form === form ? formError.kept?.body ?? '' : '');
  const requester = requesters.items[0] ?? null;
  const contactName = new Map([...requesters.items, ...timelineContacts].map((c) => [c.id, c.name]));
  // A live chat (tickets/chat.ts): whether the customer is on its page now, so the agent knows how the reply reaches them.
  const chat = ticket.channel === 'chat' ? await chatCustomer(ctx.db, ticket.id, ctx.clock.now()) : null;
  const otherTickets = theirs.items.filter((t) => t.id !== ticket.id).slice(0, OTHER_TICKETS);
  const ladder = policy.file.escalation?.levels ?? [];
  // The levels the form offers (tickets/escalate-ticket.ts): a front-line agent's only up to the level that assesses
  // what the front line hands up (OPS-COM's escalation manager), and none once the ticket is there; the next level up where there is one.
  const atStep = Math.max(0, ladder.findIndex((l) => l.id === ticket.escalationLevel));
  const reach = ctx.actor.kind === 'agent' && ctx.actor.role === 'front_line' ? frontLineReach(ladder) : null;
  const escalateTo = {
    levels: ladder.filter((l, i) => i !== atStep && (reach === null || (i > atStep && i <= reach))),
    nextUp: atStep + 1 < ladder.length && (reach === null || atStep + 1 <= reach),
    takenOnBy: reach !== null && atStep >= reach ? ladder[reach].name : null,
  };
  // The regrade picker in the vendor's order (OpenKey: Tier 1 Support first), every level offered.
  const severities = inListedOrder(policy, policy.severities.values());
  const done = (request.query as { done?: string }).done;
  // What the next reply's ETA is owed for (OPS-COM's after-hours status notification, the advice
  // before development): said beside the field, and after a reply that gave none (tickets/eta-owed.ts).
  // The channel it came by is named as the policy it runs on names it (OfficeSpace's "Web Support").
  const runsOn = await policyVersion(ctx.db, ticket.policyVersion);
  const owed = etaOwed(runsOn, ticket, ctx.clock.now());
  // A portal case filed as Email says so in the facts, as in its timeline ("Email (filed in the portal)").
  const cameBy = (kind: string) => channelName(runsOn, kind, ticket.plan);
  // A level whose process lists reports on the work's status with no interval (OfficeSpace:
  // "Periodic reports on the status of the correction", severities[].status_reports): the team sees
  // when the last one (a public reply) went out. No interval is set, so nothing is due or late.
  const reportStep = policy.file.severities.find((s) => s.id === ticket.severity)?.status_reports ?? null;
  const statusReports = reportStep === null ? null : {
    step: reportStep,
    lastAt: events.filter((e) => e.type === 'reply' && e.visibility === 'public' && e.actor.kind === 'agent').at(-1)?.at ?? null,
  };
  const outsideSla = outsideSlaType(policy, ticket.requestType);
  // A level the policy gives to one kind of agent (severities[].handled_by; OfficeSpace: "Assign engineer to
  // determine and correct the error"): said beside the assignee, with the step that says so in the vendor's words.
  const level = policy.file.severities.find((s) => s.id === ticket.severity);
  const handledBy = level?.handled_by
    ? { level: level.name, agents: HANDLERS[level.handled_by], step: (level.details ?? []).find((d) => /^Assign\b/.test(d)) ?? null }
    : null;
  return sendPage(request, reply, 'agent/ticket', {
    title: `#${ticket.number} ${ticket.subject}`,
    ticket, escalateTo, channelName: filedName(cameBy(ticket.channel), ticket.channel, ticket.filedInPortal), attachments, ladder, statusReports, handledBy, roleNames: ROLE_NAMES,
    // A clock's signal in the agent's zone, else the plan's, its zone named ("Sat 5 Dec 2026 03:20 AM EST").
    // A request type outside the SLA (OpenKey's "Billing Questions") is no tiered issue: its facts and its
    // opening entry name the type and its address, as the portal and the receipt do, not a level.
    events: requestNotSeverity(policy, agentTimeline(policy, events, {
      agentName: people.agentName, contactName, channelName: cameBy,
    }, (iso) => when(iso, request.webSession?.timeZone ?? planZone(policy, ticket.plan))), outsideSla?.name ?? null), severities, outsideSla, level: levelWords(policy), statuses: STATUSES, people, formError: formError ?? null,
    cannedResponses, replyDraft: kept('reply') || draft?.body || '', noteDraft: kept('note'),
    // A refused reply keeps what was chosen; a canned response's status and tags come with its text.
    replyStatus: formError?.form === 'reply' ? formError.kept?.status ?? '' : draft?.status ?? '',
    replyTags: formError?.form === 'reply' ? formError.kept?.add_tags ?? '' : (draft?.tags ?? []).join(' '),
    // The ETA as typed (a refused reply's: for the agent to send or correct, in the zone the form gives).
    replyEta: formError?.form === 'reply' ? formError.kept?.eta ?? '' : '',
    // A time entry's correct and remove forms, on the entries the reader may change; a refused one as typed.
    mayChangeTime: (agentId: string) => mayChangeTime(ctx.actor, agentId),
    kept: keptFields(formError ? { ...formError, kept: formError.kept ?? {} } : null),
    followers, reminder, others, timeSpent, sideConversations, mail,
    // The reader, who takes the ticket with one button beside its assignee (on call acknowledging a page: its triage is met so).
    myId: ctx.actor.kind === 'agent' ? ctx.actor.id : null,
    // They get a side conversation's files by mail only (tickets/side-conversations.ts).
    sideFileLimits: `Up to ${MAX_MAILED_BYTES / 1024 / 1024} MiB together: they get them by mail, and cannot read the ticket.`,
    mailTrouble: mail.items.filter((m) => (m.state === 'failed' || m.state === 'bounced') && !m.resentAs).length, presenceEvery: PRESENCE_HEARTBEAT_S, chat, following: ctx.actor.kind === 'agent' && followers.some((f) => f.id === (ctx.actor as { id: string }).id),
    // Deadlines and the ETA field in the zone of the plan's support hours, beside UTC.
    zone: planZone(policy, ticket.plan), planName: policy.plans.get(ticket.plan)?.name ?? ticket.plan,
    // The ETA field's zone as the policy writes it ("EST (America/New_York, EDT in summer)", OfficeSpace's "GMT-6", not "-06:00").
    zoneWords: zoneWordsOf(policy, ticket.plan),
    // Its clocks by the names the policy it runs on gives its targets (OfficeSpace's "Response Goal"), as its customer reads them.
    targetNames: targetNamesOf(runsOn, ticket.plan, ticket.severity),
    requestTypeName: (policy.file.request_types ?? []).find((r) => r.id === ticket.requestType)?.name ?? ticket.requestType,
    requester, otherTickets, designations, moreOtherTickets: theirs.items.filter((t) => t.id !== ticket.id).length > OTHER_TICKETS || theirs.nextCursor !== null,
    // A regrade is said in the vendor's word for its levels ("Support level changed").
    flash: done ? doneFlash(done, levelWords(policy).label, owed, runsOn) : null, etaOwed: owed,
    // The escalations the customer asked for, and what answered each (escalation-requests.ts); the
    // desk's threshold for telling the managers, under the policy's abuse rule (OpenBack), if it has one.
    // An agent records one the customer asked for another way (a call), for the requester or one copied, while it takes one.
    escalationRequests: {
      ...escalationRequestsOf(escalationEvents, ticket.id, { contactName, agentName: people.agentName }),
      record: escalationRequestsHeard(runsOn) && takesEscalationRequests(ticket.status)
        ? [...(requester ? [{ id: requester.id, name: requester.name, email: requester.email, role: 'requester' }] : []), ...ticket.ccs.map((c) => ({ ...c, role: 'copied' }))]
        : null,
    },
    abuseThreshold: runsOn.file.abuse ? runsOn.file.abuse.threshold : null,
    f: formatters(ctx.clock.now()),
  }, status);
}

/** What the page says once a form was sent; a reply that gave no ETA where one is owed says it did not send what is owed. */
function doneFlash(done: string, levelLabel: string, owed: EtaOwed | null, runsOn: PolicyModel): { kind: 'ok' | 'warning'; text: string } {
  if (done === 'reply' && owed?.kind === 'status_notification') {
    return { kind: 'warning', text: STATUS_NOTIFICATION_STILL_OWED };
  }
  // The mark that reached the desk's threshold told the managers (and, where the policy's action is
  // to notify charges, the organization's contacts): tickets/mark-escalation-unwarranted.ts.
  const abuse = runsOn.file.abuse;
  if (done === 'unwarranted-reached' && abuse) {
    const n = abuse.threshold.unwarranted_escalations;
    return {
      kind: 'warning',
      text: `Marked unwarranted. That makes ${n} for this organization in ${abuse.threshold.window_days} days, this desk's threshold: `
        + `the managers were told by mail${abuse.action === 'notify_charges' ? ', and so were the organization\'s named contacts and this ticket\'s requester, in the policy\'s words' : '; whether to notify the customer is theirs to decide'}.`,
    };
  }
  return { kind: 'ok', text: done === 'regrade' ? `${levelLabel} changed; the clocks were recomputed.` : DONE[done] ?? 'Saved.' };
}

/** The zone of a plan's hours as the published policy names it (policy/render/zone-words.ts); UTC for a plan without one. */
function zoneWordsOf(policy: PolicyModel, planId: string): string {
  const calendar = policy.calendars.get(policy.plans.get(planId)?.calendar ?? '');
  return calendar ? zoneText(calendar) : 'UTC';
}

const HANDLERS: Record<string, string> = { front_line: 'front-line agents', escalation: 'escalation agents' };

const DONE: Record<string, string> = {
  reply: 'Reply sent to the customer.', note: 'Internal note added.', status: 'Status changed.', assign: 'Assignee changed.',
  'assign-same': 'Nothing changed: the ticket is already assigned to that agent.', 'assign-none-same': 'Nothing changed: the ticket is already unassigned.',
  escalate: 'Escalated.', 'record-escalation': 'Their escalation request is recorded: it is on the timeline, and waits below for an answer.', link: 'Engineering link added.', unwarranted: 'Marked unwarranted: it counts toward the organization\'s unwarranted escalations.',
  qa: 'QA verification recorded.', time: 'Time logged.', 'time-corrected': 'Time entry corrected.',
  'time-removed': 'Time entry removed: it counts no more; the corrections keep what it was.',
  reminder: 'Reminder saved: you will be mailed then.', released: 'Fix release recorded.', ccs: 'Saved who is copied.', following: 'Saved: you hear what the customer writes while you follow it.', tags: 'Tags saved.', requester: 'Requester changed.',
  'requester-same': 'Nothing changed: they are already the requester.', merged: 'Ticket merged into this one; its customer was told.',
  side: 'Sent from the support address: their answer comes back on this ticket, for the team only.',
  'side-people': 'Left out of the side conversation: they get no more of its messages, and an answer of theirs is held for review.',
  created: 'Ticket opened; its clocks are below.', accepted: 'Held request accepted: the ticket is open.',
  resent: 'Sent again: the mail below says how its delivery stands.',
};

/** Runs one verb for a ticket form; a refusal the person can fix re-shows the page with the message at the form. On success it shows `next` (the same ticket unless the verb says otherwise). */
export function ticketAction<R>(
  deps: WebDeps, form: string | ((request: FastifyRequest) => string),
  run: (ctx: Ctx, ticketId: string, fields: Record<string, string>, request: FastifyRequest) => Promise<R>,
  next: (result: R, ticketId: string) => string = (_, ticketId) => `/agent/tickets/${ticketId}?done=${form}`,
) {
  return async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const ctx = ctxFor(request, deps);
    let result: R;
    try {
      result = await run(ctx, request.params.id, formOf(request), request);
    } catch (error) {
      if (!isAccordError(error) || !['invalid_input', 'conflict'].includes(error.code)) throw error;
      const e = error as AccordError;
      const at = typeof form === 'string' ? form : form(request);
      // What was typed, given back (without NUL, which a `textKept` form lets through: kept-form.ts).
      const refused = { form: at, message: e.message, details: e.details, kept: keptForm(formOf(request)) };
      return showTicket(request, reply, deps, refused, e.code === 'conflict' ? 409 : 400);
    }
    return reply.redirect(next(result, request.params.id), 303);
  };
}
