// The agent console's work queues (/agent: the views, the filters, several tickets changed at once).
// The ticket page and its actions are ticket-pages.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AGENTS, ctxFor } from '../../http/route-kit.ts';
import type { Ctx } from '../../platform/index.ts';
import { channelName, severityPhrase, type PolicyModel } from '../../policy/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { mayWriteOwned } from '../../customers/index.ts';
import {
  CHANNELS, bulkUpdateTickets, countHeldRequests, countQueues, listQueue, listSavedViews, MAX_TAGS, OPEN_STATUSES, policyTakesKind, queueChannelKinds,
  queueInputOf, remindersOfAgent, savedView, STATUSES, unknownChannelMessage,
  type BulkResult, type ListQueueInput, type QueueFilters,
} from '../../tickets/index.ts';
import { formatters, STATUS_NAMES } from '../format.ts';
import { checked, everyPage, fixableRefusal, formOf, formValues, keptFields, optional, page, type FormRefusal, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';
import { inListedOrder, levelWords } from '../level-words.ts';
import { channelsNamed, findOrganizationNamed, names, tagsField } from './agent-kit.ts';
import {
  BREACHING_SOON_MINUTES, bulkOutcomeOf, filtersOf, queueAddress, queueQuery, queueQueryOf, readQueueQuery, SORT_NAMES, VIEW_NAMES, VIEWS,
  type BulkOutcome, type QueueParams, type QueueQuery, type QueueSort,
} from './queue-query.ts';
import { registerSavedViewPages } from './saved-view-pages.ts';
import { csvFilename, EXPORT_LIMIT, ticketsCsv } from './ticket-csv.ts';
import { pager } from '../pager.ts';
import { hedgeAt } from '../promised.ts';

// `problem`: the form itself was refused (no ticket chosen, say): nothing was tried, and what was chosen comes back.
type BulkShown = { done: number; refusedCount?: number; refused: Array<{ label: string; message: string }>; problem?: string; kept?: Record<string, string>; chosen?: string[] };

// The bulk form's fields as it labels them, for a refusal naming them as the verb does.
const BULK_LABELS: Record<string, string> = { status: 'Status', assigneeId: 'Assignee', addTags: 'Tags', ticketIds: 'Tickets chosen' };

// Why the bulk change refused a ticket, in the verb's words (tickets/change-status.ts, assign-ticket.ts,
// bulk-update.ts), for each reason the queue's address can carry after the redirect (queue-query.ts BulkOutcome).
const CLOSED_REFUSAL = 'this ticket is closed; open a new ticket instead';
const TAGS_REFUSAL = `these tags would give the ticket more than ${MAX_TAGS}`;

/** The bulk change's results as the address carries them; null when one was refused for a reason it cannot (then the page says it at once). */
function outcomeOf(results: BulkResult[]): BulkOutcome | null {
  const outcome: BulkOutcome = { changed: 0, closed: [], tagsFull: [], missing: 0 };
  for (const r of results) {
    if (r.ok) outcome.changed += 1;
    else if (r.number === null) outcome.missing += 1;
    else if (r.message === CLOSED_REFUSAL) outcome.closed.push(r.number);
    else if (r.message === TAGS_REFUSAL) outcome.tagsFull.push(r.number);
    else return null;
  }
  return outcome;
}

/** The outcome as the page says it: how many changed, and each refusal with its reason. */
function shownOf(outcome: BulkOutcome): BulkShown {
  const missing = outcome.missing === 1 ? [{ label: 'A ticket chosen', message: 'not found' }] : outcome.missing > 1 ? [{ label: `${outcome.missing} tickets chosen`, message: 'not found' }] : [];
  return {
    done: outcome.changed, refusedCount: outcome.closed.length + outcome.tagsFull.length + outcome.missing,
    refused: [
      ...outcome.closed.map((n) => ({ label: `#${n}`, message: CLOSED_REFUSAL })), ...outcome.tagsFull.map((n) => ({ label: `#${n}`, message: TAGS_REFUSAL })), ...missing,
    ],
  };
}

/** What the page shows besides the queue: a bulk change's outcome, or the save-view form refused. */
type Shown = { bulk?: BulkShown | null; saveRefused?: FormRefusal | null };

/** The queue a page's address asks for, read as the page reads it (an organization by its name as typed, refused with the other filters). */
async function askedQueue(request: FastifyRequest<{ Querystring: QueueParams }>, deps: WebDeps): Promise<QueueQuery> {
  const ctx = ctxFor(request, deps);
  const { model: policy } = await activePolicy(ctx.db);
  const org = await findOrganizationNamed(ctx, request.query.organization);
  const { channel } = request.query;
  // The desk's channels are looked up only to refuse one not known (a kind is a ticket's, known or not to this policy).
  const unknownChannel = channel && !CHANNELS.some((c) => c === channel) ? await unknownChannelMessage(ctx.db, policy, false) : undefined;
  return readQueueQuery({ ...request.query, ...(org.id ? { organization: org.id } : {}) }, policy, { organizationProblem: org.problem, unknownChannel });
}

/** The saved view a query names (the team's or the reader's own; else 404), and the queue's input it stands for, "me" the reader. */
async function queueInput(ctx: Ctx, query: QueueQuery): Promise<{ me: string; saved: Awaited<ReturnType<typeof savedView>> | null; input: ListQueueInput }> {
  const me = ctx.actor.kind === 'agent' ? ctx.actor.id : '';
  const saved = query.saved ? await savedView(ctx.db, me, query.saved) : null;
  // An order chosen in the address (carried from a tab sorted so) is the saved view's for the while.
  const filters = saved ? { ...saved.filters, ...(query.sort ? { sort: query.sort } : {}) } : filtersOf(query);
  return { me, saved, input: queueInputOf(filters, me) };
}

async function showQueue(request: FastifyRequest, reply: FastifyReply, deps: WebDeps, query: QueueQuery, shown: Shown = {}, status = 200) {
  const ctx = ctxFor(request, deps);
  const [{ me, saved, input: asked }, views] = await Promise.all([
    queueInput(ctx, query),
    ctx.actor.kind === 'agent' ? listSavedViews({ ctx }) : Promise.resolve([]),
  ]);
  const view = saved ? null : (query.view ?? 'all');
  const input: ListQueueInput = { ...asked, limit: 50, ...(query.cursor ? { cursor: query.cursor } : {}) };
  // Each tab and saved view with how many open tickets it holds now (the tabs' links carry no filters).
  const counted = Object.fromEntries([
    ...VIEWS.map((v) => [`view:${v}`, queueInputOf(filtersOf({ view: v }), me)] as const),
    ...views.map((v) => [`saved:${v.id}`, queueInputOf(v.filters, me)] as const),
    // ... and how many came by each channel kind, for the kinds the filter offers (channelsOffered).
    ...CHANNELS.map((c) => [`channel:${c}`, queueInputOf(filtersOf({ channel: c }), me)] as const),
  ]);
  const [queue, { model: policy }, held, reminders, counts] = await Promise.all([
    listQueue({ ctx, input }), activePolicy(ctx.db), countHeldRequests({ ctx }),
    // The reader's own reminders to come (tickets/reminders.ts).
    ctx.actor.kind === 'agent' ? remindersOfAgent(ctx.db, ctx.actor.id) : Promise.resolve([]),
    countQueues({ ctx, inputs: counted }),
  ]);
  // The organizations this page names: its tickets' and the one filtered by.
  const filteredOrg = saved ? saved.filters.organizationId : query.organization;
  // ... and the channel each came by, as its policy version names it (a live chat: OpenKey's "Chat support").
  const [people, cameBy] = await Promise.all([names(ctx, [...queue.items.map((t) => t.organizationId), ...(filteredOrg ? [filteredOrg] : [])]), channelsNamed(ctx, queue.items)]);
  const keep = new URLSearchParams(Object.entries({ ...query, cursor: undefined, back: undefined, done: undefined }).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '').map(([k, v]) => [k, String(v)]));
  return sendPage(request, reply, 'agent/queue', {
    title: `Queue: ${saved ? saved.name : VIEW_NAMES[view!]}`,
    // The hedge of each ticket's next time (OfficeSpace's Response Goal): said as the ticket page says it, not as a deadline.
    hedgeOf: (t: { clocks: Parameters<typeof hedgeAt>[0]; nextDue: Temporal.Instant | null }) => hedgeAt(t.clocks, t.nextDue),
    view, cameBy, views: VIEWS.map((v) => ({ id: v, name: VIEW_NAMES[v], count: counts.get(`view:${v}`) ?? 0 })), query, items: queue.items,
    // The order the tickets are in: the saved view's, else the address's (the default when none).
    sorts: Object.entries(SORT_NAMES).map(([id, name]) => ({ id, name })), sortedBy: input.sort ?? 'priority',
    // The order shown, carried by each tab's and saved view's link where it is not that one's own (a
    // tab's, most urgent first: said by no parameter, as in the address; a saved view's, the one it keeps).
    carried: orderCarried(input.sort, undefined),
    pager: pager('/agent', keep, query, queue.nextCursor),
    back: `/agent?${keep.toString()}`, csv: `/agent/queue.csv${keep.size ? `?${keep.toString()}` : ''}`, exportLimit: EXPORT_LIMIT, statuses: STATUSES, openStatuses: OPEN_STATUSES, bulk: shown.bulk ?? null,
    plans: [...policy.plans.values()], planName: (id: string) => policy.plans.get(id)?.name ?? id, severities: inListedOrder(policy, policy.severities.values()), level: levelWords(policy),
    requestTypes: policy.file.request_types ?? [], channels: channelsOffered(policy, counts, query.channel), people, breachingMinutes: BREACHING_SOON_MINUTES, held, reminders,
    saved, savedViews: views.map((v) => ({ ...v, count: counts.get(`saved:${v.id}`) ?? 0, carried: orderCarried(input.sort, v.filters.sort) })),
    savedSummary: saved ? viewSummary(saved.filters, people, policy, input.sort ?? 'priority') : null,
    mayShare: mayWriteOwned(ctx.actor, null),
    mayRemoveSaved: saved !== null && mayWriteOwned(ctx.actor, saved.team ? null : me),
    formError: shown.saveRefused ?? null, kept: keptFields(shown.saveRefused ?? null),
    f: formatters(ctx.clock.now()),
  }, status);
}

