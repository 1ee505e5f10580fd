// The agent's desk beyond the queues: finding any ticket (open or not) by number, requester
// email or words of its subject, and opening a ticket for a customer who called, chatted or
// wrote outside the desk. Finding is listTickets; opening is createTicket with the requester,
// so the policy decides as it does for the customer: the plan's channels and hours, named
// contacts, the intake answers' severity. A request the policy refuses is held for review, and
// the page says so with a link to it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listAgents, listContacts, listOrganizations } from '../../customers/index.ts';
import { toCsv } from '../csv.ts';
import { AGENTS, ctxFor } from '../../http/route-kit.ts';
import { InvalidInputError, type Ctx } from '../../platform/index.ts';
import { channelsNamed, organizationNamed } from './agent-kit.ts';
import { addFiles, CHANNELS, checkFiles, createTicket, getIntake, listTickets, STATUS_NAMES, STATUSES } from '../../tickets/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { channelName, requestChannelsOfKind } from '../../policy/index.ts';
import { formatters } from '../format.ts';
import { answersOf, byIds, everyPage, fixableRefusal, formOf, optional, page, type Form, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';
import { chosenLevel, inListedOrder, levelWords } from '../level-words.ts';
import { filesOf } from '../uploads.ts';
import { pager, pagerQuery } from '../pager.ts';

// An agent logs a conversation held elsewhere; "api" is for programs, not for this form.
const AGENT_CHANNELS = CHANNELS.filter((c) => c !== 'api');

type SearchQuery = { q?: string; status?: string; organization?: string; tag?: string; cursor?: string; back?: string };
const searchQuery = {
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      q: { type: 'string', maxLength: 200 },
      status: { anyOf: [{ type: 'string', enum: [...STATUSES] }, { type: 'string', maxLength: 0 }] },
      // An organization's id, or its name (or a part of it) as typed (agent-kit.ts organizationNamed).
      organization: { type: 'string', maxLength: 200 },
      tag: { type: 'string', maxLength: 50 },
      ...pagerQuery,
    },
  },
};

/** The filters of a search as listTickets takes them. */
function searchInput(q: SearchQuery) {
  return {
    ...(q.q?.trim() ? { q: q.q } : {}),
    ...(q.status ? { status: q.status as (typeof STATUSES)[number] } : {}),
    ...(q.organization ? { organizationId: q.organization } : {}),
    ...(q.tag?.trim() ? { tag: q.tag } : {}),
  };
}

/** The channels an agent answers as they open the ticket. */
const LIVE_CHANNELS = { phone: true, chat: true } as const;

/** How many people the contact finder suggests at once. */
export const CONTACT_SUGGESTIONS = 10;
const contactSuggestQuery = {
  querystring: {
    type: 'object', additionalProperties: false, required: ['q'],
    // `organization`: its people only (someone else at the customer asks now, on a ticket).
    properties: { q: { type: 'string', minLength: 1, maxLength: 200 }, organization: { type: 'string', format: 'uuid' } },
  },
};

/** At most this many tickets in one export (the newest matching first); narrow the search for more. */
export const EXPORT_LIMIT = 5000;

/**
 * The tickets a search finds, as CSV for a spreadsheet (newest first, at most EXPORT_LIMIT):
 * what the list shows and what a report needs (organization, requester, plan, assignee, times).
 */
/** The search as asked, its organization (a name as typed) found: refused naming the field when it is no one organization. */
async function searchAsked(ctx: Ctx, q: SearchQuery): Promise<SearchQuery> {
  const organization = await organizationNamed(ctx, q.organization);
  const { organization: _typed, ...rest } = q;
  return { ...rest, ...(organization ? { organization } : {}) };
}

