// The agent's ticket page (/agent/tickets/:id) and every action an agent takes on a ticket (reply,
// internal note, status, assignee, regrade with a reason, the escalation ladder, an engineering
// link, copies, followers, tags, the requester, merging, QA and the fix's release, time spent logged,
// corrected or removed, side conversations with people who are not the customer). Each action is one ticket verb; on a refusal the page is shown again with
// the verb's message beside the form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listTicketAttachments, listTicketMail } from '../../email/index.ts';
import { listContacts, listDesignations } from '../../customers/index.ts';
import { AGENTS, ctxFor } from '../../http/route-kit.ts';
import { listCannedResponses, renderCannedResponse } from '../../canned/index.ts';
import { ConflictError, InvalidInputError, isAccordError, NotFoundError, type AccordError, type Ctx } from '../../platform/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import {
  addNote, addReply, chatCustomer, correctTimeEntry, escalateTicket, followersOf, followTicket, getTicket, linkTicket, listTicketEvents, listTickets,
  markFixReleased, markQaVerified, leaveTicket, logTime, markPresence, mayChangeTime, mergeTicket, PRESENCE_HEARTBEAT_S, reminderOf,
  MAX_MAILED_BYTES, removeTimeEntry, sendSideMessage, setReminder, setTicketCcs, sideConversationsOf, setTicketTags, STATUSES, ticketIdOfNumber, timeSpentOn, updateTicket, type Presence,
} from '../../tickets/index.ts';
import { formatters, planZone } from '../format.ts';
import { everyPage, formOf, formValues, keptFields, optional, page, requireConfirmed, ticketParam, uuidParam, zonedField, type WebDeps } from '../page-kit.ts';
import { filesOf } from '../uploads.ts';
import { sendPage } from '../render.ts';
import { agentTimeline, timelineContactIds } from '../timeline.ts';
import { names, tagsField } from './agent-kit.ts';

// How many of the requester's other tickets the ticket page lists (the rest are one search away).
const OTHER_TICKETS = 5;
// How much of the ticket's mail the page lists, newest first (all of it: the API).
const MAIL_SHOWN = 20;

type FormError = { form: string; message: string; details: Array<{ path: string; message: string }>; kept?: Record<string, string> };

