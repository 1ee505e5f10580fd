// Where a first response or a resolution is owed from once a ticket was regraded before it was met.
// Pure: the history's regrades, the policy's targets per severity.
//
// OpenMethods "upgrades and downgrades the severity level of incidents if a change in the
// disposition of the incident warrants an upgrade or downgrade": the severity changes because the
// incident changed, at the regrade. So:
//   - an upgrade to a stricter time (a Major Impairment found to be a System Outage at 10:00, opened
//     at 09:00, unanswered) owes the new time from the regrade, 10:30, never from the opening
//     (09:30 would be breached before anyone knew it was an outage), and never later than the time
//     already owed under the severity before it (the 2 hours from the opening, if they end sooner);
//   - a downgrade (a System Outage regraded to a Major Impairment, "based and dependent on our
//     clients' business continuity plan"), or an upgrade to a time no shorter, is measured from the
//     opening, as if it had been that severity all along: the time already used is kept, only the
//     target changes;
//   - a severity without the metric owes nothing: a regrade into one with it owes it from then.
// The note names a level by the policy's word for it (OfficeSpace: "the support level changed then").
import { severityLabel, severityPhrase, severityTargets, type MetricId, type PolicyModel, type Target } from '../policy/index.ts';
import { isoUtc, localText } from './format.ts';
import { projectTarget } from './project.ts';

/** What regradeStart needs of the ticket: its plan, the severity it arrived with, when it opened, and its regrades (oldest first). */
export type RegradeFacts = { plan: string; openedSeverity: number; openedAt: number; regrades: Array<{ at: number; to: number }> };

/**
 * `severity`: the severity whose time the metric is owed by, when not the one the ticket has now (an
 * upgrade late in the time already owed keeps the earlier severity's time: missed, it is that
 * severity's time that was missed).
 */
export type RegradeStart = { target: Target; startedAt: number; note: string | null; severity?: number };

/** The metrics a regrade re-reads this way: those owed once from the opening. */
const FROM_OPENING: ReadonlySet<MetricId> = new Set<MetricId>(['first_response', 'resolution']);

/**
 * The target and start a metric is measured by after the regrades before `until` (when it was met,
 * else Infinity); `current` is the target of the severity the ticket has now. A note for the
 * explanation when the regrade moved the start or kept an earlier severity's time.
 */
export function regradeStart(policy: PolicyModel, facts: RegradeFacts, current: Target, until: number, zone: string): RegradeStart {
  const plain: RegradeStart = { target: current, startedAt: facts.openedAt, note: null };
  const regrades = facts.regrades.filter((r) => r.at < until);
  if (!FROM_OPENING.has(current.metric) || regrades.length === 0) return plain;
  const targetOf = (severity: number) => severityTargets(policy, facts.plan, severity).find((t) => t.metric === current.metric && t.duration !== null) ?? null;
  const due = (s: { target: Target; startedAt: number }) => projectTarget(policy, s.target, s.startedAt, [], zone, { explain: false }).due;
  let owed: { target: Target; startedAt: number; severity: number } | null = null;
  const first = targetOf(facts.openedSeverity);
  if (first) owed = { target: first, startedAt: facts.openedAt, severity: facts.openedSeverity };
  let note: string | null = null;
  const when = (at: number) => `${localText(at, zone)} = ${isoUtc(at)}`;
  let severity = facts.openedSeverity;
  for (const r of regrades) {
    const t = targetOf(r.to);
    const to = severityPhrase(policy, r.to);
    // An upgrade is to a graver severity (1 is the gravest); a downgrade keeps the opening whatever
    // its time (OpenBack's Severity 4, one business day, ends before Severity 3's twelve hours).
    const upgrade = r.to < severity;
    severity = r.to;
    if (!t) {
      owed = null;
      note = null;
      continue;
    }
    if (!owed) {
      owed = { target: t, startedAt: r.at, severity: r.to };
      note = `Regraded to ${to} ${when(r.at)}: nothing of this kind was owed before, so it counts from the regrade.`;
      continue;
    }
    const fromOpening = { target: t, startedAt: facts.openedAt };
    const before = due(owed);
    if (!upgrade || due(fromOpening) >= before) {
      owed = { ...fromOpening, severity: r.to };
      note = null;
      continue;
    }
    const fromRegrade = { target: t, startedAt: r.at };
    if (due(fromRegrade) < before) {
      owed = { ...fromRegrade, severity: r.to };
      note = `Regraded to ${to} ${when(r.at)}: the ${severityLabel(policy).toLowerCase()} changed then, so its time counts from the regrade, not from the opening.`;
    } else {
      note = `Regraded to ${to} ${when(r.at)}: the time already owed under ${severityPhrase(policy, owed.severity)}, due ${when(before)}, ends sooner than the time of ${to} counted from the regrade, and stands.`;
    }
  }
  const now = regrades.at(-1)!.to;
  if (!owed || (owed.severity === now && owed.startedAt === facts.openedAt)) return plain;
  return { target: owed.target, startedAt: owed.startedAt, note, ...(owed.severity === now ? {} : { severity: owed.severity }) };
}