async function exportSearch(request: FastifyRequest<{ Querystring: SearchQuery }>, reply: FastifyReply, deps: WebDeps) {
  const ctx = ctxFor(request, deps);
  const asked = await searchAsked(ctx, request.query);
  const rows = await everyPage((c) => listTickets({ ctx, input: { ...searchInput(asked), limit: 200, ...c } }), EXPORT_LIMIT);
  // The organizations and requesters the rows name, every agent (a desk has more than one page of
  // either), the policy's names.
  const [orgs, requesters, agents, { model: policy }] = await Promise.all([
    byIds(rows.map((t) => t.organizationId), (ids) => listOrganizations({ ctx, input: { ids, limit: 200 } })),
    byIds(rows.map((t) => t.requesterId), (ids) => listContacts({ ctx, input: { ids, limit: 200 } })).then((cs) => new Map(cs.map((c) => [c.id, c.email]))),
    everyPage((c) => listAgents({ ctx, input: { limit: 200, ...c } })), activePolicy(ctx.db),
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  // Each ticket's channel as the policy it runs on names it ("Web Support").
  const cameBy = await channelsNamed(ctx, rows);
  const agentEmail = new Map(agents.map((a) => [a.id, a.email]));
  // In words as the pages say them (plan "Enterprise", status "Waiting on customer"); the severity
  // also as its number, which a spreadsheet sorts by.
  const body = toCsv(
    ['ticket', 'subject', 'organization', 'requester', 'plan', 'severity', 'severity_name', 'status', 'channel', 'assignee', 'created_at', 'solved_at'],
    rows.map((t) => [
      t.number, t.subject, orgName.get(t.organizationId) ?? t.organizationId, requesters.get(t.requesterId) ?? '', policy.plans.get(t.plan)?.name ?? t.plan,
      t.severity, policy.severities.get(t.severity)?.name ?? '', STATUS_NAMES[t.status] ?? t.status, cameBy(t),
      t.assigneeId ? agentEmail.get(t.assigneeId) ?? t.assigneeId : '', t.createdAt.toString(), t.solvedAt?.toString() ?? '',
    ]),
  );
  const day = ctx.clock.now().toString().slice(0, 10);
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="tickets-${day}.csv"`).send(body);
}

async function showSearch(request: FastifyRequest<{ Querystring: SearchQuery }>, reply: FastifyReply, deps: WebDeps) {
  const ctx = ctxFor(request, deps);
  const q = await searchAsked(ctx, request.query);
  const asked = Boolean(q.q?.trim() || q.status || q.organization || q.tag?.trim());
  const found = asked
    ? await listTickets({ ctx, input: { limit: 50, ...searchInput(q), ...(q.cursor ? { cursor: q.cursor } : {}) } })
    : { items: [], nextCursor: null };
  // The organizations and requesters the page names: its tickets', and the one searched in.
  const [orgs, requesters, { model: policy }] = await Promise.all([
    byIds([...found.items.map((t) => t.organizationId), ...(q.organization ? [q.organization] : [])], (ids) => listOrganizations({ ctx, input: { ids, limit: 200 } })),
    byIds(found.items.map((t) => t.requesterId), (ids) => listContacts({ ctx, input: { ids, limit: 200 } })),
    activePolicy(ctx.db),
  ]);
  const keep = new URLSearchParams(Object.entries({ q: q.q, status: q.status, organization: q.organization, tag: q.tag?.trim() }).filter((e): e is [string, string] => Boolean(e[1])));
  return sendPage(request, reply, 'agent/search', {
    title: q.q?.trim() ? `Find: ${q.q.trim()}` : 'Find tickets',
    query: q, asked, items: found.items, statuses: STATUSES, level: levelWords(policy),
    orgName: new Map(orgs.map((o) => [o.id, o.name])),
    requester: new Map(requesters.map((c) => [c.id, c])),
    pager: pager('/agent/search', keep, q, found.nextCursor),
    csv: `/agent/search.csv?${keep.toString()}`,
    f: formatters(ctx.clock.now()),
  });
}

type Refused = { message: string; details: Array<{ path: string; message: string }>; heldRequestId: string | null };

async function showNewTicket(request: FastifyRequest, reply: FastifyReply, deps: WebDeps, form: Form = { channel: 'phone' }, error: Refused | null = null, code = 200) {
  const ctx = ctxFor(request, deps);
  const [intake, contacts, { model: policy }] = await Promise.all([getIntake({ ctx }), listContacts({ ctx, input: { limit: 200 } }), activePolicy(ctx.db)]);
  const orgs = await byIds(contacts.items.map((c) => c.organizationId), (ids) => listOrganizations({ ctx, input: { ids, limit: 200 } }));
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  return sendPage(request, reply, 'agent/new-ticket', {
    title: 'New ticket for a customer',
    // The ways in the policy takes requests through, each by the policy's name for it (OfficeSpace's "Phone Support"),
    // Accord's where it has none; no "Web form" where its only web channel is read (OpenBack's Documentation).
    intake, form, error, channels: AGENT_CHANNELS.filter((c) => requestChannelsOfKind(policy, c).length > 0), channelName: (kind: string) => channelName(policy, kind),
    severities: inListedOrder(policy, intake.severities), level: levelWords(policy),
    contacts: contacts.items.map((c) => ({ email: c.email, label: `${c.name}, ${orgName.get(c.organizationId) ?? ''}` })),
    f: formatters(ctx.clock.now()),
  }, code);
}

export function registerDeskPages(web: FastifyInstance, deps: WebDeps): void {
  web.get<{ Querystring: SearchQuery }>('/agent/search', page(AGENTS, searchQuery), (request, reply) => showSearch(request, reply, deps));
  web.get<{ Querystring: SearchQuery }>('/agent/search.csv', page(AGENTS, searchQuery), (request, reply) => exportSearch(request, reply, deps));

  web.get('/agent/tickets/new', page(AGENTS), (request, reply) => showNewTicket(request, reply, deps));
  // Finding a customer among thousands as the agent types their name or email (the new-ticket
  // and token forms' suggestions, app.js): people who can still be served, with their organization.
  web.get<{ Querystring: { q: string; organization?: string } }>('/agent/contacts/suggest', page(AGENTS, contactSuggestQuery), async (request, reply) => {
    const ctx = ctxFor(request, deps);
    const { q, organization } = request.query;
    const found = (await listContacts({ ctx, input: { q, ...(organization ? { organizationId: organization } : {}), limit: CONTACT_SUGGESTIONS * 2 } })).items.filter((c) => !c.deactivatedAt && !c.erasedAt).slice(0, CONTACT_SUGGESTIONS)
      .sort((x, y) => x.name.localeCompare(y.name, 'en', { numeric: true }));
    const orgs = await byIds(found.map((c) => c.organizationId), (ids) => listOrganizations({ ctx, input: { ids, limit: 200 } }));
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    return reply.type('application/json; charset=utf-8').header('cache-control', 'no-store').send({
      contacts: found.map((c) => ({ email: c.email, name: c.name, organization: orgName.get(c.organizationId) ?? '' })),
    });
  });
  // The ticket may come with files the customer sent some other way (a screenshot by chat).
  const withFiles = { ...page(AGENTS), config: { ...page(AGENTS).config, uploads: true } };
  web.post('/agent/tickets/new', withFiles, async (request, reply) => {
    const ctx = ctxFor(request, deps);
    const form = formOf(request);
    try {
      // Checked before the ticket opens, so a refused file leaves no ticket without its files.
      const files = filesOf(request);
      checkFiles(files);
      const email = optional(form, 'requester');
      if (!email) throw new InvalidInputError('Who is the ticket for?', [{ path: 'requester', message: "is required: the customer's email" }]);
      const contact = (await listContacts({ ctx, input: { email, limit: 1 } })).items[0];
      if (!contact) {
        throw new InvalidInputError(`No contact has the email ${email}`, [{ path: 'requester', message: 'is not a contact: an admin adds people to their organization first' }]);
      }
      const [intake, { model: policy }] = await Promise.all([getIntake({ ctx }), activePolicy(ctx.db)]);
      const severity = optional(form, 'severity');
      const channel = optional(form, 'channel');
      const ticket = await createTicket({
        ctx,
        input: {
          requesterId: contact.id, subject: form.subject ?? '', description: form.description ?? '',
          ...(channel ? { channel: channel as (typeof CHANNELS)[number] } : {}),
          ...(severity ? { severity: chosenLevel(policy, severity, 'The ticket was not opened.') } : {}),
          ...(optional(form, 'request_type') ? { requestType: optional(form, 'request_type') } : {}),
          // Ticked for a call or a chat the agent is on; by email or the web it means nothing.
          ...(form.answered_live === 'yes' && (channel ?? 'phone') in LIVE_CHANNELS ? { answeredLive: true } : {}),
          intake: answersOf(intake, form),
        },
        // Kept with the request if the policy holds it; added below if the ticket opens.
        options: { heldFiles: files },
      });
      if (files.length > 0) await addFiles({ ctx, input: { ticketId: ticket.id, files } });
      return reply.redirect(`/agent/tickets/${ticket.id}?done=created`, 303);
    } catch (error) {
      const refused = fixableRefusal(error);
      if (!refused) throw error;
      const held = refused.error.details.find((d) => d.path === 'heldRequestId')?.message ?? null;
      return showNewTicket(request, reply, deps, form, {
        message: held ? refused.error.details.find((d) => d.path !== 'heldRequestId')?.message ?? refused.error.message : refused.error.message,
        details: refused.error.details.filter((d) => d.path !== 'heldRequestId'),
        heldRequestId: held,
      }, refused.status);
    }
  });
}
