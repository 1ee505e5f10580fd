// What callers see of a ticket: its fields and its clocks.
import type { Actor, Db } from '../platform/index.ts';
import type { TicketRow } from './store.ts';

export type ClockView = {
  metric: string;
  state: string;
  goal: string | null;
  due: string | null;
  met_at: string | null;
  breached_at: string | null;
  warned_at: string | null;
};

export type TicketView = {
  id: string;
  number: number;
  organization_id: string;
  requester_id: string;
  subject: string;
  description: string;
  channel: string;
  status: string;
  severity: number;
  plan: string;
  request_type: string | null;
  intake: Record<string, unknown>;
  assignee_id: string | null;
  policy_version: number;
  created_at: string;
  updated_at: string;
  solved_at: string | null;
  clocks: ClockView[];
};

const iso = (t: Temporal.Instant | null) => (t === null ? null : t.toString());

type ClockRow = { metric: string; state: string; goal_at: Temporal.Instant | null; due_at: Temporal.Instant | null; met_at: Temporal.Instant | null; breached_at: Temporal.Instant | null; warned_at: Temporal.Instant | null };

const METRIC_ORDER = ['triage', 'first_response', 'status_notification', 'update', 'resolution'];

export function clockViews(rows: ClockRow[]): ClockView[] {
  return rows
    .filter((c) => c.state !== 'cancelled')
    .sort((a, b) => METRIC_ORDER.indexOf(a.metric) - METRIC_ORDER.indexOf(b.metric))
    .map((c) => ({
      metric: c.metric,
      // A clock past due and not met in time reads as breached, whatever the sweep has done yet.
      state: c.breached_at && (c.met_at === null || Temporal.Instant.compare(c.met_at, c.breached_at) > 0) && c.state !== 'met' ? 'breached' : c.state,
      goal: iso(c.goal_at),
      due: iso(c.due_at),
      met_at: iso(c.met_at),
      breached_at: iso(c.breached_at),
      warned_at: iso(c.warned_at),
    }));
}

export function baseView(t: TicketRow): Omit<TicketView, 'clocks'> {
  return {
    id: t.id,
    number: Number(t.number),
    organization_id: t.organization_id,
    requester_id: t.requester_id,
    subject: t.subject,
    description: t.description,
    channel: t.channel,
    status: t.status,
    severity: t.severity,
    plan: t.plan_id,
    request_type: t.request_type,
    intake: t.intake_answers,
    assignee_id: t.assignee_id,
    policy_version: t.policy_version,
    created_at: t.created_at.toString(),
    updated_at: t.updated_at.toString(),
    solved_at: iso(t.solved_at),
  };
}

export async function ticketView(db: Db, t: TicketRow, _actor: Actor): Promise<TicketView> {
  const { rows } = await db.query<ClockRow>('SELECT metric, state, goal_at, due_at, met_at, breached_at, warned_at FROM sla_clocks WHERE ticket_id = $1', [t.id]);
  return { ...baseView(t), clocks: clockViews(rows) };
}
