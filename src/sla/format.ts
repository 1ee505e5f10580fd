// Human wording for instants and spans in explanations.
import type { BusinessClock } from '../calendar/index.ts';
import type { PolicyModel } from '../policy/index.ts';

export function isoUtc(ms: number): string {
  return Temporal.Instant.fromEpochMilliseconds(ms).toString({ smallestUnit: 'second' });
}

export function zoneOf(policy: PolicyModel, clock: BusinessClock, fallback: string): string {
  return clock.kind === 'calendar' ? clock.cal.model.timeZone : fallback;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "Mon 21 Dec 2026 09:00 GMT" in the given zone; one formatter per zone, built once. */
export function localText(ms: number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-US names American zones (EST, CST); en-GB names British ones (GMT, BST).
    f = new Intl.DateTimeFormat(timeZone.startsWith('America/') ? 'en-US' : 'en-GB', {
      timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f.format(ms).replace(/,/g, '').replace(' at ', ' ');
}

/** "1 day 2 h 30 min" for a span of milliseconds. */
export function spanText(ms: number): string {
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  const d = Math.floor(rest / 86400);
  rest -= d * 86400;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  if (d) parts.push(`${d} day${d === 1 ? '' : 's'}`);
  if (h) parts.push(`${h} h`);
  if (m) parts.push(`${m} min`);
  if (s) parts.push(`${s} s`);
  return parts.length ? parts.join(' ') : '0 min';
}
