// What callers see of a ticket: its fields and its clocks, in the domain's shape (camelCase,
// Temporal.Instant); transports translate (the API's snake_case is http/wire.ts).
import type { Actor, Db } from '../platform/index.ts';
import { policyVersion } from '../policy-versions/index.ts';
import { hedgesOf, type Hedge, type PolicyModel } from '../policy/index.ts';
import type { ClockProjection } from '../sla/index.ts';
import { projectTicketClocks, termsOfChange } from './recompute-clocks.ts';
import { ticketHasSla } from './sla-applies.ts';
import { breachStands, breachStandsLine, changeSince, ENDED, endedLine } from './ended-clocks.ts';
import { eventsOf, type Classification, type Coverage, type EventRow, type TicketRow } from './store.ts';

export type ClockView = {
  metric: string;
  /**
   * running, paused, met, stopped, breached (past due and not met in time); to a contact, a hedged
   * clock past its time reads passed (or met, if met since), never breached (clockViews).
   */
  state: string;
  /** How the policy hedges its time (policy/hedges.ts): a goal, approximate, or null for a firm time. */
  hedge: Hedge | null;
  goal: Temporal.Instant | null;
  due: Temporal.Instant | null;
  metAt: Temporal.Instant | null;
  /** When it was breached; null to a contact for a hedged clock (passedAt says when its time passed). */
  breachedAt: Temporal.Instant | null;
  /** A hedged clock: when its time passed before it was met; null for a firm time (breachedAt) and for one met in time. */
  passedAt: Temporal.Instant | null;
  warnedAt: Temporal.Instant | null;
  remindAt: Temporal.Instant | null;
  /**
   * When a regrade or a new policy version stopped owing it, after it was breached or met: it is
   * kept as that record, no longer running (tickets/ended-clocks.ts); null while it is owed.
   */
  endedAt: Temporal.Instant | null;
  /** Whose time it is measured by, as the reports count it: the severity it was breached or ended under, else the one it runs to (regrade-start.ts). */
  severity: number;
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
  /** Written on the portal's form, whatever channel it was filed through (OpenBack's Email): named "Email (filed in the portal)" (policy filedName). */
  filedInPortal: boolean;
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
  /** The severity its outcome belongs to (migration 0072; null before it, and on a clock not yet stored). */
  severity: number | null;
  policy_version: number | null;
  /** An ended clock (tickets/ended-clocks.ts): when, and the timeline entry it ended with. */
  ended_at: Temporal.Instant | null;
  ended_by: string | null;
};

const CLOCK_COLUMNS = 'metric, state, goal_at, due_at, met_at, breached_at, warned_at, remind_at, severity, policy_version, ended_at, ended_by';

const METRIC_ORDER = ['triage', 'first_response', 'status_notification', 'update', 'resolution'];

/**
 * The clocks as a reader sees them, the cancelled left out. A clock past due and not met in time
 * reads as breached, whatever the sweep has done yet; an ended one (ended-clocks.ts) as what it
 * was when it ended, met or breached, never running. A time the policy hedges (`hedges`, by
 * metric) keeps that for the desk, which measures it exactly and is alerted when it passes; to a
 * contact it was never a deadline (OfficeSpace promises a "Response Goal", OpenKey a response time
 * of "approximately 30 minutes"), so it reads passed, not breached (met, once met), and its
 * breachedAt is null: when it passed is passedAt, as it is for agents too. A contact is not
 * shown remindAt either (the desk's reminder). `severity`: the ticket's, for a clock that stores none.
 */
