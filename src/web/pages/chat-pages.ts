// The portal's live chat (tickets/chat.ts): where the customer's plan offers a chat channel, they
// start a chat while it is staffed (outside its hours the page says when it opens, and what they can
// use instead), and the chat page shows the conversation live: the timeline's live stream swaps it
// in as agents answer. The page says, by a heartbeat, that the customer is there; their replies are
// then not also mailed. A chat is a case like any other: its promises, its page, its mail once they leave.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listOrganizations } from '../../customers/index.ts';
import { ctxFor } from '../../http/route-kit.ts';
import { isAccordError, InvalidInputError, type AccordError } from '../../platform/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import {
  addReply, chatOffer, CHAT_HEARTBEAT_S, createTicket, getTicket, listTicketEvents, markChatPresence, regradeNotice, supportWriting,
} from '../../tickets/index.ts';
import { formatters, planZone } from '../format.ts';
import { formOf, page, uuidParam, type Form, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';
import { heldReasonOf, servedOn } from './portal-words.ts';

const CONTACTS = ['contact'] as const;
const errorStatus = (error: AccordError) => (error.code === 'invalid_input' ? 400 : error.code === 'forbidden' ? 403 : 409);

/** A chat's subject when none is given: the first words of its message. */
const chatSubject = (message: string): string => message.split('\n')[0].slice(0, 80);

async function showStart(request: FastifyRequest, reply: FastifyReply, deps: WebDeps, form: Form = {}, error: AccordError | null = null) {
  const ctx = ctxFor(request, deps);
  const [{ model: policy }, orgs] = await Promise.all([activePolicy(ctx.db), listOrganizations({ ctx, input: { limit: 1 } })]);
  const org = orgs.items[0];
  // The chat of the plan its support is given on, as opening one decides (a customer not yet onboarded: OpenBack's Growth), and why.
  const served = org ? servedOn(policy, org) : null;
  const offer = served ? chatOffer(policy, served.plan, ctx.clock.now().epochMilliseconds, request.webSession?.timeZone ?? null) : { offered: false as const };
  // Refused by the policy (chat closed by the time it was sent, from a page opened while staffed), the
  // message is held for the team (tickets/create-ticket.ts): the page says so, why (once: the closed
  // notice when it says it), and offers no form or case to send it again, as the new-case form does.
  const heldReason = heldReasonOf(error);
  const held = heldReason === null ? null : { reason: heldReason, about: (form.subject ?? '').trim() || chatSubject((form.message ?? '').trim()) };
  return sendPage(request, reply, 'portal/chat-start', {
    title: 'Chat with us', offer, served, vendor: policy.file.vendor.name, form, held, error: error && !held ? { message: error.message, details: error.details } : null,
  }, error ? errorStatus(error) : 200);
}

async function showChat(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, deps: WebDeps, kept: Form = {}, error: AccordError | null = null) {
  const ctx = ctxFor(request, deps);
  const ticketId = request.params.id;
  // Whether someone from support is writing is read alongside: unused unless the contact may see the ticket.
  const [ticket, events, { model: policy }, writing] = await Promise.all([
    getTicket({ ctx, input: { ticketId } }), listTicketEvents({ ctx, input: { ticketId } }), activePolicy(ctx.db), supportWriting(ctx.db, ticketId, ctx.clock.now()),
  ]);
  // Not a chat: its page is the case's.
  if (ticket.channel !== 'chat') return reply.redirect(`/portal/cases/${ticket.id}`, 303);
  // A regrade made while they were here is read here, not mailed (tickets/regrade-mail.ts): shown among
  // what support said, in its words; it answers nothing, so the page still waits for a reply.
  const said = events.filter((e) => e.type === 'reply' || e.type === 'regraded').map((e) => e.type !== 'regraded' ? e
    : { ...e, body: regradeNotice(policy, ticket, { from: Number(e.data.from), to: Number(e.data.to), reason: e.body ?? '' }) });
  // Someone from support writing a reply now (tickets/presence.ts): the page says so, live.
  const answered = said.some((e) => e.type === 'reply' && e.actor.kind === 'agent');
  return sendPage(request, reply, 'portal/chat', {
    title: `Chat: case #${ticket.number}`, ticket, said, answered, myId: ctx.actor.kind === 'contact' ? ctx.actor.id : null, ended: ticket.status === 'solved' || ticket.status === 'closed',
    vendor: policy.file.vendor.name, heartbeat: CHAT_HEARTBEAT_S, supportWriting: writing, events: events.length, kept, error: error ? { form: 'chat', message: error.message, details: error.details } : null,
    // Times in the zone of the case's plan's hours, as its case page gives them.
    f: formatters(ctx.clock.now(), planZone(policy, ticket.plan)),
  }, error ? errorStatus(error) : 200);
}

export function registerChatPages(web: FastifyInstance, deps: WebDeps): void {
  web.get('/portal/chat', page(CONTACTS), (request, reply) => showStart(request, reply, deps));

  // A chat opens as a case on the chat channel: the first message is its description; what it is
  // about, its subject (the first words of the message when left empty).
  web.post('/portal/chat', page(CONTACTS), async (request, reply) => {
    const ctx = ctxFor(request, deps);
    const form = formOf(request);
    const message = (form.message ?? '').trim();
    try {
      if (!message) throw new InvalidInputError('Write your first message', [{ path: 'message', message: 'is required: what do you need help with?' }]);
      const about = (form.subject ?? '').trim() || chatSubject(message);
      const ticket = await createTicket({ ctx, input: { subject: about, description: message, channel: 'chat' } });
      return reply.redirect(`/portal/chat/${ticket.id}`, 303);
    } catch (error) {
      if (!isAccordError(error) || !['invalid_input', 'forbidden', 'conflict', 'limit_exceeded'].includes(error.code)) throw error;
      return showStart(request, reply, deps, form, error);
    }
  });

  web.get<{ Params: { id: string } }>('/portal/chat/:id', page(CONTACTS, uuidParam), (request, reply) => showChat(request, reply, deps));

  web.post<{ Params: { id: string } }>('/portal/chat/:id', page(CONTACTS, uuidParam), async (request, reply) => {
    const form = formOf(request);
    try {
      await addReply({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id, body: form.body ?? '' } });
    } catch (error) {
      if (!isAccordError(error) || !['invalid_input', 'conflict'].includes(error.code)) throw error;
      return showChat(request, reply, deps, form, error);
    }
    return reply.redirect(`/portal/chat/${request.params.id}`, 303);
  });

  // The page's heartbeat (`leave=yes` as it is left): the customer is in the chat, and whether their
  // message box holds text (`writing`); answered (JSON) with whether support is writing a reply.
  web.post<{ Params: { id: string } }>('/portal/chat/:id/presence', page(CONTACTS, uuidParam), async (request, reply) => {
    const f = formOf(request);
    const writing = f.writing === 'yes' || f.writing === 'no' ? { writing: f.writing === 'yes' } : {};
    const { supportWriting } = await markChatPresence({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id, leave: f.leave === 'yes', ...writing } });
    if (!(request.headers.accept ?? '').includes('application/json')) return reply.code(204).send();
    return reply.type('application/json; charset=utf-8').header('cache-control', 'no-store').send({ support_writing: supportWriting });
  });
}
