// Where a ticket stands in the work queue beside the others of its severity (list-queue.ts and
// auto-assign.ts order by severity, then these, then the earliest due clock, then age).
// A plan's priority (policy plans[].priority) counts for all of its open work, or, with
// `priority_for: remediation`, for its remediation work only. OpenMethods: "The severity levels and
// SLAs apply to both Standard & Premium Support, though tickets for clients with Premium Support are
// prioritized for remediation work". The response time is an SLA both plans share, so a ticket still
// owed its first response ranks by its due time whatever its plan (phase 0, priority 0); answered, it
// is remediation work (phase 1), where Premium comes first. The owed responses of a severity come
// before its remediation work, so Premium's priority never pushes a Standard response back.
// Only a first response the policy owes counts as owed: one it no longer owes (cancelled while
// running, or ended after it was breached: ended-clocks.ts) is owed to nobody, so the ticket is
// remediation work like an answered one.
import { ENDED } from './ended-clocks.ts';
import type { PolicyModel } from '../policy/index.ts';

/** The plans' ranks as one JSON parameter of RANK_JOIN. */
export function planRanks(policy: PolicyModel): string {
  return JSON.stringify([...policy.plans.values()].map((p) => ({ id: p.id, priority: p.priority, remediation_only: p.priority_for === 'remediation' })));
}

/**
 * Joined onto `tickets t` with `$n` the planRanks parameter: `qr.phase` (ascending) and
 * `qr.priority` (descending) order a severity's tickets.
 */
export const rankJoin = (n: number) => `LEFT JOIN jsonb_to_recordset($${n}::jsonb) AS pp(id text, priority int, remediation_only boolean) ON pp.id = t.plan_id
  CROSS JOIN LATERAL (
    SELECT CASE WHEN o.remediating THEN 1 ELSE 0 END AS phase,
           CASE WHEN o.remediation_only AND NOT o.remediating THEN 0 ELSE coalesce(pp.priority, 0) END AS priority
    FROM (SELECT coalesce(pp.remediation_only, false) AS remediation_only,
                 coalesce(pp.remediation_only, false) AND NOT EXISTS (
                   SELECT 1 FROM sla_clocks c WHERE c.ticket_id = t.id AND c.metric = 'first_response' AND c.met_at IS NULL
                     AND c.state NOT IN ('cancelled', '${ENDED}')) AS remediating) o
  ) qr`;
