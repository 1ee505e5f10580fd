// /agent/tags: the team's tags in use with how many open and all tickets have each (links to the
// queue filtered by it); managers and admins rename, merge or remove a tag on every ticket.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasAgentRole, MANAGERS } from '../../customers/index.ts';
import { AGENTS, ctxFor } from '../../http/route-kit.ts';
import { isAccordError, type AccordError } from '../../platform/index.ts';
import { listTags, retag } from '../../tickets/index.ts';
import { formatters } from '../format.ts';
import { formOf, page, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';

const doneQuery = { querystring: { type: 'object', additionalProperties: false, properties: { done: { type: 'string', maxLength: 20 }, n: { type: 'string', pattern: '^[0-9]{1,9}$' } } } };

async function showTags(request: FastifyRequest, reply: FastifyReply, deps: WebDeps, error: (AccordError & { tag?: string }) | null = null) {
  const ctx = ctxFor(request, deps);
  const q = request.query as { done?: string; n?: string };
  const flash = q.done === 'renamed' ? `Renamed on ${q.n ?? 0} tickets.` : q.done === 'removed' ? `Removed from ${q.n ?? 0} tickets.` : null;
  return sendPage(request, reply, 'agent/tags', {
    title: 'Tags', tags: await listTags({ ctx }), mayTidy: hasAgentRole(ctx.actor, MANAGERS), error,
    flash: flash ? { kind: 'ok', text: flash } : null, f: formatters(ctx.clock.now()),
  }, error ? 400 : 200);
}

export function registerTagPages(web: FastifyInstance, deps: WebDeps): void {
  web.get('/agent/tags', page(AGENTS, doneQuery), (request, reply) => showTags(request, reply, deps));
  // One form per tag: a new name renames (or merges), the remove button removes it everywhere.
  web.post('/agent/tags', page(AGENTS), async (request, reply) => {
    const f = formOf(request);
    const removing = f.action === 'remove';
    try {
      const { tickets } = await retag({ ctx: ctxFor(request, deps), input: { tag: f.tag ?? '', to: removing ? null : (f.to ?? '') } });
      return reply.redirect(`/agent/tags?done=${removing ? 'removed' : 'renamed'}&n=${tickets}`, 303);
    } catch (error) {
      if (!isAccordError(error) || error.code !== 'invalid_input') throw error;
      return showTags(request, reply, deps, Object.assign(error, { tag: f.tag ?? '' }));
    }
  });
}
