// Clocks a regrade or a new policy version no longer owes, kept as the record of what happened.
//
// A target that was missed stays missed; one that was met stays met. The sla_clocks row of a
// metric is the projection's while the policy owes it (recompute-clocks.ts writes it from the
// history). When a re-projection no longer owes a metric (OPS-COM's Critical after hours regraded
// to Not critical: no triage, no status notification; a new version that drops a target):
//   - a clock already breached (the sweep recorded breached_at), or met, or an update cadence with
//     a missed update recorded that counts (not one given in time whose mail was read late: the
//     reports' rule, sla-attainment.ts LAST_MISSED_DUE), ENDS: state 'ended', its goal, due, met and
//     breach times as they were, ended_at/ended_by naming when and by which timeline entry, and the
//     severity it was owed under. The projection no longer owns it: a later re-projection leaves it as it is
//     (a policy version moved onto included), unless the metric is owed again (a regrade back),
//     when the row is the projection's again, with its marks: still one clock, one breach;
//   - a clock still running that the regrade settles under the terms it ends also ENDS: met by the
//     regrade itself, or by what was written with it (OPS-COM's triage: on call deciding an issue is
//     not critical is its triage, recompute-clocks.ts clocksAtChange), at that time, late if
//     past due (its breach then fired by the sweep, once); and one whose due time had already passed
//     under those terms, its breach not recorded yet (the sweep held it for mail still to be read,
//     owed.ts breachCutoff, or had not come round): the hold only waits for an answer that may
//     have met the clock in time; it does not move the due time, and a regrade after it cannot
//     unmake a miss. It ends unmet, due when it was, and the sweep records its breach once the hold
//     lifts, as for an owed clock;
//   - an answer received before the regrade and read after it (a mail that waited: stamped after the
//     regrade, it counts as of its arrival, write-context.ts) would have come before the regrade,
//     read in time; the same for a move to a new policy version, whose terms before it are the old
//     version's (recompute-clocks.ts clocksAtChange; answer-after-version.test.ts): a clock the
//     regrade ended that it meets under the terms that ended (the projection's own rule for that
//     metric: any agent action for OPS-COM's triage, a reply with its ETA for the status
//     notification) reads met at its arrival, when that is earlier than its
//     record (metByAnswersReadLate). Met in time, it owes no breach; one the sweep announced
//     meanwhile (the mail waited past the hold's cap, owed.ts) keeps its mark, not fired again, and
//     the reports count the clock met (sla-attainment.ts BREACH_STANDS), as for an owed clock. A
//     clock it cancelled (running, not yet due) that such an answer met (OPS-COM's status notification
//     answered with its ETA by mail at 23:20, regraded at 23:23, read at 23:30) was a promise kept
//     before the regrade: as a clock settled by what was written with the regrade, it ENDS, met at
//     the arrival, counted. A cadence the regrade ended as an update missed that such an answer gave
//     in time after all keeps the last miss that still counts; with none, it is what the regrade
//     would have made of it read in time: cancelled when its cycle was running, not yet due;
//   - a clock still running, not breached, not yet due and not settled by the change follows the
//     policy as before: cancelled, as the timeline still explains what was promised;
//   - a ticket support does not cover at all (set-coverage.ts) was never promised anything: every
//     clock of it is cancelled, ended ones too.
// An ended row keeps a state other than 'cancelled', so the reports count it (met or breached,
// under the severity it was owed under), and it is in the sweep's arms (owed.ts) with every mark
// it had fired: each claim sets its mark, so nothing fires twice; its reminder is cleared.
//
// A regrade that keeps the metric (OpenBack's Severity 1 first response, breached, regraded to
// Severity 3) keeps one row: one response is owed, and a missed one is one breach (the QA rule of
// test/tickets/breach-once.test.ts: no second breach, page or mail when the moved time passes
// too). The row's time follows the new target, the obligation the team works to now; its breach
// is never cleared, its severity stays the one it was breached under, and the reports count it
// breached even when the response then comes within the new time (sla-attainment.ts). Past due
// when regraded, its breach not recorded yet (the sweep had not come round, or held it), it was
// missed at its due all the same: the regrade records the breach first, as the sweep would, once
// (recompute-clocks.ts recordMissesMoved; test/tickets/regrade-records-miss.test.ts), then moves it.
import { severityPhrase, type PolicyModel } from '../policy/index.ts';
import type { Db } from '../platform/index.ts';
import { isoUtc, localText } from '../sla/index.ts';
import type { ClockProjection } from '../sla/index.ts';
import { JOIN_COUNTED_MISSES, LAST_MISSED_DUE } from './sla-attainment.ts';
import type { EventRow, TicketRow } from './store.ts';