export function clockViews(rows: ClockRow[], hedges: Readonly<Record<string, Hedge>>, forContact: boolean, severity: number): ClockView[] {
  return rows
    .filter((c) => c.state !== 'cancelled')
    .sort((a, b) => METRIC_ORDER.indexOf(a.metric) - METRIC_ORDER.indexOf(b.metric))
    .map((c) => {
      const hedge = hedges[c.metric] ?? null;
      // Met after the time it missed (a breach that stands), that time moved since by a regrade or a new
      // version: the row followed the new target while it was owed; met, its account is the due it missed,
      // as the reports and the breach export give it (list-breaches.ts), not the moved one nobody owes now.
      const missed = missedThenMoved(c);
      const due = missed ? c.breached_at : c.due_at;
      const ended = c.state === ENDED;
      const breached = ended ? c.met_at === null : c.breached_at !== null && (c.met_at === null || Temporal.Instant.compare(c.met_at, c.breached_at) > 0) && c.state !== 'met';
      const told = forContact && hedge !== null;
      return {
        metric: c.metric,
        state: breached ? (told ? (c.met_at ? 'met' : 'passed') : 'breached') : ended ? 'met' : c.state,
        hedge,
        // The moved target's goal is not the missed time's (whose goal, if any, the explanation gives).
        goal: missed ? null : c.goal_at,
        due,
        metAt: c.met_at,
        breachedAt: told ? null : c.breached_at,
        // Null for a clock met in time: a breach stamp is only a time that passed before it was met.
        passedAt: hedge !== null && c.breached_at !== null && (c.met_at === null || (due !== null && Temporal.Instant.compare(c.met_at, due) > 0)) ? c.breached_at : null,
        warnedAt: c.warned_at,
        // When the team is reminded of an update it owes is the desk's own (as in the explanation,
        // ticketView): a contact is told when the update falls due, not when the team is nudged.
        remindAt: forContact ? null : c.remind_at,
        endedAt: c.ended_at,
        severity: c.severity ?? severity,
      };
    });
}

/** Met after a breach that stands (ended-clocks.ts breachStands), its due time moved since (clockViews). */
export function missedThenMoved(c: Pick<ClockRow, 'due_at' | 'met_at' | 'breached_at'>): c is ClockRow & { met_at: Temporal.Instant; breached_at: Temporal.Instant } {
  return c.met_at !== null && breachStands(c) && c.due_at !== null && !c.due_at.equals(c.breached_at);
}

/**
 * The hedges of each ticket's clocks (clockViews), read in the policy version each ticket is on:
 * a page of tickets rarely spans more than one or two versions, each loaded once per process.
 */
export async function hedgesByTicket(db: Db, tickets: ReadonlyArray<Pick<TicketRow, 'id' | 'plan_id' | 'severity' | 'policy_version'>>): Promise<Map<string, Record<string, Hedge>>> {
  const models = new Map<number, Promise<PolicyModel>>();
  const out = new Map<string, Record<string, Hedge>>();
  for (const t of tickets) {
    if (!models.has(t.policy_version)) models.set(t.policy_version, policyVersion(db, t.policy_version));
    out.set(t.id, hedgesOf(await models.get(t.policy_version)!, t.plan_id, t.severity));
  }
  return out;
}

/**
 * A page of tickets as views, in its order, with their clocks (read in one query, hedged in each
 * ticket's policy version: hedgesByTicket) as an agent reads them, or as a contact does (`forContact`).
 */
