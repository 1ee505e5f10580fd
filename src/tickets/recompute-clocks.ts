// The persisting twin of sla/clocks.ts: load a ticket's history, project its clocks with
// the policy version the ticket is on, and store them. The sla_clocks rows are a cache of
// that projection plus the marks only the sweep writes (warned_at, breached_at). A clock the
// projection no longer owes is ended with its record, or cancelled (ended-clocks.ts).
import { randomUUID } from 'node:crypto';
import { writeAll, type Db, type Rows } from '../platform/index.ts';
import type { PolicyModel, TicketStatus } from '../policy/index.ts';
import { projectClocks, type ClockProjection, type TicketHistoryEvent } from '../sla/index.ts';
import { eventsOf, type EventRow, type TicketRow } from './store.ts';
import type { ClockRow } from './view.ts';
import { ticketHasSla } from './sla-applies.ts';
import { handoverDue } from './after-hours.ts';
import { policyVersion } from '../policy-versions/index.ts';
import { endDroppedClocks, metByAnswersReadLate } from './ended-clocks.ts';
import { owedCondition } from './owed.ts';
import { recordMissedBreaches } from './sweep.ts';

// Anything an agent does on the ticket counts as triage (OPS-COM: "Issues will be triaged within 15 minutes").
const AGENT_ACTIONS = new Set(['note', 'assigned', 'regraded', 'link_added', 'status_changed', 'reopened', 'escalated', 'qa_verified', 'fix_released', 'coverage_marked', 'escalation_unwarranted']);

/**
 * The history the clocks depend on, from timeline rows (oldest first). `undone`: the id of a
 * regrade read as what an agent did then, not as a change of severity (clocksAtChange).
 */
export function historyOf(events: readonly EventRow[], undone?: string): TicketHistoryEvent[] {
  const out: TicketHistoryEvent[] = [];
  for (const e of events) {
    const at = e.at.epochMilliseconds;
    const received = receivedAt(e);
    const written = e.seq === undefined ? undefined : Number(e.seq);
    if (e.type === 'reply') out.push({ type: 'public_reply', at: received, byAgent: e.actor_kind === 'agent', hasEta: typeof e.data.eta === 'string', written });
    // Opened by the agent who answered the customer on the call (create-ticket.ts): answered then.
    if (e.type === 'created' && e.actor_kind === 'agent' && e.data.answered_live === true) out.push({ type: 'public_reply', at, byAgent: true, hasEta: false });
    if (e.type === 'status_changed' || e.type === 'reopened') {
      const status = e.data.to as TicketStatus;
      // A mailed status (#pending, #solved; the customer's mail bringing a ticket back to open)
      // holds from its arrival, and again from its writing: a status a colleague set in between
      // held from then until it, and the ticket ends in the one written last, as its row says.
      if (received < at) out.push({ type: 'status', at: received, status });
      out.push({ type: 'status', at, status });
    }
    if (e.actor_kind === 'agent' && AGENT_ACTIONS.has(e.type)) out.push({ type: 'agent_action', at: received });
    if (e.type === 'regraded' && typeof e.data.to === 'number' && e.id !== undone) out.push({ type: 'regraded', at, to: e.data.to });
    // Paged at its arrival to triage a request of no known severity: its triage is owed from then
    // (sla/clocks.ts); only a page that says so (after-hours.ts, triage_owed), never one of before.
    if (e.type === 'paged' && e.data.reason === 'after_hours_unclassified' && e.data.triage_owed === true && Array.isArray(e.data.rules)) out.push({ type: 'paged_to_triage', at, rules: e.data.rules.map(String) });
    // A missed update ends its cycle at the time it was due, whenever the sweep recorded it.
    if (e.type === 'sla_breach' && e.data.metric === 'update' && typeof e.data.due === 'string') out.push({ type: 'update_missed', at: Temporal.Instant.from(e.data.due).epochMilliseconds, written });
    // The hand-over happened at the closing instant, whenever the sweep wrote it down.
    // On the customer's mail, with the channel it came by (handover.ts handOverOnMail).
    if (e.type === 'handed_to_on_call') {
      const channel = typeof e.data.channel === 'string' ? { channel: e.data.channel } : {};
      out.push({ type: 'handover', at: Temporal.Instant.from(String(e.data.at ?? e.at.toString())).epochMilliseconds, ...channel });
    }
  }
  return out;
}

