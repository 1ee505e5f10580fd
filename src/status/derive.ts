// Pure rules of the status page: the overall indicator from component statuses and open
// incidents, and the daily uptime bars from a component's status history. No I/O, no clock:
// "now" and the history come in as arguments (the stored rows are their input, never a cache
// of their output).
import type { ComponentStatus, Impact, Indicator } from './schemas.ts';

const SEVERITY: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

const INDICATOR_OF_COMPONENT: Record<ComponentStatus, Indicator> = {
  operational: 'none',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

const RANK: Record<Indicator, number> = { none: 0, maintenance: 1, minor: 2, major: 3, critical: 4 };

// Statuspage's own descriptions, so widgets that show the text read the same.
const DESCRIPTION: Record<Indicator, string> = {
  none: 'All Systems Operational',
  maintenance: 'Service Under Maintenance',
  minor: 'Partially Degraded Service',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
};

/** The worse of two component statuses. */
export function worseStatus(a: ComponentStatus, b: ComponentStatus): ComponentStatus {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

/**
 * The page's indicator: the worst of the components' statuses and the impacts of unresolved
 * incidents (an incident with no component still raises it).
 * @example
 * overallStatus(['operational', 'partial_outage'], []) // { indicator: 'major', description: 'Partial System Outage' }
 */
export function overallStatus(components: readonly ComponentStatus[], openImpacts: readonly Impact[]): { indicator: Indicator; description: string } {
  let indicator: Indicator = 'none';
  const raise = (i: Indicator) => {
    if (RANK[i] > RANK[indicator]) indicator = i;
  };
  for (const s of components) raise(INDICATOR_OF_COMPONENT[s]);
  for (const impact of openImpacts) raise(impact);
  return { indicator, description: DESCRIPTION[indicator] };
}

/**
 * The overall status of a page that publishes scheduled maintenance only (OfficeSpace: "Scheduled
 * Outages"): the vendor reports no incidents there, so the page cannot know, and never says, that
 * all systems are operational. A maintenance in progress (or a component under maintenance) is
 * "Service Under Maintenance"; a component status the team set is shown as on any page; otherwise
 * the indicator is Statuspage's `none` (no indicator raised: the format has no "unknown", and a
 * made-up value would break the widgets /api/v2 exists for) with a description that claims
 * nothing beyond what the page publishes.
 * @example
 * maintenanceOnlyStatus(['operational'], false) // { indicator: 'none', description: 'No maintenance in progress' }
 * maintenanceOnlyStatus([], true) // { indicator: 'maintenance', description: 'Service Under Maintenance' }
 */
export function maintenanceOnlyStatus(components: readonly ComponentStatus[], maintenanceInProgress: boolean): { indicator: Indicator; description: string } {
  const worst = overallStatus(components, []);
  if (worst.indicator === 'none' && maintenanceInProgress) return { indicator: 'maintenance', description: DESCRIPTION.maintenance };
  if (worst.indicator === 'none') return { indicator: 'none', description: NO_MAINTENANCE };
  return worst;
}

/** The description of a maintenance-only page with nothing under way (never "All Systems Operational"). */
export const NO_MAINTENANCE = 'No maintenance in progress';

/** A group's status: the worst of its members'. */
export function groupStatus(members: readonly ComponentStatus[]): ComponentStatus {
  return members.reduce<ComponentStatus>(worseStatus, 'operational');
}

export type StatusChange = { at: Temporal.Instant; status: ComponentStatus };
export type UptimeDay = {
  /** The day in the page's zone, YYYY-MM-DD. */
  date: string;
  /** The worst status the day saw; null for a day the window has not reached. */
  worst: ComponentStatus;
  /** Fraction of the day's elapsed time counted as up (1 = no outage). */
  uptime: number;
  /** Minutes at each non-operational status that day. */
  minutes: Partial<Record<ComponentStatus, number>>;
};

// Statuspage's weighting: a major outage counts fully, a partial outage 30 %; degraded
// performance and maintenance count as up (maintenance was announced).
const PARTIAL_WEIGHT = 0.3;

function downMinutes(minutes: Partial<Record<ComponentStatus, number>>): number {
  return (minutes.major_outage ?? 0) + PARTIAL_WEIGHT * (minutes.partial_outage ?? 0);
}

/**
 * The instant a calendar day begins in a zone: its first instant, which is not always 00:00 (a zone
 * that springs forward at midnight starts that day at 01:00). A day runs from its start to the next
 * day's start, so a day of a DST change is 23 or 25 hours long, never cut at 24.
 */
function dayStart(date: Temporal.PlainDate, timeZone: string): Temporal.Instant {
  return date.toZonedDateTime(timeZone).toInstant();
}

/** The first instant of the uptime window: the start, in `timeZone`, of the day `days - 1` days before today. */
export function uptimeWindowStart(now: Temporal.Instant, days: number, timeZone: string): Temporal.Instant {
  return dayStart(now.toZonedDateTimeISO(timeZone).toPlainDate().subtract({ days: days - 1 }), timeZone);
}

/**
 * The last `days` days in `timeZone` (the page's zone, the one its times are shown in) up to
 * `now`, today last, from the status at the window's start and the changes after it (sorted or
 * not). Today counts only its elapsed part.
 * @example
 * // A 6-hour major outage on a full day: uptime 0.75, worst 'major_outage'.
 */
export function uptimeDays(input: {
  initial: ComponentStatus;
  changes: readonly StatusChange[];
  now: Temporal.Instant;
  days: number;
  timeZone: string;
}): { days: UptimeDay[]; uptime: number } {
  const zone = input.timeZone;
  const first = input.now.toZonedDateTimeISO(zone).toPlainDate().subtract({ days: input.days - 1 });
  const start = dayStart(first, zone);
  const changes = [...input.changes].sort((a, b) => Temporal.Instant.compare(a.at, b.at));
  // The status in force at the window's start: the initial one, moved by changes before it.
  let status = input.initial;
  let i = 0;
  while (i < changes.length && Temporal.Instant.compare(changes[i].at, start) <= 0) status = changes[i++].status;
  const out: UptimeDay[] = [];
  let elapsedTotal = 0;
  let downTotal = 0;
  for (let d = 0; d < input.days; d++) {
    const date = first.add({ days: d });
    const dayBegins = dayStart(date, zone);
    const dayEndFull = dayStart(date.add({ days: 1 }), zone);
    const dayEnd = Temporal.Instant.compare(dayEndFull, input.now) > 0 ? input.now : dayEndFull;
    const minutes: Partial<Record<ComponentStatus, number>> = {};
    let worst = status;
    let cursor = dayBegins;
    const add = (until: Temporal.Instant) => {
      const m = cursor.until(until).total('minutes');
      if (m > 0 && status !== 'operational') minutes[status] = (minutes[status] ?? 0) + m;
      cursor = until;
    };
    while (i < changes.length && Temporal.Instant.compare(changes[i].at, dayEnd) < 0) {
      add(changes[i].at);
      status = changes[i++].status;
      worst = worseStatus(worst, status);
    }
    add(dayEnd);
    const elapsed = dayBegins.until(dayEnd).total('minutes');
    const down = downMinutes(minutes);
    elapsedTotal += elapsed;
    downTotal += down;
    out.push({ date: date.toString(), worst, uptime: elapsed > 0 ? round4(1 - down / elapsed) : 1, minutes: roundAll(minutes) });
  }
  return { days: out, uptime: elapsedTotal > 0 ? round4(1 - downTotal / elapsedTotal) : 1 };
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function roundAll(m: Partial<Record<ComponentStatus, number>>): Partial<Record<ComponentStatus, number>> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v)]));
}

