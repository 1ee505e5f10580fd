// Admin: API tokens (create, list, revoke), organizations (their named contacts and designated
// people; a copy of a contact's data, and their erasure, on request), agents,
// on-call rotations, webhooks (with their recent failed deliveries, a given-up one redelivered), and email
// (the settings in force, inbound mail and its retry).
// Each form is one verb of its domain; a refusal re-shows the section with the verb's message beside
// that form, filled with what was typed (but a password: page-kit.ts keptFields).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  createAgent, createApiToken, createContact, createOrganization, designationsOf, listAgents, listApiTokens, listContacts, listOrganizations,
  revokeApiToken, SCOPE_AREAS, updateAgent, updateContact, updateOrganization, type CreatedApiToken,
} from '../../customers/index.ts';
import { ADMINS, ctxFor } from '../../http/route-kit.ts';
import { createRotation, deleteRotation, listRotations, whoIsOnCall, WEEKDAYS } from '../../oncall/index.ts';
import { InvalidInputError, toWire, type Ctx } from '../../platform/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { dismissInboundMessage, getInboundMessage, listInboundMessages, retryInboundMessage } from '../../email/index.ts';
import {
  createWebhook, deleteWebhook, EMITTED_EVENT_TYPES, listWebhookDeliveries, listWebhooks, MAX_ATTEMPTS,
  redeliverWebhookDelivery, type WebhookDelivery,
} from '../../webhooks/index.ts';
import { formatters } from '../format.ts';
import { fixableRefusal, formOf, keptFields, optional, page, refusalAt, uuidParam, type Form, type FormRefusal, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';
import { inviteToSignIn, resetTwoStep, withTwoStep } from '../auth/index.ts';
import { eraseAgent, eraseContact, exportContactData, type Erasure } from '../../privacy/index.ts';

type Section = 'tokens' | 'organizations' | 'agents' | 'oncall' | 'webhooks' | 'email';
const TITLES: Record<Section, string> = {
  tokens: 'API tokens', organizations: 'Organizations and contacts', agents: 'Agents', oncall: 'On-call rotations', webhooks: 'Webhooks', email: 'Email',
};

async function sectionData(section: Section, ctx: Ctx, deps: WebDeps): Promise<Record<string, unknown>> {
  const agents = (await listAgents({ ctx, input: { limit: 200 } })).items;
  switch (section) {
    case 'tokens': {
      const [tokens, contacts] = await Promise.all([listApiTokens({ ctx, input: { limit: 200 } }), listContacts({ ctx, input: { limit: 200 } })]);
      const owner = new Map<string, string>([...agents.map((a) => [a.id, a.email] as const), ...contacts.items.map((c) => [c.id, c.email] as const)]);
      return { tokens: tokens.items, owner, agents, contacts: contacts.items, scopeAreas: SCOPE_AREAS };
    }
    case 'organizations': {
      const [orgs, contacts, { model }] = await Promise.all([listOrganizations({ ctx, input: { limit: 200 } }), listContacts({ ctx, input: { limit: 200 } }), activePolicy(ctx.db)]);
      // Per organization, the people its plan designates (owed or optional) and who holds each.
      const designations = new Map(orgs.items.map((o) => [o.id, designationsOf(model, o)] as const));
      return { orgs: orgs.items, contacts: contacts.items, plans: [...model.plans.values()], designations, agents, twoStep: await withTwoStep(ctx.db, 'contact') };
    }
    case 'agents':
      return { agents, twoStep: await withTwoStep(ctx.db, 'agent') };
    case 'oncall': {
      const [rotations, now] = await Promise.all([listRotations({ ctx, input: { limit: 200 } }), whoIsOnCall({ ctx, input: {} })]);
      return { rotations: rotations.items, onCall: now.onCall, agents, agentName: new Map(agents.map((a) => [a.id, a.name])), weekdays: WEEKDAYS };
    }
    case 'webhooks': {
      const webhooks = (await listWebhooks({ ctx, input: { limit: 200 } })).items;
      const failures = new Map(await Promise.all(webhooks.map(async (w) => [w.id, await recentFailures(ctx, w.id)] as const)));
      return { webhooks, failures, recentFailures: RECENT_FAILURES, maxAttempts: MAX_ATTEMPTS, eventTypes: EMITTED_EVENT_TYPES };
    }
    case 'email':
      // Settings come from the service's configuration (README: Email); the page shows what is in force.
      return {
        supportAddress: deps.email.settings.supportAddress, captured: deps.email.devMail,
        inbound: (await listInboundMessages({ ctx, input: { limit: 100 } })).items, retryable: RETRYABLE, dismissable: DISMISSABLE,
        // A held message's sender may be added to an organization and the message processed again.
        orgs: (await listOrganizations({ ctx, input: { limit: 200 } })).items,
      };
  }
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
};

type Shown = { formError?: FormRefusal | null; created?: CreatedApiToken | { secret: string } | null; erased?: Erasure | null };
/** The row a refused form belongs to: its id, and which list of the section's data shows it. */
type RefusedRow = { id: string; listedIn: string };

async function showSection(
  request: FastifyRequest, reply: FastifyReply, deps: WebDeps, section: Section, shown: Shown = {}, status = 200, row?: RefusedRow,
) {
  const ctx = ctxFor(request, deps);
  const done = (request.query as { done?: string }).done;
  const data = await sectionData(section, ctx, deps);
  // A row's refusal shows in its row; a row no longer listed (deleted meanwhile) has it at the top ('admin').
  const listed = !row || (data[row.listedIn] as Array<{ id: string }>).some((x) => x.id === row.id);
  const formError = shown.formError && !listed ? { ...shown.formError, form: 'admin' } : shown.formError ?? null;
  return sendPage(request, reply, `admin/${section}`, {
    title: TITLES[section], ...data, created: null, erased: null, ...shown, formError,
    kept: keptFields(formError), flash: done ? { kind: 'ok', text: DONE[done] ?? 'Saved.' } : null,
    f: formatters(ctx.clock.now()),
  }, status);
}

/**
 * Names a form on its page: one of its kind ('agent', the form adding one), or one of a row
 * (`agent-<id>`, the row listed in the section's `listedIn`), for the refusal to show beside it.
 */
type FormName = string | { kind: string; listedIn: string };
const ofRow = (kind: string, listedIn: string): FormName => ({ kind, listedIn });

/**
 * A form posting to one verb: success goes back to the section (saying `done`'s text); a fixable refusal re-shows it,
 * beside `name`, as typed.
 */
function act(
  deps: WebDeps, section: Section, name: FormName,
  run: (ctx: Ctx, form: Form, request: FastifyRequest) => Promise<Shown | void>, done = '1',
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const form = formOf(request);
    try {
      const shown = await run(ctxFor(request, deps), form, request);
      if (shown) return showSection(request, reply, deps, section, shown);
    } catch (error) {
      const refused = fixableRefusal(error);
      if (!refused) throw error;
      if (typeof name === 'string') {
        return showSection(request, reply, deps, section, { formError: refusalAt(name, refused.error, form) }, refused.status);
      }
      const id = (request.params as { id: string }).id;
      const formError = refusalAt(`${name.kind}-${id}`, refused.error, form);
      return showSection(request, reply, deps, section, { formError }, refused.status, { id, listedIn: name.listedIn });
    }
    return reply.redirect(`/admin/${section}?done=${done}`, 303);
  };
}

