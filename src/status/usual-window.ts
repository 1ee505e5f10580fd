// OfficeSpace: "Scheduled Outages: are usually scheduled during weekends" (status_page.maintenance
// usual_window, and the days it names, usual_days). "usually" is a hedge: no day is refused. What a
// desk does with it is tell whoever schedules an outage on another day, so that it is done knowingly:
// the status console shows the usual window beside its scheduling form, and flags each outage still
// to come or under way that falls on a day outside it, naming those days in the page's zone (GMT-6).
import type { StatusPageConfig } from './page-config.ts';

const DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
// An outage longer than this names its first days only: the flag is said already.
const MAX_DAYS = 14;

/**
 * The days of the page's zone a window [from, until) falls on that are outside the usual days
 * ("Wed 9 Dec 2026"), in order; [] when every day is usual, or the policy names no days.
 * @example
 * // OfficeSpace (usual_days [sat, sun], GMT-6): Sat 5 Dec 2026 22:00 to Mon 7 Dec 02:00 GMT-6
 * daysOutsideUsualWindow(page, Temporal.Instant.from('2026-12-06T04:00:00Z'), Temporal.Instant.from('2026-12-07T08:00:00Z')) // ['Mon 7 Dec 2026']
 */
export function daysOutsideUsualWindow(page: StatusPageConfig, from: Temporal.Instant, until: Temporal.Instant): string[] {
  if (!page.usualDays) return [];
  const zone = page.zone.timeZone;
  const last = (Temporal.Instant.compare(until, from) > 0 ? until.subtract({ nanoseconds: 1 }) : from).toZonedDateTimeISO(zone).toPlainDate();
  const out: string[] = [];
  for (let day = from.toZonedDateTimeISO(zone).toPlainDate(), n = 0; Temporal.PlainDate.compare(day, last) <= 0 && n < MAX_DAYS; day = day.add({ days: 1 }), n++) {
    if (!page.usualDays.has(day.dayOfWeek)) out.push(DAY.format(Date.UTC(day.year, day.month - 1, day.day)).replace(/,/g, ''));
  }
  return out;
}

/** What the API answers a scheduling with when the window falls outside the usual days: never a refusal ("usually"). */
export type UsualWindowNote = { usualWindow: string; days: string[]; timeZone: string; message: string };

/**
 * The note for a window [from, until) on days outside the policy's usual window, or null: every day
 * usual, or the policy names none. Said in the words the status console uses beside the outage.
 * @example
 * // OfficeSpace, Mon 7 Dec 2026 02:00 to 04:00 GMT-6
 * usualWindowNote(page, from, until)?.message
 * // 'Outside the usual window: the support policy says scheduled outages are usually scheduled during weekends; this one falls on Mon 7 Dec 2026 (GMT-6).'
 */
export function usualWindowNote(page: StatusPageConfig, from: Temporal.Instant, until: Temporal.Instant): UsualWindowNote | null {
  const days = daysOutsideUsualWindow(page, from, until);
  if (!days.length || !page.usualWindow) return null;
  return {
    usualWindow: page.usualWindow, days, timeZone: page.zone.text,
    message: `Outside the usual window: the support policy says ${usualWindowClause(page, page.usualWindow)}; this one falls on ${days.join(', ')} (${page.zone.text}).`,
  };
}

/**
 * The hint beside the status console's scheduling form, in the policy's own term for what it
 * schedules (status_page.maintenance.term), or null: the policy names no usual window.
 * @example
 * usualWindowHint(officespace) // 'The support policy: scheduled outages are usually scheduled during weekends.'
 * usualWindowHint(noTerm)      // 'The support policy: maintenance is usually scheduled during weekends.'
 */
export function usualWindowHint(page: StatusPageConfig): string | null {
  return page.usualWindow ? `The support policy: ${usualWindowClause(page, page.usualWindow)}.` : null;
}

/** "scheduled outages are usually scheduled during weekends": the policy's term, or "maintenance is". */
function usualWindowClause(page: StatusPageConfig, window: string): string {
  const what = page.maintenanceTerm ? `${page.maintenanceTerm.toLowerCase()} are` : 'maintenance is';
  return `${what} usually scheduled during ${window}`;
}
