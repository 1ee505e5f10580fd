// Projecting one target: from the instant its clock starts, with the pauses so far,
// to its goal (lower bound of a range) and due instant, explained in plain language.
import { addBusinessDays, addBusinessTime, businessTimeBetween, closedPeriods, holidaysBetween, isoDate, isOpen, nextOpen, type Interval } from '../calendar/index.ts';
import { clockOf, formatDuration, hoursText, type CalendarSpec, type Duration, type PolicyModel, type Target } from '../policy/index.ts';
import type { Amount } from '../policy/duration.ts';
import { isoUtc, localText, spanText, zoneAbbreviation } from './format.ts';

export type Projection = { metric: Target['metric']; clock: string; goal: number | null; due: number; explain: string[] };

const METRIC_WORDS: Record<Target['metric'], string> = {
  first_response: 'First response',
  update: 'Status update (communication cadence)',
  resolution: 'Resolution',
  triage: 'After-hours triage',
  status_notification: 'After-hours status notification',
};

function addAmount(policy: PolicyModel, target: Target, start: number, amount: Amount, pauses: Interval[]): number {
  const clock = clockOf(policy, target.clockId);
  return amount.kind === 'days' ? addBusinessDays(clock, start, amount.days, pauses) : addBusinessTime(clock, start, amount.ms, pauses);
}

/**
 * Projects a target; `explain: false` skips the wording (stored clocks do not keep it). `hours`: the
 * calendar of the request's plan, whose holidays a real-time clock runs through (none given: any of the policy's).
 */
export function projectTarget(policy: PolicyModel, target: Target, start: number, pauses: Interval[], zone: string, options: { explain?: boolean; hours?: string } = {}): Projection {
  const d = target.duration;
  if (!d) throw new Error(`target ${target.metric} has no duration`);
  const clock = clockOf(policy, target.clockId);
  const due = addAmount(policy, target, start, d.due, pauses);
  const goal = d.goal ? addAmount(policy, target, start, d.goal, pauses) : null;
  const explain: string[] = [];
  if (options.explain === false) return { metric: target.metric, clock: clock.id, goal, due, explain };
  const cal = clock.kind === 'calendar' ? policy.calendars.get(clock.id)! : null;
  const tz = cal?.time_zone ?? zone;
  const promised = promisedWords(target, d);
  if (!cal) {
    // "24x7" only where the file names that clock, as the receipt and the published page say it
    // (OpenBack's "24x7"); where it names none (OPS-COM: "triaged within 15 minutes"), the words are
    // the vendor's time alone, said to run in real time: "24x7" would be Accord's word.
    // Holidays only where the plan's hours close on some (OpenBack's), not where the policy has none (OPS-COM's).
    const through = closesOnHolidays(policy, options.hours) ? 'nights, weekends and holidays included' : 'nights and weekends included';
    explain.push(target.clockNamed ? `${promised}, on the 24x7 clock: real elapsed time, ${through}.` : `${promised} of real time, ${through}.`);
  } else {
    explain.push(`${promised}, counted only in ${calendarWords(policy, cal)}${labelOnTheseDates(cal, start, due)}.`);
    if (d.due.kind === 'days') {
      explain.push('A business day ends at the same local time on the next business day (or at that day\'s closing time if earlier).');
    }
    if (!isOpen(clock, start)) explain.push(`The clock starts at the next opening, ${localText(nextOpen(clock, start), tz)}.`);
    const gaps = closedPeriods(clock, start, due).filter((g) => g.to > g.from && g.to <= due && g.from >= start);
    if (gaps.length > 0) {
      const shown = gaps.slice(0, 4).map((g) => `${localText(g.from, tz)} to ${localText(g.to, tz)}`);
      const more = gaps.length > 4 ? ` and ${gaps.length - 4} more` : '';
      explain.push(`Skipped ${gaps.length} closed period${gaps.length === 1 ? '' : 's'}: ${shown.join('; ')}${more}.`);
    }
    const hols = holidaysBetween(clock, start, due);
    if (hols.length > 0) {
      explain.push(`Holidays on the way: ${hols.map((h) => `${isoDate(h.day)} ${h.name}${h.partial ? ' (partly closed)' : ''}`).join('; ')}.`);
    }
  }
  for (const p of pauses) {
    if (p.to <= start || p.from >= due) continue;
    const lost = businessTimeBetween(clock, Math.max(p.from, start), Math.min(p.to, due));
    explain.push(`Paused ${localText(p.from, tz)} to ${localText(p.to, tz)}: ${spanText(lost)} of clock time added.`);
  }
  if (goal !== null) explain.push(`Goal (the lower bound, ${formatDuration({ ...d, lower: null, upper: d.lower!, under: false })}): ${localText(goal, tz)} = ${isoUtc(goal)}; the support team is warned then.`);
  explain.push(dueWords(target, `${localText(due, tz)} = ${isoUtc(due)}`));
  return { metric: target.metric, clock: clock.id, goal, due, explain };
}

