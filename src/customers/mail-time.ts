// An instant in a mail about a person's own account (their address changed): in their own zone
// (their profile's, as the pages show them times), else in the zone of the hours they are served
// in: a contact's plan's, an agent's the policy's (the one zone its plans' hours share); the zone
// named ("Wed 2 Dec 2026 11:00 GMT"). UTC, named, only where none is known (no policy active yet,
// or plans kept in several zones, where picking one would read as a promise of that plan's).
import { utcMinuteText } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';
import { localText } from '../sla/index.ts';
import { activePolicy } from '../policy-versions/index.ts';
import type { PolicyModel } from '../policy/index.ts';

export async function accountMailTime(tx: Db, who: { kind: 'contact' | 'agent'; id: string }, at: Temporal.Instant): Promise<string> {
  const { rows } = who.kind === 'contact'
    ? await tx.query<{ time_zone: string | null; plan_id: string | null }>(
      'SELECT c.time_zone, o.plan_id FROM contacts c JOIN organizations o ON o.id = c.organization_id WHERE c.id = $1', [who.id])
    : await tx.query<{ time_zone: string | null; plan_id: string | null }>('SELECT time_zone, NULL::text AS plan_id FROM agents WHERE id = $1', [who.id]);
  const zone = rows[0]?.time_zone ?? (await servedZone(tx, rows[0]?.plan_id ?? null));
  return zone ? localText(at.epochMilliseconds, zone) : utcMinuteText(at);
}

async function servedZone(tx: Db, planId: string | null): Promise<string | null> {
  const { rows } = await tx.query('SELECT 1 FROM policy_versions WHERE activated_at IS NOT NULL LIMIT 1');
  if (rows.length === 0) return null;
  const policy = (await activePolicy(tx)).model;
  const plan = planId === null ? undefined : policy.plans.get(planId);
  if (plan) return policy.calendars.get(plan.calendar)?.time_zone ?? null;
  return policyZone(policy);
}

/** The zone every plan's hours are kept in, or null where they differ. */
function policyZone(policy: PolicyModel): string | null {
  const zones = new Set([...policy.plans.values()].map((p) => policy.calendars.get(p.calendar)?.time_zone));
  const [only] = zones;
  return zones.size === 1 && only ? only : null;
}
