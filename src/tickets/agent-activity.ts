// The team's work, agent by agent, for the managers' reports: in a window, the public replies and
// internal notes each wrote, the tickets each solved (the status change was theirs), the first
// responses their replies met and missed (a first-response clock is met by the reply that answered
// it: the agent whose reply came at its met_at, to the millisecond), and the promises missed while they held the
// ticket (the agent the ticket was last assigned to by its due time; each update a cadence missed is
// one); and now, the open tickets each holds. Every agent who did something in the window or holds something now has a row.
import type { Ctx } from '../platform/index.ts';
import { BREACH_STANDS, MISSES_DUE_IN, reportWindow, type SlaAttainmentInput } from './sla-attainment.ts';

export type AgentActivityRow = {
  agentId: string;
  name: string;
  holding: number;
  replies: number;
  notes: number;
  solved: number;
  firstResponsesMet: number;
  firstResponsesLate: number;
  breachesHolding: number;
};

export async function agentActivity({ ctx, input }: { ctx: Ctx; input: SlaAttainmentInput }): Promise<AgentActivityRow[]> {
  const w = reportWindow(ctx, input);
  const { rows } = await ctx.db.query<{
    id: string; name: string; holding: number; replies: number; notes: number; solved: number; fr_met: number; fr_late: number; breaches: number;
  }>(
    `WITH written AS (
       SELECT actor_id AS id, count(*) FILTER (WHERE type = 'reply')::int AS replies, count(*) FILTER (WHERE type = 'note')::int AS notes,
         count(*) FILTER (WHERE type = 'status_changed' AND data->>'to' = 'solved')::int AS solved
       FROM ticket_events WHERE actor_kind = 'agent' AND at >= $1 AND at < $2 AND type IN ('reply', 'note', 'status_changed') GROUP BY actor_id),
     first_responses AS (
       SELECT r.actor_id AS id, count(*) FILTER (WHERE NOT ${BREACH_STANDS} AND (c.due_at IS NULL OR c.met_at <= c.due_at))::int AS met,
         count(*) FILTER (WHERE ${BREACH_STANDS} OR c.met_at > c.due_at)::int AS late
       FROM sla_clocks c CROSS JOIN LATERAL (
         -- Clocks are projected to the millisecond, the timeline keeps microseconds: the reply that met
         -- the clock is the first agent reply within that millisecond.
         SELECT e.actor_id FROM ticket_events e
         WHERE e.ticket_id = c.ticket_id AND e.type = 'reply' AND e.actor_kind = 'agent' AND e.at >= c.met_at AND e.at < c.met_at + interval '1 millisecond'
         ORDER BY e.seq LIMIT 1) r
       WHERE c.metric = 'first_response' AND c.state <> 'cancelled' AND c.met_at >= $1 AND c.met_at < $2 GROUP BY r.actor_id),
     breaches AS (
       SELECT holder AS id, count(*)::int AS n FROM (
         SELECT (SELECT a.data->>'to' FROM ticket_events a WHERE a.ticket_id = c.ticket_id AND a.type = 'assigned' AND a.at <= c.due
                 ORDER BY a.at DESC, a.seq DESC LIMIT 1) AS holder
         -- Each target missed in the window, at its due time: a cadence's every update missed (each
         -- a promise), though its clock forgets it once the next cycle starts. A breach announced while
         -- mail that met the clock in time waited past the hold (owed.ts breachCutoff) missed nothing:
         -- it is not counted against the holder.
         FROM (${MISSES_DUE_IN('$1', '$2')}) c) b
       WHERE holder IS NOT NULL GROUP BY holder),
     holding AS (SELECT assignee_id AS id, count(*)::int AS n FROM tickets WHERE assignee_id IS NOT NULL AND status NOT IN ('solved', 'closed') GROUP BY assignee_id)
     SELECT a.id, a.name, coalesce(h.n, 0) AS holding, coalesce(w.replies, 0) AS replies, coalesce(w.notes, 0) AS notes, coalesce(w.solved, 0) AS solved,
       coalesce(f.met, 0) AS fr_met, coalesce(f.late, 0) AS fr_late, coalesce(b.n, 0) AS breaches
     FROM agents a LEFT JOIN written w ON w.id = a.id LEFT JOIN first_responses f ON f.id = a.id
       LEFT JOIN breaches b ON b.id = a.id::text LEFT JOIN holding h ON h.id = a.id
     WHERE w.id IS NOT NULL OR f.id IS NOT NULL OR b.id IS NOT NULL OR h.id IS NOT NULL
     ORDER BY a.name, a.id`,
    [w.from, w.to],
  );
  return rows.map((r) => ({
    agentId: r.id, name: r.name, holding: r.holding, replies: r.replies, notes: r.notes, solved: r.solved,
    firstResponsesMet: r.fr_met, firstResponsesLate: r.fr_late, breachesHolding: r.breaches,
  }));
}