/**
 * When an entry counts for the clocks: a mailed answer read after other writes on the ticket is
 * stamped after them and counts as of its arrival (write-context.ts `received_at`), which the
 * breach hold waited for (owed.ts breachCutoff). A breach the sweep recorded meanwhile (the mail
 * waited past the hold's cap) keeps its mark, its entry and its mail: it was announced and is not
 * fired again; the clock reads met as of the arrival, and the reports count it met in time
 * (sla-attainment.ts BREACH_STANDS), as for a mail read past the cap with no write between: the hold
 * only delays the announcement, the answer's time is its arrival. Entries written before the desk
 * recorded arrivals on them carry none and count as stamped: what was counted then stays so.
 */
function receivedAt(e: EventRow): number {
  const at = e.at.epochMilliseconds;
  const received = typeof e.data.received_at === 'string' ? Date.parse(e.data.received_at) : NaN;
  return Number.isFinite(received) && received < at ? received : at;
}

/** The ticket's clocks as the policy projects them from its history (none when no SLA applies). */
export function projectTicketClocks(
  policy: PolicyModel, ticket: TicketRow, events: readonly EventRow[], options: { explain?: boolean; undone?: string; until?: number } = {},
): ClockProjection[] {
  if (!ticketHasSla(policy, ticket)) return [];
  const history = historyOf(events, options.undone);
  return projectClocks(
    policy,
    {
      plan: ticket.plan_id, severity: ticket.severity, openedSeverity: openedSeverityOf(ticket, events), channel: ticket.channel,
      openedAt: ticket.created_at.epochMilliseconds, events: options.until === undefined ? history : history.filter((h) => h.at <= options.until!),
      takenAtArrival: ticket.handed_over_at?.epochMilliseconds === ticket.created_at.epochMilliseconds,
    },
    { explain: options.explain },
  );
}

/**
 * The terms a change (a regrade, a move to a new policy version) ended (`before`) or left (`after`):
 * the policy version and severity the clocks were owed under. A regrade changes the severity under
 * the version in force then (the one a later move left, else the ticket's); a move changes the
 * version under the severity in force then (the one a later regrade changed, else the ticket's).
 */
export function termsOfChange(ticket: Pick<TicketRow, 'policy_version' | 'severity'>, events: readonly EventRow[], change: EventRow, side: 'before' | 'after'): { version: number; severity: number } | null {
  const later = events.slice(events.findIndex((e) => e.id === change.id) + 1);
  const first = (type: string) => later.find((e) => e.type === type && typeof e.data.from === 'number')?.data.from as number | undefined;
  const pick = (v: unknown) => (typeof v === 'number' ? v : null);
  const severity = change.type === 'regraded' ? pick(side === 'before' ? change.data.from : change.data.to) : (first('regraded') ?? ticket.severity);
  const version = change.type === 'policy_changed' ? pick(side === 'before' ? change.data.from : change.data.to) : (first('policy_changed') ?? ticket.policy_version);
  return severity === null || version === null ? null : { version, severity };
}

/**
 * The clocks as the terms stood at the change `change` (a timeline row: a regrade, a move to a new
 * policy version; `side` 'before') or as it left them ('after'), under the version and severity of
 * that side (termsOfChange; `policyOf` loads a version), from the history up to it. Before a regrade,
 * the regrade itself is read as what an agent did then (OPS-COM's triage: deciding how grave an issue
 * is is triaging it): what it settled under the terms it ended (ended-clocks.ts). An entry read
 * after the change but received before it (a mailed answer that waited to be read) is of the history
 * before it, as of its arrival: read in time, it would have come before the change
 * (ended-clocks.ts metByAnswersReadLate). `severity`: the one the clocks were owed under on that side.
 */
export async function clocksAtChange(
  policyOf: (version: number) => Promise<PolicyModel>, ticket: TicketRow, events: readonly EventRow[], change: EventRow, side: 'before' | 'after',
): Promise<{ severity: number | null; clocks: readonly ClockProjection[] }> {
  const terms = termsOfChange(ticket, events, change, side);
  if (terms === null) return { severity: null, clocks: [] };
  const policy = await policyOf(terms.version);
  const until = change.at.epochMilliseconds;
  const was = { ...ticket, severity: terms.severity, policy_version: terms.version };
  if (side === 'after') return { severity: terms.severity, clocks: projectTicketClocks(policy, was, events, { until }) };
  const upTo = events.filter((e) => e.at.epochMilliseconds <= until || receivedAt(e) <= until);
  const undone = change.type === 'regraded' ? change.id : undefined;
  return { severity: terms.severity, clocks: projectTicketClocks(policy, was, upTo, { undone, until }) };
}

