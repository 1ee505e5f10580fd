// Canned responses for agents: every agent finds them here (and picks one on a ticket, where it
// is filled for that ticket); managers and admins write, change and delete them. Each form is one
// verb of src/canned, with the audience of its API route. Also the filled text a ticket page's
// picker asks for (text/plain), so a script can put it in the reply box at the cursor.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  CANNED_LIMITS, createCannedResponse, deleteCannedResponse, listCannedResponses, PLACEHOLDERS, renderCannedResponse, updateCannedResponse,
} from '../../canned/index.ts';
import { AGENTS, ctxFor, MANAGERS } from '../../http/route-kit.ts';
import type { Ctx } from '../../platform/index.ts';
import { formatters } from '../format.ts';
import { fixableRefusal, formOf, page, requireConfirmed, uuidParam, type Form, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';
import { tagsField } from './agent-kit.ts';
import { pager, pagerQuery } from '../pager.ts';

type CannedQuery = { q?: string; cursor?: string; back?: string; done?: string };
const cannedQuery = {
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { q: { type: 'string', maxLength: CANNED_LIMITS.query }, ...pagerQuery, done: { type: 'string', enum: ['saved', 'deleted'] } },
  },
};
const DONE = { saved: 'Canned response saved.', deleted: 'Canned response deleted.' } as const;

/** A refusal is shown at the form it came from: `new`, or the id of the response being changed. */
type Shown = { error?: { form: string; message: string; details: Array<{ path: string; message: string }> }; form?: Form };

async function showCanned(request: FastifyRequest, reply: FastifyReply, deps: WebDeps, shown: Shown = {}, code = 200) {
  const ctx = ctxFor(request, deps);
  const query = request.query as CannedQuery;
  const list = await listCannedResponses({ ctx, input: { limit: 100, ...(query.q ? { q: query.q } : {}), ...(query.cursor ? { cursor: query.cursor } : {}) } });
  const keep = new URLSearchParams(query.q ? { q: query.q } : {});
  return sendPage(request, reply, 'agent/canned', {
    title: 'Canned responses',
    items: list.items, q: query.q ?? '', placeholders: PLACEHOLDERS,
    pager: pager('/agent/canned-responses', keep, query, list.nextCursor),
    // Who writes what: the team's, managers and admins; one's own, its owner.
    writer: ctx.actor.kind === 'agent' && MANAGERS.includes(ctx.actor.role), myId: ctx.actor.kind === 'agent' ? ctx.actor.id : null,
    error: shown.error ?? null, form: shown.form ?? {},
    flash: query.done ? { kind: 'ok', text: DONE[query.done as keyof typeof DONE] } : null,
    f: formatters(ctx.clock.now()),
  }, code);
}

/** One write: success goes back to the list; a fixable refusal re-shows it with the message at the form. */
function write(deps: WebDeps, form: (request: FastifyRequest) => string, run: (ctx: Ctx, fields: Form, request: FastifyRequest) => Promise<unknown>, done: keyof typeof DONE = 'saved') {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const fields = formOf(request);
    try {
      await run(ctxFor(request, deps), fields, request);
    } catch (error) {
      const refused = fixableRefusal(error);
      if (!refused) throw error;
      return showCanned(request, reply, deps, { error: { form: form(request), ...refused.error }, form: fields }, refused.status);
    }
    return reply.redirect(`/agent/canned-responses?done=${done}`, 303);
  };
}

const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
/** The form's status ('' is "as it is") and tags, as the verbs take them (they check each). */
const actionsOf = (f: Form) => ({ status: (f.status ? f.status : null) as 'solved' | null, tags: tagsField(f.tags) });

export function registerCannedPages(web: FastifyInstance, deps: WebDeps): void {
  web.get('/agent/canned-responses', page(AGENTS, cannedQuery), (request, reply) => showCanned(request, reply, deps));
  // The team's need a manager or admin; one's own ("only for me"), any agent (src/canned/permissions.ts).
  web.post('/agent/canned-responses', page(AGENTS), write(deps, () => 'new', (ctx, f) =>
    createCannedResponse({ ctx, input: { title: f.title ?? '', body: f.body ?? '', private: f.private === 'on', ...actionsOf(f) } })));
  web.post('/agent/canned-responses/:id', page(AGENTS, uuidParam), write(deps, idOf, (ctx, f, request) =>
    updateCannedResponse({ ctx, input: { cannedResponseId: idOf(request), title: f.title ?? '', body: f.body ?? '', ...actionsOf(f) } })));
  // Deleting cannot be undone: it asks for its box to be ticked (QA: one click removed the team's), and
  // a refusal is shown at the delete form, leaving the response's own form as it is.
  web.post('/agent/canned-responses/:id/delete', page(AGENTS, uuidParam), write(deps, (request) => `delete-${idOf(request)}`, (ctx, f, request) => {
    requireConfirmed(f, 'delete', 'canned response');
    return deleteCannedResponse({ ctx, input: { cannedResponseId: idOf(request) } });
  }, 'deleted'));

  // The picker's text: the response filled for the ticket, as plain text; as JSON (with the status
  // and tags it sets) for the page's script.
  const fillOptions = page(AGENTS, { params: { type: 'object', required: ['id', 'cid'], properties: { id: { type: 'string', format: 'uuid' }, cid: { type: 'string', format: 'uuid' } } } });
  web.get<{ Params: { id: string; cid: string } }>('/agent/tickets/:id/canned/:cid', fillOptions, async (request, reply) => {
    const filled = await renderCannedResponse({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id, cannedResponseId: request.params.cid } });
    if ((request.headers.accept ?? '').includes('application/json')) {
      return reply.type('application/json; charset=utf-8').header('cache-control', 'no-store').send({ body: filled.body, status: filled.status, tags: filled.tags });
    }
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(filled.body);
  });
}
