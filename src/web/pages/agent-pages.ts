// The agent console's work queues (/agent: the views, the filters, several tickets changed at once).
// The ticket page and its actions are ticket-pages.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AGENTS, ctxFor } from '../../http/route-kit.ts';
import type { Ctx } from '../../platform/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { bulkUpdateTickets, countHeldRequests, listQueue, remindersOfAgent, STATUSES, type ListQueueInput } from '../../tickets/index.ts';
import { formatters } from '../format.ts';
import { fixableRefusal, formOf, formValues, optional, page, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';
import { names, tagsField } from './agent-kit.ts';

// The "breaching soon" queue: unmet clocks due within this many minutes, or already overdue.
export const BREACHING_SOON_MINUTES = 60;

const VIEWS = ['all', 'mine', 'unassigned', 'breaching', 'after_hours'] as const;
type View = (typeof VIEWS)[number];
const VIEW_NAMES: Record<View, string> = { all: 'All open', mine: 'Mine', unassigned: 'Unassigned', breaching: 'Breaching soon', after_hours: 'After hours' };

type QueueQuery = { view?: View; severity?: number; plan?: string; request_type?: string; tag?: string; cursor?: string };

const queueQuery = {
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      view: { type: 'string', enum: [...VIEWS] },
      severity: { anyOf: [{ type: 'integer', minimum: 1, maximum: 9 }, { type: 'string', maxLength: 0 }] },
      plan: { type: 'string', maxLength: 100 },
      request_type: { type: 'string', maxLength: 100 },
      tag: { type: 'string', maxLength: 50 },
      cursor: { type: 'string', maxLength: 500 },
    },
  },
};

/** The queue filters a view and the filter form stand for, as listQueue's input. */
function queueInput(q: QueueQuery, ctx: Ctx): ListQueueInput {
  const view = q.view ?? 'all';
  const me = ctx.actor.kind === 'agent' ? ctx.actor.id : undefined;
  return {
    limit: 50,
    ...(q.cursor ? { cursor: q.cursor } : {}),
    ...(typeof q.severity === 'number' ? { severity: q.severity } : {}),
    ...(q.plan ? { plan: q.plan } : {}),
    ...(q.request_type ? { requestType: q.request_type } : {}),
    ...(q.tag?.trim() ? { tag: q.tag } : {}),
    ...(view === 'mine' ? { assigneeId: me } : {}),
    ...(view === 'unassigned' ? { assigneeId: 'none' as const } : {}),
    ...(view === 'breaching' ? { breachingWithinMinutes: BREACHING_SOON_MINUTES } : {}),
    ...(view === 'after_hours' ? { afterHours: true } : {}),
  };
}

// `problem`: the form itself was refused (no ticket chosen, say): nothing was tried, and what was chosen comes back.
type BulkShown = { done: number; refused: Array<{ label: string; message: string }>; problem?: string; kept?: Record<string, string> };

async function showQueue(request: FastifyRequest, reply: FastifyReply, deps: WebDeps, query: QueueQuery, bulk: BulkShown | null = null, status = 200) {
  const ctx = ctxFor(request, deps);
  const view = query.view ?? 'all';
  const [queue, { model: policy }, people, held, reminders] = await Promise.all([
    listQueue({ ctx, input: queueInput(query, ctx) }), activePolicy(ctx.db), names(ctx), countHeldRequests({ ctx }),
    // The reader's own reminders to come (tickets/reminders.ts).
    ctx.actor.kind === 'agent' ? remindersOfAgent(ctx.db, ctx.actor.id) : Promise.resolve([]),
  ]);
  const keep = new URLSearchParams(Object.entries({ ...query, cursor: undefined }).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '').map(([k, v]) => [k, String(v)]));
  return sendPage(request, reply, 'agent/queue', {
    title: `Queue: ${VIEW_NAMES[view]}`,
    view, views: VIEWS.map((v) => ({ id: v, name: VIEW_NAMES[v] })), query, items: queue.items,
    next: queue.nextCursor ? `/agent?${keep.toString()}${keep.size ? '&' : ''}cursor=${encodeURIComponent(queue.nextCursor)}` : null,
    back: `/agent?${keep.toString()}`, statuses: STATUSES, bulk,
    plans: [...policy.plans.values()], severities: [...policy.severities.values()].sort((a, b) => a.id - b.id),
    requestTypes: policy.file.request_types ?? [], people, breachingMinutes: BREACHING_SOON_MINUTES, held, reminders,
    f: formatters(ctx.clock.now()),
  }, status);
}

/** The queue a bulk form came from (its `back` field: /agent with the view and filters); anything else is the default queue. */
function queueQueryOf(back: string | undefined): QueueQuery {
  const params = new URL(back ?? '/agent', 'http://accord.invalid').searchParams;
  const view = params.get('view');
  const severity = Number(params.get('severity'));
  const text = (name: string) => (params.get(name) ?? '').slice(0, 100) || undefined;
  return {
    ...(view && (VIEWS as readonly string[]).includes(view) ? { view: view as View } : {}),
    ...(Number.isInteger(severity) && severity >= 1 && severity <= 9 ? { severity } : {}),
    ...(text('plan') ? { plan: text('plan') } : {}),
    ...(text('request_type') ? { request_type: text('request_type') } : {}),
    ...(text('tag') ? { tag: text('tag') } : {}),
  };
}

export function registerAgentPages(web: FastifyInstance, deps: WebDeps): void {
  web.get<{ Querystring: QueueQuery }>('/agent', page(AGENTS, queueQuery), (request, reply) => showQueue(request, reply, deps, request.query));

  // Several tickets at once, chosen on the queue: each changed on its own; the queue comes back
  // (the view and filters the agent was on) saying how many changed and why any were refused.
  web.post('/agent/bulk', page(AGENTS), async (request, reply) => {
    const ctx = ctxFor(request, deps);
    const f = formOf(request);
    const query = queueQueryOf(f.back);
    const status = optional(f, 'status');
    const assignee = optional(f, 'assignee');
    const addTags = tagsField(f.add_tags);
    if (formValues(request, 'ticket').length === 0) {
      return showQueue(request, reply, deps, query, { done: 0, refused: [], problem: 'Choose the tickets to change with their boxes first: nothing was changed.', kept: f }, 400);
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
      const refused: BulkShown['refused'] = [];
      for (const r of results) if (!r.ok) refused.push({ label: r.number === null ? 'A ticket not found' : `#${r.number}`, message: r.message });
      return showQueue(request, reply, deps, query, { done: results.filter((r) => r.ok).length, refused });
    } catch (error) {
      const refusal = fixableRefusal(error);
      if (!refusal) throw error;
      const why = [refusal.error.message, ...refusal.error.details.map((d) => d.message)].join(': ');
      return showQueue(request, reply, deps, query, { done: 0, refused: [], problem: `Nothing was changed: ${why}`, kept: f }, refusal.status);
    }
  });
}