/** Inbound mail an admin may process again (retryInboundMessage's rule), and dismiss (dismissInboundMessage's). */
const RETRYABLE = ['quarantined', 'held', 'ignored', 'dismissed'];
const DISMISSABLE = ['quarantined', 'held', 'ignored'];

const checked = (form: Form, name: string) => form[name] === 'on' || form[name] === 'true';

const uuid = { type: 'string', format: 'uuid' } as const;

export function registerAdminPages(web: FastifyInstance, deps: WebDeps): void {
  web.get('/admin', page(ADMINS), async (request, reply) => sendPage(request, reply, 'admin/index', { title: 'Admin' }));

  const doneQuery = { querystring: { type: 'object', properties: { done: { type: 'string', maxLength: 20 } } } };
  for (const section of Object.keys(TITLES) as Section[]) {
    web.get(`/admin/${section}`, page(ADMINS, doneQuery), (request, reply) => showSection(request, reply, deps, section));
  }

  web.post('/admin/tokens', page(ADMINS), act(deps, 'tokens', 'token', async (ctx, f) => {
    const [kind, id] = (f.owner ?? '').split(':');
    const created = await createApiToken({
      ctx, lifetimes: deps.tokenLifetimes,
      input: { ...(kind === 'agent' ? { agentId: id } : kind === 'contact' ? { contactId: id } : {}), ...(optional(f, 'name') ? { name: optional(f, 'name') } : {}), ...(optional(f, 'days') ? { expiresInDays: Number(f.days) } : {}), readOnly: checked(f, 'read_only'),
        // Scopes as typed, separated by spaces or commas (customers/token-scopes.ts); a wrong one is refused naming it.
        ...((f.scopes ?? '').trim() ? { scopes: (f.scopes ?? '').split(/[\s,]+/).filter((x) => x !== '') } : {}),
      },
    });
    // The raw token is shown once, on this answer; it is never stored.
    return { created };
  }));
  web.post('/admin/tokens/:id/revoke', page(ADMINS, uuidParam), act(deps, 'tokens', ofRow('token', 'tokens'), async (ctx, _f, request) => {
    await revokeApiToken({ ctx, input: { tokenId: (request.params as { id: string }).id } });
  }));

  web.post('/admin/organizations', page(ADMINS), act(deps, 'organizations', 'organization', async (ctx, f) => {
    await createOrganization({ ctx, input: { name: f.name ?? '', planId: f.plan ?? '', onboardingState: f.onboarding === 'incomplete' ? 'incomplete' : 'complete', existingCustomer: checked(f, 'existing') } });
  }));
  web.post('/admin/organizations/:id/notes', page(ADMINS, uuidParam), act(deps, 'organizations', ofRow('notes', 'orgs'), async (ctx, f, request) => {
    await updateOrganization({ ctx, input: { organizationId: (request.params as { id: string }).id, notes: f.notes ?? null } });
  }));
  // One select per designated person the plan includes: an agent, or none.
  web.post('/admin/organizations/:id/designations', page(ADMINS, uuidParam), act(deps, 'organizations', ofRow('designations', 'orgs'), async (ctx, f, request) => {
    const designatedAgents = Object.fromEntries(Object.entries(f).filter(([k]) => k.startsWith('d_')).map(([k, v]) => [k.slice(2), v.trim() === '' ? null : v.trim()]));
    await updateOrganization({ ctx, input: { organizationId: (request.params as { id: string }).id, designatedAgents } });
  }));
  // A person added is mailed a link to choose their password unless the box is cleared (web/auth/invitation.ts).
  web.post('/admin/contacts', page(ADMINS), act(deps, 'organizations', 'contact', async (ctx, f) => {
    const contact = await createContact({ ctx, input: { organizationId: f.organization ?? '', email: f.email ?? '', name: f.name ?? '', namedContact: checked(f, 'named'), ...(optional(f, 'password') ? { password: f.password } : {}) } });
    if (checked(f, 'invite')) await inviteToSignIn({ ctx, baseUrl: deps.baseUrl }, { kind: 'contact', id: contact.id });
  }));
  // A copy of what the desk holds about a contact (privacy/export-contact-data.ts), as a JSON download.
  const exportOptions = page(ADMINS, { ...uuidParam, querystring: { type: 'object', properties: { internal: { type: 'string', maxLength: 10 } } } });
  web.get<{ Params: { id: string }; Querystring: { internal?: string } }>('/admin/contacts/:id/personal-data', exportOptions, async (request, reply) => {
    const ctx = ctxFor(request, deps);
    const data = await exportContactData({ ctx, input: { contactId: request.params.id, internal: request.query.internal === 'on' } });
    const day = data.exportedAt.toString().slice(0, 10);
    return reply.type('application/json; charset=utf-8').header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="personal-data-${request.params.id}-${day}.json"`).send(JSON.stringify(toWire(data), null, 2));
  });
  // Erasure on request (privacy/erase-contact.ts): the answer says what went, and which other tickets still name them.
  web.post('/admin/contacts/:id/erasure', page(ADMINS, uuidParam), act(deps, 'organizations', ofRow('contact', 'contacts'), async (ctx, f, request) => ({
    erased: await eraseContact({ ctx, input: { contactId: (request.params as { id: string }).id, confirmEmail: f.confirm_email ?? '' } }),
  })));
  web.post('/admin/agents/:id/erasure', page(ADMINS, uuidParam), act(deps, 'agents', ofRow('agent', 'agents'), async (ctx, f, request) => {
    await eraseAgent({ ctx, input: { agentId: (request.params as { id: string }).id, confirmEmail: f.confirm_email ?? '' } });
  }));
  web.post('/admin/agents', page(ADMINS), act(deps, 'agents', 'agent', async (ctx, f) => {
    const agent = await createAgent({ ctx, input: { email: f.email ?? '', name: f.name ?? '', role: f.role as 'front_line', ...(optional(f, 'password') ? { password: f.password } : {}) } });
    if (checked(f, 'invite')) await inviteToSignIn({ ctx, baseUrl: deps.baseUrl }, { kind: 'agent', id: agent.id });
  }));
  web.post('/admin/contacts/:id/invitation', page(ADMINS, uuidParam), act(deps, 'organizations', ofRow('contact', 'contacts'), async (ctx, _f, request) => {
    await inviteToSignIn({ ctx, baseUrl: deps.baseUrl }, { kind: 'contact', id: (request.params as { id: string }).id });
  }));
  // Someone who lost their device and their recovery codes signs in with the password alone again.
  for (const kind of ['agent', 'contact'] as const) {
    web.post(`/admin/${kind}s/:id/two-step/off`, page(ADMINS, uuidParam), act(deps, kind === 'agent' ? 'agents' : 'organizations', ofRow(kind, `${kind}s`), async (ctx, _f, request) => {
      await resetTwoStep({ ctx }, { kind, id: (request.params as { id: string }).id });
    }));
  }
  web.post('/admin/agents/:id/invitation', page(ADMINS, uuidParam), act(deps, 'agents', ofRow('agent', 'agents'), async (ctx, _f, request) => {
    await inviteToSignIn({ ctx, baseUrl: deps.baseUrl }, { kind: 'agent', id: (request.params as { id: string }).id });
  }));
  // An agent's role changes, or they leave (deactivated) or come back; the verb says what must change first.
  web.post('/admin/agents/:id', page(ADMINS, uuidParam), act(deps, 'agents', ofRow('agent', 'agents'), async (ctx, f, request) => {
    await updateAgent({ ctx, input: { agentId: (request.params as { id: string }).id, ...(optional(f, 'role') ? { role: f.role as 'front_line' } : {}), ...(f.active ? { active: f.active === 'yes' } : {}) } });
  }));
  // A contact is named or un-named (the policy's change process), or leaves, or comes back.
  web.post('/admin/contacts/:id', page(ADMINS, uuidParam), act(deps, 'organizations', ofRow('contact', 'contacts'), async (ctx, f, request) => {
    await updateContact({ ctx, input: { contactId: (request.params as { id: string }).id, ...(f.named ? { namedContact: f.named === 'yes' } : {}), ...(f.active ? { active: f.active === 'yes' } : {}) } });
  }));

  web.post('/admin/oncall', page(ADMINS), act(deps, 'oncall', 'rotation', async (ctx, f) => {
    const members = Object.entries(f).filter(([k, v]) => k.startsWith('member_') && v === 'on').map(([k]) => k.slice('member_'.length));
    await createRotation({
      ctx,
      input: {
        name: f.name ?? '', timeZone: f.time_zone ?? '', handoverTime: f.handover_time ?? '', cadence: f.cadence === 'daily' ? 'daily' : 'weekly',
        ...(f.cadence === 'daily' ? {} : { handoverWeekday: (optional(f, 'weekday') ?? null) as 'mon' | null }), startDate: f.start_date ?? '', members,
      },
    });
  }));
  web.post('/admin/oncall/:id/delete', page(ADMINS, uuidParam), act(deps, 'oncall', ofRow('rotation', 'rotations'), async (ctx, _f, request) => {
    await deleteRotation({ ctx, input: { rotationId: (request.params as { id: string }).id } });
  }));

  web.post('/admin/webhooks', page(ADMINS), act(deps, 'webhooks', 'webhook', async (ctx, f) => {
    const events = Object.entries(f).filter(([k, v]) => k.startsWith('event_') && v === 'on').map(([k]) => k.slice('event_'.length));
    const hook = await createWebhook({ ctx, settings: deps.webhooks, input: { url: f.url ?? '', ...(optional(f, 'description') ? { description: f.description } : {}), events: checked(f, 'all') ? ['*'] : (events as ['*']) } });
    return { created: { secret: hook.secret } };
  }));
  web.post('/admin/email/inbound/:id/retry', page(ADMINS, uuidParam), act(deps, 'email', ofRow('inbound', 'inbound'), async (ctx, _f, request) => {
    await retryInboundMessage({ ctx, settings: deps.email.settings, input: { inboundId: (request.params as { id: string }).id } });
  }));
  web.post('/admin/email/inbound/:id/dismiss', page(ADMINS, uuidParam), act(deps, 'email', ofRow('inbound', 'inbound'), async (ctx, f, request) => {
    await dismissInboundMessage({ ctx, input: { inboundId: (request.params as { id: string }).id, ...(optional(f, 'reason') ? { reason: optional(f, 'reason') } : {}) } });
  }));
  // A held message from someone not yet a contact: they are added to the organization chosen, then
  // the message is processed again (a new request, or a reply to the ticket it names).
  web.post('/admin/email/inbound/:id/add-sender', page(ADMINS, uuidParam), act(deps, 'email', ofRow('inbound', 'inbound'), async (ctx, f, request) => {
    const inboundId = (request.params as { id: string }).id;
    const message = await getInboundMessage({ ctx, input: { inboundId } });
    if (!message.from) throw new InvalidInputError('This message names no sender to add', [{ path: 'from', message: 'is missing' }]);
    await createContact({ ctx, input: { organizationId: f.organization ?? '', email: message.from, name: optional(f, 'name') ?? message.from, namedContact: checked(f, 'named') } });
    await retryInboundMessage({ ctx, settings: deps.email.settings, input: { inboundId } });
  }));
  web.post('/admin/webhooks/:id/delete', page(ADMINS, uuidParam), act(deps, 'webhooks', ofRow('webhook', 'webhooks'), async (ctx, _f, request) => {
    await deleteWebhook({ ctx, input: { webhookId: (request.params as { id: string }).id } });
  }));
  // A delivery given up, sent again once its receiver is fixed (webhooks/redeliver-webhook-delivery.ts); a
  // refusal (still pending, the webhook inactive, gone) shows at that webhook's failed deliveries.
  const deliveryParams = {
    params: { type: 'object', required: ['id', 'delivery_id'], properties: { id: uuid, delivery_id: uuid } },
  };
  const redeliver = '/admin/webhooks/:id/deliveries/:delivery_id/redeliver';
  web.post(redeliver, page(ADMINS, deliveryParams), act(deps, 'webhooks', ofRow('failures', 'webhooks'),
    async (ctx, _f, request) => {
      const { id, delivery_id: deliveryId } = request.params as { id: string; delivery_id: string };
      await redeliverWebhookDelivery({ ctx, input: { webhookId: id, deliveryId } });
    }, 'redelivered'));
}