/** Whether the calendar (without one, any calendar of the policy) closes on any holiday. */
function closesOnHolidays(policy: PolicyModel, calendarId: string | undefined): boolean {
  const ids = calendarId === undefined ? [...policy.calendars.keys()] : [calendarId];
  return ids.some((id) => {
    const clock = clockOf(policy, id);
    if (clock.kind !== 'calendar') return false;
    const h = clock.cal.model.holidays;
    return h.regions.length > 0 || h.dates.length > 0 || h.yearly.length > 0;
  });
}

/**
 * What is promised, in the vendor's words where it gives them: its label ("Response Goal: 2 hours")
 * or the metric's ("First response within 2 hours"); its hedge kept ("approximately 30 minutes");
 * "Under 1 business day" read as "in under 1 business day", not "within Under".
 */
function promisedWords(target: Target, d: Duration): string {
  const approx = target.approximate ? 'approximately ' : '';
  // Under the vendor's own name, its own words for the time too ("Response Goal: 4 Hours", as the
  // published page and the receipt quote it), not Accord's spelling of the duration.
  if (target.label) return `${target.label}: ${approx}${target.within ?? formatDuration(d)}`;
  return `${METRIC_WORDS[target.metric]} ${d.under ? 'in under' : 'within'} ${approx}${formatDuration({ ...d, under: false })}`;
}

/**
 * The hours a clock counts in, by the vendor's name for them: not "support hours" for every calendar
 * (OpenMethods' are its remediation hours, never called support hours). The days and times follow:
 * as published, or, where the vendor states only the name (publish_hours: false), as this desk's
 * reading of it, said as such; the customer still sees why a Saturday was skipped.
 */
function calendarWords(policy: PolicyModel, cal: CalendarSpec): string {
  const kept = hoursText(policy, cal.id);
  return cal.publish_hours === false ? `the hours "${cal.name}", which this desk keeps as ${kept}` : `the hours "${cal.name}": ${kept}`;
}

/**
 * The hours are published under the vendor's label for the zone (OpenKey: "9 am - 5 pm CST"), read as
 * the zone's civil time (America/Chicago: 9-5 CDT in summer; openkey.yaml says why). Where this clock
 * runs in summer time, the explanation says so beside the hours, so "09:00-17:00 CST" is not read
 * against "Mon Jul 6 2026 09:00 AM CDT" as an hour off: ", which on these dates is CDT". A fixed
 * offset (OfficeSpace's "GMT-6") has one name all year; a zone without a label is named by its id.
 */
function labelOnTheseDates(cal: CalendarSpec, start: number, due: number): string {
  if (!cal.time_zone_label || /^[+-]\d/.test(cal.time_zone)) return '';
  const zone = cal.time_zone;
  const offset = (ms: number) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).offsetNanoseconds;
  // Standard time is the smaller of the year's two offsets (January's and July's, either hemisphere);
  // the label names it (CST, GMT, "U.S. Eastern Standard Time"), so only summer time needs saying.
  const year = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(zone).year;
  const standard = Math.min(offset(Date.UTC(year, 0, 15)), offset(Date.UTC(year, 6, 15)));
  if (offset(start) === standard && offset(due) === standard) return '';
  return `, which on these dates is ${[...new Set([zoneAbbreviation(start, zone), zoneAbbreviation(due, zone)])].join(', then ')}`;
}

/**
 * The last line: a deadline breached after it, or, for a time the vendor hedges (approximately) or
 * calls a goal, the time aimed for: the customer reads it too (the portal), and the vendor never
 * promised it firmly. The goal goes by the vendor's name for it where that name says goal
 * (OfficeSpace's "Response Goal"). Nothing is said of the team being alerted when it passes: the
 * desk does that (and tells the agents so beside the time: partials/clocks.eta, simulate.ts), but
 * no seed says it, and to the customer it would read as the vendor's promise.
 */
function dueWords(target: Target, when: string): string {
  if (target.goal) return `Aimed for ${when} (a ${target.label && /goal/i.test(target.label) ? target.label : 'goal'}, as our policy calls it).`;
  if (target.approximate) return `Around ${when} (approximately, as our policy says).`;
  return `Due ${when}; breached after that.`;
}
