// Target durations as written in a policy: "30 minutes", "12 business hours",
// "1 - 2 business days" (a range: the lower bound is the goal, the upper the breach),
// "under 1 business day". Parsed once at load into open-time milliseconds or business days.
import { DURATION_PATTERN } from './schema.ts';

export type Amount = { kind: 'time'; ms: number } | { kind: 'days'; days: number };
export type Duration = {
  text: string;
  business: boolean;
  /** The goal (warning) for a range, else null. */
  goal: Amount | null;
  due: Amount;
  under: boolean;
  unit: 'minute' | 'hour' | 'day';
  lower: number | null;
  upper: number;
};

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

function unitOf(word: string): 'minute' | 'hour' | 'day' {
  const w = word.toLowerCase();
  if (w.startsWith('min')) return 'minute';
  if (w.startsWith('h')) return 'hour';
  return 'day';
}

/** Parses a duration; returns a message instead when it is not valid. */
export function parseDuration(text: string): Duration | { error: string } {
  const t = text.trim();
  if (t.startsWith('-')) return { error: 'must not be negative' };
  const m = DURATION_PATTERN.exec(t);
  if (!m) return { error: 'must be a duration like "30 minutes", "12 business hours" or "1 - 2 business days"' };
  const under = !!m[1];
  const first = Number(m[2]);
  const second = m[5] === undefined ? null : Number(m[5]);
  const business = !!m[7];
  const unit = unitOf(m[8]);
  const lower = second === null ? null : first;
  const upper = second === null ? first : second;
  if (upper <= 0) return { error: 'must be greater than zero' };
  if (lower !== null && lower > upper) return { error: `range lower bound ${lower} exceeds its upper bound ${upper}` };
  if (lower !== null && under) return { error: '"under" cannot qualify a range' };
  if (business && unit === 'day' && !Number.isInteger(upper)) return { error: 'business days must be whole days' };
  const amount = (n: number): Amount =>
    business && unit === 'day' ? { kind: 'days', days: n } : { kind: 'time', ms: Math.round(n * UNIT_MS[unit]) };
  return { text: t, business, goal: lower === null ? null : amount(lower), due: amount(upper), under, unit, lower, upper };
}

/** The wording a published policy uses: "1 - 2 business days", "Under 1 business day", "6 hours". */
export function formatDuration(d: Duration): string {
  const plural = d.upper === 1 && d.lower === null ? '' : 's';
  const count = d.lower === null ? `${d.upper}` : `${d.lower} - ${d.upper}`;
  const text = `${count} ${d.business ? 'business ' : ''}${d.unit}${plural}`;
  return d.under ? `Under ${text}` : text;
}
