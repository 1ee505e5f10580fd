// The holiday a calendar is closed on at an instant, named as the policy names it: said where
// someone is told support is closed now (the portal's new-case form, web/promised.ts closedNow) and
// in the acknowledgement of a request that waits (tickets/arrival-words.ts), so a request on
// OfficeSpace's Christmas, a Friday at 10:00, is not told only "outside our support hours".
import { holidaysBetween } from '../calendar/index.ts';
import { clockOf } from './model.ts';
import type { PolicyModel } from './model.ts';

/**
 * The whole-day holiday `calendarId` closes on at `at` (OfficeSpace's "Christmas"), by the policy's
 * name where the calendar publishes its holidays and hours; null on an ordinary closed hour, a day
 * only partly closed, or holidays the vendor never names (OpenBack's "certain ... holidays").
 */
export function holidayClosedOn(policy: PolicyModel, calendarId: string, at: number): string | null {
  const cal = policy.calendars.get(calendarId);
  if (!cal || cal.holidays?.published === false || cal.publish_hours === false) return null;
  return holidaysBetween(clockOf(policy, calendarId), at, at + 1).find((h) => !h.partial)?.name ?? null;
}
