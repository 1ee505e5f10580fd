// Assigning new tickets in turn (ADR 0021; config ACCORD_AUTO_ASSIGN; the auto-assign job runs it every few
// seconds). A ticket is routed once: open and unassigned, in the work queue's order (list-queue.ts:
// severity, then the plan's priority, as OpenBack's "Priority Case Routing" (for remediation work
// only where the plan says so: queue-rank.ts), then the earliest due clock, then age). It goes
// to the agent whose turn it is: active, not away, of the roles chosen (the front line, or every
// agent), under the cap of open tickets if one is set, the one given a ticket in turn the longest
// ago (or never). Only while its plan's support is open (the policy's calendar for the plan): a
// ticket that arrives at night waits for the morning's first turn rather than landing on someone
// who is off; the after-hours rules page on-call as before (after-hours.ts), whoever holds it.
// A level the policy gives to one kind of agent (severities[].handled_by: OfficeSpace's Basic Product
// Support to the front line, "Assign customer support staff to contact customer"; its Technical and
// Critical Technical Support to the escalation agents, "Assign engineer to determine and correct the
// error") goes to those agents only, whichever the setting names.
// Nobody available: the ticket waits, unrouted, for the next run. An agent who takes it, or
// unassigns it, wins: a ticket already assigned is marked routed and left alone.
// Each ticket is one short transaction under its row lock (SKIP LOCKED), and the agent's row is
// locked while their turn is taken, so two instances never give one ticket twice or one turn twice.
import { isOpen } from '../calendar/index.ts';
import type { Ctx } from '../platform/index.ts';
import { clockOf } from '../policy/index.ts';
import { activePolicy, policyVersion } from '../policy-versions/index.ts';
import { applyAssignee } from './assign-ticket.ts';
import { planRanks, rankJoin } from './queue-rank.ts';
import { touchTicket, type TicketRow } from './store.ts';
import { emitTicketUpdated } from './webhook-events.ts';
import { writeTime } from './write-context.ts';

export const AUTO_ASSIGN_BATCH = 200;

/** Who takes tickets in turn, and how many open ones each may hold at most (null: no cap). */
export type AutoAssignSettings = { roles: 'front_line' | 'agents'; maxOpen: number | null };

type Outcome = 'assigned' | 'taken' | 'closed_hours' | 'nobody' | 'gone';

/** Routes up to `limit` waiting tickets; answers how many were assigned and how many still wait. */
export async function autoAssignTickets({ ctx, settings, limit = AUTO_ASSIGN_BATCH }: { ctx: Ctx; settings: AutoAssignSettings; limit?: number }): Promise<{ assigned: number; waiting: number }> {
  const { model } = await activePolicy(ctx.db);
  const { rows } = await ctx.db.query<{ id: string }>(
    `SELECT t.id FROM tickets t ${rankJoin(1)}
     WHERE t.routed_at IS NULL AND t.assignee_id IS NULL AND t.status = 'open'
     ORDER BY t.severity, qr.phase, qr.priority DESC,
       (SELECT min(c.due_at) FROM sla_clocks c WHERE c.ticket_id = t.id AND c.state = 'running' AND c.met_at IS NULL) NULLS LAST, t.created_at, t.id
     LIMIT $2`,
    [planRanks(model), limit],
  );
  let assigned = 0;
  let waiting = 0;
  // The kinds of agent nobody of is free now: nobody for the rest of this batch either.
  const exhausted = new Set<string>();
  for (const { id } of rows) {
    const outcome = await routeOne(ctx, settings, id, exhausted);
    if (outcome === 'assigned') assigned++;
    if (outcome === 'closed_hours' || outcome === 'nobody') waiting++;
    // Nobody of any kind left: the rest of the batch waits too.
    if (exhausted.has(ANY) && (settings.roles === 'agents' || exhausted.has('escalation'))) break;
  }
  return { assigned, waiting };
}

// The pool of a ticket whose level names no kind of agent: those the setting names.
const ANY = 'any';

async function routeOne(ctx: Ctx, settings: AutoAssignSettings, ticketId: string, exhausted: Set<string>): Promise<Outcome> {
  return ctx.db.transaction(async (tx): Promise<Outcome> => {
    const { rows } = await tx.query<TicketRow & { routed_at: Temporal.Instant | null }>('SELECT * FROM tickets WHERE id = $1 FOR UPDATE SKIP LOCKED', [ticketId]);
    const ticket = rows[0];
    if (!ticket || ticket.routed_at) return 'gone';
    const now = writeTime(ctx.clock, ticket);
    if (ticket.assignee_id !== null || ticket.status !== 'open') {
      await tx.query('UPDATE tickets SET routed_at = $2 WHERE id = $1', [ticket.id, now]);
      return 'taken';
    }
    const policy = await policyVersion(tx, ticket.policy_version);
    const plan = policy.plans.get(ticket.plan_id);
    if (plan && !isOpen(clockOf(policy, plan.calendar), now.epochMilliseconds)) return 'closed_hours';
    const role = policy.severities.get(ticket.severity)?.handled_by ?? null;
    const pool = role ?? ANY;
    if (exhausted.has(pool)) return 'nobody';
    const { rows: turn } = await tx.query<{ id: string }>(
      `SELECT a.id FROM agents a
       WHERE a.deactivated_at IS NULL AND a.away_since IS NULL
         AND (CASE WHEN $3::text IS NOT NULL THEN a.role = $3::text ELSE ($1::boolean OR a.role = 'front_line') END)
         AND ($2::int IS NULL OR (SELECT count(*) FROM tickets t WHERE t.assignee_id = a.id AND t.status NOT IN ('solved', 'closed')) < $2)
       ORDER BY a.last_assigned_at NULLS FIRST, a.id LIMIT 1 FOR UPDATE OF a SKIP LOCKED`,
      [settings.roles === 'agents', settings.maxOpen, role],
    );
    if (!turn[0]) {
      exhausted.add(pool);
      return 'nobody';
    }
    const before = { ...ticket };
    await applyAssignee({ tx, ticket, now, policy }, { kind: 'system' }, turn[0].id);
    await tx.query('UPDATE tickets SET routed_at = $2 WHERE id = $1', [ticket.id, now]);
    await tx.query('UPDATE agents SET last_assigned_at = $2 WHERE id = $1', [turn[0].id, now]);
    await touchTicket(tx, ticket.id, now);
    await emitTicketUpdated(tx, before, ticket, now, null);
    return 'assigned';
  });
}
