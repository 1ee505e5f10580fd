// Human wording for instants and spans in explanations.
import type { BusinessClock } from '../calendar/index.ts';
import type { PolicyModel } from '../policy/index.ts';

export function isoUtc(ms: number): string {
  // Date prints years 0000-9999 as 'YYYY-MM-DDTHH:MM:SS.sssZ' and truncates like Temporal does
  // from 1970 on; a fraction of Temporal's cost on the create path. Other instants go to Temporal.
  if (ms >= 0 && ms < MAX_FOUR_DIGIT_YEAR_MS) return `${new Date(ms).toISOString().slice(0, 19)}Z`;
  return Temporal.Instant.fromEpochMilliseconds(ms).toString({ smallestUnit: 'second' });
}

const MAX_FOUR_DIGIT_YEAR_MS = Date.UTC(10000, 0, 1);

/**
 * An explanation's line as a person reads it: every instant in it is "<local time and zone> = <isoUtc>"
 * (`${localText(..)} = ${isoUtc(..)}`), and the local time with its zone already says when; the UTC
 * instant beside it is for the desk and the API, which keep it. Only that exact shape is dropped.
 */
export function withoutUtc(line: string): string {
  return line.replace(UTC_BESIDE, '');
}

const UTC_BESIDE = / = ([+-]?\d{4,6}-\d\d-\d\dT\d\d:\d\d:\d\dZ)/g;

/**
 * An explanation's line for a reader with a zone of their own: each instant's UTC beside it
 * (withoutUtc) becomes the reader's time, "Wed Dec 2 2026 06:00 AM EST (Wed 2 Dec 2026 11:00 GMT
 * your time)", as withReaderTimes writes it in mail; dropped where the line already says it in theirs.
 * The line's own words, in the zone the policy counts in, are kept: only the UTC is replaced.
 */
export function withReaderInstants(line: string, readerZone: string | null | undefined): string {
  if (!readerZone) return withoutUtc(line);
  return line.replace(UTC_BESIDE, (_, iso: string, at: number) => {
    const theirs = localText(Temporal.Instant.from(iso).epochMilliseconds, readerZone);
    return line.slice(0, at).endsWith(theirs) ? '' : ` (${theirs} your time)`;
  });
}

export function zoneOf(policy: PolicyModel, clock: BusinessClock, fallback: string): string {
  return clock.kind === 'calendar' ? clock.cal.model.timeZone : fallback;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
// The texts of recent instants per zone, by the second: explanations name the same openings and
// closings (Monday 09:00, Friday 18:00) ticket after ticket, tickets opened in the same second
// fall due in the same second, and Intl formatting is the costly part of explaining a deadline.
// The text shows minutes, and zone offsets and their changes are whole seconds, so every instant
// of one UTC second has the same text. Bounded; cleared when full.
const texts = new Map<string, Map<number, string>>();
const TEXTS_PER_ZONE = 2048;

/**
 * "Mon 21 Dec 2026 09:00 GMT" in the given zone; in an American zone, as Americans write it, "Mon Dec 21
 * 2026 09:00 AM EST". One formatter per zone, built once.
 */
export function localText(ms: number, timeZone: string): string {
  let known = texts.get(timeZone);
  if (!known) texts.set(timeZone, (known = new Map()));
  const second = Math.floor(ms / 1000);
  let text = known.get(second);
  if (text === undefined) {
    text = formatLocal(ms, timeZone);
    if (known.size >= TEXTS_PER_ZONE) known.clear();
    known.set(second, text);
  }
  return text;
}

function formatLocal(ms: number, timeZone: string): string {
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

/** localText's three parts: "Sat 12 Dec 2026", "08:00" ("11:00 PM" in American zones), "GMT-6"; null if it has another shape. */
function localParts(ms: number, timeZone: string): { date: string; time: string; zone: string } | null {
  const m = /^(.+) (\d\d:\d\d(?: [AP]M)?) (\S+)$/.exec(localText(ms, timeZone));
  return m ? { date: m[1], time: m[2], zone: m[3] } : null;
}

/**
 * A window of time as a person writes it, in the words of localText: the date once where both ends
 * fall on one day, and the zone once where both ends have the same name ("Sat 12 Dec 2026, 08:00 to
 * 10:00 GMT-6"), each end its own where the clocks change in between.
 */
export function localSpanText(fromMs: number, untilMs: number, timeZone: string): string {
  const { start, end } = localSpanEnds(fromMs, untilMs, timeZone);
  return `${start} to ${end}`;
}

/**
 * localSpanText's two ends, each as it is written there (`${start} to ${end}`), for a page that marks
 * each up as its own instant: { start: 'Sat 12 Dec 2026, 08:00', end: '10:00 GMT-6' }.
 */
export function localSpanEnds(fromMs: number, untilMs: number, timeZone: string): { start: string; end: string } {
  const [a, b] = [localParts(fromMs, timeZone), localParts(untilMs, timeZone)];
  if (!a || !b) return { start: localText(fromMs, timeZone), end: localText(untilMs, timeZone) };
  return {
    start: `${a.date}, ${a.time}${a.zone === b.zone ? '' : ` ${a.zone}`}`,
    end: `${a.date === b.date ? '' : `${b.date}, `}${b.time} ${b.zone}`,
  };
}

/**
 * `text`, whose times are written in the vendor's zone (its status page's, its support hours'), with
 * the reader's own time beside each mention of these instants: " (Sat 12 Dec 2026 15:00 CET your
 * time)". Nothing added for a reader without a zone of their own, or one that reads the same.
 */
export function withReaderTimes(text: string, instants: readonly number[], vendorZone: string, readerZone: string | null | undefined): string {
  if (!readerZone || readerZone === vendorZone) return text;
  let out = text;
  for (const ms of new Set(instants)) {
    const said = localText(ms, vendorZone);
    const theirs = localText(ms, readerZone);
    if (theirs === said) continue;
    // Not after a mention that already has it (the same instant given twice).
    out = out.split(said).join(`${said} (${theirs} your time)`);
  }
  return out;
}

/**
 * `text` with the reader's own window beside each mention of this one written in the vendor's zone
 * (localSpanText): "Sat 12 Dec 2026, 08:00 to 10:00 GMT-6 (Sat 12 Dec 2026, 15:00 to 17:00 CET your
 * time)". Nothing added for a reader without a zone of their own, or one where it reads the same.
 */
export function withReaderSpan(text: string, fromMs: number, untilMs: number, vendorZone: string, readerZone: string | null | undefined): string {
  if (!readerZone) return text;
  const said = localSpanText(fromMs, untilMs, vendorZone);
  const theirs = localSpanText(fromMs, untilMs, readerZone);
  return theirs === said ? text : text.split(said).join(`${said} (${theirs} your time)`);
}

const abbreviators = new Map<string, Intl.DateTimeFormat>();

/** The zone's short name at an instant, as localText writes it: "CST", "CDT", "GMT", "BST". */
export function zoneAbbreviation(ms: number, timeZone: string): string {
  let f = abbreviators.get(timeZone);
  if (!f) abbreviators.set(timeZone, (f = new Intl.DateTimeFormat(timeZone.startsWith('America/') ? 'en-US' : 'en-GB', { timeZone, timeZoneName: 'short' })));
  return f.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
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