/** The state of a clock no longer owed whose record is kept. */
export const ENDED = 'ended';

/** The timeline entries whose re-projection can stop owing a metric: a regrade, a move to a new policy version. */
const ENDING = new Set(['regraded', 'policy_changed']);

/** `missed`: a cadence's last update missed that counts (DROPPED_COLUMNS). */
type Dropped = {
  id: string; metric: string; due_at: Temporal.Instant | null; met_at: Temporal.Instant | null; breached_at: Temporal.Instant | null; missed: Temporal.Instant | null;
};

/**
 * The columns of a clock `c` an ending reads; for an update cadence, `missed`: the due time of the last
 * update the sweep recorded missed (tickets/sweep.ts) that counts, not one given in time whose mail was
 * read late (sla-attainment.ts LAST_MISSED_DUE, the reports' own rule). Read FROM DROPPED_CLOCKS.
 */
const DROPPED_COLUMNS = `c.id, c.metric, c.due_at, c.met_at, c.breached_at, CASE WHEN c.metric = 'update' THEN ${LAST_MISSED_DUE} END AS missed`;

/** The clocks `c` with their counted misses read once (JOIN_COUNTED_MISSES), which DROPPED_COLUMNS reads. */
const DROPPED_CLOCKS = `sla_clocks c ${JOIN_COUNTED_MISSES}`;

/**
 * The clocks as the terms stood at a change (a regrade, a move to a new policy version; `side`
 * 'before') and as it left them ('after'), with the severity they were owed under on that side
 * (recompute-clocks.ts clocksAtChange).
 */
export type ChangeTerms = (change: EventRow, side: 'before' | 'after') => Promise<{ severity: number | null; clocks: readonly ClockProjection[] }>;

/**
 * The owed clocks of the ticket the projection no longer has (`kept`: the metrics it has): ended
 * when breached or met, met by the regrade that drops them, or past due, else cancelled; with no
 * SLA at all (`hasSla` false), every clock cancelled.
 */
