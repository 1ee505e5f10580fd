// An agent's own settings: which mail they take about the work they hold (customers/
// mail-preferences.ts). One form; the SLA mail that is not optional is named so nobody looks for it.
import type { FastifyInstance } from 'fastify';
import { getMailPreferences, setMailPreferences } from '../../customers/index.ts';
import { AGENTS, ctxFor } from '../../http/route-kit.ts';
import { formOf, page, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';

const doneQuery = { querystring: { type: 'object', additionalProperties: false, properties: { done: { type: 'string', enum: ['saved'] } } } };

export function registerSettingsPages(web: FastifyInstance, deps: WebDeps): void {
  web.get('/agent/settings', page(AGENTS, doneQuery), async (request, reply) => {
    const ctx = ctxFor(request, deps);
    const done = (request.query as { done?: string }).done;
    return sendPage(request, reply, 'agent/settings', {
      title: 'My mail', preferences: await getMailPreferences({ ctx }), flash: done ? { kind: 'ok', text: 'Saved.' } : null,
    });
  });
  // Checkboxes: a box left unticked is not sent, so each kind is read as on only when it is.
  web.post('/agent/settings', page(AGENTS), async (request, reply) => {
    const f = formOf(request);
    await setMailPreferences({
      ctx: ctxFor(request, deps),
      input: { assigned: f.assigned === 'on', customerReplied: f.customer_replied === 'on', designatedNewTicket: f.designated_new_ticket === 'on' },
    });
    return reply.redirect('/agent/settings?done=saved', 303);
  });
}
