// What the admin sections share (admin-pages.ts, admin-email-pages.ts): what each section shows,
// and its forms' plumbing. Each form is one verb of its domain; a refusal re-shows the section with
// the verb's message beside that form, filled with what was typed (but a password: page-kit.ts keptFields).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { countContactsMailUndelivered, countOrganizations, designationsOf, listAgents, listApiTokens, listContacts, listOrganizations, SCOPE_AREAS } from '../../customers/index.ts';
import { listBlockedSenders, listInboundMessages } from '../../email/index.ts';
import { ctxFor } from '../../http/route-kit.ts';
import { listOverrides, listRotations, whoIsOnCall, WEEKDAYS, type Override, type Rotation } from '../../oncall/index.ts';
import type { Ctx } from '../../platform/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { planName, type PolicyModel } from '../../policy/index.ts';
import { EMITTED_EVENT_TYPES, listWebhookDeliveries, listWebhooks, MAX_ATTEMPTS, type WebhookDelivery } from '../../webhooks/index.ts';
import type { Erasure } from '../../privacy/index.ts';
import { withTwoStep } from '../auth/index.ts';
import { dayText, formatters, weekdayText, WEBHOOK_EVENT_NAMES } from '../format.ts';
import { byIds, everyPage, fixableRefusal, formOf, keptFields, refusalAt, type Form, type FormRefusal, type WebDeps } from '../page-kit.ts';
import { pager, type PagerQuery } from '../pager.ts';
import { sendPage } from '../render.ts';
import { takeCreated, type CreatedShown } from '../shown-once.ts';

export type Section = 'tokens' | 'organizations' | 'agents' | 'oncall' | 'webhooks' | 'email';
export const TITLES: Record<Section, string> = {
  tokens: 'API tokens', organizations: 'Organizations and contacts', agents: 'Agents', oncall: 'On-call rotations', webhooks: 'Webhooks', email: 'Email',
};

/** Inbound mail an admin may process again (retryInboundMessage's rule), and dismiss (dismissInboundMessage's). */
export const RETRYABLE = ['quarantined', 'held', 'ignored', 'dismissed'];
export const DISMISSABLE = ['quarantined', 'held', 'ignored'];

/**
 * A rotation's turns in words: "Weekly: each member in turn holds it from Monday 09:00 to the next
 * Monday 09:00 (Europe/London), starting Monday 30 November 2026."
 */
export function turnsText(r: Pick<Rotation, 'cadence' | 'handoverTime' | 'handoverWeekday' | 'timeZone' | 'startDate'>): string {
  const turn = r.cadence === 'daily'
    ? `Daily: each member in turn holds it from ${r.handoverTime} to ${r.handoverTime} the next day`
    : `Weekly: each member in turn holds it from ${weekdayText(r.handoverWeekday ?? 'mon')} ${r.handoverTime} to the next ${weekdayText(r.handoverWeekday ?? 'mon')} ${r.handoverTime}`;
  return `${turn} (${r.timeZone}), starting ${dayText(r.startDate)}.`;
}

/** The organizations section's address: a name to find, and the page of the list (web/pager.ts). */
export type OrganizationsQuery = PagerQuery & { q?: string; mail?: 'undelivered' };
/** Organizations shown a page at a time, each with its people, notes and designations. */
export const ORGANIZATIONS_PER_PAGE = 25;
/** API tokens shown a page at a time. */
export const TOKENS_PER_PAGE = 100;