async function showTicket(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, deps: WebDeps, formError?: FormError, status = 200) {
  const ctx = ctxFor(request, deps);
  const ticketId = request.params.id;
  const [ticket, events, { model: policy }, attachments, timeSpent, mail] = await Promise.all([
    getTicket({ ctx, input: { ticketId } }), listTicketEvents({ ctx, input: { ticketId } }), activePolicy(ctx.db),
    listTicketAttachments({ ctx, input: { ticketId } }), timeSpentOn({ ctx, input: { ticketId } }),
    // Where each message about it stands: did the customer get the reply? (email/ticket-mail.ts)
    listTicketMail({ ctx, input: { ticketId, limit: MAIL_SHOWN } }),
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
  // A live chat (tickets/chat.ts): whether the customer is on its page now, so the agent knows how the reply reaches them.
  const chat = ticket.channel === 'chat' ? await chatCustomer(ctx.db, ticket.id, ctx.clock.now()) : null;
  const otherTickets = theirs.items.filter((t) => t.id !== ticket.id).slice(0, OTHER_TICKETS);
  const ladder = policy.file.escalation?.levels ?? [];
  const severities = [...policy.severities.values()].sort((a, b) => a.id - b.id);
  const done = (request.query as { done?: string }).done;
  return sendPage(request, reply, 'agent/ticket', {
    title: `#${ticket.number} ${ticket.subject}`,
    ticket, attachments, ladder,
    events: agentTimeline(policy, events, {
      agentName: people.agentName, contactName: new Map([...requesters.items, ...timelineContacts].map((c) => [c.id, c.name])),
    }), severities, statuses: STATUSES, people, formError: formError ?? null,
    cannedResponses, replyDraft: kept('reply') || draft?.body || '', noteDraft: kept('note'),
    // A refused reply keeps what was chosen; a canned response's status and tags come with its text.
    replyStatus: formError?.form === 'reply' ? formError.kept?.status ?? '' : draft?.status ?? '',
    replyTags: formError?.form === 'reply' ? formError.kept?.add_tags ?? '' : (draft?.tags ?? []).join(' '),
    // A time entry's correct and remove forms, on the entries the reader may change; a refused one as typed.
    mayChangeTime: (agentId: string) => mayChangeTime(ctx.actor, agentId),
    kept: keptFields(formError ? { ...formError, kept: formError.kept ?? {} } : null),
    followers, reminder, others, timeSpent, sideConversations, mail,
    // They get a side conversation's files by mail only (tickets/side-conversations.ts).
    sideFileLimits: `Up to ${MAX_MAILED_BYTES / 1024 / 1024} MiB together: they get them by mail, and cannot read the ticket.`,
    mailTrouble: mail.items.filter((m) => m.state === 'failed' || m.state === 'bounced').length, presenceEvery: PRESENCE_HEARTBEAT_S, chat, following: ctx.actor.kind === 'agent' && followers.some((f) => f.id === (ctx.actor as { id: string }).id),
    // Deadlines and the ETA field in the zone of the plan's support hours, beside UTC.
    zone: planZone(policy, ticket.plan), planName: policy.plans.get(ticket.plan)?.name ?? ticket.plan,
    requestTypeName: (policy.file.request_types ?? []).find((r) => r.id === ticket.requestType)?.name ?? ticket.requestType,
    requester, otherTickets, designations, moreOtherTickets: theirs.items.filter((t) => t.id !== ticket.id).length > OTHER_TICKETS || theirs.nextCursor !== null,
    flash: done ? { kind: 'ok', text: DONE[done] ?? 'Saved.' } : null,
    f: formatters(ctx.clock.now()),
  }, status);
}

const DONE: Record<string, string> = {
  reply: 'Reply sent to the customer.', note: 'Internal note added.', status: 'Status changed.', assign: 'Assignee changed.',
  'assign-same': 'Nothing changed: the ticket is already assigned to that agent.', 'assign-none-same': 'Nothing changed: the ticket is already unassigned.',
  regrade: 'Severity changed; the clocks were recomputed.', escalate: 'Escalated.', link: 'Engineering link added.',
  qa: 'QA verification recorded.', time: 'Time logged.', 'time-corrected': 'Time entry corrected.',
  'time-removed': 'Time entry removed: it counts no more; the corrections keep what it was.',
  reminder: 'Reminder saved: you will be mailed then.', released: 'Fix release recorded.', ccs: 'Saved who is copied.', following: 'Saved: you hear what the customer writes while you follow it.', tags: 'Tags saved.', requester: 'Requester changed.', merged: 'Ticket merged into this one; its customer was told.',
  side: 'Sent from the support address: their answer comes back on this ticket, for the team only.',
  created: 'Ticket opened; its clocks are below.', accepted: 'Held request accepted: the ticket is open.',
};

/** Runs one verb for a ticket form; a refusal the person can fix re-shows the page with the message at the form. On success it shows `next` (the same ticket unless the verb says otherwise). */
function action<R>(
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
      const refused = { form: at, message: e.message, details: e.details, kept: formOf(request) };
      return showTicket(request, reply, deps, refused, e.code === 'conflict' ? 409 : 400);
    }
    return reply.redirect(next(result, request.params.id), 303);
  };
}

/**
 * Two people answering one customer at once: the reply form carries how many timeline entries its
 * page showed (kept current by the live refresh); if someone else replied or noted, the customer
 * wrote, or a side conversation was answered, since then, the reply is not sent and the page comes
 * back with what was typed, the new entries above it, and says who wrote. Sending again sends it.
 */
async function refuseIfWrittenMeanwhile(ctx: Ctx, ticketId: string, seenText: string | undefined): Promise<void> {
  const seen = Number(seenText);
  if (!seenText || !Number.isInteger(seen) || seen < 0) return; // a client that did not say (the API, an old page)
  const me = ctx.actor.kind === 'agent' ? ctx.actor.id : null;
  const events = await listTicketEvents({ ctx, input: { ticketId } });
  // A supplier's answer in a side conversation counts too: it may change what the customer should be told.
  const written = events.slice(seen).filter((e) => (e.type === 'reply' || e.type === 'note' || e.type === 'side_reply') && e.actor.id !== me);
  if (written.length === 0) return;
  const people = await names(ctx, []);
  const whoWrote = (e: (typeof written)[number]) =>
    e.type === 'side_reply' ? String(e.data.from ?? 'a third party') : e.actor.kind === 'contact' ? 'the customer' : people.agentName.get(e.actor.id ?? '') ?? 'a colleague';
  const who = [...new Set(written.map(whoWrote))];
  throw new ConflictError(`Not sent: since you opened this ticket, ${who.join(' and ')} wrote on it. Read the timeline above; your reply is kept below: send it again if it still fits.`);
}

