// Admin: inbound mail. The email section (/admin/email, admin-kit.ts) lists it; each message has a
// page of its own (a rejected or held message is kept and shown to admins): what became of it and
// why, its envelope and headers, its text (never its HTML: email/inbound-admin.ts readInboundMessage)
// and its attachments by name and size, with the actions the list has (blocking its sender among
// them: email/blocked-senders.ts). The section also lists the blocked senders, to add and remove. An action taken on the
// message page answers there (the form's `back=message`), its refusal beside it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createContact, listContacts, updateContact } from '../../customers/index.ts';
import { blockSender, blockSenderOf, dismissInboundMessage, getInboundMessage, readInboundMessage, retryInboundMessage, takeIntoSideConversation, unblockSender } from '../../email/index.ts';
import { ADMINS, ctxFor } from '../../http/route-kit.ts';
import { InvalidInputError } from '../../platform/index.ts';
import { formatters } from '../format.ts';
import { formOf, keptFields, optional, page, refusalAt, uuidParam, type FormRefusal, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';
import { act, checked, DISMISSABLE, doneText, formAction, ofRow, RETRYABLE, sectionAnswer, senderChoices, type Answer } from './admin-kit.ts';
import { requiredOrganization } from './agent-kit.ts';

const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

async function showMessage(request: FastifyRequest, reply: FastifyReply, deps: WebDeps, formError: FormRefusal | null = null, status = 200) {
  const ctx = ctxFor(request, deps);
  const reading = await readInboundMessage({ ctx, input: { inboundId: idOf(request) } });
  const choices = await senderChoices(ctx, [reading.message]);
  const done = doneText((request.query as { done?: string } | undefined)?.done);
  return sendPage(request, reply, 'admin/inbound-message', {
    title: reading.subject ? `Email: ${reading.subject}` : 'Email', reading, ...choices, retryable: RETRYABLE, dismissable: DISMISSABLE,
    formError, kept: keptFields(formError), flash: done ? { kind: 'ok', text: done } : null, f: formatters(ctx.clock.now()),
  }, status);
}

/** From the message page (`back=message`), the form answers there; from the list, on the list (its row). */
function answerOf(deps: WebDeps): (request: FastifyRequest) => Answer {
  const onList = sectionAnswer(deps, 'email', ofRow('inbound', 'inbound'));
  const onMessage: Answer = {
    refused: (request, reply, refused, form) =>
      showMessage(request, reply, deps, refusalAt(`inbound-${idOf(request)}`, refused.error, form), refused.status),
    done: (request) => `/admin/email/inbound/${idOf(request)}?done=1`,
  };
  return (request) => (formOf(request).back === 'message' ? onMessage : onList);
}

export function registerAdminEmailPages(web: FastifyInstance, deps: WebDeps): void {
  const doneQuery = { querystring: { type: 'object', properties: { done: { type: 'string', maxLength: 20 } } } };
  web.get('/admin/email/inbound/:id', page(ADMINS, { ...uuidParam, ...doneQuery }), (request, reply) => showMessage(request, reply, deps));

  const answer = answerOf(deps);
  web.post('/admin/email/inbound/:id/retry', page(ADMINS, uuidParam), formAction(deps, async (ctx, _f, request) => {
    await retryInboundMessage({ ctx, settings: deps.email.settings, input: { inboundId: idOf(request) } });
  }, answer));
  web.post('/admin/email/inbound/:id/dismiss', page(ADMINS, uuidParam), formAction(deps, async (ctx, f, request) => {
    await dismissInboundMessage({ ctx, input: { inboundId: idOf(request), ...(optional(f, 'reason') ? { reason: optional(f, 'reason') } : {}) } });
  }, answer));
  // A held answer in a side conversation from someone besides the one written to: taken in, then processed again.
  web.post('/admin/email/inbound/:id/take-into-side-conversation', page(ADMINS, uuidParam), formAction(deps, async (ctx, _f, request) => {
    await takeIntoSideConversation({ ctx, settings: deps.email.settings, input: { inboundId: idOf(request) } });
  }, answer));
  // Its sender blocked (their address, or everyone at their domain) and the message dismissed.
  web.post('/admin/email/inbound/:id/block-sender', page(ADMINS, uuidParam), formAction(deps, async (ctx, f, request) => {
    await blockSenderOf({ ctx, settings: deps.email.settings, input: { inboundId: idOf(request), wholeDomain: f.whole === 'domain', ...(optional(f, 'reason') ? { reason: optional(f, 'reason') } : {}) } });
  }, answer));
  // The section's list of blocked senders: one added as typed, one removed.
  web.post('/admin/email/blocked-senders', page(ADMINS), act(deps, 'email', 'block', async (ctx, f) => {
    await blockSender({ ctx, settings: deps.email.settings, input: { sender: f.sender ?? '', ...(optional(f, 'reason') ? { reason: optional(f, 'reason') } : {}) } });
  }, 'blocked'));
  web.post('/admin/email/blocked-senders/:id/delete', page(ADMINS, uuidParam), act(deps, 'email', ofRow('block', 'blocked'), async (ctx, _f, request) => {
    await unblockSender({ ctx, input: { blockId: idOf(request) } });
  }, 'unblocked'));
  // A held message from a contact whose address changed (they wrote from the new one): their
  // address is corrected (customers/update-contact.ts), then the message is processed again. Not a
  // second contact for the same person.
  web.post('/admin/email/inbound/:id/correct-sender', page(ADMINS, uuidParam), formAction(deps, async (ctx, f, request) => {
    const inboundId = idOf(request);
    const message = await getInboundMessage({ ctx, input: { inboundId } });
    if (!message.from) throw new InvalidInputError('This message names no sender', [{ path: 'from', message: 'is missing' }]);
    const current = (f.current ?? '').trim();
    const contact = current ? (await listContacts({ ctx, input: { email: current, limit: 1 } })).items[0] : undefined;
    if (!contact) throw new InvalidInputError(`No contact has the email ${current || '(none given)'}`, [{ path: 'current', message: 'is not a contact\'s email: type the address they had' }]);
    await updateContact({ ctx, input: { contactId: contact.id, email: message.from } });
    await retryInboundMessage({ ctx, settings: deps.email.settings, input: { inboundId } });
  }, answer));
  // A held message from someone not yet a contact: they are added to the organization chosen, then
  // the message is processed again (a new request, or a reply to the ticket it names).
  web.post('/admin/email/inbound/:id/add-sender', page(ADMINS, uuidParam), formAction(deps, async (ctx, f, request) => {
    const inboundId = idOf(request);
    const message = await getInboundMessage({ ctx, input: { inboundId } });
    if (!message.from) throw new InvalidInputError('This message names no sender to add', [{ path: 'from', message: 'is missing' }]);
    const organizationId = await requiredOrganization(ctx, f.organization);
    await createContact({ ctx, input: { organizationId, email: message.from, name: optional(f, 'name') ?? message.from, namedContact: checked(f, 'named') } });
    await retryInboundMessage({ ctx, settings: deps.email.settings, input: { inboundId } });
  }, answer));
}
