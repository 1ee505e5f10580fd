// What callers see of a ticket: its fields and its clocks, in the domain's shape (camelCase,
// Temporal.Instant); transports translate (the API's snake_case is http/wire.ts).
import type { Actor, Db } from '../platform/index.ts';
import type { TicketRow } from './store.ts';

export type ClockView = {
  metric: string;
  state: string;
  goal: Temporal.Instant | null;
  due: Temporal.Instant | null;
  metAt: Temporal.Instant | null;
  breachedAt: Temporal.Instant | null;
  warnedAt: Temporal.Instant | null;
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
  plan: string;
  requestType: string | null;
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
};

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
    plan: t.plan_id,
    requestType: t.request_type,
    intake: t.intake_answers,
    assigneeId: t.assignee_id,
    policyVersion: t.policy_version,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    solvedAt: t.solved_at,
  };
}

export async function ticketView(db: Db, t: TicketRow, _actor: Actor): Promise<TicketView> {
  const { rows } = await db.query<ClockRow>('SELECT metric, state, goal_at, due_at, met_at, breached_at, warned_at FROM sla_clocks WHERE ticket_id = $1', [t.id]);
  return { ...baseView(t), clocks: clockViews(rows) };
}
