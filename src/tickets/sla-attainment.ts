// SLA attainment for managers: per period (by the week or month tickets opened), metric, plan and
// severity, how many clocks were met on time and how many were not. A clock met after its due
// time, or still unmet past it (swept or not yet), or a cadence with an update missed (not one
// given in time whose mail was read after the miss was recorded: MISSED_BEFORE), counts as
// breached; clocks still running before their due time are counted as open, not in the rate. A
// cadence solved with every update owed given in time is met (CADENCE_SOLVED).
// A breach recorded stands whatever moved the due time after it (a regrade to a longer time, then
// answered within it, is still the breach of the time owed when it was missed), under the severity
// it was breached at. A clock a regrade or a new version ended is counted as what it was, met or
// breached, under the severity it was owed under (ended-clocks.ts). Cancelled clocks do not count.
import { z } from 'zod';
import { hasAgentRole, MANAGERS } from '../customers/index.ts';
import { ForbiddenError, parseInput, type Ctx } from '../platform/index.ts';

export const SlaAttainmentInput = z.strictObject({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  period: z.enum(['day', 'week', 'month']).default('week'),
}).refine((v) => Temporal.Instant.compare(Temporal.Instant.from(v.from), Temporal.Instant.from(v.to)) < 0, { path: ['to'], message: 'must be after from' });
export type SlaAttainmentInput = z.input<typeof SlaAttainmentInput>;

export type AttainmentRow = { period: string; metric: string; plan: string; severity: number; met: number; breached: number; open: number };

/** When the entry `e` reached the desk: its arrival, for a mail read after other writes (write-context.ts `received_at`), else its stamp. */
const arrival = (e: string) => `COALESCE((${e}.data->>'received_at')::timestamptz, ${e}.at)`;

/**
 * The missed update the sla_breach entry `e` recorded was given in time after all: an agent's reply
 * written after it (a mail read late, past the hold's cap, owed.ts) reached the desk before its
 * due time, and was the last update before it (no other reply arrived, and no other update of the
 * cadence fell due, between the two), so the cycle ran from it (sla/clocks.ts, a miss "not of this
 * cycle"). The entry stays, as the announcement did.
 */
const MET_AFTER_ALL = (e: string) => {
  const due = `(${e}.data->>'due')::timestamptz`;
  return `EXISTS (SELECT 1 FROM ticket_events r WHERE r.ticket_id = ${e}.ticket_id AND r.type = 'reply' AND r.actor_kind = 'agent' AND r.seq > ${e}.seq
    AND ${arrival('r')} < ${due}
    AND NOT EXISTS (SELECT 1 FROM ticket_events x WHERE x.ticket_id = ${e}.ticket_id AND x.id <> r.id AND (
      (x.type = 'reply' AND x.actor_kind = 'agent' AND ${arrival('x')} > ${arrival('r')} AND ${arrival('x')} < ${due})
      OR (x.type = 'sla_breach' AND x.data->>'clock_id' = ${e}.data->>'clock_id' AND (x.data->>'due')::timestamptz > ${arrival('r')} AND (x.data->>'due')::timestamptz < ${due}))))`;
};

/** The clock `c`'s recorded misses (its sla_breach entries `e`) that count: not given in time, read late (MET_AFTER_ALL). */
const COUNTED_MISSES = `FROM ticket_events e WHERE e.ticket_id = c.ticket_id AND e.type = 'sla_breach' AND e.data->>'clock_id' = c.id::text
    AND NOT (e.data ? 'due' AND ${MET_AFTER_ALL('e')})`;

/** The due time of the update the sla_breach entry `e` recorded missed. */
const MISS_DUE = "(e.data->>'due')::timestamptz";

/**
 * The clock `c`'s counted misses (COUNTED_MISSES) read once, as the row `counted`: `n`, how many;
 * `first_due` and `last_due`, the due times of the earliest and the latest; `first_severity`, the
 * severity the earliest was owed under (its entry's, sweep.ts; null for an entry of before it).
 * Aggregates with no GROUP BY: one row for every clock, n = 0 and nulls when none counts. Joined after
 * `c` by every query that reads MISSED_BEFORE, FIRST_MISSED_DUE, LAST_MISSED_DUE, OUTCOME_SEVERITY or
 * BREACHED, so a report asks the timeline once per clock, not once per question.
 */
