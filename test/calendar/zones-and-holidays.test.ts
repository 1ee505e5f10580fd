// Fixed-offset time zones ("-06:00", Etc/GMT+6) and regional holidays closed on their
// observed day only. Expected instants worked out by hand in the comments.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addBusinessTime, holidaysBetween, holidaysOfYear, isOpen, isoDate, parseIsoDate } from '../../src/calendar/index.ts';
import { at, clockOf, holidaySource, HOUR, show } from './helpers.ts';

describe('fixed-offset time zones', () => {
  // OfficeSpace: "5:00 AM to 10:00 PM Central Standard Time (GMT-6)", Monday to Friday.
  const offset = clockOf({ timeZone: '-06:00', hours: { 'mon-fri': ['05:00-22:00'] } });
  const etc = clockOf({ timeZone: 'Etc/GMT+6', hours: { 'mon-fri': ['05:00-22:00'] } });
  const chicago = clockOf({ timeZone: 'America/Chicago', hours: { 'mon-fri': ['05:00-22:00'] } });

  it('a summer Friday 22:30 CDT (21:30 at GMT-6) is open at GMT-6, closed in Chicago civil time', () => {
    const t = at('2026-07-10T22:30:00-05:00');
    assert.equal(isOpen(offset, t), true);
    assert.equal(isOpen(etc, t), true);
    assert.equal(isOpen(chicago, t), false);
  });

  it('does not move with daylight saving time: 2 hours from Friday 21:30 at GMT-6 end Monday 06:30 at GMT-6', () => {
    // 30 min to 22:00 Friday, then Mon 13 Jul 05:00 + 90 min = 06:30 -06:00 (07:30 CDT).
    for (const clock of [offset, etc]) {
      assert.equal(show(addBusinessTime(clock, at('2026-07-10T21:30:00-06:00'), 2 * HOUR), '-06:00'), '2026-07-13T06:30:00-06:00');
    }
  });

  it('agrees with the civil zone in winter, when Chicago is at -06:00 too', () => {
    const start = at('2026-12-02T21:00:00-06:00');
    // 1 h Wednesday to 22:00, 3 h from Thursday 05:00: 08:00 -06:00.
    for (const clock of [offset, etc, chicago]) assert.equal(show(addBusinessTime(clock, start, 4 * HOUR), '-06:00'), '2026-12-03T08:00:00-06:00');
  });

  it('keeps the local dates of yearly holidays at the offset', () => {
    const closed = clockOf({ timeZone: '-06:00', hours: { 'mon-fri': ['05:00-22:00'] }, yearly: { '12-25': null } });
    // Fri 25 Dec 2026 10:00 at -06:00 is Christmas Day there (16:00Z).
    assert.equal(isOpen(closed, at('2026-12-25T10:00:00-06:00')), false);
    assert.equal(isOpen(closed, at('2026-12-24T21:59:00-06:00')), true);
  });
});

describe('regional holidays closed on their observed day only', () => {
  const both = (observedOnly: boolean) => holidaySource({ timeZone: 'Europe/London', hours: {}, regions: ['GB-ENG', 'US'], observedOnly });
  const days = (observedOnly: boolean, year: number, from: string, to: string) =>
    [...holidaysOfYear(both(observedOnly), year)]
      .filter(([d]) => d >= parseIsoDate(from) && d <= parseIsoDate(to))
      .sort((a, b) => a[0] - b[0])
      .map(([d, h]) => `${isoDate(d)} ${h.name}`);

  it('Boxing Day 2026 (Saturday) closes Monday 28 December only', () => {
    assert.deepEqual(days(true, 2026, '2026-12-24', '2026-12-31'), ['2026-12-25 Christmas Day', '2026-12-28 Boxing Day (substitute day)']);
    // The default keeps both the holiday and its substitute.
    assert.deepEqual(days(false, 2026, '2026-12-24', '2026-12-31'), ['2026-12-25 Christmas Day', '2026-12-26 Boxing Day', '2026-12-28 Boxing Day (substitute day)']);
  });

  it('US Independence Day 2026 (Saturday 4 July) closes Friday 3 July only', () => {
    assert.deepEqual(days(true, 2026, '2026-07-01', '2026-07-06'), ['2026-07-03 Independence Day (substitute day)']);
  });

  it('Christmas 2027 on a Saturday: UK observed Mon 27 and Tue 28, US observed Fri 24; the weekend itself stays open', () => {
    assert.deepEqual(days(true, 2027, '2027-12-23', '2027-12-29'), [
      '2027-12-24 Christmas Day (substitute day)',
      '2027-12-27 Christmas Day (substitute day)',
      '2027-12-28 Boxing Day (substitute day)',
    ]);
  });

  it('a holiday moved across the year end: US New Year 2028 (Saturday) is observed Friday 31 December 2027', () => {
    // GB observes 1 Jan 2028 on Monday 3 January; neither closes Saturday 1 January.
    assert.deepEqual(days(true, 2027, '2027-12-30', '2027-12-31'), ["2027-12-31 New Year's Day (substitute day)"]);
    assert.deepEqual(days(true, 2028, '2028-01-01', '2028-01-04'), ["2028-01-03 New Year's Day (substitute day)"]);
  });

  it("opens Enterprise's Saturday 26 December 2026, 09:00-16:00 London", () => {
    const saturday = clockOf({ timeZone: 'Europe/London', hours: { 'mon-fri': ['09:00-18:00'], sat: ['09:00-16:00'] }, regions: ['GB-ENG', 'US'], observedOnly: true });
    assert.equal(isOpen(saturday, at('2026-12-26T10:00:00+00:00')), true);
    assert.equal(isOpen(saturday, at('2026-12-28T10:00:00+00:00')), false);
    assert.deepEqual(holidaysBetween(saturday, at('2026-12-24T00:00:00+00:00'), at('2026-12-31T00:00:00+00:00')).map((h) => isoDate(h.day)), ['2026-12-25', '2026-12-28']);
  });
});
