// A calendar's zone as the page and the explanations name it. The vendor's label is kept ("GMT",
// "EST"), but a label is one abbreviation and a zone with summer time has two: OpenBack's "9am to
// 6pm GMT" is kept as UK time (Europe/London), so in July its 09:00 is 09:00 BST, and "09:00-18:00
// GMT" alone would state a time an hour off. The zone's summer name is said beside the label.

/** A year whose rules are those of today's zones; the names do not depend on it otherwise. */
const SAMPLE_YEAR = 2026;
const summerNames = new Map<string, string | null>();

/** The zone's name for its summer time ("BST", "EDT"), null when it keeps one offset all year. */
export function summerName(zone: string): string | null {
  if (summerNames.has(zone)) return summerNames.get(zone)!;
  const at = (month: number) => Temporal.ZonedDateTime.from({ timeZone: zone, year: SAMPLE_YEAR, month, day: 15, hour: 12 });
  const [january, july] = [at(1), at(7)];
  let name: string | null = null;
  if (january.offsetNanoseconds !== july.offsetNanoseconds) {
    // Summer time is the larger offset, in July north of the equator and in January south of it.
    const summer = january.offsetNanoseconds > july.offsetNanoseconds ? january : july;
    // en-US names American zones (EDT, CDT); en-GB names British ones (BST), as sla/format.ts's times do.
    const f = new Intl.DateTimeFormat(zone.startsWith('America/') ? 'en-US' : 'en-GB', { timeZone: zone, timeZoneName: 'short' });
    name = f.formatToParts(summer.epochMilliseconds).find((p) => p.type === 'timeZoneName')?.value ?? null;
  }
  summerNames.set(zone, name);
  return name;
}

/**
 * A calendar's zone as published: the vendor's label ("EST") with the IANA zone it is read as,
 * which adds the daylight-saving rule, and that rule's summer name where the label is not it
 * ("GMT (Europe/London, BST in summer)"); a fixed offset only by the label, which states it
 * ("GMT-6"). Without a label: "UTC-06:00", or the IANA name.
 */
export function zoneText(cal: { time_zone: string; time_zone_label?: string }): string {
  const fixed = /^[+-]\d/.test(cal.time_zone);
  if (!cal.time_zone_label) return fixed ? `UTC${cal.time_zone}` : cal.time_zone;
  if (fixed) return cal.time_zone_label;
  const summer = summerName(cal.time_zone);
  return summer && summer !== cal.time_zone_label ? `${cal.time_zone_label} (${cal.time_zone}, ${summer} in summer)` : `${cal.time_zone_label} (${cal.time_zone})`;
}