/** The severity the ticket arrived with: what its first regrade changed, or the one it has. */
export function openedSeverityOf(ticket: Pick<TicketRow, 'severity'>, events: readonly EventRow[]): number {
  const first = events.find((e) => e.type === 'regraded' && typeof e.data.from === 'number');
  return first ? (first.data.from as number) : ticket.severity;
}

const ms = (n: number | null) => (n === null ? null : Temporal.Instant.fromEpochMilliseconds(n));

/** The stored rows of freshly projected clocks, as a read of sla_clocks would return them (no marks yet). */
export function projectedClockRows(projected: readonly ClockProjection[]): ClockRow[] {
  return projected.map((c) => ({
    metric: c.metric, state: c.state, goal_at: ms(c.goalAt), due_at: ms(c.dueAt), met_at: ms(c.metAt),
    breached_at: null, warned_at: null, remind_at: ms(c.remindAt), severity: null, policy_version: null, ended_at: null, ended_by: null,
  }));
}

/**
 * One statement storing all the ticket's projected clocks (null when there are none). A restarted
 * cycle (the update cadence: a new start) clears the marks of the previous cycle. Any other clock
 * has one cycle, whatever moves its start (a regrade into a stricter time counts from the regrade,
 * sla/regrade-start.ts; a regrade back counts from the opening again), so its marks are kept:
 * up to Severity 1, breached, then down to 2 is still one missed response. Within a cycle a warning or a
 * breach that fired stays fired, whatever a regrade or a new policy version does to the goal or
 * due time: it happened, under the rules in force then, and is on the timeline and in the mail;
 * firing it again would page and mail twice for one missed promise. A mark not yet fired follows
 * the new times. (A reminder is re-armed when its time moves: it is a nudge, not a record.) A breach
 * kept keeps the severity it was breached under (the reports count it there); else the clock is
 * owed under the severity whose time it runs to: the ticket's, or the earlier one whose shorter time
 * an upgrade kept (sla/regrade-start.ts: missed, that severity's time was missed). A clock ended (ended-clocks.ts) and owed again is the
 * projection's again, its marks kept by the same rules.
 */
export function clocksUpsert(ticket: Pick<TicketRow, 'id' | 'policy_version' | 'severity'>, projected: readonly ClockProjection[], now: Temporal.Instant): Rows | null {
  if (projected.length === 0) return null;
  const rows = projected.map((c) => [
    randomUUID(), ticket.id, c.metric, c.state, ticket.policy_version, ms(c.startedAt),
    JSON.stringify(c.pauses.map((p) => ({ from: ms(p.from)!.toString(), to: ms(p.to)!.toString() }))),
    ms(c.goalAt), ms(c.dueAt), ms(c.metAt), now, ms(c.remindAt), c.severity ?? ticket.severity,
  ]);
  const marksKept = "(sla_clocks.started_at = EXCLUDED.started_at OR sla_clocks.metric <> 'update')";
  return {
    sql: `INSERT INTO sla_clocks (id, ticket_id, metric, state, policy_version, started_at, paused_intervals, goal_at, due_at, met_at, updated_at, remind_at, severity)
       SELECT c1::uuid, c2::uuid, c3, c4, c5::integer, c6::timestamptz, c7::jsonb, c8::timestamptz, c9::timestamptz, c10::timestamptz, c11::timestamptz, c12::timestamptz, c13::integer FROM {rows}
       ON CONFLICT (ticket_id, metric) DO UPDATE SET
         state = EXCLUDED.state, policy_version = EXCLUDED.policy_version,
         warned_at = CASE WHEN ${marksKept} THEN sla_clocks.warned_at END,
         breached_at = CASE WHEN ${marksKept} THEN sla_clocks.breached_at END,
         severity = CASE WHEN ${marksKept} AND sla_clocks.breached_at IS NOT NULL THEN sla_clocks.severity ELSE EXCLUDED.severity END,
         reminded_at = CASE WHEN sla_clocks.started_at = EXCLUDED.started_at AND sla_clocks.remind_at IS NOT DISTINCT FROM EXCLUDED.remind_at THEN sla_clocks.reminded_at END,
         started_at = EXCLUDED.started_at, paused_intervals = EXCLUDED.paused_intervals,
         goal_at = EXCLUDED.goal_at, due_at = EXCLUDED.due_at, met_at = EXCLUDED.met_at, updated_at = EXCLUDED.updated_at,
         remind_at = EXCLUDED.remind_at, ended_at = NULL, ended_by = NULL`,
    columns: 13,
    rows,
  };
}

