// Who a page goes to (tickets/after-hours.ts pageWrites): whoever the on-call rotations name at that
// instant for the after-hours rules concerned (admins configure them, oncall/); with no rotation on
// call, the managers and admins, so a page always reaches someone. A ticket an agent logged (a call
// taken at night) is paged for like any other, never to the agent who logged it; and not at all when
// that agent is on call now: the person a page would wake already has it (docs/adr/0024). The same
// for one an agent regraded into an after-hours rule at night (handover.ts): `loggedBy` is that agent.
import { onCallAgents } from '../oncall/index.ts';
import type { Db } from '../platform/index.ts';

type Person = { id: string; email: string };

/** Who is paged; `onCall`: who the rotations name now (the timeline says it); `loggedByOnCall`: the logger is one of them, so nobody is paged. */
export type PageRecipients = { paged: Person[]; onCall: Person[]; loggedByOnCall: Person | null };

export async function pageRecipients(tx: Db, at: Temporal.Instant, ruleIds: readonly string[], loggedBy: string | null): Promise<PageRecipients> {
  const named = new Map<string, Person>();
  for (const ruleId of ruleIds.length > 0 ? ruleIds : [undefined]) {
    for (const a of await onCallAgents(tx, at, ruleId)) named.set(a.agentId, { id: a.agentId, email: a.email });
  }
  const onCall = [...named.values()];
  const logger = onCall.find((a) => a.id === loggedBy) ?? null;
  if (logger) return { paged: [], onCall, loggedByOnCall: logger };
  if (onCall.length > 0) return { paged: onCall.filter((a) => a.id !== loggedBy), onCall, loggedByOnCall: null };
  const { rows } = await tx.query<Person>("SELECT id, email FROM agents WHERE role IN ('manager', 'admin') AND deactivated_at IS NULL ORDER BY email");
  return { paged: rows.filter((a) => a.id !== loggedBy), onCall, loggedByOnCall: null };
}
