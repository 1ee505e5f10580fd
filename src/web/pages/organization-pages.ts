// /agent/organizations/:id: a customer at a glance, for the agents who work with it (its customer
// success manager, say): plan, the team's notes, designated people, its contacts (named or not,
// who left, their own time), and its newest tickets, open or not. Read-only: each part is changed
// where it lives (the admin pages, the ticket pages).
import type { FastifyInstance } from 'fastify';
import { getOrganization, listContacts, listDesignations, listOrganizations } from '../../customers/index.ts';
import { AGENTS, ctxFor } from '../../http/route-kit.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { entitlement, gateReason, listTickets } from '../../tickets/index.ts';
import { planName } from '../../policy/index.ts';
import { formatters } from '../format.ts';
import { everyPage, page, uuidParam, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';
import { levelWords } from '../level-words.ts';

/** How many of its tickets the page lists (the rest are one search away). */
const TICKETS = 50;

/** How many organizations the finder suggests at once. */
export const ORGANIZATION_SUGGESTIONS = 10;
const suggestQuery = {
  querystring: { type: 'object', additionalProperties: false, required: ['q'], properties: { q: { type: 'string', minLength: 1, maxLength: 200 } } },
};

export function registerOrganizationPages(web: FastifyInstance, deps: WebDeps): void {
  // Finding a customer among thousands as the agent types a part of its name (the filters'
  // organization field, app.js): names in order, each with its plan.
  web.get<{ Querystring: { q: string } }>('/agent/organizations/suggest', page(AGENTS, suggestQuery), async (request, reply) => {
    const ctx = ctxFor(request, deps);
    const [found, { model: policy }] = await Promise.all([listOrganizations({ ctx, input: { q: request.query.q, limit: ORGANIZATION_SUGGESTIONS } }), activePolicy(ctx.db)]);
    return reply.type('application/json; charset=utf-8').header('cache-control', 'no-store').send({
      organizations: found.items.map((o) => ({ name: o.name, plan: planName(policy, o.planId) })).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true })),
    });
  });

  web.get<{ Params: { id: string } }>('/agent/organizations/:id', page(AGENTS, uuidParam), async (request, reply) => {
    const ctx = ctxFor(request, deps);
    const organizationId = request.params.id;
    const org = await getOrganization({ ctx, input: { organizationId } });
    const [contacts, tickets, designations, { model: policy }] = await Promise.all([
      everyPage((c) => listContacts({ ctx, input: { organizationId, limit: 200, ...c } })),
      listTickets({ ctx, input: { organizationId, limit: TICKETS } }),
      listDesignations({ ctx, input: { organizationId } }),
      activePolicy(ctx.db),
    ]);
    const contactName = new Map(contacts.map((c) => [c.id, c.name]));
    // What its new tickets get, as opening one decides it (tickets/intake.ts), and the policy's
    // requirements it does not meet in the policy's words (QA: the page said "incomplete; unmet: sdk-included").
    const served = entitlement(policy, { plan_id: org.planId, onboarding_state: org.onboardingState, existing_customer: org.existingCustomer, unmet_requirements: org.unmetRequirements }, null);
    const requirements = policy.file.coverage?.requirements ?? [];
    const unmet = org.unmetRequirements.map((id) => {
      const req = requirements.find((r) => r.id === id);
      if (!req) return { text: id, then: null };
      const then = req.unmet === 'no_technical_support' ? 'no technical support' : req.plan ? `served on ${planName(policy, req.plan)}` : null;
      return { text: req.text.replace(/\s+/g, ' ').trim(), then };
    });
    return sendPage(request, reply, 'agent/organization', {
      title: org.name, org, plan: policy.plans.get(org.planId) ?? null, unmet,
      servedOn: served.gatedFrom ? { plan: planName(policy, served.plan), why: gateReason(served.gatedBy) } : null, contacts: contacts, tickets: tickets.items, more: tickets.nextCursor !== null,
      designations, contactName, level: levelWords(policy), open: tickets.items.filter((t) => t.status !== 'closed' && t.status !== 'solved').length,
      f: formatters(ctx.clock.now()),
    });
  });
}