export async function endDroppedClocks(
  db: Db, ticket: Pick<TicketRow, 'id' | 'severity'>, events: readonly EventRow[], kept: readonly string[], hasSla: boolean, now: Temporal.Instant,
  terms: ChangeTerms = async () => ({ severity: null, clocks: [] }),
): Promise<void> {
  const cancel = (extra: string, params: unknown[]) => db.query(
    `UPDATE sla_clocks SET state = 'cancelled', goal_at = NULL, due_at = NULL, remind_at = NULL, updated_at = $3
     WHERE ticket_id = $1 AND NOT (metric = ANY($2::text[])) AND ${extra}`,
    [ticket.id, kept, now, ...params],
  );
  if (!hasSla) {
    await cancel("state <> 'cancelled'", []);
    return;
  }
  const { rows } = await db.query<Dropped>(
    `SELECT ${DROPPED_COLUMNS} FROM ${DROPPED_CLOCKS} WHERE c.ticket_id = $1 AND c.state NOT IN ('cancelled', '${ENDED}') AND NOT (c.metric = ANY($2::text[]))`,
    [ticket.id, kept],
  );
  if (rows.length === 0) return;
  const cause = events.findLast((e) => ENDING.has(e.type)) ?? null;
  // A clock of before migration 0072 has no severity of its own: the one the regrade changed.
  const owedUnder = cause?.type === 'regraded' && typeof cause.data.from === 'number' ? cause.data.from : ticket.severity;
  // Only this write's regrade can have settled a clock it drops: one dropped later, by something
  // else (a change of channel), was owed after it. A move to a new version is no act of an agent's:
  // what the history had met, the row already has.
  const changedNow = cause !== null && cause.at.equals(now);
  const settledBy = cause?.type === 'regraded' && changedNow ? (await terms(cause, 'before')).clocks : [];
  const ended: string[] = [];
  for (const c of rows) {
    const settled = c.breached_at !== null || c.met_at !== null;
    // An update cadence's running cycle is not breached, but one before it was (its miss recorded,
    // the cycle restarted at its due time): the record kept is that last missed update.
    const missed = settled || c.metric !== 'update' ? null : c.missed;
    const metAt = settled || missed ? null : (settledBy.find((p) => p.metric === c.metric)?.metAt ?? null);
    const met = metAt === null ? null : Temporal.Instant.fromEpochMilliseconds(metAt);
    // Past due under the terms this write's regrade or version ended (not a clock dropped for another
    // reason, such as a page of before triage_owed read again: that one was never owed, and is cancelled).
    const pastDue = changedNow && c.due_at !== null && Temporal.Instant.compare(c.due_at, now) <= 0;
    if (!settled && !missed && !met && !pastDue) continue;
    ended.push(c.id);
    await db.query(
      `UPDATE sla_clocks SET state = '${ENDED}', ended_at = $2, ended_by = $3, severity = COALESCE(severity, $4::integer), remind_at = NULL, updated_at = $2,
         goal_at = CASE WHEN $5::timestamptz IS NULL THEN goal_at END, due_at = COALESCE($5::timestamptz, due_at), breached_at = COALESCE($5::timestamptz, breached_at),
         met_at = COALESCE(met_at, $6::timestamptz)
       WHERE id = $1`,
      [c.id, now, cause?.id ?? null, owedUnder, missed, met],
    );
  }
  await cancel(`state NOT IN ('cancelled', '${ENDED}') AND NOT (id = ANY($4::uuid[]))`, [ended]);
}

/**
 * `e` was written after `change` but reached the desk by then: stamped after it, with when it was
 * received (write-context.ts `received_at`), or stamped at its arrival, before it. A move to a new
 * version does not touch the ticket (reproject.ts), so a mail read after it is stamped at its arrival
 * when nothing else was written on the ticket since.
 */
function receivedBefore(e: EventRow, change: EventRow): boolean {
  const received = typeof e.data.received_at === 'string' ? Date.parse(e.data.received_at) : e.at.epochMilliseconds;
  return received <= change.at.epochMilliseconds && Number(e.seq) > Number(change.seq);
}

/**
 * What a regrade or a move to a new policy version would have made of the clocks it stopped owing,
 * had the answers received before it and read after it been read in time (the comment at the top):
 * the terms before it are the severity a regrade changed, the version a move left. A clock it ended
 * reads met at such an answer's arrival when that is earlier than its record; a cadence it ended
 * keeps the last update missed that counts, and with none is decided again as at the change
 * (endAsOwed); a clock it cancelled (running, not yet due) that such an answer met ends met then. A
 * cancelled row does not say what cancelled it: the last of those changes that owed its metric
 * before and not after (a best guess: a clock a change of channel cancelled after one of them, the
 * mail read after both, is taken for that change's).
 */
