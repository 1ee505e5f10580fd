// Admin: API tokens (create, list, revoke), organizations (their name and plan, named contacts and
// designated people; a copy of a contact's data, and their erasure, on request), agents,
// webhooks (with their recent failed deliveries, a given-up one redelivered); email
// (the settings in force, inbound mail and its retry) is admin-email-pages.ts, on-call rotations admin-oncall-pages.ts.
// Each form is one verb of its domain (admin-kit.ts act); a refusal re-shows the section with the
// verb's message beside that form, filled with what was typed (but a password: page-kit.ts keptFields).
// A token's or a webhook's secret is shown once, on the page its form redirects to (shown-once.ts).
// Deleting a rotation or a webhook asks for a ticked "Yes, delete" first, as erasure asks for the
// email typed again: one click deletes nothing.
import type { FastifyInstance } from 'fastify';
import {
  createAgent, createApiToken, createContact, createOrganization, listContacts, planChangeNote, revokeApiToken, updateAgent, updateContact, updateOrganization,
} from '../../customers/index.ts';
import { ADMINS, ctxFor } from '../../http/route-kit.ts';
import { ConflictError, InvalidInputError, toWire, type Ctx } from '../../platform/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { createWebhook, deleteWebhook, redeliverWebhookDelivery } from '../../webhooks/index.ts';
import { optional, page, requireConfirmed, uuidParam, type Form, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';
import { inviteToSignIn, resetTwoStep } from '../auth/index.ts';
import { eraseAgent, eraseContact, exportContactData } from '../../privacy/index.ts';
import { act, checked, ofRow, showSection, TITLES, type Section } from './admin-kit.ts';
import { requiredOrganization } from './agent-kit.ts';
import { registerAdminEmailPages } from './admin-email-pages.ts';
import { registerAdminOncallPages } from './admin-oncall-pages.ts';
import { createdOnce } from '../shown-once.ts';
import { pagerQuery } from '../pager.ts';


const uuid = { type: 'string', format: 'uuid' } as const;

/** The contact a token form names by email; refused naming the field when there is none. */
async function contactByEmail(ctx: Ctx, email: string | undefined): Promise<string> {
  if (!email) throw new InvalidInputError('Whose token is it?', [{ path: 'contact_email', message: "is required for a contact's token" }]);
  const contact = (await listContacts({ ctx, input: { email, limit: 1 } })).items[0];
  if (!contact) throw new InvalidInputError(`No contact has the email ${email}`, [{ path: 'contact_email', message: 'is not a contact of any organization' }]);
  return contact.id;
}

export function registerAdminPages(web: FastifyInstance, deps: WebDeps): void {
  // Where the policy has a chat channel: the line that puts the chat button on the vendor's own
  // pages (assets/chat-widget.js), with this desk's address.
  web.get('/admin', page(ADMINS), async (request, reply) => {
    const { model } = await activePolicy(ctxFor(request, deps).db);
    const chat = model.file.channels.find((c) => c.kind === 'chat');
    const widget = chat ? { channel: chat.name, line: `<script src="${new URL('/assets/chat-widget.js', deps.baseUrl).href}" async></script>` } : null;
    return sendPage(request, reply, 'admin/index', { title: 'Admin', widget });
  });

  const doneQuery = { querystring: { type: 'object', properties: { done: { type: 'string', maxLength: 20 } } } };
  // `created`: the secret a token or webhook form just made, shown once (shown-once.ts).
  const created = { type: 'string', format: 'uuid' };
  const webhooksQuery = { querystring: { type: 'object', properties: { done: { type: 'string', maxLength: 20 }, created } } };
  // The organizations page is found by name and paged (a desk has hundreds of customers); `mail`
  // lists only those with someone whose mail does not arrive.
  const organizationsQuery = {
    querystring: {
      type: 'object', additionalProperties: false,
      properties: { done: { type: 'string', maxLength: 20 }, q: { type: 'string', maxLength: 200 }, mail: { type: 'string', enum: ['undelivered'] }, ...pagerQuery },
    },
  };
  // The tokens page is paged too (a token per integration adds up).
  const tokensQuery = { querystring: { type: 'object', additionalProperties: false, properties: { done: { type: 'string', maxLength: 20 }, created, ...pagerQuery } } };
  const queries: Partial<Record<Section, Record<string, unknown>>> = { organizations: organizationsQuery, tokens: tokensQuery, webhooks: webhooksQuery };
  for (const section of Object.keys(TITLES) as Section[]) {
    web.get(`/admin/${section}`, page(ADMINS, queries[section] ?? doneQuery), (request, reply) => showSection(request, reply, deps, section));
  }
  registerAdminEmailPages(web, deps);
  registerAdminOncallPages(web, deps);

  web.post('/admin/tokens', page(ADMINS), act(deps, 'tokens', 'token', async (ctx, f, request) => {
    const [kind, id] = (f.owner ?? '').split(':');
    // A contact is named by email (a desk has thousands; the field suggests them as typed).
    // An email typed for another owner would be silently dropped: a token for the wrong person.
    if (kind !== 'contact' && optional(f, 'contact_email')) {
      throw new InvalidInputError('A contact\'s email is given, but the token is not for a contact', [{ path: 'contact_email', message: "is only for a contact's token: choose “A customer's contact” under For, or empty it" }]);
    }
    const contactId = kind === 'contact' ? await contactByEmail(ctx, optional(f, 'contact_email')) : null;
    // The raw token is shown once, on the page this redirects to (shown-once.ts); it is never stored but for that read.
    return createdOnce(ctx, request, '/admin/tokens', async (tx) => (await createApiToken({
      ctx: tx, lifetimes: deps.tokenLifetimes,
      input: { ...(kind === 'agent' ? { agentId: id } : contactId ? { contactId } : {}), ...(optional(f, 'name') ? { name: optional(f, 'name') } : {}), ...(optional(f, 'days') ? { expiresInDays: Number(f.days) } : {}), readOnly: checked(f, 'read_only'),
        // Scopes as typed, separated by spaces or commas (customers/token-scopes.ts); a wrong one is refused naming it.
        ...((f.scopes ?? '').trim() ? { scopes: (f.scopes ?? '').split(/[\s,]+/).filter((x) => x !== '') } : {}),
      },
    })).token);
  }));
  web.post('/admin/tokens/:id/revoke', page(ADMINS, uuidParam), act(deps, 'tokens', ofRow('token', 'tokens'), async (ctx, f, request) => {
    // Revoking cannot be undone and stops whatever uses the token at once: asked first, like a delete.
    requireConfirmed(f, 'revoke', 'token');
    await revokeApiToken({ ctx, input: { tokenId: (request.params as { id: string }).id } });
  }));

  web.post('/admin/organizations', page(ADMINS), act(deps, 'organizations', 'organization', async (ctx, f) => {
    // Onboarding as chosen, checked by the verb's schema (a value neither complete nor incomplete is
    // refused naming it); not sent, the verb's default as over the API: not complete (customers/schemas.ts).
    const onboarding = optional(f, 'onboarding') as 'complete' | 'incomplete' | undefined;
    await createOrganization({ ctx, input: { name: f.name ?? '', planId: f.plan ?? '', ...(onboarding ? { onboardingState: onboarding } : {}), existingCustomer: checked(f, 'existing') } });
  }));
  // Its name, and the plan it is served on (as the customer import asks: "change its plan on its page first").
  // The verb refuses a plan the policy has not and one allowing fewer named contacts than are named (un-name first);
  // open tickets keep the plan they were opened on, and designations the new plan does not include end.
  // A move leaving nobody named on a plan whose named contacts report the cases (OpenBack's Pro) is said first, with
  // what its contacts will meet (each case held for review), and saved once "Yes" is ticked (the verb allows it: the API's callers name one next).
  web.post('/admin/organizations/:id', page(ADMINS, uuidParam), act(deps, 'organizations', ofRow('organization', 'orgs'), async (ctx, f, request) => {
    const organizationId = (request.params as { id: string }).id;
    const note = checked(f, 'confirm') ? null : await planChangeNote({ ctx, input: { organizationId, planId: f.plan ?? '' } });
    if (note) throw new ConflictError(`Not saved yet: ${note}. Tick the box below to change the plan all the same`, [{ path: 'confirm', message: 'is not ticked' }]);
    await updateOrganization({ ctx, input: { organizationId, name: f.name ?? '', planId: f.plan ?? '' } });
  }));
  // The customer's onboarding marked complete (or not), and whether it was a customer before the policy's
  // onboarding rule: what the rule gates (tickets/intake.ts entitlement). Unchosen is refused naming it.
  web.post('/admin/organizations/:id/onboarding', page(ADMINS, uuidParam), act(deps, 'organizations', ofRow('onboarding', 'orgs'), async (ctx, f, request) => {
    await updateOrganization({ ctx, input: { organizationId: (request.params as { id: string }).id, onboardingState: (f.onboarding ?? '') as 'complete', existingCustomer: checked(f, 'existing') } });
  }));
  // The policy's requirements (coverage.requirements) the customer has not met: a box per requirement,
  // ticked for each not met (tickets/intake.ts entitlement: OpenBack's SDK, no technical support).
  web.post('/admin/organizations/:id/requirements', page(ADMINS, uuidParam), act(deps, 'organizations', ofRow('requirements', 'orgs'), async (ctx, f, request) => {
    const unmetRequirements = Object.keys(f).filter((k) => k.startsWith('unmet_') && checked(f, k)).map((k) => k.slice('unmet_'.length));
    await updateOrganization({ ctx, input: { organizationId: (request.params as { id: string }).id, unmetRequirements } });
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
    // The organization by name as typed (suggested as one types; a part only it has will do).
    const organizationId = await requiredOrganization(ctx, f.organization);
    const contact = await createContact({ ctx, input: { organizationId, email: f.email ?? '', name: f.name ?? '', namedContact: checked(f, 'named'), ...(optional(f, 'password') ? { password: f.password } : {}) } });
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
  // An agent's role changes, their email is corrected, or they leave (deactivated) or come back; the verb says what must change first.
  web.post('/admin/agents/:id', page(ADMINS, uuidParam), act(deps, 'agents', ofRow('agent', 'agents'), async (ctx, f, request) => {
    // Deactivating revokes their API tokens and unassigns their open tickets, which reactivating does not give back: asked first.
    if (f.active === 'no') requireConfirmed(f, 'deactivate', 'agent');
    await updateAgent({
      ctx,
      input: {
        agentId: (request.params as { id: string }).id, ...(optional(f, 'role') ? { role: f.role as 'front_line' } : {}), ...(f.active ? { active: f.active === 'yes' } : {}),
        ...(f.email !== undefined ? { email: f.email.trim() } : {}),
      },
    });
  }));
  // A contact is named or un-named (the policy's change process), leaves or comes back, or has their email corrected.
  web.post('/admin/contacts/:id', page(ADMINS, uuidParam), act(deps, 'organizations', ofRow('contact', 'contacts'), async (ctx, f, request) => {
    await updateContact({
      ctx,
      input: {
        contactId: (request.params as { id: string }).id, ...(f.named ? { namedContact: f.named === 'yes' } : {}), ...(f.active ? { active: f.active === 'yes' } : {}),
        ...(f.email !== undefined ? { email: f.email.trim() } : {}),
      },
    });
  }));

  web.post('/admin/webhooks', page(ADMINS), act(deps, 'webhooks', 'webhook', async (ctx, f, request) => {
    const events = Object.entries(f).filter(([k, v]) => k.startsWith('event_') && v === 'on').map(([k]) => k.slice('event_'.length));
    // Its signing secret is shown once, on the page this redirects to (shown-once.ts).
    return createdOnce(ctx, request, '/admin/webhooks', async (tx) => (await createWebhook({
      ctx: tx, settings: deps.webhooks, input: { url: f.url ?? '', ...(optional(f, 'description') ? { description: f.description } : {}), events: checked(f, 'all') ? ['*'] : (events as ['*']) },
    })).secret);
  }));
  web.post('/admin/webhooks/:id/delete', page(ADMINS, uuidParam), act(deps, 'webhooks', ofRow('webhook', 'webhooks'), async (ctx, f, request) => {
    requireConfirmed(f, 'delete', 'webhook');
    await deleteWebhook({ ctx, input: { webhookId: (request.params as { id: string }).id } });
  }, 'deleted'));
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
