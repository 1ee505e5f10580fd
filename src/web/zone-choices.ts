// The zones a form offers for typing a time in (the status console's maintenance, the policy simulator):
// those of the policy's support hours, then UTC, each named as the vendor names it ("GMT-6" for
// OfficeSpace's "-06:00", "EST (America/New_York)"), its value the zone the time is read in.
import { zoneText } from '../policy/index.ts';

export type ZoneChoice = { value: string; label: string };

/** The calendars' zones (first one first, each once) and UTC, with their labels. */
export function zoneChoices(calendars: Array<{ time_zone: string; time_zone_label?: string }>): ZoneChoice[] {
  const seen = new Map<string, ZoneChoice>();
  for (const cal of calendars) if (!seen.has(cal.time_zone)) seen.set(cal.time_zone, { value: cal.time_zone, label: zoneText(cal) });
  if (!seen.has('UTC')) seen.set('UTC', { value: 'UTC', label: 'UTC' });
  return [...seen.values()];
}