async function sectionData(section: Section, ctx: Ctx, deps: WebDeps, query: Record<string, string | undefined> = {}): Promise<Record<string, unknown>> {
  const agents = await everyPage((c) => listAgents({ ctx, input: { limit: 200, ...c } }));
  switch (section) {
    case 'tokens': {
      // A page of tokens, oldest first (web/pager.ts).
      const q: PagerQuery = { cursor: query.cursor, back: query.back };
      // A token's owner by email: the contacts this page's tokens are for, not every contact of the desk.
      const tokens = await listApiTokens({ ctx, input: { limit: TOKENS_PER_PAGE, ...(q.cursor ? { cursor: q.cursor } : {}) } });
      const contacts = await byIds(tokens.items.filter((t) => t.owner.kind === 'contact').map((t) => t.owner.id), (ids) => listContacts({ ctx, input: { ids, limit: 200 } }));
      const owner = new Map<string, string>([...agents.map((a) => [a.id, a.email] as const), ...contacts.map((c) => [c.id, c.email] as const)]);
      return { tokens: tokens.items, owner, agents, scopeAreas: SCOPE_AREAS, pager: pager('/admin/tokens', new URLSearchParams(), q, tokens.nextCursor) };
    }
    case 'organizations': {
      // A page of organizations (found by name), with all the people of each; how many the desk has.
      // `mail=undelivered`: only those with someone whose mail does not arrive, to correct their address.
      const q: OrganizationsQuery = { q: query.q?.trim() || undefined, mail: query.mail === 'undelivered' ? 'undelivered' : undefined, cursor: query.cursor, back: query.back };
      const [orgs, orgCount, undelivered, { model }] = await Promise.all([
        listOrganizations({ ctx, input: { limit: ORGANIZATIONS_PER_PAGE, ...(q.q ? { q: q.q } : {}), ...(q.mail ? { mailUndelivered: true } : {}), ...(q.cursor ? { cursor: q.cursor } : {}) } }),
        countOrganizations({ ctx }),
        countContactsMailUndelivered({ ctx }),
        activePolicy(ctx.db),
      ]);
      const contacts = orgs.items.length ? await everyPage((c) => listContacts({ ctx, input: { organizationIds: orgs.items.map((o) => o.id), limit: 200, ...c } })) : [];
      // Per organization, the people its plan designates (owed or optional) and who holds each.
      const designations = new Map(orgs.items.map((o) => [o.id, designationsOf(model, o)] as const));
      // A requirement a customer has not met, in the policy's words (its id is no word for a person).
      const requirements = new Map((model.file.coverage?.requirements ?? []).map((r) => [r.id, r.text.replace(/\s+/g, ' ').trim()] as const));
      const keep = new URLSearchParams({ ...(q.q ? { q: q.q } : {}), ...(q.mail ? { mail: q.mail } : {}) });
      return {
        orgs: orgs.items, contacts,
        orgQuery: q, orgCount, undelivered, pager: pager('/admin/organizations', keep, q, orgs.nextCursor), plans: [...model.plans.values()], planName: (id: string) => planName(model, id),
        // Naming a contact is offered where their organization's plan has named support contacts (the new-contact form: any plan).
        namesContacts: namesContacts(model), planNamesContacts: (id: string) => (model.plans.get(id)?.named_contacts ?? 0) > 0, requirements, designations, agents, twoStep: await withTwoStep(ctx.db, 'contact') };
    }
    case 'agents':
      return { agents, twoStep: await withTwoStep(ctx.db, 'agent') };
    case 'oncall': {
      // Each rotation's overrides not yet ended, each with its form to remove it (admin-oncall-pages.ts).
      const [rotations, now, overrides] = await Promise.all([listRotations({ ctx, input: { limit: 200 } }), whoIsOnCall({ ctx, input: {} }), listOverrides({ ctx, input: {} })]);
      const underWay = (o: Override) => Temporal.Instant.compare(o.startsAt, now.at) <= 0;
      return { rotations: rotations.items, onCall: now.onCall, overrides, underWay, agents, agentName: new Map(agents.map((a) => [a.id, a.name])), weekdays: WEEKDAYS, turnsText };
    }
    case 'webhooks': {
      const webhooks = (await listWebhooks({ ctx, input: { limit: 200 } })).items;
      const failures = new Map(await Promise.all(webhooks.map(async (w) => [w.id, await recentFailures(ctx, w.id)] as const)));
      return { webhooks, failures, recentFailures: RECENT_FAILURES, maxAttempts: MAX_ATTEMPTS, eventTypes: EMITTED_EVENT_TYPES, eventNames: WEBHOOK_EVENT_NAMES };
    }
    case 'email': {
      // Settings come from the service's configuration (README: Email); the page shows what is in force.
      const inbound = (await listInboundMessages({ ctx, input: { limit: 100 } })).items;
      return {
        supportAddress: deps.email.settings.supportAddress, captured: deps.email.devMail, mailLoopLimit: deps.email.settings.mailLoopLimit,
        inbound, retryable: RETRYABLE, dismissable: DISMISSABLE,
        // Strangers whose mail arrives dismissed (email/blocked-senders.ts), each with its unblock form.
        blocked: await listBlockedSenders({ ctx }),
        // A held message's sender may be added to an organization (found by name as typed, or the
        // one their colleagues are at) and the message processed again.
        ...(await senderChoices(ctx, inbound)),
      };
    }
  }
}