/** Whole minutes typed in a form field; other text is refused naming the field (the domain checks the range). */
function minutesField(text: string | undefined, path: string): number {
  const m = /^\s*(\d{1,6})\s*$/.exec(text ?? '');
  if (!m) throw new InvalidInputError('Type the time spent in whole minutes', [{ path, message: 'must be a whole number of minutes, like 25' }]);
  return Number(m[1]);
}

/** The optional "time spent" of the reply and note forms. */
function timeSpentField(f: Record<string, string>): { timeSpentMinutes?: number } {
  return optional(f, 'time_spent') ? { timeSpentMinutes: minutesField(f.time_spent, 'timeSpentMinutes') } : {};
}

/** The ticket number typed in a form ("1042" or "#1042"); other text is refused naming the field. */
function ticketNumberField(text: string | undefined): number {
  const m = /^\s*#?\s*(\d{1,15})\s*$/.exec(text ?? '');
  if (!m) throw new InvalidInputError('Type the number of the ticket to merge into', [{ path: 'intoNumber', message: 'must be a ticket number, like 1042' }]);
  return Number(m[1]);
}

export function registerTicketPages(web: FastifyInstance, deps: WebDeps): void {
  const ticketOptions = page(AGENTS, { ...ticketParam, querystring: { type: 'object', properties: { done: { type: 'string', maxLength: 20 }, canned: { type: 'string', maxLength: 100 } } } });
  web.get<{ Params: { id: string } }>('/agent/tickets/:id', ticketOptions, async (request, reply) => {
    // A number typed or said ("ticket 1042"): its page, by id.
    if (/^\d+$/.test(request.params.id)) {
      const ctx = ctxFor(request, deps);
      return reply.redirect(`/agent/tickets/${await ticketIdOfNumber(ctx.db, ctx.actor, Number(request.params.id))}`, 303);
    }
    return showTicket(request, reply, deps);
  });

  const post = page(AGENTS, uuidParam);
  // A reply and a note may carry files (multipart forms).
  const withFiles = { ...post, config: { ...post.config, uploads: true } };
  web.post('/agent/tickets/:id/reply', withFiles, action(deps, 'reply', async (ctx, ticketId, f, request) => {
    await refuseIfWrittenMeanwhile(ctx, ticketId, f.seen_events);
    return addReply({
      ctx,
      input: {
        ticketId, body: f.body ?? '', files: filesOf(request),
        ...(optional(f, 'eta') ? { eta: zonedField(f, 'eta') } : {}),
        ...(optional(f, 'status') ? { status: optional(f, 'status') as 'solved' } : {}),
        ...(tagsField(f.add_tags).length ? { addTags: tagsField(f.add_tags) } : {}),
        ...timeSpentField(f),
      },
    });
  }));
  web.post('/agent/tickets/:id/note', withFiles, action(deps, 'note', (ctx, ticketId, f, request) =>
    addNote({ ctx, input: { ticketId, body: f.body ?? '', files: filesOf(request), notify: formValues(request, 'notify').filter((id) => id !== ''), ...timeSpentField(f) } })));
  // A side conversation started, or written on again (each conversation's form its own).
  web.post('/agent/tickets/:id/side-conversations', withFiles, action(deps, 'side', (ctx, ticketId, f, request) =>
    sendSideMessage({
      ctx,
      input: {
        ticketId, to: (f.to ?? '').trim(), body: f.body ?? '', files: filesOf(request), quoteRequest: f.quote_request === 'on',
        ...(optional(f, 'subject') ? { subject: optional(f, 'subject') } : {}),
      },
    })));
  const conversationPost = { ...page(AGENTS, { params: { type: 'object', required: ['id', 'conversation_id'], properties: { id: uuidParam.params.properties.id, conversation_id: uuidParam.params.properties.id } } }), config: { ...post.config, uploads: true } };
  const conversationOf = (request: FastifyRequest) => (request.params as { conversation_id: string }).conversation_id;
  web.post('/agent/tickets/:id/side-conversations/:conversation_id', conversationPost, action(deps, (request) => `side-${conversationOf(request)}`, (ctx, ticketId, f, request) =>
    sendSideMessage({ ctx, input: { ticketId, conversationId: conversationOf(request), body: f.body ?? '', files: filesOf(request), quoteRequest: f.quote_request === 'on' } }),
  (_, ticketId) => `/agent/tickets/${ticketId}?done=side`));
  // Time spent on its own (a call, a remote session), in minutes.
  web.post('/agent/tickets/:id/time', post, action(deps, 'time', (ctx, ticketId, f) =>
    logTime({ ctx, input: { ticketId, minutes: minutesField(f.minutes, 'minutes'), ...(optional(f, 'note') ? { note: optional(f, 'note') } : {}) } })));
  // A time entry corrected or removed (the reader's own; a manager or an admin, anyone's): each row's form its own.
  const uuid = uuidParam.params.properties.id;
  const entryPost = page(AGENTS, { params: { type: 'object', required: ['id', 'entry_id'], properties: { id: uuid, entry_id: uuid } } });
  const entryOf = (request: FastifyRequest) => (request.params as { entry_id: string }).entry_id;
  const entryForm = (request: FastifyRequest) => `time-${entryOf(request)}`;
  web.post('/agent/tickets/:id/time-entries/:entry_id', entryPost, action(deps, entryForm, (ctx, ticketId, f, request) =>
    correctTimeEntry({
      ctx, input: { ticketId, entryId: entryOf(request), minutes: minutesField(f.minutes, 'minutes'), note: f.note ?? '' },
    }),
  (_, ticketId) => `/agent/tickets/${ticketId}?done=time-corrected`));
  const removal = '/agent/tickets/:id/time-entries/:entry_id/remove';
  web.post(removal, entryPost, action(deps, entryForm, (ctx, ticketId, f, request) =>
    removeTimeEntry({ ctx, input: { ticketId, entryId: entryOf(request) }, confirm: () => requireConfirmed(f, 'remove', 'entry') }),
  (_, ticketId) => `/agent/tickets/${ticketId}?done=time-removed`));
  // Closing is final (a reply then opens a new ticket) and merging cannot be undone: each asks for
  // its box to be ticked (QA: both happened on one click).
  web.post('/agent/tickets/:id/status', post, action(deps, 'status', (ctx, ticketId, f) => {
    if (f.status === 'closed') requireConfirmed(f, 'close', 'ticket');
    return updateTicket({ ctx, input: { ticketId, status: f.status as (typeof STATUSES)[number], ...(optional(f, 'reason') ? { reason: optional(f, 'reason') } : {}) } });
  }));
  // Choosing whoever holds it already changes nothing, and the page says so (QA: it said "Assignee changed").
  web.post('/agent/tickets/:id/assign', post, action(deps, 'assign', async (ctx, ticketId, f) => {
    const assigneeId = optional(f, 'assignee') ?? null;
    const before = await getTicket({ ctx, input: { ticketId } });
    if (before.assigneeId === assigneeId) return { same: assigneeId === null ? 'assign-none-same' : 'assign-same' };
    await updateTicket({ ctx, input: { ticketId, assigneeId } });
    return { same: null };
  }, (r, ticketId) => `/agent/tickets/${ticketId}?done=${r.same ?? 'assign'}`));
  web.post('/agent/tickets/:id/regrade', post, action(deps, 'regrade', (ctx, ticketId, f) =>
    updateTicket({ ctx, input: { ticketId, severity: Number(f.severity), ...(optional(f, 'reason') ? { reason: optional(f, 'reason') } : {}) } })));
  web.post('/agent/tickets/:id/escalate', post, action(deps, 'escalate', (ctx, ticketId, f) =>
    escalateTicket({ ctx, input: { ticketId, reason: f.reason ?? '', ...(optional(f, 'to_level') ? { toLevel: optional(f, 'to_level') } : {}) } })));
  web.post('/agent/tickets/:id/link', post, action(deps, 'link', (ctx, ticketId, f) =>
    linkTicket({ ctx, input: { ticketId, url: f.url ?? '', title: f.title ?? '' } })));
  // Who is copied: emails of the organization's contacts, as typed; an email of no contact is refused naming it.
  web.post('/agent/tickets/:id/ccs', post, action(deps, 'ccs', async (ctx, ticketId, f) => {
    const emails = (f.emails ?? '').split(/[\s,;]+/).map((e) => e.trim()).filter((e) => e !== '');
    const ids: string[] = [];
    for (const email of emails) {
      const contact = (await listContacts({ ctx, input: { email, limit: 1 } })).items[0];
      if (!contact) throw new InvalidInputError(`No contact has the email ${email}`, [{ path: 'emails', message: `${email} is not a contact: an admin adds people to their organization first` }]);
      ids.push(contact.id);
    }
    return setTicketCcs({ ctx, input: { ticketId, contactIds: ids } });
  }));
  // A reminder for oneself, at a time typed in one's own zone (the page says which); Clear removes it.
  web.post('/agent/tickets/:id/reminder', post, action(deps, 'reminder', (ctx, ticketId, f) =>
    setReminder({ ctx, input: { ticketId, at: f.clear === 'yes' ? null : zonedField(f, 'at') ?? '', ...(optional(f, 'note') ? { note: optional(f, 'note') } : {}) } })));
  // The page's script says the reader is still there (and whether they are writing a reply), or
  // that they left; it is answered with who else is there (JSON). Without the script the page's
  // own showing marks the reader.
  web.post<{ Params: { id: string } }>('/agent/tickets/:id/presence', post, async (request, reply) => {
    const ctx = ctxFor(request, deps);
    const f = formOf(request);
    if (f.leave === 'yes') {
      await leaveTicket({ ctx, input: { ticketId: request.params.id } });
      return reply.code(204).send();
    }
    const others = await markPresence({ ctx, input: { ticketId: request.params.id, ...(f.replying === 'yes' || f.replying === 'no' ? { replying: f.replying === 'yes' } : {}) } });
    if (!(request.headers.accept ?? '').includes('application/json')) return reply.redirect(`/agent/tickets/${request.params.id}`, 303);
    return reply.type('application/json; charset=utf-8').header('cache-control', 'no-store').send({
      others: others.map((o) => ({ name: o.name, replying: o.replyingSince !== null, since: o.replyingSince?.toString() ?? null })),
      // On a live chat, whether its customer is on the chat page and writing (tickets/chat.ts).
      customer: await chatCustomer(ctx.db, request.params.id, ctx.clock.now()),
    });
  });
  web.post('/agent/tickets/:id/following', post, action(deps, 'following', (ctx, ticketId, f) => followTicket({ ctx, input: { ticketId, follow: f.following === 'yes' } })));
  web.post('/agent/tickets/:id/tags', post, action(deps, 'tags', (ctx, ticketId, f) => setTicketTags({ ctx, input: { ticketId, tags: tagsField(f.tags) } })));
  // Another person of the organization asks now: by email, as typed.
  web.post('/agent/tickets/:id/requester', post, action(deps, 'requester', async (ctx, ticketId, f) => {
    const email = (f.email ?? '').trim();
    const contact = email ? (await listContacts({ ctx, input: { email, limit: 1 } })).items[0] : undefined;
    if (!contact) throw new InvalidInputError(`No contact has the email ${email || '(none given)'}`, [{ path: 'email', message: 'is not a contact: an admin adds people to their organization first' }]);
    return updateTicket({ ctx, input: { ticketId, requesterId: contact.id } });
  }));
  // Merging: this ticket closes into the one typed; the agent lands on that one.
  web.post('/agent/tickets/:id/merge', post, action(deps, 'merge', (ctx, ticketId, f) => {
    const intoNumber = ticketNumberField(f.into);
    requireConfirmed(f, 'merge', 'ticket');
    return mergeTicket({ ctx, input: { ticketId, intoNumber } });
  }, (merged) => `/agent/tickets/${merged.into.id}?done=merged`));
  // The last rungs of a ladder with QA (OPS-COM): QA verified (internal), then the fix released and the customer told.
  web.post('/agent/tickets/:id/qa-verified', post, action(deps, 'qa', (ctx, ticketId, f) =>
    markQaVerified({ ctx, input: { ticketId, ...(optional(f, 'note') ? { note: optional(f, 'note') } : {}) } })));
  web.post('/agent/tickets/:id/fix-released', post, action(deps, 'released', (ctx, ticketId, f) =>
    markFixReleased({
      ctx,
      input: {
        ticketId, notifyCustomer: f.notify === 'on',
        ...(optional(f, 'release') ? { release: optional(f, 'release') } : {}), ...(optional(f, 'body') ? { body: optional(f, 'body') } : {}),
      },
    })));
}
