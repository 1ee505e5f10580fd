// The agent's desk beyond the queues: finding any ticket (open or not) by number, requester
// email or words of its subject (listTickets), as a page and as CSV, and the contact finder.
// Opening a ticket for a customer is new-ticket-pages.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listContacts, listOrganizations } from '../../customers/index.ts';
import { AGENTS, ctxFor } from '../../http/route-kit.ts';
import type { Ctx } from '../../platform/index.ts';
import { organizationNamed } from './agent-kit.ts';
import { listTickets, STATUSES } from '../../tickets/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { formatters } from '../format.ts';
import { byIds, everyPage, page, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';
import { levelWords } from '../level-words.ts';
import { pager, pagerQuery } from '../pager.ts';
import { registerNewTicketPages } from './new-ticket-pages.ts';
import { registerAgentOncallPage } from './agent-oncall-page.ts';
import { csvFilename, EXPORT_LIMIT, ticketsCsv } from './ticket-csv.ts';

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

/** How many people the contact finder suggests at once. */
export const CONTACT_SUGGESTIONS = 10;
const contactSuggestQuery = {
  querystring: {
    type: 'object', additionalProperties: false, required: ['q'],
    // `organization`: its people only (someone else at the customer asks now, on a ticket).
    properties: { q: { type: 'string', minLength: 1, maxLength: 200 }, organization: { type: 'string', format: 'uuid' } },
  },
};

/** The search as asked, its organization (a name as typed) found: refused naming the field when it is no one organization. */
async function searchAsked(ctx: Ctx, q: SearchQuery): Promise<SearchQuery> {
  const organization = await organizationNamed(ctx, q.organization);
  const { organization: _typed, ...rest } = q;
  return { ...rest, ...(organization ? { organization } : {}) };
}

/** The tickets a search finds, as CSV (ticket-csv.ts), newest first, at most EXPORT_LIMIT. */
async function exportSearch(request: FastifyRequest<{ Querystring: SearchQuery }>, reply: FastifyReply, deps: WebDeps) {
  const ctx = ctxFor(request, deps);
  const asked = await searchAsked(ctx, request.query);
  const rows = await everyPage((c) => listTickets({ ctx, input: { ...searchInput(asked), limit: 200, ...c } }), EXPORT_LIMIT);
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${csvFilename('tickets', ctx.clock.now())}"`).send(await ticketsCsv(ctx, rows));
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

export function registerDeskPages(web: FastifyInstance, deps: WebDeps): void {
  web.get<{ Querystring: SearchQuery }>('/agent/search', page(AGENTS, searchQuery), (request, reply) => showSearch(request, reply, deps));
  web.get<{ Querystring: SearchQuery }>('/agent/search.csv', page(AGENTS, searchQuery), (request, reply) => exportSearch(request, reply, deps));

  registerNewTicketPages(web, deps);
  registerAgentOncallPage(web, deps);
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
}
