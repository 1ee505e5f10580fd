// What callers see of a ticket: its fields and its clocks, in the domain's shape (camelCase,
// Temporal.Instant); transports translate (the API's snake_case is http/wire.ts).
import type { Actor, Db } from '../platform/index.ts';
import { policyVersion } from '../policy-versions/index.ts';
import type { PolicyModel } from '../policy/index.ts';
import type { ClockProjection } from '../sla/index.ts';
import { projectTicketClocks } from './recompute-clocks.ts';
import { ticketHasSla } from './sla-applies.ts';
import { eventsOf, type Classification, type Coverage, type TicketRow } from './store.ts';

export type ClockView = {
  metric: string;
  state: string;
  goal: Temporal.Instant | null;
  due: Temporal.Instant | null;
  metAt: Temporal.Instant | null;
  breachedAt: Temporal.Instant | null;
  warnedAt: Temporal.Instant | null;
  remindAt: Temporal.Instant | null;
  /** Why the deadline is where it is, in plain language (on a single ticket's view). */
  explain?: string[];
};

export type TicketView = {
  id: string;
  number: number;
  organizationId: string;
  requesterId: string;
  subject: string;
  description: string;
  channel: string;
  status: string;
  severity: number;
  /** How the severity was decided, and the severity the customer chose (if any). */
  classification: Classification | null;
  requestedSeverity: number | null;
  plan: string;
  requestType: string | null;
  queue: string | null;
  /** Set when support does not cover the ticket, with the policy's words. */
  coverage: Coverage | null;
  escalationLevel: string | null;
  eta: Temporal.Instant | null;
  /** When after-hours support took it: as it arrived, when support closed on it, or when regraded into it at night. */
  handedToOnCallAt: Temporal.Instant | null;
  /** The ticket this one was merged into (it is closed; the conversation continues there). */
  mergedInto: string | null;
  /** On a new ticket the policy refers to the knowledge base (OpenKey Tier 1): the articles that match it. */
  suggestions?: Array<{ id: string; slug: string; title: string; snippet: string }>;
  intake: Record<string, unknown>;
  assigneeId: string | null;
  policyVersion: number;
  createdAt: Temporal.Instant;
  updatedAt: Temporal.Instant;
  solvedAt: Temporal.Instant | null;
  clocks: ClockView[];
};

export type ClockRow = {
  metric: string;
  state: string;
  goal_at: Temporal.Instant | null;
  due_at: Temporal.Instant | null;
  met_at: Temporal.Instant | null;
  breached_at: Temporal.Instant | null;
  warned_at: Temporal.Instant | null;
  remind_at: Temporal.Instant | null;
};

const CLOCK_COLUMNS = 'metric, state, goal_at, due_at, met_at, breached_at, warned_at, remind_at';

const METRIC_ORDER = ['triage', 'first_response', 'status_notification', 'update', 'resolution'];

export function clockViews(rows: ClockRow[]): ClockView[] {
  return rows
    .filter((c) => c.state !== 'cancelled')
    .sort((a, b) => METRIC_ORDER.indexOf(a.metric) - METRIC_ORDER.indexOf(b.metric))
    .map((c) => ({
      metric: c.metric,
      // A clock past due and not met in time reads as breached, whatever the sweep has done yet.
      state: c.breached_at && (c.met_at === null || Temporal.Instant.compare(c.met_at, c.breached_at) > 0) && c.state !== 'met' ? 'breached' : c.state,
      goal: c.goal_at,
      due: c.due_at,
      metAt: c.met_at,
      breachedAt: c.breached_at,
      warnedAt: c.warned_at,
      remindAt: c.remind_at,
    }));
}

export function baseView(t: TicketRow): Omit<TicketView, 'clocks'> {
  return {
    id: t.id,
    number: Number(t.number),
    organizationId: t.organization_id,
    requesterId: t.requester_id,
    subject: t.subject,
    description: t.description,
    channel: t.channel,
    status: t.status,
    severity: t.severity,
    classification: 'source' in t.classification ? (t.classification as Classification) : null,
    requestedSeverity: t.requested_severity,
    plan: t.plan_id,
    requestType: t.request_type,
    queue: t.queue,
    coverage: t.coverage,
    escalationLevel: t.escalation_level,
    eta: t.eta,
    handedToOnCallAt: t.handed_over_at,
    mergedInto: t.merged_into ?? null,
    intake: t.intake_answers,
    assigneeId: t.assignee_id,
    policyVersion: t.policy_version,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    solvedAt: t.solved_at,
  };
}

/** The ticket's clock rows, as ticketView reads them. */
export async function clockRowsOf(db: Db, ticketId: string): Promise<ClockRow[]> {
  const { rows } = await db.query<ClockRow>(`SELECT ${CLOCK_COLUMNS} FROM sla_clocks WHERE ticket_id = $1`, [ticketId]);
  return rows;
}

/**
 * One ticket with its clocks, each explained: the explanation is the pure projection's, re-run on the ticket's history.
 * `known` skips what the caller already holds (opening a ticket: its policy, its clock rows and
 * their projection with explanations, all decided before the ticket was written).
 */
export async function ticketView(
  db: Db,
  t: TicketRow,
  _actor: Actor,
  known: { policy?: PolicyModel; clockRows?: ClockRow[]; projected?: readonly ClockProjection[] } = {},
): Promise<TicketView> {
  const clocks = clockViews(known.clockRows ?? (await clockRowsOf(db, t.id)));
  if (clocks.length === 0) return { ...baseView(t), clocks };
  const policy = known.policy ?? (await policyVersion(db, t.policy_version));
  if (ticketHasSla(policy, t)) {
    const projected = known.projected ?? projectTicketClocks(policy, t, await eventsOf(db, t.id), { explain: true });
    for (const clock of clocks) clock.explain = projected.find((p) => p.metric === clock.metric)?.explain ?? [];
  }
  return { ...baseView(t), clocks };
}

export { CLOCK_COLUMNS };
