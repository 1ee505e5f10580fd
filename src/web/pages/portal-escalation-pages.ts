// A customer asks on the portal for their case to be escalated, with a reason (tickets/request-escalation.ts):
// its requester or a person copied on it, where the policy answers such a request (the case page
// offers the form then: portal-case-page.ts). A refusal comes back beside the form with what was typed.
import type { FastifyInstance } from 'fastify';
import { ctxFor } from '../../http/route-kit.ts';
import { isAccordError } from '../../platform/index.ts';
import { requestEscalation } from '../../tickets/index.ts';
import { formOf, page, uuidParam, type WebDeps } from '../page-kit.ts';
import { keptForm, textKept } from '../kept-form.ts';
import { showCase } from './portal-case-page.ts';

export function registerPortalEscalationPages(web: FastifyInstance, deps: WebDeps): void {
  // A NUL in the reason is removed, as from any words typed (kept-form.ts).
  web.post<{ Params: { id: string } }>('/portal/cases/:id/escalation-request', textKept(page(['contact'], uuidParam)), async (request, reply) => {
    const form = keptForm(formOf(request));
    try {
      await requestEscalation({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id, reason: form.reason ?? '' } });
    } catch (error) {
      if (!isAccordError(error) || !['invalid_input', 'conflict', 'forbidden'].includes(error.code)) throw error;
      return showCase(request, reply, deps, { form: 'escalation', error, kept: form });
    }
    return reply.redirect(`/portal/cases/${request.params.id}?done=escalation`, 303);
  });
}
