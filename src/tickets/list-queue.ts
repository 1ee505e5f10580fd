// The work queue for agents: open tickets (not solved or closed) ordered by severity (1, the
// gravest, first), then by the plan's priority (policy plans[].priority: OpenBack's "Priority Case
// Routing", OpenMethods' Premium "prioritized for remediation work": within a severity, since "the
// severity levels and SLAs apply to both Standard & Premium Support", so a Standard System Outage
// never waits behind a Premium enhancement request; and for remediation work only, so the responses
// a severity owes come first, by due time whatever the plan: queue-rank.ts), then by the earliest
// unmet due clock, then by age; or (sort `due`) by the earliest due time among the ticket's running
// clocks first, as a team's "due soonest" view sorted by the next breach is. Filters: queue,
// status, organization, severity, plan, request type, channel, tag, after hours, assignee ("none": unassigned), followed by
// an agent, and "breaching within N minutes". Saved views (saved-views.ts) name a set of these.
import { z } from 'zod';
import { conditions, decodeKey, encodeKey, InvalidInputError, parseInput, StoredInstant, type Ctx, type Page } from '../platform/index.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { ListQueueInput, QUEUE_SORTS } from './schemas.ts';
import { requireAgent, type TicketRow } from './store.ts';
import { queueChannel } from './queue-channels.ts';
import { planRanks, rankJoin } from './queue-rank.ts';
import { tagsByTicket } from './tags.ts';
import { ticketViews, type TicketView } from './view.ts';

export type QueueItem = TicketView & { priority: number; nextDue: Temporal.Instant | null; tags: string[] };

// r: the phase (queue-rank.ts); cursors from before it had none, all in phase 0. o: the order it
// was made in (a cursor of one order continues no other).
const QueueCursor = z.strictObject({
  o: z.enum(QUEUE_SORTS).default('priority'), s: z.number().int(), r: z.number().int().default(0), p: z.number().int(), d: StoredInstant.nullable(), c: StoredInstant, id: z.uuid(),
});
// Far in the future: tickets without a due clock sort after every due one.
const NO_DUE = '9999-01-01T00:00:00Z';

// The open tickets with their rank by plan and earliest unmet due time ($1: the plans' ranks).
const OPEN_QUEUE = `WITH q AS (
       SELECT t.id AS ticket_id, qr.phase, qr.priority,
         (SELECT min(c.due_at) FROM sla_clocks c WHERE c.ticket_id = t.id AND c.state = 'running' AND c.met_at IS NULL) AS next_due
       FROM tickets t ${rankJoin(1)}
       WHERE t.status NOT IN ('solved', 'closed'))`;

/** The filters as SQL conditions on `t` (tickets) and `q` (OPEN_QUEUE), their values pushed onto `params`. */
function filterSql(f: Omit<z.output<typeof ListQueueInput>, 'limit' | 'cursor'>, now: Temporal.Instant, params: unknown[]): string[] {
  const { where, add } = conditions(params, ["t.status NOT IN ('solved', 'closed')"]);
  if (f.queue) add('t.queue = ?', f.queue);
  if (f.status) add('t.status = ?', f.status);
  if (f.organizationId) add('t.organization_id = ?', f.organizationId);
  if (f.followerId) add('t.id IN (SELECT ticket_id FROM ticket_followers WHERE agent_id = ?)', f.followerId);
  if (f.severity) add('t.severity = ?', f.severity);
  if (f.plan) add('t.plan_id = ?', f.plan);
  if (f.requestType) add('t.request_type = ?', f.requestType);
  if (f.channel) add('t.channel = ?', f.channel);
  if (f.tag) add('t.id IN (SELECT ticket_id FROM ticket_tags WHERE tag = ?)', f.tag);
  if (f.afterHours) {
    where.push(`(t.handed_over_at IS NOT NULL OR EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.type IN ('paged', 'handed_to_on_call')))`);
  }
  if (f.assigneeId === 'none') where.push('t.assignee_id IS NULL');
  else if (f.assigneeId) add('t.assignee_id = ?', f.assigneeId);
  if (f.breachingWithinMinutes !== undefined) add('q.next_due <= ?', now.add({ minutes: f.breachingWithinMinutes }));
  return where;
}

/** Plans and their ranks, the first parameter of OPEN_QUEUE. */
async function planPriorities(ctx: Ctx): Promise<string> {
  const { model: policy } = await activePolicy(ctx.db);
  return planRanks(policy);
}

/**
 * How many open tickets each set of filters finds (the queue page's tabs and saved views), in one
 * pass over the open tickets. Keys are the caller's; cursors and limits are ignored.
 */
