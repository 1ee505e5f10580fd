// /agent/organizations/:id: a customer at a glance, for the agents who work with it (its customer
// success manager, say): plan, the team's notes, designated people, its contacts (named or not,
// who left, their own time), its training hours (what is left, and the sessions given), and its
// newest tickets, open or not. Read-only but for a training session given, recorded where its balance
// is read: each other part is changed where it lives (the admin pages, the ticket pages, the training API).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getOrganization, listContacts, listDesignations, listOrganizations } from '../../customers/index.ts';
import { AGENTS, ctxFor, MANAGERS } from '../../http/route-kit.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { entitlement, gateReason, listTickets } from '../../tickets/index.ts';
import { planName } from '../../policy/index.ts';
import { getTrainingBalance, grantTrainingHours, listTrainingEntries, recordTrainingSession } from '../../training/index.ts';
import { outageMailStopped } from '../../status/index.ts';
import { formatters } from '../format.ts';
import { everyPage, fixableRefusal, formOf, keptFields, optional, page, refusalAt, uuidParam, type Form, type FormRefusal, type WebDeps } from '../page-kit.ts';
import type { Ctx } from '../../platform/index.ts';
import { sendPage } from '../render.ts';
import { levelWords } from '../level-words.ts';
import { names } from './agent-kit.ts';

/** How many of its tickets the page lists (the rest are one search away). */
const TICKETS = 50;

/** How many of its training sessions the page lists, latest first (the whole ledger: the API). */
const TRAINING_SESSIONS = 10;

const DONE: Record<string, string> = { training: 'Training session recorded.', grant: 'Training hours entered.' };

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

  web.get<{ Params: { id: string } }>('/agent/organizations/:id', page(AGENTS, uuidParam), (request, reply) => showOrganization(request, reply, deps));

  // A training session given to the customer, recorded where its balance is read (any agent; a
  // manager may go beyond the hours left, with a reason): training/record-training-session.ts.
  web.post<{ Params: { id: string } }>('/agent/organizations/:id/training', page(AGENTS, uuidParam), trainingForm(deps, 'training', (ctx, organizationId, form) =>
    recordTrainingSession({ ctx, input: {
      organizationId, date: optional(form, 'date') as string, hours: hoursOf(form), notes: optional(form, 'notes'), overrideReason: optional(form, 'override_reason'),
    } })));

  // The hours of a contract year, or negotiated with sales, entered by a manager (OPS-COM: "one-on-one
  // system training as per their contract"; "extra training hours to be used as they wish during that
  // year"; "more hours can be negotiated with your Sales Rep"), each valid for its own dates.
  web.post<{ Params: { id: string } }>('/agent/organizations/:id/training-grants', page(MANAGERS, uuidParam), trainingForm(deps, 'grant', (ctx, organizationId, form) =>
    grantTrainingHours({ ctx, input: {
      organizationId, source: optional(form, 'source') as 'contract', hours: hoursOf(form), reason: optional(form, 'reason') as string,
      validFrom: optional(form, 'valid_from') as string, validUntil: optional(form, 'valid_until') as string,
    } })));
}

/** Hours as typed ("1.25"): a number for the verb to check, or nothing, which it refuses by name. */
function hoursOf(form: Form): number {
  const hours = optional(form, 'hours');
  return (hours === undefined ? undefined : Number(hours)) as number;
}

/** A training form: the verb run, then the page again at its section; a refusal beside the form, with what was typed kept. */
function trainingForm(deps: WebDeps, name: string, run: (ctx: Ctx, organizationId: string, form: Form) => Promise<unknown>) {
  return async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const form = formOf(request);
    try {
      await run(ctxFor(request, deps), request.params.id, form);
    } catch (error) {
      const refused = fixableRefusal(error);
      if (!refused) throw error;
      return showOrganization(request, reply, deps, refusalAt(name, refused.error, form), refused.status);
    }
    return reply.redirect(`/agent/organizations/${request.params.id}?done=${name}#training-h`, 303);
  };
}

async function showOrganization(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, deps: WebDeps, refused: FormRefusal | null = null, status = 200) {
  const ctx = ctxFor(request, deps);
  const organizationId = request.params.id;
  const org = await getOrganization({ ctx, input: { organizationId } });
  const [contacts, tickets, designations, { model: policy }, balance, ledger] = await Promise.all([
    everyPage((c) => listContacts({ ctx, input: { organizationId, limit: 200, ...c } })),
    listTickets({ ctx, input: { organizationId, limit: TICKETS } }),
    listDesignations({ ctx, input: { organizationId } }),
    activePolicy(ctx.db),
    getTrainingBalance({ ctx, input: { organizationId } }),
    everyPage((c) => listTrainingEntries({ ctx, input: { organizationId, limit: 200, ...c } })),
  ]);
  const contactName = new Map(contacts.map((c) => [c.id, c.name]));
  // Contacts who stopped the scheduled-outage mail the policy sends every customer (OfficeSpace): asked
  // "why did I get no notice?", the team sees why.
  const outageMail = await outageMailStopped({ ctx, input: { contactIds: contacts.map((c) => c.id) } });
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
  // Training hours (OPS-COM: "one-on-one system training as per their contract"; "Premium clients get
  // extra training hours to be used as they wish during that year"): each grant is valid for its
  // period (the contract year), so the agent who gives the training sees what is left today, the
  // grants it comes from, the last grant when none is valid today (a year not yet entered), and the
  // sessions given. Only for an organization with a ledger: most policies promise no training hours.
  const grants = ledger.filter((e) => e.kind === 'grant');
  const trainers = ledger.some((e) => e.kind === 'session') ? (await names(ctx, [])).agentName : new Map<string, string>();
  const training = ledger.length === 0 ? null : {
    ...balance,
    // None valid today: the next entered, else the last that ran out.
    nextGrant: balance.grants.length === 0 ? grants.filter((g) => g.validFrom > balance.on).toSorted((a, b) => a.validFrom.localeCompare(b.validFrom))[0] ?? null : null,
    lastGrant: balance.grants.length === 0 ? grants.filter((g) => g.validUntil < balance.on).toSorted((a, b) => b.validUntil.localeCompare(a.validUntil))[0] ?? null : null,
    sessions: ledger.filter((e) => e.kind === 'session').toSorted((a, b) => b.date.localeCompare(a.date)).slice(0, TRAINING_SESSIONS),
  };
  return sendPage(request, reply, 'agent/organization', {
    training, trainingOn: balance.on, trainers, reasons: new Map(grants.map((g) => [g.id, g.reason])),
    title: org.name, org, plan: policy.plans.get(org.planId) ?? null, unmet,
    servedOn: served.gatedFrom ? { plan: planName(policy, served.plan), why: gateReason(served.gatedBy) } : null, contacts: contacts, tickets: tickets.items, more: tickets.nextCursor !== null,
    designations, contactName, outageMail, level: levelWords(policy), open: tickets.items.filter((t) => t.status !== 'closed' && t.status !== 'solved').length,
    f: formatters(ctx.clock.now()), formError: refused, kept: keptFields(refused),
    flash: DONE[(request.query as { done?: string }).done ?? ''] ? { kind: 'ok', text: DONE[(request.query as { done: string }).done] } : null,
    // Managers and admins go beyond the hours left (with a reason) and enter hours.
    manages: ctx.actor.kind === 'agent' && (MANAGERS as readonly string[]).includes(ctx.actor.role),
  }, status);
}
