// Saved queue views on the queue page (tickets/saved-views.ts): "Save these filters as a view"
// keeps the view and filters the agent is on under a name (their own, or the team's for managers
// and admins), and a saved view's page can remove it. A refusal (a name in use, too many views)
// comes back on the queue page beside the form, with the name as typed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AGENTS, ctxFor } from '../../http/route-kit.ts';
import { InvalidInputError } from '../../platform/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { deleteSavedView, saveView, unknownChannelMessage } from '../../tickets/index.ts';
import { fixableRefusal, formOf, page, refusalAt, type FormRefusal, type WebDeps } from '../page-kit.ts';
import { filtersOf, queueQueryOf, unknownChannelIn, type QueueQuery } from './queue-query.ts';

type ShowQueue = (request: FastifyRequest, reply: FastifyReply, query: QueueQuery, refused: FormRefusal, status: number) => Promise<FastifyReply>;

const idParams = { params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } };

export function registerSavedViewPages(web: FastifyInstance, deps: WebDeps, showQueue: ShowQueue): void {
  web.post('/agent/views', page(AGENTS), async (request, reply) => {
    const f = formOf(request);
    // The queue the form was on: its view and filters (never a saved view's: that one is saved already).
    const { saved: _saved, ...query } = queueQueryOf(f.back);
    const ctx = ctxFor(request, deps);
    try {
      // A channel the queue does not know is refused as the queue page refuses it, not saved as no filter.
      if (unknownChannelIn(f.back)) {
        const words = await unknownChannelMessage(ctx.db, (await activePolicy(ctx.db)).model, false);
        throw new InvalidInputError('The view cannot be saved that way.', [{ path: 'channel', message: words }]);
      }
      const view = await saveView({ ctx, input: { name: f.name ?? '', filters: filtersOf(query), team: f.team === 'yes' } });
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
