// Holidays of a calendar, by local day number: regional public holidays from the
// maintained date-holidays data set (observed and substitute days included), plus
// the policy's explicit dates and yearly dates.
import Holidays from 'date-holidays';
import { dayNumber, parseIsoDate } from './civil.ts';
import type { MinuteRange } from './hours.ts';

export type HolidayRule = { name: string; closed: MinuteRange[] | null };
export type HolidaySource = {
  regions: string[];
  except: string[];
  dates: { day: number; name: string; closed: MinuteRange[] | null }[];
  yearly: { month: number; day: number; name: string; closed: MinuteRange[] | null }[];
};

const regionCache = new Map<string, Holidays>();

function regionHolidays(code: string): Holidays {
  let h = regionCache.get(code);
  if (!h) {
    const [country, state] = code.split('-');
    h = state ? new Holidays(country, state) : new Holidays(country);
    regionCache.set(code, h);
  }
  return h;
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
    for (const h of regionHolidays(code).getHolidays(year) || []) {
      // Only days off: "public" (and "bank" where a region uses it); observances keep support open.
      if (h.type !== 'public' && h.type !== 'bank') continue;
      if (source.except.includes(h.name)) continue;
      put(parseIsoDate(h.date.slice(0, 10)), { name: h.name, closed: null });
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