/**
 * The channel kinds the queue's filter offers (tickets/queue-channels.ts), each by the policy's name
 * for it: `counts` per kind says which open tickets came by. The one the queue filters by is kept, so
 * the filter shows what the queue is filtered by.
 */
function channelsOffered(policy: PolicyModel, counts: Map<string, number>, chosen: string | undefined): Array<{ id: string; name: string }> {
  return queueChannelKinds(policy, (c) => (counts.get(`channel:${c}`) ?? 0) > 0 || c === chosen).map((id) => ({ id, name: channelName(policy, id) }));
}

/** The order shown, as a link to a queue whose own order is `own` carries it: none when it is that one's own. */
function orderCarried(shown: QueueSort | undefined, own: QueueSort | undefined): string {
  return (shown ?? 'priority') === (own ?? 'priority') ? '' : `&sort=${shown ?? 'priority'}`;
}

/**
 * A saved view's filters in words, for its page ("Open tickets: assigned to me, severity 1 (Critical), Globex."),
 * and its order: its own when not the default, or the one `shown` where the address chose another.
 */
function viewSummary(filters: QueueFilters, people: Awaited<ReturnType<typeof names>>, policy: PolicyModel, shown: QueueSort): string {
  const parts: string[] = [];
  if (filters.assignee === 'me') parts.push('assigned to me');
  else if (filters.assignee === 'none') parts.push('unassigned');
  else if (filters.assignee) parts.push(`assigned to ${people.agentName.get(filters.assignee) ?? 'a former agent'}`);
  if (filters.following) parts.push('that I follow');
  if (filters.status) parts.push(`status ${STATUS_NAMES[filters.status] ?? filters.status}`);
  if (filters.organizationId) parts.push(people.orgName.get(filters.organizationId) ?? 'an organization no longer listed');
  if (filters.severity) parts.push(severityPhrase(policy, filters.severity));
  if (filters.plan) parts.push(`plan ${policy.plans.get(filters.plan)?.name ?? filters.plan}`);
  const type = (policy.file.request_types ?? []).find((t) => t.id === filters.requestType);
  if (filters.requestType) parts.push(`request type ${type?.name ?? filters.requestType}`);
  if (filters.channel) parts.push(`came in by ${channelName(policy, filters.channel)}`);
  if (filters.tag) parts.push(`tag ${filters.tag}`);
  if (filters.afterHours) parts.push('came in after hours');
  if (filters.breachingWithinMinutes !== undefined) parts.push(`a clock due within ${filters.breachingWithinMinutes} minutes or overdue`);
  const own = filters.sort ?? 'priority';
  const lower = (o: QueueSort) => SORT_NAMES[o].toLowerCase();
  const order = shown !== own ? ` Shown ${lower(shown)}, as chosen here (the view's own order: ${lower(own)}).` : own === 'due' ? ` ${SORT_NAMES.due}.` : '';
  // A view saved under a policy with a channel this one lacks (OpenKey's chat, then a version without):
  // kept and said, as its tickets still came by it; the API is no customer's channel, open to any policy.
  const dropped = filters.channel && filters.channel !== 'api' && !policyTakesKind(policy, filters.channel)
    ? ` ${channelName(policy, filters.channel)} is not one of this desk's channels now: the view still finds the open tickets that came in by it.`
    : '';
  return `${parts.length ? `Open tickets: ${parts.join(', ')}.` : 'All open tickets.'}${dropped}${order}`;
}