/** Whether any plan of the policy has named support contacts (OpenBack's), so that a contact may be made one. */
const namesContacts = (model: PolicyModel) => [...model.plans.values()].some((p) => (p.named_contacts ?? 0) > 0);

/**
 * What the "add the sender to an organization" forms need: whether the desk has any organization,
 * and per sender the organization the people of their mail domain are all at (bob@initech.example
 * joins Initech, where ada@initech.example is), offered in the field; none when they are at
 * several (a shared provider's domain) or nowhere yet.
 */
export async function senderChoices(ctx: Ctx, messages: ReadonlyArray<{ status: string; from: string | null }>) {
  const domains = [...new Set(messages.filter((m) => (m.status === 'held' || m.status === 'dismissed') && m.from).map((m) => m.from!.slice(m.from!.lastIndexOf('@') + 1).toLowerCase()))];
  const known = new Set<string>();
  const [count, found, { model }] = await Promise.all([
    countOrganizations({ ctx }),
    Promise.all(domains.map(async (domain) => {
      const colleagues = (await listContacts({ ctx, input: { q: `@${domain}`, limit: 50 } })).items.filter((c) => c.email.endsWith(`@${domain}`));
      for (const c of colleagues) known.add(c.email.toLowerCase());
      const orgIds = [...new Set(colleagues.map((c) => c.organizationId))];
      return [domain, orgIds.length === 1 ? orgIds[0] : null] as const;
    })),
    activePolicy(ctx.db),
  ]);
  const orgs = await byIds(found.flatMap(([, id]) => (id ? [id] : [])), (ids) => listOrganizations({ ctx, input: { ids, limit: 200 } }));
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const byDomain = new Map(found.flatMap(([domain, id]) => (id && orgName.has(id) ? [[domain, orgName.get(id)!] as const] : [])));
  return {
    hasOrgs: count > 0,
    // A sender who is a contact already (held because the policy refused what they asked, say) is not
    // offered to be added, corrected to, or blocked (contacts never are): their mail waits with the held requests.
    senderIsContact: (from: string | null) => from !== null && known.has(from.toLowerCase()),
    // "named contact" is offered only where a plan of the policy has named support contacts.
    namesContacts: namesContacts(model),
    senderOrg: (from: string | null) => (from ? byDomain.get(from.slice(from.lastIndexOf('@') + 1).toLowerCase()) ?? '' : ''),
  };
}

// How many failed deliveries the webhooks page lists per webhook (the API lists them all).
const RECENT_FAILURES = 10;

/**
 * A webhook's newest deliveries its receiver did not take, newest first: given up (failed), or
 * pending after a failed attempt, with its next retry (a pending one never tried is not a failure).
 */
async function recentFailures(ctx: Ctx, webhookId: string): Promise<WebhookDelivery[]> {
  const [failed, pending] = await Promise.all((['failed', 'pending'] as const).map((status) =>
    listWebhookDeliveries({ ctx, input: { webhookId, status, limit: status === 'failed' ? RECENT_FAILURES : 100 } })));
  const retrying = pending.items.filter((d) => d.attempts > 0 && d.lastError !== null);
  // Newest first, as the API lists them (created_at, then id).
  const newest = (a: WebhookDelivery, b: WebhookDelivery) => Temporal.Instant.compare(b.createdAt, a.createdAt) || b.id.localeCompare(a.id);
  return [...failed.items, ...retrying].sort(newest).slice(0, RECENT_FAILURES);
}

// What a form's success says on the page it returns to (?done=), when more than 'Saved.'.
const DONE: Record<string, string> = {
  redelivered: 'Redelivery queued: the event goes to the receiver again within seconds, '
    + 'as a new delivery with the same event id.',
  deleted: 'Deleted.',
  removed: 'Override removed (one under way ends now): the rotation\'s turns hold that time again.',
  blocked: 'Blocked: mail from them arrives dismissed from now on, kept whole.',
  unblocked: 'Unblocked: their next mail is taken as anyone\'s; what was dismissed stays so until you process it again.',
};
export const doneText = (done: string | undefined) => (done ? DONE[done] ?? 'Saved.' : null);

