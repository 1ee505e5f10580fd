// Saved queue views on the queue page (tickets/saved-views.ts): "Save these filters as a view"
// keeps the view and filters the agent is on under a name (their own, or the team's for managers
// and admins), and a saved view's page can remove it. A refusal (a name in use, too many views)
// comes back on the queue page beside the form, with the name as typed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AGENTS, ctxFor } from '../../http/route-kit.ts';
import { deleteSavedView, saveView } from '../../tickets/index.ts';
import { fixableRefusal, formOf, page, refusalAt, type FormRefusal, type WebDeps } from '../page-kit.ts';
import { filtersOf, queueQueryOf, type QueueQuery } from './queue-query.ts';

type ShowQueue = (request: FastifyRequest, reply: FastifyReply, query: QueueQuery, refused: FormRefusal, status: number) => Promise<FastifyReply>;

const idParams = { params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } };

export function registerSavedViewPages(web: FastifyInstance, deps: WebDeps, showQueue: ShowQueue): void {
  web.post('/agent/views', page(AGENTS), async (request, reply) => {
    const f = formOf(request);
    // The queue the form was on: its view and filters (never a saved view's: that one is saved already).
    const { saved: _saved, ...query } = queueQueryOf(f.back);
    try {
      const view = await saveView({ ctx: ctxFor(request, deps), input: { name: f.name ?? '', filters: filtersOf(query), team: f.team === 'yes' } });
      return reply.redirect(`/agent?saved=${view.id}`, 303);
    } catch (error) {
      const refusal = fixableRefusal(error);
      if (!refusal) throw error;
      return showQueue(request, reply, query, refusalAt('save-view', refusal.error, f), refusal.status);
    }
  });

  web.post<{ Params: { id: string } }>('/agent/views/:id/delete', page(AGENTS, idParams), async (request, reply) => {
    await deleteSavedView({ ctx: ctxFor(request, deps), input: { viewId: request.params.id } });
    return reply.redirect('/agent?done=view-removed', 303);
  });
}