export async function metByAnswersReadLate(
  db: Db, ticketId: string, events: readonly EventRow[], now: Temporal.Instant, terms: ChangeTerms,
): Promise<void> {
  const changes = events.filter((r) => ENDING.has(r.type) && events.some((e) => receivedBefore(e, r)));
  if (changes.length === 0) return;
  const { rows } = await db.query<Dropped & { state: string; ended_by: string | null }>(
    `SELECT ${DROPPED_COLUMNS}, c.state, c.ended_by::text AS ended_by FROM ${DROPPED_CLOCKS}
     WHERE c.ticket_id = $1 AND (c.state = 'cancelled' OR (c.state = '${ENDED}' AND c.ended_by::text = ANY($2::text[])))`,
    [ticketId, changes.map((r) => r.id)],
  );
  // Each side of each change projected once, and only when a row asks (a move loads the version it left).
  const seen = new Map<string, ReturnType<ChangeTerms>>();
  const side = (r: EventRow, s: 'before' | 'after') => seen.get(`${r.id} ${s}`) ?? seen.set(`${r.id} ${s}`, terms(r, s)).get(`${r.id} ${s}`)!;
  const owedAt = async (r: EventRow, metric: string) => (await side(r, 'before')).clocks.find((p) => p.metric === metric) ?? null;
  const owedUnder = async (r: EventRow) => (await side(r, 'before')).severity;
  for (const c of rows) {
    if (c.state === 'cancelled') {
      let r: EventRow | null = null;
      for (const g of changes.toReversed()) {
        if ((await owedAt(g, c.metric)) !== null && !(await side(g, 'after')).clocks.some((p) => p.metric === c.metric)) { r = g; break; }
      }
      const p = r ? await owedAt(r, c.metric) : null;
      if (r && p?.metAt != null) await endAsOwed(db, c.id, r, await owedUnder(r), p, now);
      continue;
    }
    const r = changes.find((g) => g.id === c.ended_by)!;
    const p = await owedAt(r, c.metric);
    const recorded = c.metric === 'update' && c.met_at === null && c.breached_at !== null;
    if (recorded && c.missed === null) await endAsOwed(db, c.id, r, await owedUnder(r), p, now);
    else if (recorded && !c.missed!.equals(c.breached_at!)) {
      await db.query('UPDATE sla_clocks SET due_at = $2, breached_at = $2, updated_at = $3 WHERE id = $1', [c.id, c.missed, now]);
    } else if (p?.metAt != null && (c.met_at === null || c.met_at.epochMilliseconds > p.metAt)) {
      await db.query('UPDATE sla_clocks SET met_at = $2, updated_at = $3 WHERE id = $1', [c.id, Temporal.Instant.fromEpochMilliseconds(p.metAt), now]);
    }
  }
}

/**
 * The clock `id` as the change `r` leaves it under the terms it ended (`p`, counting the answers read
 * late): met, or past due (its breach, not recorded, for the sweep to record), it ends then, the
 * severity it was owed under kept (`severity`, for a row that has none); else (running, not yet due)
 * it is cancelled.
 */
async function endAsOwed(db: Db, id: string, r: EventRow, severity: number | null, p: ClockProjection | null, now: Temporal.Instant): Promise<void> {
  const ms = (n: number | null) => (n === null ? null : Temporal.Instant.fromEpochMilliseconds(n));
  if (p === null || (p.metAt === null && (p.dueAt === null || p.dueAt > r.at.epochMilliseconds))) {
    await db.query(
      "UPDATE sla_clocks SET state = 'cancelled', goal_at = NULL, due_at = NULL, breached_at = NULL, remind_at = NULL, ended_at = NULL, ended_by = NULL, updated_at = $2 WHERE id = $1",
      [id, now],
    );
    return;
  }
  await db.query(
    `UPDATE sla_clocks SET state = '${ENDED}', ended_at = $2, ended_by = $3, severity = COALESCE(severity, $4::integer), goal_at = $5, due_at = $6, met_at = $7,
       breached_at = NULL, remind_at = NULL, updated_at = $8 WHERE id = $1`,
    [id, r.at, r.id, severity, ms(p.goalAt), ms(p.dueAt), ms(p.metAt), now],
  );
}