export async function ticketViews(db: Db, page: readonly TicketRow[], forContact: boolean): Promise<TicketView[]> {
  if (page.length === 0) return [];
  const { rows: clocks } = await db.query<ClockRow & { ticket_id: string }>(`SELECT ticket_id, ${CLOCK_COLUMNS} FROM sla_clocks WHERE ticket_id = ANY($1::uuid[])`, [page.map((t) => t.id)]);
  const hedges = await hedgesByTicket(db, page);
  return page.map((t) => ({ ...baseView(t), clocks: clockViews(clocks.filter((c) => c.ticket_id === t.id), hedges.get(t.id) ?? {}, forContact, t.severity) }));
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
    filedInPortal: t.filed_in_portal === true,
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

/** The hedge of each clock: an owed one's by the ticket's severity now, an ended one's (or one met after a moved time it missed) by its own. */
function clockHedges(policy: PolicyModel, t: TicketRow, rows: readonly ClockRow[]): Record<string, Hedge> {
  const out = { ...hedgesOf(policy, t.plan_id, t.severity) };
  for (const r of rows) {
    if (r.state !== ENDED && !missedThenMoved(r)) continue;
    const hedge = hedgesOf(policy, t.plan_id, r.severity ?? t.severity)[r.metric];
    if (hedge) out[r.metric] = hedge;
    else delete out[r.metric];
  }
  return out;
}

const zoneOf = (policy: PolicyModel, planId: string) => policy.calendars.get(policy.plans.get(planId)?.calendar ?? '')?.time_zone ?? 'UTC';

/**
 * An ended clock's explanation: why it was due where it was, as projected under the severity and
 * the policy version it was owed under from the history before it ended (an update cadence's
 * record is its last missed update: only that), then what it came to and what ended it.
 */
async function endedExplain(db: Db, policy: PolicyModel, t: TicketRow, row: ClockRow, events: readonly EventRow[], hedged: boolean): Promise<string[]> {
  const version = row.policy_version ?? t.policy_version;
  const then = version === t.policy_version ? policy : await policyVersion(db, version);
  const before = events.filter((e) => Temporal.Instant.compare(e.at, row.ended_at!) < 0 && e.id !== row.ended_by);
  const was = { ...t, severity: row.severity ?? t.severity, policy_version: version };
  const p = row.metric === 'update' ? undefined : projectTicketClocks(then, was, before, { explain: true }).find((x) => x.metric === row.metric);
  return [...(p?.explain ?? []), endedLine(then, row, events, zoneOf(then, t.plan_id), hedged)];
}

/**
 * A clock met after a time it missed, moved since (missedThenMoved): why it was due then, projected under
 * the terms the first change after the breach ended (termsOfChange) from the history before it; then the breach, and when met.
 */
async function missedExplain(db: Db, policy: PolicyModel, t: TicketRow, row: ClockRow & { breached_at: Temporal.Instant }, events: readonly EventRow[], hedged: boolean): Promise<string[]> {
  const change = changeSince(events, row.breached_at);
  const terms = change ? termsOfChange(t, events, change, 'before') : null;
  const version = terms?.version ?? t.policy_version;
  const then = version === t.policy_version ? policy : await policyVersion(db, version);
  const was = { ...t, severity: row.severity ?? terms?.severity ?? t.severity, policy_version: version };
  const before = change ? events.filter((e) => Temporal.Instant.compare(e.at, change.at) < 0) : events;
  const p = projectTicketClocks(then, was, before, { explain: true }).find((x) => x.metric === row.metric);
  const stands = breachStandsLine(policy, row, events, zoneOf(policy, t.plan_id), hedged);
  return [...(p?.explain ?? []), ...(stands ? [stands] : [])];
}

/**
 * One ticket with its clocks, each explained: the explanation is the pure projection's, re-run on the ticket's history.
 * `known` skips what the caller already holds (opening a ticket: its policy, its clock rows and
 * their projection with explanations, all decided before the ticket was written).
 */
export async function ticketView(
  db: Db,
  t: TicketRow,
  actor: Actor,
  known: { policy?: PolicyModel; clockRows?: ClockRow[]; projected?: readonly ClockProjection[] } = {},
): Promise<TicketView> {
  const rows = (known.clockRows ?? (await clockRowsOf(db, t.id))).filter((c) => c.state !== 'cancelled');
  if (rows.length === 0) return { ...baseView(t), clocks: [] };
  const policy = known.policy ?? (await policyVersion(db, t.policy_version));
  const forContact = actor.kind === 'contact';
  const hedges = clockHedges(policy, t, rows);
  const clocks = clockViews(rows, hedges, forContact, t.severity);
  if (ticketHasSla(policy, t)) {
    // A ticket just opened (`known.projected`) has no breach or ended clock: its history is not read.
    const events = known.projected && !rows.some((r) => r.state === ENDED || r.breached_at !== null) ? [] : await eventsOf(db, t.id);
    const projected = known.projected ?? projectTicketClocks(policy, t, events, { explain: true });
    for (const clock of clocks) {
      const row = rows.find((r) => r.metric === clock.metric)!;
      const hedged = hedges[clock.metric] !== undefined;
      if (row.state === ENDED) {
        clock.explain = await endedExplain(db, policy, t, row, events, hedged);
        continue;
      }
      if (missedThenMoved(row)) {
        clock.explain = await missedExplain(db, policy, t, row, events, hedged);
        continue;
      }
      const p = projected.find((x) => x.metric === clock.metric);
      const stands = breachStandsLine(policy, row, events, zoneOf(policy, t.plan_id), hedged);
      // The desk's own reminders (sla/clocks.ts deskExplain) are how the team keeps its time, not
      // what the policy promises the customer: a contact reads only the policy's side.
      clock.explain = p ? [...(stands ? [stands] : []), ...p.explain, ...(forContact ? [] : (p.deskExplain ?? []))] : [];
    }
  }
  return { ...baseView(t), clocks };
}

export { CLOCK_COLUMNS };