/** What a section shows beyond its data: a refusal, a secret just made (shown-once.ts: on the GET a create redirects to), an erasure's account. */
export type Shown = { formError?: FormRefusal | null; created?: CreatedShown | null; erased?: Erasure | null };
/** The row a refused form belongs to: its id, and which list of the section's data shows it. */
type RefusedRow = { id: string; listedIn: string };

export async function showSection(
  request: FastifyRequest, reply: FastifyReply, deps: WebDeps, section: Section, shown: Shown = {}, status = 200, row?: RefusedRow,
) {
  const ctx = ctxFor(request, deps);
  const query = request.method === 'GET' ? request.query as Record<string, string | undefined> : {};
  const done = doneText(query.done);
  // A token's or webhook's secret, once, on the page its form redirected to (shown-once.ts).
  const created = section === 'tokens' || section === 'webhooks' ? await takeCreated(ctx, request, query.created) : null;
  const data = await sectionData(section, ctx, deps, query);
  // A row's refusal shows in its row; a row no longer listed (deleted meanwhile) has it at the top ('admin').
  const listed = !row || (data[row.listedIn] as Array<{ id: string }>).some((x) => x.id === row.id);
  const formError = shown.formError && !listed ? { ...shown.formError, form: 'admin' } : shown.formError ?? null;
  return sendPage(request, reply, `admin/${section}`, {
    title: TITLES[section], ...data, created, erased: null, ...shown, formError,
    kept: keptFields(formError), flash: done ? { kind: 'ok', text: done } : null,
    f: formatters(ctx.clock.now()),
  }, status);
}

/**
 * Names a form on its page: one of its kind ('agent', the form adding one), or one of a row
 * (`agent-<id>`, the row listed in the section's `listedIn`), for the refusal to show beside it.
 */
type FormName = string | { kind: string; listedIn: string };
export const ofRow = (kind: string, listedIn: string): FormName => ({ kind, listedIn });

/** A form's run: nothing (back to its page), what the page shows with it, or where to go instead (shown-once.ts createdOnce). */
type Run = (ctx: Ctx, form: Form, request: FastifyRequest) => Promise<Shown | { redirect: string } | void>;
/** Where a form's answer goes: the page a refusal re-shows (beside the form), and where success returns to. */
export type Answer = {
  refused(request: FastifyRequest, reply: FastifyReply, refused: NonNullable<ReturnType<typeof fixableRefusal>>, form: Form): Promise<unknown>;
  shown?(request: FastifyRequest, reply: FastifyReply, shown: Shown): Promise<unknown>;
  done(request: FastifyRequest): string;
};

/** A form posting to one verb, answered as `answer` says. */
export function formAction(deps: WebDeps, run: Run, answer: Answer | ((request: FastifyRequest) => Answer)) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const form = formOf(request);
    const to = typeof answer === 'function' ? answer(request) : answer;
    try {
      const shown = await run(ctxFor(request, deps), form, request);
      if (shown && 'redirect' in shown) return reply.redirect(shown.redirect, 303);
      if (shown && to.shown) return to.shown(request, reply, shown);
    } catch (error) {
      const refused = fixableRefusal(error);
      if (!refused) throw error;
      return to.refused(request, reply, refused, form);
    }
    return reply.redirect(to.done(request), 303);
  };
}

/** The answer of a section's form: success goes back to the section (saying `done`'s text); a refusal re-shows it, beside `name`, as typed. */
export function sectionAnswer(deps: WebDeps, section: Section, name: FormName, done = '1'): Answer {
  return {
    shown: (request, reply, shown) => showSection(request, reply, deps, section, shown),
    refused(request, reply, refused, form) {
      if (typeof name === 'string') {
        return showSection(request, reply, deps, section, { formError: refusalAt(name, refused.error, form) }, refused.status);
      }
      const id = (request.params as { id: string }).id;
      const formError = refusalAt(`${name.kind}-${id}`, refused.error, form);
      return showSection(request, reply, deps, section, { formError }, refused.status, { id, listedIn: name.listedIn });
    },
    done: () => `/admin/${section}?done=${done}`,
  };
}

/** A form of a section posting to one verb (sectionAnswer). */
export function act(deps: WebDeps, section: Section, name: FormName, run: Run, done = '1') {
  return formAction(deps, run, sectionAnswer(deps, section, name, done));
}

export { checked } from '../page-kit.ts';
