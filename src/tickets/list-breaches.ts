// The clocks behind the "breached" counts of slaAttainment (the same rule, BREACHED: a cadence with a
// miss before counts whether its ticket is open, waiting or solved), one row each, for the
// managers' CSV export. `due` is the time it was first missed, its due time then: the due time a
// recorded breach was recorded at (the sweep marks breached_at with it, however late it ran; a
// regrade or a new version may have moved the clock's due time since), else its due time; for an
// update cadence, the due time of the earliest update missed that counts (MISSED_BEFORE), not that
// of the cycle running now, and the severity that update was owed under (OUTCOME_SEVERITY).
import type { Ctx } from '../platform/index.ts';
import { BREACH_STANDS, BREACHED, FIRST_MISSED_DUE, JOIN_COUNTED_MISSES, OUTCOME_SEVERITY, reportWindow, type SlaAttainmentInput } from './sla-attainment.ts';

export type BreachRow = { number: number; subject: string; organization: string; plan: string; severity: number; metric: string; due: Temporal.Instant; metAt: Temporal.Instant | null };

export async function listBreaches({ ctx, input }: { ctx: Ctx; input: SlaAttainmentInput }): Promise<BreachRow[]> {
  const w = reportWindow(ctx, input);
  const { rows } = await ctx.db.query<{ number: string; subject: string; organization: string; plan: string; severity: number; metric: string; due: Temporal.Instant; met_at: Temporal.Instant | null }>(
    `SELECT * FROM (
       SELECT t.number::text AS number, t.subject, o.name AS organization, t.plan_id AS plan, ${OUTCOME_SEVERITY} AS severity, c.metric,
         LEAST(CASE WHEN ${BREACH_STANDS} THEN c.breached_at ELSE c.due_at END, ${FIRST_MISSED_DUE}) AS due, c.met_at
       FROM sla_clocks c JOIN tickets t ON t.id = c.ticket_id JOIN organizations o ON o.id = t.organization_id
         ${JOIN_COUNTED_MISSES}
       WHERE c.state <> 'cancelled' AND t.created_at >= $1 AND t.created_at < $2 AND ${BREACHED('$3')}) b
     ORDER BY due, number::bigint LIMIT 10000`,
    [w.from, w.to, ctx.clock.now()],
  );
  return rows.map((r) => ({ number: Number(r.number), subject: r.subject, organization: r.organization, plan: r.plan, severity: Number(r.severity), metric: r.metric, due: r.due, metAt: r.met_at }));
}