export const JOIN_COUNTED_MISSES = `LEFT JOIN LATERAL (
    SELECT count(*)::int AS n, min(${MISS_DUE}) AS first_due, max(${MISS_DUE}) AS last_due,
      -- The earliest by due time (an entry without one last, as ORDER BY puts nulls); the first recorded on a tie.
      (array_agg((e.data->>'severity')::integer ORDER BY ${MISS_DUE}, e.seq))[1] AS first_severity
    ${COUNTED_MISSES}) counted ON true`;

/**
 * A cadence's clock is its current cycle: an update missed before it was recorded (tickets/sweep.ts,
 * the clock's sla_breach event) makes the clock breached, though the cycle now running is not;
 * unless that update was given in time, read late (MET_AFTER_ALL). Needs JOIN_COUNTED_MISSES.
 */
export const MISSED_BEFORE = '(counted.n > 0)';

/** The due time of the clock `c`'s earliest recorded miss that counts (MISSED_BEFORE's), else null. Needs JOIN_COUNTED_MISSES. */
export const FIRST_MISSED_DUE = 'counted.first_due';

/**
 * The due time of the clock `c`'s latest recorded miss that counts, else null: the record a cadence
 * that ended keeps (ended-clocks.ts). Needs JOIN_COUNTED_MISSES.
 */
export const LAST_MISSED_DUE = 'counted.last_due';

/**
 * A breach the sweep recorded that stands: no reply met the clock by then (one that did, read late
 * from a mail that waited past the hold, met it in time: owed.ts breachCutoff). A later due time,
 * moved by a regrade or a new policy version, does not undo it.
 */
export const BREACH_STANDS = '(c.breached_at IS NOT NULL AND (c.met_at IS NULL OR c.met_at > c.breached_at))';

/**
 * The targets missed with their due time in [from, to) (SQL placeholders), one row each: the
 * clock's `id`, `ticket_id`, `metric` and `severity`, and `due`, when it was missed. A clock owed once
 * (all but the update cadence) is one miss, at its due time (breached_at), if its breach stands
 * (BREACH_STANDS). A cadence's clock is its current cycle, its marks cleared when the next one starts
 * (recompute-clocks.ts): its misses are its recorded ones that count (COUNTED_MISSES), each at the due
 * time of the update missed, under the severity it was owed under (the entry's `severity`, sweep.ts;
 * an entry of before it, the clock's). Each update missed is a promise missed, so two in the window are two;
 * the SLA reports count a clock once (MISSED_BEFORE). A cancelled clock misses nothing.
 */
export const MISSES_DUE_IN = (from: string, to: string) =>
  `SELECT c.id, c.ticket_id, c.metric, c.severity, c.breached_at AS due FROM sla_clocks c
   WHERE c.metric <> 'update' AND c.state <> 'cancelled' AND c.breached_at >= ${from} AND c.breached_at < ${to} AND ${BREACH_STANDS}
   UNION ALL
   SELECT c.id, c.ticket_id, c.metric, COALESCE(m.severity, c.severity), m.due FROM sla_clocks c
     CROSS JOIN LATERAL (SELECT ${MISS_DUE} AS due, (e.data->>'severity')::integer AS severity ${COUNTED_MISSES}) m
   WHERE c.metric = 'update' AND c.state <> 'cancelled' AND m.due >= ${from} AND m.due < ${to}`;

/** The severity a clock's outcome is counted under: the one it was breached or ended under, else the ticket's (recompute-clocks.ts). */
export const CLOCK_SEVERITY = 'COALESCE(c.severity, t.severity)';

/**
 * The severity the reports count a clock's outcome under (OUTCOMES, list-breaches.ts): a cadence with
 * an update missed that counts is breached from its first miss (MISSED_BEFORE), under the severity that
 * miss was owed under (its entry's, sweep.ts), as a breach recorded stands; else CLOCK_SEVERITY.
 * Needs JOIN_COUNTED_MISSES.
 */
export const OUTCOME_SEVERITY = `COALESCE(CASE WHEN c.metric = 'update' THEN counted.first_severity END, ${CLOCK_SEVERITY})`;

/**
 * The clock `c` counts as breached at `now` (an SQL placeholder): its recorded breach stands, or it
 * was not met by its due time (met late, past due unmet, or a cadence with an update missed before:
 * MISSED_BEFORE, whether or not a cycle now runs or has a due time). The reports' rule and the
 * breach export's (list-breaches.ts), so each breached clock the report counts is listed. Needs
 * JOIN_COUNTED_MISSES.
 */