/** A clock row as the explanations below read it (tickets/view.ts ClockRow). */
type ExplainedRow = {
  due_at: Temporal.Instant | null; met_at: Temporal.Instant | null; breached_at: Temporal.Instant | null;
  ended_at: Temporal.Instant | null; ended_by: string | null; severity?: number | null;
};

/** "Wed Dec 2 2026 11:40 PM EST = 2026-12-03T04:40:00Z", as every explanation says an instant (sla/format.ts). */
const when = (at: Temporal.Instant, zone: string) => `${localText(at.epochMilliseconds, zone)} = ${isoUtc(at.epochMilliseconds)}`;

/** What changed the clock's terms: the regrade or the move to a new policy version, named with its time. */
function changeWords(policy: PolicyModel, e: EventRow, zone: string): string {
  return e.type === 'regraded' && typeof e.data.to === 'number'
    ? `the regrade to ${severityPhrase(policy, e.data.to)} ${when(e.at, zone)}`
    : `the move to version ${String(e.data.to)} of the support policy ${when(e.at, zone)}`;
}

/** A breach that stands: its time, unless a reply met the clock before it (a mail that waited). */
export function breachStands<T extends Pick<ExplainedRow, 'met_at' | 'breached_at'>>(c: T): c is T & { breached_at: Temporal.Instant } {
  return c.breached_at !== null && (c.met_at === null || Temporal.Instant.compare(c.met_at, c.breached_at) > 0);
}

/**
 * The line an ended clock's explanation ends with: "Breached <time>; no longer owed after the
 * regrade to Not critical <time>." (`hedged`: a time the policy gives approximately or as a goal,
 * whose passing is said as such.)
 */
export function endedLine(policy: PolicyModel, c: ExplainedRow, events: readonly EventRow[], zone: string, hedged: boolean): string {
  const outcome = breachStands(c)
    ? `${hedged ? 'Its time passed' : 'Breached'} ${when(c.breached_at, zone)}${c.met_at ? `, met ${when(c.met_at, zone)}` : ''}`
    : c.met_at ? `Met ${when(c.met_at, zone)}` : 'Ended';
  const cause = c.ended_by ? events.find((e) => e.id === c.ended_by) : undefined;
  const after = cause ? `after ${changeWords(policy, cause, zone)}` : `from ${when(c.ended_at!, zone)}`;
  return `${outcome}; no longer owed ${after}.`;
}

/** The first regrade or move to a new policy version at or after `at`: the change that moved a time breached then. */
export function changeSince(events: readonly EventRow[], at: Temporal.Instant): EventRow | undefined {
  return events.find((e) => ENDING.has(e.type) && Temporal.Instant.compare(e.at, at) >= 0);
}

/**
 * An owed clock breached before a regrade or a new policy version moved its time (its due time is
 * no longer the one it was breached at): the breach stands, under the severity it was breached under
 * (the clock's), and met since, when (the clock then shows the due it missed: view.ts clockViews).
 * Null for any other clock.
 */
export function breachStandsLine(policy: PolicyModel, c: ExplainedRow, events: readonly EventRow[], zone: string, hedged: boolean): string | null {
  if (!breachStands(c) || (c.due_at !== null && c.due_at.equals(c.breached_at))) return null;
  const breachedAt = c.breached_at;
  const moved = events.findLast((e) => ENDING.has(e.type) && Temporal.Instant.compare(e.at, breachedAt) >= 0);
  if (!moved) return null;
  const under = typeof c.severity === 'number' ? ` under ${severityPhrase(policy, c.severity)}` : '';
  const met = c.met_at ? `; met ${when(c.met_at, zone)}` : '';
  return `${hedged ? 'Its time passed' : 'Breached'} ${when(breachedAt, zone)}, as then owed${under}${met}; ${changeWords(policy, moved, zone)} moved its time since, and the ${hedged ? 'passing' : 'breach'} stands.`;
}