export function registerAgentPages(web: FastifyInstance, deps: WebDeps): void {
  web.get<{ Querystring: QueueParams }>('/agent', page(AGENTS, queueQuery), async (request, reply) => {
    const bulk = bulkOutcomeOf(request.query);
    return showQueue(request, reply, deps, await askedQueue(request, deps), { bulk: bulk && shownOf(bulk) });
  });
  // The queue as the page shows it (its view or saved view, filters and order), every page of it
  // up to EXPORT_LIMIT, as CSV (ticket-csv.ts); the agents who read the queue.
  web.get<{ Querystring: QueueParams }>('/agent/queue.csv', page(AGENTS, queueQuery), async (request, reply) => {
    const ctx = ctxFor(request, deps);
    const { input } = await queueInput(ctx, await askedQueue(request, deps));
    const rows = await everyPage((c) => listQueue({ ctx, input: { ...input, limit: 200, ...c } }), EXPORT_LIMIT);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${csvFilename('queue', ctx.clock.now())}"`).send(await ticketsCsv(ctx, rows));
  });
  registerSavedViewPages(web, deps, (request, reply, query, refused, status) => showQueue(request, reply, deps, query, { saveRefused: refused }, status));

  // Several tickets at once, chosen on the queue: each changed on its own; then back to the queue
  // (the view, filters and order the agent was on: a reload sends nothing again) saying at its top
  // how many changed and why any were refused. A change refused whole changed nothing: the page
  // comes back at once with what was chosen.
  web.post('/agent/bulk', page(AGENTS), async (request, reply) => {
    const ctx = ctxFor(request, deps);
    const f = formOf(request);
    const query = queueQueryOf(f.back);
    const status = optional(f, 'status');
    const assignee = optional(f, 'assignee');
    const addTags = tagsField(f.add_tags);
    if (formValues(request, 'ticket').length === 0) {
      return showQueue(request, reply, deps, query, { bulk: { done: 0, refused: [], problem: 'Choose the tickets to change with their boxes first: nothing was changed.', kept: f } }, 400);
    }
    // Closing is final: closing many at once asks for its box as closing one does.
    if (status === 'closed' && !checked(f, 'confirm')) {
      return showQueue(request, reply, deps, query, { bulk: { done: 0, refused: [], problem: 'Nothing was changed: closing is final (a reply then opens a new ticket); tick "When closing: yes, close them" to close the tickets chosen.', kept: f, chosen: formValues(request, 'ticket') } }, 400);
    }
    try {
      const results = await bulkUpdateTickets({
        ctx,
        input: {
          ticketIds: formValues(request, 'ticket'),
          ...(status ? { status: status as (typeof STATUSES)[number] } : {}),
          ...(assignee ? { assigneeId: assignee === 'none' ? null : assignee } : {}),
          ...(addTags.length ? { addTags } : {}),
        },
      });
      const outcome = outcomeOf(results);
      if (outcome) return reply.redirect(queueAddress(query, outcome), 303);
      // A refusal the address cannot carry: said now, in the verb's words.
      const refused: BulkShown['refused'] = [];
      for (const r of results) if (!r.ok) refused.push({ label: r.number === null ? 'A ticket chosen' : `#${r.number}`, message: r.message });
      return showQueue(request, reply, deps, query, { bulk: { done: results.filter((r) => r.ok).length, refused } });
    } catch (error) {
      const refusal = fixableRefusal(error);
      if (!refusal) throw error;
      // Each field at fault named as the bulk form labels it (the verb names them as the API does).
      const label = (path: string) => BULK_LABELS[path.split('.')[0]] ?? path;
      const why = refusal.error.details.length ? refusal.error.details.map((d) => (d.path ? `${label(d.path)} ${d.message}` : d.message)).join('; ') : refusal.error.message;
      // The tickets chosen stay chosen, so the agent fixes the change and applies it again.
      return showQueue(request, reply, deps, query, { bulk: { done: 0, refused: [], problem: `Nothing was changed: ${why}`, kept: f, chosen: formValues(request, 'ticket') } }, refusal.status);
    }
  });
}
