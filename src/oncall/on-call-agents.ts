// onCallAgents: for the paging code, inside its own transaction. No actor: the caller has
// already decided to page someone; this only answers who.
import type { Db } from '../platform/db.ts';
import type { OnCallAgent } from './schemas.ts';
import { shiftsAt } from './store.ts';

/**
 * The agents on call at `instant` in every rotation (answering for `afterHoursRuleId` when
 * given: rotations naming that rule and rotations covering all rules), each agent once, in the
 * order the rotations were created. An empty list when no rotation is configured or none has
 * started: the caller then falls back to managers.
 * @example
 * const agents = await onCallAgents(tx, now, 'critical-on-call');
 * // [{ agentId, email, name, rotationId, shiftEndsAt }]
 */
export async function onCallAgents(tx: Db, instant: Temporal.Instant, afterHoursRuleId?: string): Promise<OnCallAgent[]> {
  const seen = new Set<string>();
  const agents: OnCallAgent[] = [];
  for (const shift of await shiftsAt(tx, instant, afterHoursRuleId)) {
    if (seen.has(shift.agentId)) continue;
    seen.add(shift.agentId);
    agents.push({ agentId: shift.agentId, email: shift.email, name: shift.name, rotationId: shift.rotationId, shiftEndsAt: shift.endsAt });
  }
  return agents;
}
