// The work queue for agents: open tickets (not solved or closed) ordered by the plan's priority
// (policy plans[].priority: OpenBack's "Priority Case Routing", OpenMethods' Premium "prioritized
// for remediation work"), then by the earliest unmet due clock, then by age. Filters: queue,
// status, organization, severity, plan, request type, tag, after hours, assignee ("none": unassigned), followed by
// an agent, and "breaching within N minutes". Saved views (saved-views.ts) name a set of these.
import { z } from 'zod';
import { decodeKey, encodeKey, parseInput, StoredInstant, type Ctx, type Page } from '../platform/index.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { ListQueueInput } from './schemas.ts';
import { requireAgent, type TicketRow } from './store.ts';
import { tagsByTicket } from './tags.ts';
import { baseView, CLOCK_COLUMNS, clockViews, type ClockRow, type TicketView } from './view.ts';

export type QueueItem = TicketView & { priority: number; nextDue: Temporal.Instant | null; tags: string[] };

const QueueCursor = z.strictObject({ p: z.number().int(), d: StoredInstant.nullable(), c: StoredInstant, id: z.uuid() });
// Far in the future: tickets without a due clock sort after every due one.
const NO_DUE = '9999-01-01T00:00:00Z';

export async function listQueue({ ctx, input }: { ctx: Ctx; input: ListQueueInput }): Promise<Page<QueueItem>> {
  requireAgent(ctx.actor, 'read the work queue');
  const f = parseInput(ListQueueInput, input);
  const { model: policy } = await activePolicy(ctx.db);
  const plans = [...policy.plans.values()];
  const params: unknown[] = [JSON.stringify(plans.map((p) => ({ id: p.id, priority: p.priority })))];
  const where: string[] = ["t.status NOT IN ('solved', 'closed')"];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (f.queue) add('t.queue = ?', f.queue);
  if (f.status) add('t.status = ?', f.status);
  if (f.organizationId) add('t.organization_id = ?', f.organizationId);
  if (f.followerId) add('t.id IN (SELECT ticket_id FROM ticket_followers WHERE agent_id = ?)', f.followerId);
  if (f.severity) add('t.severity = ?', f.severity);
  if (f.plan) add('t.plan_id = ?', f.plan);
  if (f.requestType) add('t.request_type = ?', f.requestType);
  if (f.tag) add('t.id IN (SELECT ticket_id FROM ticket_tags WHERE tag = ?)', f.tag);
  if (f.afterHours) {
    where.push(`(t.handed_over_at IS NOT NULL OR EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.type IN ('paged', 'handed_to_on_call')))`);
  }
  if (f.assigneeId === 'none') where.push('t.assignee_id IS NULL');
  else if (f.assigneeId) add('t.assignee_id = ?', f.assigneeId);
  if (f.breachingWithinMinutes !== undefined) add('q.next_due <= ?', ctx.clock.now().add({ minutes: f.breachingWithinMinutes }));
  if (f.cursor) {
    const k = decodeKey(QueueCursor, f.cursor);
    params.push(k.p, k.d ?? NO_DUE, k.c, k.id);
    const n = params.length;
    where.push(`(q.priority < $${n - 3} OR (q.priority = $${n - 3} AND (coalesce(q.next_due, '${NO_DUE}'::timestamptz), t.created_at, t.id) > ($${n - 2}::timestamptz, $${n - 1}::timestamptz, $${n}::uuid)))`);
  }
  params.push(f.limit + 1);
  const { rows } = await ctx.db.query<TicketRow & { priority: number; next_due: Temporal.Instant | null }>(
    `WITH plan_priority AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id text, priority int)),
     q AS (
       SELECT t.id AS ticket_id, coalesce(pp.priority, 0) AS priority,
         (SELECT min(c.due_at) FROM sla_clocks c WHERE c.ticket_id = t.id AND c.state = 'running' AND c.met_at IS NULL) AS next_due
       FROM tickets t LEFT JOIN plan_priority pp ON pp.id = t.plan_id
       WHERE t.status NOT IN ('solved', 'closed'))
     SELECT t.*, q.priority, q.next_due FROM tickets t JOIN q ON q.ticket_id = t.id
     WHERE ${where.join(' AND ')}
     ORDER BY q.priority DESC, coalesce(q.next_due, '${NO_DUE}'::timestamptz), t.created_at, t.id
     LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, f.limit);
  const { rows: clocks } = page.length
    ? await ctx.db.query<ClockRow & { ticket_id: string }>(`SELECT ticket_id, ${CLOCK_COLUMNS} FROM sla_clocks WHERE ticket_id = ANY($1::uuid[])`, [page.map((t) => t.id)])
    : { rows: [] };
  const tags = await tagsByTicket(ctx.db, page.map((t) => t.id));
  const items = page.map((t) => ({ ...baseView(t), clocks: clockViews(clocks.filter((c) => c.ticket_id === t.id)), priority: t.priority, nextDue: t.next_due, tags: tags.get(t.id) ?? [] }));
  const last = page.at(-1);
  const nextCursor = rows.length > f.limit && last ? encodeKey({ p: last.priority, d: last.next_due?.toString() ?? null, c: last.created_at.toString(), id: last.id }) : null;
  return { items, nextCursor };
}
