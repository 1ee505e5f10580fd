// A ticket's history as the clocks read it (clocks.ts projectClocks): the events that start, pause,
// meet and hand over its clocks, and two readings of them, when it sat in some statuses and the
// first event of a kind after an instant. Pure, as the clocks are.
import type { Interval } from '../calendar/index.ts';
import type { TicketStatus } from '../policy/index.ts';

export type TicketHistoryEvent =
  | { type: 'status'; at: number; status: TicketStatus }
  | { type: 'public_reply'; at: number; byAgent: boolean; hasEta: boolean; written?: number }
  | { type: 'agent_action'; at: number }
  /**
   * The ticket was handed to on-call after it opened: support closed on it, it was regraded into an
   * after-hours rule while closed, or the customer wrote on it through `channel` outside hours, the
   * channel the rule takes it by (tickets/handover.ts).
   */
  | { type: 'handover'; at: number; channel?: string }
  /**
   * An update the cadence owed was missed: its breach was recorded (tickets/sweep.ts). `at` is the
   * due time it was owed by; the next update is owed a cadence after it. `written` (a reply's too): its place among the writes.
   */
  | { type: 'update_missed'; at: number; written?: number }
  /** Its severity changed to `to`. */
  | { type: 'regraded'; at: number; to: number }
  /** On call was paged at its arrival to triage it, its severity unknown (a mail), for these after-hours rules (tickets/after-hours.ts, 'triage'). */
  | { type: 'paged_to_triage'; at: number; rules: string[] };


/** Intervals during which the ticket sat in one of `statuses`; the last may be open (to = Infinity). */
export function intervalsIn(events: TicketHistoryEvent[], statuses: ReadonlySet<TicketStatus>, from: number): Interval[] {
  const out: Interval[] = [];
  let openFrom: number | null = null;
  for (const e of events) {
    if (e.type !== 'status' || e.at < from) continue;
    const inside = statuses.has(e.status);
    if (inside && openFrom === null) openFrom = e.at;
    if (!inside && openFrom !== null) {
      out.push({ from: openFrom, to: e.at });
      openFrom = null;
    }
  }
  if (openFrom !== null) out.push({ from: openFrom, to: Infinity });
  return out;
}

export function firstAfter(events: TicketHistoryEvent[], from: number, test: (e: TicketHistoryEvent) => boolean): number | null {
  for (const e of events) if (e.at >= from && test(e)) return e.at;
  return null;
}