/** Incident statuses that are over; maintenance statuses that are over. */
export function isClosedStatus(status: string): boolean {
  return status === 'resolved' || status === 'postmortem' || status === 'completed';
}

/** The allowed next statuses: incidents move freely among the open ones and to resolved; maintenance forwards. */
export function canMove(kind: 'incident' | 'maintenance', from: string, to: string): boolean {
  if (kind === 'incident') return !isClosedStatus(from) && ['investigating', 'identified', 'monitoring', 'resolved'].includes(to);
  const order = ['scheduled', 'in_progress', 'verifying', 'completed'];
  const a = order.indexOf(from);
  const b = order.indexOf(to);
  // A scheduled maintenance may also be posted to again while still scheduled (a notice).
  return a >= 0 && b >= 0 && from !== 'completed' && (b > a || (b === a && from === 'scheduled'));
}

/**
 * Maintenance in the order a status team reads it: what is under way or still to come by its start,
 * soonest first (one under way started first, so it leads); then what has ended (its window past,
 * not yet marked completed), the most recently ended first.
 */
export function maintenanceOrder<T extends { scheduledFor: Temporal.Instant | null; scheduledUntil: Temporal.Instant | null }>(
  entries: T[], now: Temporal.Instant,
): T[] {
  const ms = (t: Temporal.Instant | null) => t?.epochMilliseconds ?? 0;
  const ended = (e: T) => ms(e.scheduledUntil) <= now.epochMilliseconds;
  const coming = entries.filter((e) => !ended(e)).sort((a, b) => ms(a.scheduledFor) - ms(b.scheduledFor));
  const past = entries.filter(ended).sort((a, b) => ms(b.scheduledUntil) - ms(a.scheduledUntil));
  return [...coming, ...past];
}
