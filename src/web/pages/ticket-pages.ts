// The agent's ticket page (/agent/tickets/:id) and every action an agent takes on a ticket (reply,
// internal note, status, assignee, regrade with a reason, the escalation ladder and the escalations
// the customer asked for (marked unwarranted, or recorded for them), an engineering
// link, copies, followers, tags, the requester, merging, QA and the fix's release, time spent logged,
// corrected or removed, mail that did not arrive sent again). Each action is one ticket verb, run by ticketAction (ticket-view.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listContacts } from '../../customers/index.ts';
import { AGENTS, ctxFor } from '../../http/route-kit.ts';
import { ConflictError, InvalidInputError, type Ctx } from '../../platform/index.ts';
import {
  addNote, addReply, chatCustomer, correctTimeEntry, escalateTicket, followTicket, getTicket, linkTicket, listTicketEvents, markEscalationUnwarranted,
  markFixReleased, markQaVerified, leaveTicket, logTime, markPresence, mergeTicket, removeTimeEntry, requestEscalation, resendMail, setReminder, setTicketCcs, setTicketTags, STATUSES, ticketIdOfNumber, updateTicket,
} from '../../tickets/index.ts';
import { formOf, formValues, optional, page, requireConfirmed, ticketParam, uuidParam, zonedField, type WebDeps } from '../page-kit.ts';
import { filesOf } from '../uploads.ts';
import { copiedAddresses, keptWords, MESSAGE_LIMIT, NOTE_LIMIT, REASON_LIMIT, refuseNulInChoices, refuseUnread, SHORT_NOTE_LIMIT, textKept, TITLE_LIMIT, withoutNul, wordsWithoutNul } from '../kept-form.ts';
import { chosenLevel } from '../level-words.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { names, tagsField } from './agent-kit.ts';
import { showTicket, ticketAction } from './ticket-view.ts';

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
  // Their message is never lost: a NUL in it is removed, and one too long to read is said beside the form (kept-form.ts).
  const withFiles = textKept({ ...post, config: { ...post.config, uploads: true } });
  const message = { body: MESSAGE_LIMIT };
  web.post('/agent/tickets/:id/reply', withFiles, ticketAction(deps, 'reply', async (ctx, ticketId, f, request) => {
    refuseUnread(request, message);
    await refuseIfWrittenMeanwhile(ctx, ticketId, f.seen_events);
    return addReply({
      ctx,
      input: {
        ticketId, body: withoutNul(f.body ?? ''), files: filesOf(request),
        ...(optional(f, 'eta') ? { eta: zonedField(f, 'eta') } : {}),
        ...(optional(f, 'status') ? { status: optional(f, 'status') as 'solved' } : {}),
        ...(tagsField(f.add_tags).length ? { addTags: tagsField(f.add_tags) } : {}),
        ...timeSpentField(f),
      },
    });
  }));
  web.post('/agent/tickets/:id/note', withFiles, ticketAction(deps, 'note', (ctx, ticketId, f, request) => {
    refuseUnread(request, message);
    return addNote({ ctx, input: { ticketId, body: withoutNul(f.body ?? ''), files: filesOf(request), notify: formValues(request, 'notify').filter((id) => id !== ''), ...timeSpentField(f) } });
  }));
  // Mail about the ticket that did not arrive, sent again (each message's form its own).
  const mailPost = page(AGENTS, { params: { type: 'object', required: ['id', 'mail_id'], properties: { id: uuidParam.params.properties.id, mail_id: uuidParam.params.properties.id } } });
  const mailOf = (request: FastifyRequest) => (request.params as { mail_id: string }).mail_id;
  web.post('/agent/tickets/:id/mail/:mail_id/resend', mailPost, ticketAction(deps, (request) => `resend-${mailOf(request)}`, (ctx, ticketId, _f, request) =>
    resendMail({ ctx, input: { ticketId, mailId: mailOf(request) } }),
  (_, ticketId) => `/agent/tickets/${ticketId}?done=resent#ticket-mail`));
  // Time spent on its own (a call, a remote session), in minutes.
  const shortNote = { note: SHORT_NOTE_LIMIT };
  web.post('/agent/tickets/:id/time', textKept(post), ticketAction(deps, 'time', (ctx, ticketId, typed) => {
    const f = keptWords(typed, shortNote);
    return logTime({ ctx, input: { ticketId, minutes: minutesField(f.minutes, 'minutes'), ...(optional(f, 'note') ? { note: optional(f, 'note') } : {}) } });
  }));
  // A time entry corrected or removed (the reader's own; a manager or an admin, anyone's): each row's form its own.
  const uuid = uuidParam.params.properties.id;
  const entryRemove = page(AGENTS, { params: { type: 'object', required: ['id', 'entry_id'], properties: { id: uuid, entry_id: uuid } } });
  const entryPost = textKept(entryRemove);
  const entryOf = (request: FastifyRequest) => (request.params as { entry_id: string }).entry_id;
  const entryForm = (request: FastifyRequest) => `time-${entryOf(request)}`;
  web.post('/agent/tickets/:id/time-entries/:entry_id', entryPost, ticketAction(deps, entryForm, (ctx, ticketId, f, request) =>
    correctTimeEntry({
      ctx, input: { ticketId, entryId: entryOf(request), minutes: minutesField(f.minutes, 'minutes'), note: keptWords(f, shortNote).note ?? '' },
    }),
  (_, ticketId) => `/agent/tickets/${ticketId}?done=time-corrected`));
  const removal = '/agent/tickets/:id/time-entries/:entry_id/remove';
  web.post(removal, entryRemove, ticketAction(deps, entryForm, (ctx, ticketId, f, request) =>
    removeTimeEntry({ ctx, input: { ticketId, entryId: entryOf(request) }, confirm: () => requireConfirmed(f, 'remove', 'entry') }),
  (_, ticketId) => `/agent/tickets/${ticketId}?done=time-removed`));
  // Closing is final (a reply then opens a new ticket) and merging cannot be undone: each asks for
  // its box to be ticked (QA: both happened on one click).
  // The smaller forms' words are never lost either: a NUL is removed, a text over its limit comes back counted (kept-form.ts).
  const kept = textKept(post);
  const reason = { reason: REASON_LIMIT };
  web.post('/agent/tickets/:id/status', kept, ticketAction(deps, 'status', (ctx, ticketId, typed) => {
    const f = keptWords(typed, reason);
    if (f.status === 'closed') requireConfirmed(f, 'close', 'ticket');
    return updateTicket({ ctx, input: { ticketId, status: f.status as (typeof STATUSES)[number], ...(optional(f, 'reason') ? { reason: optional(f, 'reason') } : {}) } });
  }));
  // Choosing whoever holds it already changes nothing, and the page says so (QA: it said "Assignee changed").
  web.post('/agent/tickets/:id/assign', post, ticketAction(deps, 'assign', async (ctx, ticketId, f) => {
    const assigneeId = optional(f, 'assignee') ?? null;
    const before = await getTicket({ ctx, input: { ticketId } });
    if (before.assigneeId === assigneeId) return { same: assigneeId === null ? 'assign-none-same' : 'assign-same' };
    await updateTicket({ ctx, input: { ticketId, assigneeId } });
    return { same: null };
  }, (r, ticketId) => `/agent/tickets/${ticketId}?done=${r.same ?? 'assign'}`));
  web.post('/agent/tickets/:id/regrade', kept, ticketAction(deps, 'regrade', async (ctx, ticketId, typed) => {
    const f = keptWords(typed, reason);
    const severity = chosenLevel((await activePolicy(ctx.db)).model, f.severity, 'The ticket was not regraded.');
    return updateTicket({ ctx, input: { ticketId, severity, ...(optional(f, 'reason') ? { reason: optional(f, 'reason') } : {}) } });
  }));
  web.post('/agent/tickets/:id/escalate', kept, ticketAction(deps, 'escalate', (ctx, ticketId, typed) => {
    const f = keptWords(typed, reason);
    return escalateTicket({ ctx, input: { ticketId, reason: f.reason ?? '', ...(optional(f, 'to_level') ? { toLevel: optional(f, 'to_level') } : {}) } });
  }));
  // An escalation the customer asked for, marked unwarranted with a reason (the policy's abuse rule
  // counts them); the page says when the mark reached the desk's threshold and who was told.
  web.post('/agent/tickets/:id/unwarranted-escalation', kept, ticketAction(deps, 'unwarranted', (ctx, ticketId, f) =>
    markEscalationUnwarranted({ ctx, input: { ticketId, reason: keptWords(f, reason).reason ?? '' } }), (r, ticketId) => `/agent/tickets/${ticketId}?done=${r.thresholdReached ? 'unwarranted-reached' : 'unwarranted'}`));
  // One the customer asked for by phone or otherwise, recorded for them: who asked (the requester or one copied) and why.
  web.post('/agent/tickets/:id/escalation-request', kept, ticketAction(deps, 'record-escalation', (ctx, ticketId, typed) => {
    const f = keptWords(typed, reason);
    return requestEscalation({ ctx, input: { ticketId, reason: f.reason ?? '', ...(optional(f, 'asked_by') ? { askedBy: optional(f, 'asked_by') } : {}) } });
  }));
  web.post('/agent/tickets/:id/link', kept, ticketAction(deps, 'link', (ctx, ticketId, typed) => {
    const f = keptWords(typed, { title: TITLE_LIMIT });
    return linkTicket({ ctx, input: { ticketId, url: withoutNul(f.url ?? ''), title: f.title ?? '' } });
  }));
  // Who is copied: emails of the organization's contacts, as typed; an email of no contact is refused naming it.
  // What was typed is never lost: a NUL is removed, a list too long comes back counted beside the form (kept-form.ts).
  web.post('/agent/tickets/:id/ccs', textKept(post), ticketAction(deps, 'ccs', async (ctx, ticketId, f) => {
    const ids: string[] = [];
    for (const email of copiedAddresses(withoutNul(f.emails ?? ''), { who: 'people', on: 'a ticket' })) {
      const contact = (await listContacts({ ctx, input: { email, limit: 1 } })).items[0];
      if (!contact) throw new InvalidInputError(`No contact has the email ${email}`, [{ path: 'emails', message: `${email} is not a contact: an admin adds people to their organization first` }]);
      ids.push(contact.id);
    }
    return setTicketCcs({ ctx, input: { ticketId, contactIds: ids } });
  }));
  // A reminder for oneself, at a time typed in one's own zone (the page says which); Clear removes it.
  web.post('/agent/tickets/:id/reminder', kept, ticketAction(deps, 'reminder', (ctx, ticketId, typed) => {
    refuseNulInChoices(typed, ['clear']); // read as not ticked, Clear would set a reminder instead
    const f = keptWords(typed, shortNote);
    return setReminder({ ctx, input: { ticketId, at: f.clear === 'yes' ? null : zonedField(f, 'at') ?? '', ...(optional(f, 'note') ? { note: optional(f, 'note') } : {}) } });
  }));
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
  web.post('/agent/tickets/:id/following', post, ticketAction(deps, 'following', (ctx, ticketId, f) => followTicket({ ctx, input: { ticketId, follow: f.following === 'yes' } })));
  web.post('/agent/tickets/:id/tags', post, ticketAction(deps, 'tags', (ctx, ticketId, f) => setTicketTags({ ctx, input: { ticketId, tags: tagsField(f.tags) } })));
  // Another person of the organization asks now: by email, as typed. The one who asks already
  // changes nothing, and the page says so, as for the assignee (QA: it said "Requester changed").
  web.post('/agent/tickets/:id/requester', post, ticketAction(deps, 'requester', async (ctx, ticketId, f) => {
    const email = (f.email ?? '').trim();
    const contact = email ? (await listContacts({ ctx, input: { email, limit: 1 } })).items[0] : undefined;
    if (!contact) throw new InvalidInputError(`No contact has the email ${email || '(none given)'}`, [{ path: 'email', message: 'is not a contact: an admin adds people to their organization first' }]);
    if ((await getTicket({ ctx, input: { ticketId } })).requesterId === contact.id) return { same: true };
    await updateTicket({ ctx, input: { ticketId, requesterId: contact.id } });
    return { same: false };
  }, (r, ticketId) => `/agent/tickets/${ticketId}?done=${r.same ? 'requester-same' : 'requester'}`));
  // Merging: this ticket closes into the one typed; the agent lands on that one.
  web.post('/agent/tickets/:id/merge', post, ticketAction(deps, 'merge', (ctx, ticketId, f) => {
    const intoNumber = ticketNumberField(f.into);
    requireConfirmed(f, 'merge', 'ticket');
    return mergeTicket({ ctx, input: { ticketId, intoNumber } });
  }, (merged) => `/agent/tickets/${merged.into.id}?done=merged`));
  // The last rungs of a ladder with QA (OPS-COM): QA verified (internal), then the fix released and the customer told.
  web.post('/agent/tickets/:id/qa-verified', textKept(post), ticketAction(deps, 'qa', (ctx, ticketId, typed) => {
    const f = keptWords(typed, { note: NOTE_LIMIT });
    return markQaVerified({ ctx, input: { ticketId, ...(optional(f, 'note') ? { note: optional(f, 'note') } : {}) } });
  }));
  // The release is words typed too ("2.4.1"): a NUL is removed from it. The box to tell the customer
  // is a choice: read as not ticked, a NUL in it would keep the customer from being told.
  web.post('/agent/tickets/:id/fix-released', textKept(post), ticketAction(deps, 'released', (ctx, ticketId, typed) => {
    refuseNulInChoices(typed, ['notify']);
    const f = keptWords(wordsWithoutNul(typed, ['release']), { note: NOTE_LIMIT, body: MESSAGE_LIMIT });
    return markFixReleased({
      ctx,
      input: {
        ticketId, notifyCustomer: f.notify === 'on',
        ...(optional(f, 'release') ? { release: optional(f, 'release') } : {}), ...(optional(f, 'body') ? { body: optional(f, 'body') } : {}),
      },
    });
  }));
}
