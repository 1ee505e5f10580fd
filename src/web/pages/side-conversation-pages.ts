// Side conversations on the agent's ticket page: one started with someone who is not the customer
// (a supplier, another team), or written on again, each conversation's form its own
// (tickets/side-conversations.ts). Their answers come back on the ticket, for the team only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AGENTS } from '../../http/route-kit.ts';
import { leaveSideConversation, sendSideMessage } from '../../tickets/index.ts';
import { optional, page, uuidParam, type WebDeps } from '../page-kit.ts';
import { filesOf } from '../uploads.ts';
import { MESSAGE_LIMIT, refuseNulInChoices, refuseOverLimit, refuseUnread, textKept, wordsWithoutNul } from '../kept-form.ts';
import { ticketAction } from './ticket-view.ts';

/** The "Also to" field: addresses separated by commas, semicolons or spaces, as a mail client takes them; none when empty. */
function addresses(field: string | undefined): { alsoTo?: string[] } {
  const list = (field ?? '').split(/[\s,;]+/).filter((a) => a !== '');
  return list.length > 0 ? { alsoTo: list } : {};
}

/**
 * The message's words as the verb takes them: a NUL removed from what was typed (the addresses, the
 * subject, the message); a message too long, or too long to read, refused with its length first
 * (kept-form.ts), the ticket page giving the form back (ticketAction).
 */
function typed(sent: Record<string, string>, request: FastifyRequest) {
  refuseUnread(request, { body: MESSAGE_LIMIT });
  refuseNulInChoices(sent, ['quote_request']);
  const f = wordsWithoutNul(sent, ['to', 'subject', 'body', 'also_to']);
  refuseOverLimit(f, 'body', MESSAGE_LIMIT, 'Shorten it, or attach the rest as a file.');
  return { body: f.body ?? '', files: filesOf(request), quoteRequest: f.quote_request === 'on', ...addresses(f.also_to), to: (f.to ?? '').trim(), subject: optional(f, 'subject') };
}

export function registerSideConversationPages(web: FastifyInstance, deps: WebDeps): void {
  const post = page(AGENTS, uuidParam);
  // What the agent typed is never lost: a NUL is removed, a message too long comes back beside the form (kept-form.ts).
  const withFiles = textKept({ ...post, config: { ...post.config, uploads: true } });
  web.post('/agent/tickets/:id/side-conversations', withFiles, ticketAction(deps, 'side', (ctx, ticketId, f, request) => {
    const { subject, ...message } = typed(f, request);
    return sendSideMessage({ ctx, input: { ticketId, ...message, ...(subject ? { subject } : {}) } });
  }));
  const conversationParams = { params: { type: 'object', required: ['id', 'conversation_id'], properties: { id: uuidParam.params.properties.id, conversation_id: uuidParam.params.properties.id } } };
  const conversationPost = textKept({ ...page(AGENTS, conversationParams), config: { ...post.config, uploads: true } });
  const conversationOf = (request: FastifyRequest) => (request.params as { conversation_id: string }).conversation_id;
  web.post('/agent/tickets/:id/side-conversations/:conversation_id', conversationPost, ticketAction(deps, (request) => `side-${conversationOf(request)}`, (ctx, ticketId, f, request) => {
    // Written on again: the conversation has its address and subject already.
    const { to: _to, subject: _subject, ...message } = typed(f, request);
    return sendSideMessage({ ctx, input: { ticketId, conversationId: conversationOf(request), ...message } });
  }, (_, ticketId) => `/agent/tickets/${ticketId}?done=side`));
  // One taken in by mistake, or who left the supplier, is left out. The address is the button's
  // hidden field, a choice the page offered: a NUL in it (a hand-made form) is refused beside the
  // conversation, naming it, not an error page (kept-form.ts).
  web.post('/agent/tickets/:id/side-conversations/:conversation_id/people', textKept(page(AGENTS, conversationParams)), ticketAction(deps, (request) => `side-${conversationOf(request)}`, (ctx, ticketId, f, request) => {
    refuseNulInChoices(f, ['remove']);
    return leaveSideConversation({ ctx, input: { ticketId, conversationId: conversationOf(request), address: (f.remove ?? '').trim() } });
  }, (_, ticketId) => `/agent/tickets/${ticketId}?done=side-people`));
}