/** The changes of terms recordMissesMoved is for. */
const CHANGES_TERMS: ReadonlySet<string> = new Set(['regraded', 'policy_changed']);

/**
 * A regrade or a new policy version never erases a target already missed (product owner, stop 54).
 * Written at `now`, a clock unmet (or met after it) whose due time is at or before `now`, its breach
 * not recorded yet (the sweep had not come round, or held it for unread mail: owed.ts), that the
 * projection keeps in the same cycle with a later due time or none (a regrade to a longer target, a
 * new version loosening it) was missed at its due: its breach is recorded now, as the sweep would
 * have (sweep.ts recordMissedBreaches), under the severity it was owed under, before the upsert moves
 * its time; the breach then stands (clocksUpsert). A clock the projection drops ends past due and
 * keeps its miss (ended-clocks.ts). Not on any other write: a mailed #pending received before the due
 * time and read after it pauses the clock from its arrival, its due time then none, and nothing was
 * missed (test/email/answer-after-writes.test.ts). Whether any fired.
 */
async function recordMissesMoved(db: Db, ticketId: string, events: readonly EventRow[], projected: readonly ClockProjection[], now: Temporal.Instant): Promise<boolean> {
  if (!events.some((e) => CHANGES_TERMS.has(e.type) && e.at.epochMilliseconds === now.epochMilliseconds)) return false;
  const { rows } = await db.query<{ id: string; metric: string; due_at: Temporal.Instant; started_at: Temporal.Instant | null }>(
    `SELECT id, metric, due_at, started_at FROM sla_clocks WHERE ticket_id = $1 AND (${owedCondition('breach', '$2', '$2')})`,
    [ticketId, now],
  );
  const moved = rows.filter((r) => {
    const p = projected.find((c) => c.metric === r.metric);
    if (!p || (r.metric === 'update' && p.startedAt !== (r.started_at?.epochMilliseconds ?? null))) return false;
    return p.dueAt === null || p.dueAt > r.due_at.epochMilliseconds;
  });
  return moved.length > 0 && (await recordMissedBreaches(db, moved.map((r) => r.id), now)) > 0;
}

/** Re-projects a stored ticket's clocks from its stored history, and stores them. */
export async function recomputeClocks(db: Db, ticket: TicketRow, policy: PolicyModel, now: Temporal.Instant): Promise<void> {
  const events = await eventsOf(db, ticket.id);
  const projected = projectTicketClocks(policy, ticket, events);
  // A miss the sweep had not recorded is recorded before its time moves; then read afresh (a missed update starts its next cycle).
  if (await recordMissesMoved(db, ticket.id, events, projected, now)) return recomputeClocks(db, ticket, policy, now);
  const upsert = clocksUpsert(ticket, projected, now);
  if (upsert) await writeAll(db, [upsert]);
  // A change of severity, status or channel can make a ticket due for hand-over to on-call, or not.
  const handover = handoverDue(policy, ticket, now);
  if (handover?.toString() !== ticket.handover_at?.toString()) {
    await db.query('UPDATE tickets SET handover_at = $2 WHERE id = $1', [ticket.id, handover]);
  }
  // Metrics that no longer apply (a regrade, a new policy) are never deleted: a clock breached or
  // met ends with its record, one still running is cancelled (the timeline still explains what was
  // promised before).
  // The terms of a change are the version's it was made under: the ticket's own needs no load.
  const policyOf = (version: number) => (version === ticket.policy_version ? Promise.resolve(policy) : policyVersion(db, version));
  const terms = (r: EventRow, side: 'before' | 'after') => clocksAtChange(policyOf, ticket, events, r, side);
  await endDroppedClocks(db, ticket, events, projected.map((c) => c.metric), ticketHasSla(policy, ticket), now, terms);
  // A ticket support does not cover was never promised anything: nothing of it ends met.
  if (ticketHasSla(policy, ticket)) await metByAnswersReadLate(db, ticket.id, events, now, terms);
}

