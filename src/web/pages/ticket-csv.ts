// Tickets as CSV for a spreadsheet, the same columns from Find (/agent/search.csv) and from the
// queue (/agent/queue.csv): what the lists show and what a report needs (organization, requester,
// plan, assignee, times), the next due time as the queue shows it (UTC, ISO 8601) with its
// metric and its hedge ("goal": OfficeSpace's Response Goal, "approximate"; empty for a firm
// time, as the API's clocks say it), and the team's tags. Agents only, as the pages that link them.
import { listAgents, listContacts, listOrganizations } from '../../customers/index.ts';
import type { Ctx } from '../../platform/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { exportFacts, STATUS_NAMES, type TicketView } from '../../tickets/index.ts';
import { toCsv } from '../csv.ts';
import { METRIC_NAMES } from '../format.ts';
import { byIds, everyPage } from '../page-kit.ts';
import { hedgeAt } from '../promised.ts';
import { channelsNamed } from './agent-kit.ts';

/** At most this many tickets in one export; narrow the search or the queue for more. */
export const EXPORT_LIMIT = 5000;

export const CSV_COLUMNS = [
  'ticket', 'subject', 'organization', 'requester', 'plan', 'severity', 'severity_name', 'status', 'channel', 'assignee', 'created_at', 'solved_at',
  'next_due_at', 'next_due_metric', 'next_due_hedge', 'tags',
] as const;

/** The rows as CSV, in the order given. */
export async function ticketsCsv(ctx: Ctx, rows: readonly TicketView[]): Promise<string> {
  // The organizations and requesters the rows name, every agent (a desk has more than one page of
  // either), the policy's names, and each ticket's next due clock and tags.
  const [orgs, requesters, agents, { model: policy }, facts] = await Promise.all([
    byIds(rows.map((t) => t.organizationId), (ids) => listOrganizations({ ctx, input: { ids, limit: 200 } })),
    byIds(rows.map((t) => t.requesterId), (ids) => listContacts({ ctx, input: { ids, limit: 200 } })).then((cs) => new Map(cs.map((c) => [c.id, c.email]))),
    everyPage((c) => listAgents({ ctx, input: { limit: 200, ...c } })), activePolicy(ctx.db), exportFacts({ ctx, ticketIds: rows.map((t) => t.id) }),
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  // Each ticket's channel as the policy it runs on names it ("Web Support").
  const cameBy = await channelsNamed(ctx, rows);
  const agentEmail = new Map(agents.map((a) => [a.id, a.email]));
  // In words as the pages say them (plan "Enterprise", status "Waiting on customer", metric "First
  // response"); the severity also as its number, which a spreadsheet sorts by; tags by spaces, as the
  // ticket page's tags field takes them.
  return toCsv(
    [...CSV_COLUMNS],
    rows.map((t) => {
      const next = facts.nextDue.get(t.id);
      return [
        t.number, t.subject, orgName.get(t.organizationId) ?? t.organizationId, requesters.get(t.requesterId) ?? '', policy.plans.get(t.plan)?.name ?? t.plan,
        t.severity, policy.severities.get(t.severity)?.name ?? '', STATUS_NAMES[t.status] ?? t.status, cameBy(t),
        t.assigneeId ? agentEmail.get(t.assigneeId) ?? t.assigneeId : '', t.createdAt.toString(), t.solvedAt?.toString() ?? '',
        next ? next.due.toString() : '', next ? METRIC_NAMES[next.metric] ?? next.metric : '', next ? hedgeAt(t.clocks, next.due) ?? '' : '', (facts.tags.get(t.id) ?? []).join(' '),
      ];
    }),
  );
}

/** The download's filename for an export of `what` on the day of `now` (UTC). */
export function csvFilename(what: string, now: Temporal.Instant): string {
  return `${what}-${now.toString().slice(0, 10)}.csv`;
}
