// Holidays of a calendar, by local day number: regional public holidays from the
// maintained date-holidays data set (observed and substitute days included, or with
// `observedOnly` the observed day alone), plus the policy's explicit dates and yearly dates.
import Holidays from 'date-holidays';
import { dayNumber, parseIsoDate } from './civil.ts';
import type { MinuteRange } from './hours.ts';

export type HolidayRule = { name: string; closed: MinuteRange[] | null };
export type HolidaySource = {
  regions: string[];
  except: string[];
  /**
   * Close only the day a regional holiday is observed: when the data gives a substitute day
   * (Boxing Day on a Saturday, observed on Monday), the holiday's own date stays open.
   */
  observedOnly?: boolean;
  /**
   * A holiday wholly closed closes the whole overnight range that starts on it, its spill past
   * midnight too; without it, the spill into a day that is not a holiday stays open.
   */
  wholeNights?: boolean;
  dates: { day: number; name: string; closed: MinuteRange[] | null }[];
  yearly: { month: number; day: number; name: string; closed: MinuteRange[] | null }[];
};

/** One regional day off as the data gives it; `base` is the name without " (substitute day)". */
type RegionalDay = { day: number; name: string; base: string; substitute: boolean };

const regionCache = new Map<string, Holidays>();
const yearCache = new Map<string, RegionalDay[]>();

function regionHolidays(code: string): Holidays {
  let h = regionCache.get(code);
  if (!h) {
    const [country, state] = code.split('-');
    h = state ? new Holidays(country, state) : new Holidays(country);
    regionCache.set(code, h);
  }
  return h;
}

const SUBSTITUTE_SUFFIX = /\s*\(substitute day\)$/i;

/** The region's days off in a year (cached: compiling a calendar asks for each year several times). */
function regionalDays(code: string, year: number): RegionalDay[] {
  const key = `${code}:${year}`;
  let days = yearCache.get(key);
  if (!days) {
    days = [];
    for (const h of regionHolidays(code).getHolidays(year) || []) {
      // Only days off: "public" (and "bank" where a region uses it); observances keep support open.
      if (h.type !== 'public' && h.type !== 'bank') continue;
      const substitute = (h as { substitute?: boolean }).substitute === true;
      days.push({ day: parseIsoDate(h.date.slice(0, 10)), name: h.name, base: h.name.replace(SUBSTITUTE_SUFFIX, ''), substitute });
    }
    yearCache.set(key, days);
  }
  return days;
}

// A substitute day lies within a few days of the holiday it replaces (a weekend shift, or
// two holidays in a row pushed past each other); a week is a safe bound.
const SUBSTITUTE_REACH_DAYS = 7;

/** Holidays ("day|name") the data moves to a substitute day; neighbouring years are looked at for year-end moves. */
function replacedDays(code: string, year: number): Set<string> {
  const around = [year - 1, year, year + 1].flatMap((y) => regionalDays(code, y));
  const out = new Set<string>();
  for (const s of around) {
    if (!s.substitute) continue;
    for (const o of around) {
      if (!o.substitute && o.base === s.base && Math.abs(o.day - s.day) <= SUBSTITUTE_REACH_DAYS) out.add(`${o.day}|${o.base}`);
    }
  }
  return out;
}

/** True when date-holidays knows the region (so the validator can name a bad code). */
export function isKnownRegion(code: string): boolean {
  const [country, state] = code.split('-');
  const countries = new Holidays().getCountries();
  if (!countries || !(country in countries)) return false;
  if (!state) return true;
  const states = new Holidays().getStates(country);
  return !!states && state in states;
}

/** Every holiday in the given year, keyed by local day number; several on one day are joined. */
export function holidaysOfYear(source: HolidaySource, year: number): Map<number, HolidayRule> {
  const out = new Map<number, HolidayRule>();
  const put = (day: number, rule: HolidayRule) => {
    const prev = out.get(day);
    if (!prev) return void out.set(day, rule);
    const closed = prev.closed === null || rule.closed === null ? null : [...prev.closed, ...rule.closed];
    out.set(day, { name: prev.name.includes(rule.name) ? prev.name : `${prev.name}; ${rule.name}`, closed });
  };
  for (const code of source.regions) {
    const replaced = source.observedOnly ? replacedDays(code, year) : null;
    for (const h of regionalDays(code, year)) {
      if (source.except.includes(h.name) || source.except.includes(h.base)) continue;
      // Observed days only: a holiday moved to a substitute day is not closed on its own date.
      if (replaced && !h.substitute && replaced.has(`${h.day}|${h.base}`)) continue;
      put(h.day, { name: h.name, closed: null });
    }
  }
  for (const d of source.yearly) {
    put(dayNumber(year, d.month, d.day), { name: d.name, closed: d.closed });
  }
  for (const d of source.dates) {
    const n = d.day;
    if (n >= dayNumber(year, 1, 1) && n < dayNumber(year + 1, 1, 1)) put(n, { name: d.name, closed: d.closed });
  }
  return out;
}