export async function countQueues({ ctx, inputs }: { ctx: Ctx; inputs: Record<string, ListQueueInput> }): Promise<Map<string, number>> {
  requireAgent(ctx.actor, 'read the work queue');
  const keys = Object.keys(inputs);
  if (keys.length === 0) return new Map();
  const params: unknown[] = [await planPriorities(ctx)];
  const now = ctx.clock.now();
  const columns = keys.map((key, i) => {
    const { cursor: _cursor, limit: _limit, ...filters } = parseInput(ListQueueInput, inputs[key]);
    return `count(*) FILTER (WHERE ${filterSql(filters, now, params).join(' AND ')})::int AS c${i}`;
  });
  const { rows } = await ctx.db.query<Record<string, number>>(
    `${OPEN_QUEUE}
     SELECT ${columns.join(', ')} FROM tickets t JOIN q ON q.ticket_id = t.id`,
    params,
  );
  return new Map(keys.map((key, i) => [key, rows[0]?.[`c${i}`] ?? 0]));
}

export async function listQueue({ ctx, input }: { ctx: Ctx; input: ListQueueInput }): Promise<Page<QueueItem>> {
  requireAgent(ctx.actor, 'read the work queue');
  const f = parseInput(ListQueueInput, input);
  const { model: policy } = await activePolicy(ctx.db);
  await queueChannel(ctx.db, policy, f.channel);
  const params: unknown[] = [planRanks(policy)];
  const where = filterSql(f, ctx.clock.now(), params);
  const sort = f.sort ?? 'priority';
  // The order's key, each part ascending (the plan's priority negated): the ORDER BY and the cursor's row comparison.
  const due = `coalesce(q.next_due, '${NO_DUE}'::timestamptz)`;
  const rank = ['t.severity', 'q.phase', '-q.priority'];
  const key = sort === 'due' ? [due, ...rank, 't.created_at', 't.id'] : [...rank, due, 't.created_at', 't.id'];
  if (f.cursor) {
    const k = decodeKey(QueueCursor, f.cursor);
    if (k.o !== sort) throw new InvalidInputError('The cursor is not valid', [{ path: 'cursor', message: 'was made for another order of the queue: use the next_cursor of a page in this one' }]);
    const at = (value: unknown, type: string) => `$${params.push(value)}::${type}`;
    const values = { s: at(k.s, 'int'), r: at(k.r, 'int'), p: at(-k.p, 'int'), d: at(k.d ?? NO_DUE, 'timestamptz'), c: at(k.c, 'timestamptz'), id: at(k.id, 'uuid') };
    const rankValues = [values.s, values.r, values.p];
    where.push(`(${key.join(', ')}) > (${(sort === 'due' ? [values.d, ...rankValues] : [...rankValues, values.d]).join(', ')}, ${values.c}, ${values.id})`);
  }
  params.push(f.limit + 1);
  const { rows } = await ctx.db.query<TicketRow & { phase: number; priority: number; next_due: Temporal.Instant | null }>(
    `${OPEN_QUEUE}
     SELECT t.*, q.phase, q.priority, q.next_due FROM tickets t JOIN q ON q.ticket_id = t.id
     WHERE ${where.join(' AND ')}
     ORDER BY ${key.join(', ')}
     LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, f.limit);
  // Agents only (requireAgent): clocks as the team reads them.
  const [views, tags] = await Promise.all([ticketViews(ctx.db, page, false), tagsByTicket(ctx.db, page.map((t) => t.id))]);
  const items = page.map((t, i) => ({ ...views[i], priority: t.priority, nextDue: t.next_due, tags: tags.get(t.id) ?? [] }));
  const last = page.at(-1);
  const nextCursor = rows.length > f.limit && last ? encodeKey({ o: sort, s: last.severity, r: last.phase, p: last.priority, d: last.next_due?.toString() ?? null, c: last.created_at.toString(), id: last.id }) : null;
  return { items, nextCursor };
}

/** A ticket's next due time: the earliest among its running clocks (the queue's next_due), and that clock's metric. */
export type NextDue = { due: Temporal.Instant; metric: string };

/**
 * For an export of tickets (agents only: tags are the team's): each ticket's next due time, as the
 * queue sorts and shows it (none when no clock runs; of two due at once, the first metric by name),
 * and its tags.
 */
export async function exportFacts({ ctx, ticketIds }: { ctx: Ctx; ticketIds: readonly string[] }): Promise<{ nextDue: Map<string, NextDue>; tags: Map<string, string[]> }> {
  requireAgent(ctx.actor, 'export tickets');
  if (ticketIds.length === 0) return { nextDue: new Map(), tags: new Map() };
  const [{ rows }, tags] = await Promise.all([
    ctx.db.query<{ ticket_id: string; due_at: Temporal.Instant; metric: string }>(
      `SELECT DISTINCT ON (ticket_id) ticket_id, due_at, metric FROM sla_clocks
       WHERE ticket_id = ANY($1::uuid[]) AND state = 'running' AND met_at IS NULL AND due_at IS NOT NULL
       ORDER BY ticket_id, due_at, metric`,
      [ticketIds],
    ),
    tagsByTicket(ctx.db, ticketIds),
  ]);
  return { nextDue: new Map(rows.map((r) => [r.ticket_id, { due: r.due_at, metric: r.metric }])), tags };
}