export const BREACHED = (now: string) => `(${BREACH_STANDS} OR (NOT (c.met_at IS NOT NULL AND (c.due_at IS NULL OR c.met_at <= c.due_at))
    AND (c.met_at IS NOT NULL OR c.breached_at IS NOT NULL OR c.due_at < ${now} OR ${MISSED_BEFORE})))`;

/**
 * An update cadence whose ticket was solved (or closed) with no update owed left unmet: met. A
 * cadence is never met once and for all (each reply starts the next cycle, sla/clocks.ts), so its
 * row carries no met_at; solving stops it: state 'stopped', and the due time of the cycle running
 * then cleared (no update is owed while it stays solved). An update missed before, or a cycle past
 * due when it stopped (its due time kept, its miss recorded or not yet), is breached before this is
 * asked (BREACHED). A cadence paused waiting on the customer also has no due time, but state
 * 'paused': updates are still owed once the customer answers, so it stays open; one a regrade or a
 * version ended ('ended') is counted by its record, and one reopened runs again.
 */
const CADENCE_SOLVED = "(c.metric = 'update' AND c.state = 'stopped' AND c.due_at IS NULL)";

/** Each clock of the tickets opened in the window with its outcome ($1, $2: the window; $3: the period; $4: now). */
const OUTCOMES = `SELECT to_char(date_trunc($3, t.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS period, c.metric, t.id AS ticket_id, t.plan_id AS plan, ${OUTCOME_SEVERITY} AS severity,
         CASE
           WHEN ${BREACHED('$4')} THEN 'breached'
           WHEN c.met_at IS NOT NULL OR ${CADENCE_SOLVED} THEN 'met'
           ELSE 'open'
         END AS outcome
       FROM sla_clocks c JOIN tickets t ON t.id = c.ticket_id ${JOIN_COUNTED_MISSES}
       WHERE c.state <> 'cancelled' AND t.created_at >= $1 AND t.created_at < $2`;
const TALLY = `count(*) FILTER (WHERE outcome = 'met')::int AS met,
       count(*) FILTER (WHERE outcome = 'breached')::int AS breached,
       count(*) FILTER (WHERE outcome = 'open')::int AS open`;

/** Every manager report's window (SLA, breaches, satisfaction): managers and admins only, the input parsed. */
export function reportWindow(ctx: Ctx, input: SlaAttainmentInput): { from: Temporal.Instant; to: Temporal.Instant; period: 'day' | 'week' | 'month' } {
  if (!hasAgentRole(ctx.actor, MANAGERS)) throw new ForbiddenError("You may not read the managers' reports");
  const f = parseInput(SlaAttainmentInput, input);
  return { from: Temporal.Instant.from(f.from), to: Temporal.Instant.from(f.to), period: f.period };
}

/** OUTCOMES' parameters. */
function readWindow(ctx: Ctx, input: SlaAttainmentInput): unknown[] {
  const w = reportWindow(ctx, input);
  return [w.from, w.to, w.period, ctx.clock.now()];
}

export async function slaAttainment({ ctx, input }: { ctx: Ctx; input: SlaAttainmentInput }): Promise<AttainmentRow[]> {
  const { rows } = await ctx.db.query<AttainmentRow>(
    `WITH c AS (${OUTCOMES})
     SELECT period, metric, plan, severity, ${TALLY}
     FROM c GROUP BY period, metric, plan, severity ORDER BY period, metric, plan, severity`,
    readWindow(ctx, input),
  );
  return rows.map((r) => ({ ...r, severity: Number(r.severity), met: Number(r.met), breached: Number(r.breached), open: Number(r.open) }));
}

export type TagAttainmentRow = { period: string; tag: string; met: number; breached: number; open: number };

/** The same outcomes by the team's tags (tags.ts): a ticket with two tags counts under each; untagged ones are not here. */
export async function slaAttainmentByTag({ ctx, input }: { ctx: Ctx; input: SlaAttainmentInput }): Promise<TagAttainmentRow[]> {
  const { rows } = await ctx.db.query<TagAttainmentRow>(
    `WITH c AS (${OUTCOMES})
     SELECT c.period, g.tag, ${TALLY}
     FROM c JOIN ticket_tags g ON g.ticket_id = c.ticket_id GROUP BY c.period, g.tag ORDER BY c.period, g.tag`,
    readWindow(ctx, input),
  );
  return rows.map((r) => ({ ...r, met: Number(r.met), breached: Number(r.breached), open: Number(r.open) }));
}
