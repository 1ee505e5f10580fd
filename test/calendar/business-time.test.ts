// Table tests for the business-time engine's arithmetic: adding business time and days, the time
// between two instants. Every expected instant was worked out by hand (offsets: London GMT +00:00 /
// BST +01:00, Chicago CST -06:00 / CDT -05:00; 2026 DST changes on 29 Mar and 25 Oct in London,
// 8 Mar and 1 Nov in Chicago). When a calendar is open, and its holidays: open-hours-and-holidays.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addBusinessDays, addBusinessTime, businessTimeBetween } from '../../src/calendar/index.ts';
import type { Interval } from '../../src/calendar/index.ts';
import { HOUR, MIN, at, show } from './helpers.ts';
import { CHICAGO, LONDON, clocks, type ClockName } from './sample-clocks.ts';

const zoneOf = (name: ClockName): string => (name.startsWith('chicago') ? CHICAGO : LONDON);
const pausesOf = (p: [string, string][] = []): Interval[] => p.map(([from, to]) => ({ from: at(from), to: at(to) }));

describe('addBusinessTime', () => {
  const cases: { name: string; clock: ClockName; start: string; duration: number; pauses?: [string, string][]; expected: string }[] = [
    // Closing time and closed periods
    { name: 'deadline exactly at closing is the closing, not the next opening', clock: 'london', start: '2026-06-01T09:00:00+01:00', duration: 9 * HOUR, expected: '2026-06-01T18:00:00+01:00' },
    { name: 'one hour before closing plus one hour is the closing', clock: 'london', start: '2026-06-01T17:00:00+01:00', duration: HOUR, expected: '2026-06-01T18:00:00+01:00' },
    { name: 'start exactly at closing counts from the next opening', clock: 'london', start: '2026-06-01T18:00:00+01:00', duration: HOUR, expected: '2026-06-02T10:00:00+01:00' },
    { name: 'start before opening', clock: 'london', start: '2026-06-01T07:00:00+01:00', duration: HOUR, expected: '2026-06-01T10:00:00+01:00' },
    { name: 'start on a Sunday', clock: 'london', start: '2026-06-07T12:00:00+01:00', duration: 30 * MIN, expected: '2026-06-08T09:30:00+01:00' },
    { name: 'Friday afternoon runs over the weekend', clock: 'london', start: '2026-06-05T16:00:00+01:00', duration: 4 * HOUR, expected: '2026-06-08T11:00:00+01:00' },
    // Saturday extra hours
    { name: 'Saturday hours follow Friday', clock: 'londonSat', start: '2026-06-05T17:00:00+01:00', duration: 3 * HOUR, expected: '2026-06-06T11:00:00+01:00' },
    { name: 'Saturday closes at 16:00, Sunday is closed', clock: 'londonSat', start: '2026-06-06T15:00:00+01:00', duration: 2 * HOUR, expected: '2026-06-08T10:00:00+01:00' },
    // DST on office hours: the wall clock stays 09:00-18:00
    { name: 'London office hours across the spring change', clock: 'london', start: '2026-03-27T17:00:00+00:00', duration: 2 * HOUR, expected: '2026-03-30T10:00:00+01:00' },
    { name: 'London office hours across the autumn change', clock: 'london', start: '2026-10-23T17:00:00+01:00', duration: 2 * HOUR, expected: '2026-10-26T10:00:00+00:00' },
    { name: 'Chicago office hours across the spring change', clock: 'chicago', start: '2026-03-06T16:00:00-06:00', duration: 2 * HOUR, expected: '2026-03-09T10:00:00-05:00' },
    { name: 'Chicago office hours across the autumn change', clock: 'chicago', start: '2026-10-30T16:00:00-05:00', duration: 2 * HOUR, expected: '2026-11-02T10:00:00-06:00' },
    // DST inside an open interval: an hour of open time disappears (spring) or appears (autumn)
    { name: 'London 00:00-04:00 on the spring day holds 3 hours: closes at 04:00 BST', clock: 'londonEarly', start: '2026-03-29T00:00:00+00:00', duration: 3 * HOUR, expected: '2026-03-29T04:00:00+01:00' },
    { name: 'London 00:00-04:00 spring day: the rest spills to the next night', clock: 'londonEarly', start: '2026-03-29T00:30:00+00:00', duration: 3 * HOUR, expected: '2026-03-30T00:30:00+01:00' },
    { name: 'London 00:00-04:00 on the autumn day holds 5 hours', clock: 'londonEarly', start: '2026-10-25T00:00:00+01:00', duration: 4.5 * HOUR, expected: '2026-10-25T03:30:00+00:00' },
    { name: 'London start at the spring-day closing', clock: 'londonEarly', start: '2026-03-29T04:00:00+01:00', duration: HOUR, expected: '2026-03-30T01:00:00+01:00' },
    { name: 'London overnight 22:00-06:00 into the spring change holds 7 hours', clock: 'londonNight', start: '2026-03-28T22:00:00+00:00', duration: 7.5 * HOUR, expected: '2026-03-29T22:30:00+01:00' },
    { name: 'London overnight 22:00-06:00 into the autumn change holds 9 hours', clock: 'londonNight', start: '2026-10-24T22:00:00+01:00', duration: 8.5 * HOUR, expected: '2026-10-25T05:30:00+00:00' },
    { name: 'Chicago 00:00-04:00 on the spring day closes at 04:00 CDT', clock: 'chicagoEarly', start: '2026-03-08T00:00:00-06:00', duration: 3 * HOUR, expected: '2026-03-08T04:00:00-05:00' },
    { name: 'Chicago start in the repeated 01:30 (CDT) on the autumn day', clock: 'chicagoEarly', start: '2026-11-01T01:30:00-05:00', duration: 2 * HOUR, expected: '2026-11-01T02:30:00-06:00' },
    { name: 'Chicago overnight into the autumn change: 9 hours end at 06:00 CST', clock: 'chicagoNight', start: '2026-10-31T22:00:00-05:00', duration: 9 * HOUR, expected: '2026-11-01T06:00:00-06:00' },
    { name: 'Chicago overnight into the spring change: 7 hours, then the next night', clock: 'chicagoNight', start: '2026-03-07T22:00:00-06:00', duration: 8 * HOUR, expected: '2026-03-08T23:00:00-05:00' },
    // Overnight hours
    { name: 'overnight Friday runs to Saturday 06:00 then Monday night', clock: 'londonNightWeek', start: '2026-06-05T23:00:00+01:00', duration: 8 * HOUR, expected: '2026-06-08T23:00:00+01:00' },
    { name: 'overnight: start inside the closed weekend', clock: 'londonNightWeek', start: '2026-06-06T12:00:00+01:00', duration: HOUR, expected: '2026-06-08T23:00:00+01:00' },
    { name: 'overnight: a Monday bank holiday closes its evening, not Tuesday morning', clock: 'londonNightWeek', start: '2026-08-28T23:00:00+01:00', duration: 8 * HOUR, expected: '2026-09-01T01:00:00+01:00' },
    { name: 'overnight: Good Friday closes the spill from Thursday night', clock: 'londonNightWeek', start: '2026-04-02T22:00:00+01:00', duration: 3 * HOUR, expected: '2026-04-04T01:00:00+01:00' },
    // England & Wales holidays
    { name: 'Christmas 2026 and the Boxing Day substitute (Mon 28 Dec)', clock: 'london', start: '2026-12-24T17:00:00+00:00', duration: 2 * HOUR, expected: '2026-12-29T10:00:00+00:00' },
    { name: 'Christmas 2027 on a Saturday: substitutes Mon 27 and Tue 28 Dec', clock: 'london', start: '2027-12-24T17:00:00+00:00', duration: 2 * HOUR, expected: '2027-12-29T10:00:00+00:00' },
    { name: 'Easter 2026: Good Friday and Easter Monday', clock: 'london', start: '2026-04-02T17:00:00+01:00', duration: 2 * HOUR, expected: '2026-04-07T10:00:00+01:00' },
    // US federal holidays
    { name: 'Thanksgiving 2026', clock: 'chicago', start: '2026-11-25T16:00:00-06:00', duration: 2 * HOUR, expected: '2026-11-27T10:00:00-06:00' },
    { name: 'Independence Day 2026 observed on Friday 3 July', clock: 'chicago', start: '2026-07-02T16:30:00-05:00', duration: HOUR, expected: '2026-07-06T09:30:00-05:00' },
    { name: 'New Year 2028 observed on Friday 31 Dec 2027', clock: 'chicago', start: '2027-12-30T16:00:00-06:00', duration: 2 * HOUR, expected: '2028-01-03T10:00:00-06:00' },
    // Partial-day closures
    { name: 'closed from noon on 24 Dec, then the Christmas break', clock: 'londonXmasEve', start: '2026-12-24T11:00:00+00:00', duration: 2 * HOUR, expected: '2026-12-29T10:00:00+00:00' },
    { name: 'closed 12:00-14:00 mid-day', clock: 'londonXmasEve', start: '2026-06-10T11:00:00+01:00', duration: 2 * HOUR, expected: '2026-06-10T15:00:00+01:00' },
    // Pauses
    { name: 'a pause across the weekend removes the open time it covers', clock: 'london', start: '2026-06-05T16:00:00+01:00', duration: 4 * HOUR, pauses: [['2026-06-05T17:00:00+01:00', '2026-06-08T10:00:00+01:00']], expected: '2026-06-08T13:00:00+01:00' },
    { name: 'a pause wholly inside a closed period changes nothing', clock: 'london', start: '2026-06-05T16:00:00+01:00', duration: 4 * HOUR, pauses: [['2026-06-06T10:00:00+01:00', '2026-06-07T10:00:00+01:00']], expected: '2026-06-08T11:00:00+01:00' },
    {
      name: 'overlapping pauses count once',
      clock: 'london',
      start: '2026-06-01T09:00:00+01:00',
      duration: 4 * HOUR,
      pauses: [['2026-06-01T10:00:00+01:00', '2026-06-01T12:00:00+01:00'], ['2026-06-01T11:00:00+01:00', '2026-06-01T12:30:00+01:00'], ['2026-06-01T12:15:00+01:00', '2026-06-01T12:45:00+01:00']],
      expected: '2026-06-01T15:45:00+01:00',
    },
    { name: 'a pause nested inside another counts once', clock: 'london', start: '2026-06-01T09:00:00+01:00', duration: 4 * HOUR, pauses: [['2026-06-01T10:00:00+01:00', '2026-06-01T14:00:00+01:00'], ['2026-06-01T11:00:00+01:00', '2026-06-01T12:00:00+01:00']], expected: '2026-06-01T17:00:00+01:00' },
    { name: 'a pause that began before the start', clock: 'london', start: '2026-06-01T09:00:00+01:00', duration: HOUR, pauses: [['2026-06-01T08:00:00+01:00', '2026-06-01T10:00:00+01:00']], expected: '2026-06-01T11:00:00+01:00' },
    { name: 'a deadline exactly at a pause start is that instant', clock: 'london', start: '2026-06-01T09:00:00+01:00', duration: HOUR, pauses: [['2026-06-01T10:00:00+01:00', '2026-06-01T11:00:00+01:00']], expected: '2026-06-01T10:00:00+01:00' },
    // 24x7 counts real elapsed time, against the calendar clocks above
    { name: '24x7 runs through the night and the weekend', clock: '24x7', start: '2026-06-05T17:00:00+01:00', duration: 8 * HOUR, expected: '2026-06-06T01:00:00+01:00' },
    { name: 'calendar clock for the same start and duration', clock: 'london', start: '2026-06-05T17:00:00+01:00', duration: 8 * HOUR, expected: '2026-06-08T16:00:00+01:00' },
    { name: '24x7 across the spring change: 3 real hours from midnight is 04:00 BST', clock: '24x7', start: '2026-03-29T00:00:00+00:00', duration: 3 * HOUR, expected: '2026-03-29T04:00:00+01:00' },
    { name: '24x7 with overlapping pauses', clock: '24x7', start: '2026-06-01T09:00:00+01:00', duration: 4 * HOUR, pauses: [['2026-06-01T10:00:00+01:00', '2026-06-01T11:00:00+01:00'], ['2026-06-01T10:30:00+01:00', '2026-06-01T12:00:00+01:00']], expected: '2026-06-01T15:00:00+01:00' },
    { name: '24x7 with a pause that began before the start', clock: '24x7', start: '2026-06-01T09:00:00+01:00', duration: HOUR, pauses: [['2026-06-01T08:00:00+01:00', '2026-06-01T09:30:00+01:00']], expected: '2026-06-01T10:30:00+01:00' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = addBusinessTime(clocks[c.clock], at(c.start), c.duration, pausesOf(c.pauses));
      assert.equal(show(got, zoneOf(c.clock)), c.expected);
    });
  }
});

describe('businessTimeBetween', () => {
  const cases: { name: string; clock: ClockName; from: string; to: string; pauses?: [string, string][]; expected: number }[] = [
    { name: 'one office day', clock: 'london', from: '2026-06-01T00:00:00+01:00', to: '2026-06-02T00:00:00+01:00', expected: 9 * HOUR },
    { name: 'from a closing to the next opening is zero', clock: 'london', from: '2026-06-01T18:00:00+01:00', to: '2026-06-02T09:00:00+01:00', expected: 0 },
    { name: 'reversed bounds are zero', clock: 'london', from: '2026-06-02T12:00:00+01:00', to: '2026-06-01T12:00:00+01:00', expected: 0 },
    { name: 'London spring day, 00:00-04:00 holds 3 hours', clock: 'londonEarly', from: '2026-03-29T00:00:00+00:00', to: '2026-03-29T04:00:00+01:00', expected: 3 * HOUR },
    { name: 'London autumn day, 00:00-04:00 holds 5 hours', clock: 'londonEarly', from: '2026-10-25T00:00:00+01:00', to: '2026-10-25T04:00:00+00:00', expected: 5 * HOUR },
    { name: 'London overnight into the spring change holds 7 hours', clock: 'londonNight', from: '2026-03-28T22:00:00+00:00', to: '2026-03-29T06:00:00+01:00', expected: 7 * HOUR },
    { name: 'London overnight into the autumn change holds 9 hours', clock: 'londonNight', from: '2026-10-24T22:00:00+01:00', to: '2026-10-25T06:00:00+00:00', expected: 9 * HOUR },
    { name: 'Chicago spring day, 00:00-04:00 holds 3 hours', clock: 'chicagoEarly', from: '2026-03-08T00:00:00-06:00', to: '2026-03-08T04:00:00-05:00', expected: 3 * HOUR },
    { name: 'Chicago three nights around the spring change', clock: 'chicagoEarly', from: '2026-03-07T00:00:00-06:00', to: '2026-03-10T00:00:00-05:00', expected: 11 * HOUR },
    { name: 'Chicago autumn day, 00:00-04:00 holds 5 hours', clock: 'chicagoEarly', from: '2026-11-01T00:00:00-05:00', to: '2026-11-01T04:00:00-06:00', expected: 5 * HOUR },
    { name: 'Chicago overnight into the spring change holds 7 hours', clock: 'chicagoNight', from: '2026-03-07T22:00:00-06:00', to: '2026-03-08T06:00:00-05:00', expected: 7 * HOUR },
    { name: 'Chicago overnight into the autumn change holds 9 hours', clock: 'chicagoNight', from: '2026-10-31T22:00:00-05:00', to: '2026-11-01T06:00:00-06:00', expected: 9 * HOUR },
    { name: 'Chicago office week across the autumn change is unaffected', clock: 'chicago', from: '2026-10-30T09:00:00-05:00', to: '2026-11-02T17:00:00-06:00', expected: 16 * HOUR },
    { name: 'Christmas week 2026 in England: 24 Dec plus 29-31 Dec', clock: 'london', from: '2026-12-24T09:00:00+00:00', to: '2026-12-31T18:00:00+00:00', expected: 36 * HOUR },
    { name: 'Christmas week 2026 with the 24 Dec afternoon closed', clock: 'londonXmasEve', from: '2026-12-24T09:00:00+00:00', to: '2026-12-31T18:00:00+00:00', expected: 30 * HOUR },
    { name: 'Easter overnight: Thursday night to midnight, then Saturday and Tuesday mornings', clock: 'londonNightWeek', from: '2026-04-02T22:00:00+01:00', to: '2026-04-07T06:00:00+01:00', expected: 14 * HOUR },
    { name: 'Thanksgiving week in Chicago', clock: 'chicago', from: '2026-11-23T00:00:00-06:00', to: '2026-11-28T00:00:00-06:00', expected: 32 * HOUR },
    { name: 'overlapping pauses are not double-counted', clock: 'london', from: '2026-06-01T09:00:00+01:00', to: '2026-06-01T15:45:00+01:00', pauses: [['2026-06-01T10:00:00+01:00', '2026-06-01T12:00:00+01:00'], ['2026-06-01T11:00:00+01:00', '2026-06-01T12:30:00+01:00'], ['2026-06-01T12:15:00+01:00', '2026-06-01T12:45:00+01:00']], expected: 4 * HOUR },
    { name: '24x7: a day containing the spring change is 23 hours', clock: '24x7', from: '2026-03-28T12:00:00+00:00', to: '2026-03-29T12:00:00+01:00', expected: 23 * HOUR },
    { name: '24x7: a day containing the autumn change is 25 hours', clock: '24x7', from: '2026-10-24T12:00:00+01:00', to: '2026-10-25T12:00:00+00:00', expected: 25 * HOUR },
    { name: 'the office calendar over the same spring weekend is zero', clock: 'london', from: '2026-03-28T12:00:00+00:00', to: '2026-03-29T12:00:00+01:00', expected: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(businessTimeBetween(clocks[c.clock], at(c.from), at(c.to), pausesOf(c.pauses)), c.expected);
    });
  }
});

describe('addBusinessDays', () => {
  const cases: { name: string; clock: ClockName; start: string; days: number; pauses?: [string, string][]; expected: string }[] = [
    { name: 'Monday at opening plus one day ends at Monday closing (the same instant in business time as Tuesday 09:00)', clock: 'london', start: '2026-06-01T09:00:00+01:00', days: 1, expected: '2026-06-01T18:00:00+01:00' },
    { name: 'mid-day plus one day keeps the wall time', clock: 'london', start: '2026-06-01T12:00:00+01:00', days: 1, expected: '2026-06-02T12:00:00+01:00' },
    { name: 'five days is the same time next week', clock: 'london', start: '2026-06-01T12:00:00+01:00', days: 5, expected: '2026-06-08T12:00:00+01:00' },
    { name: 'a Saturday start moves to Monday 09:00 first, so one day ends Monday at closing', clock: 'london', start: '2026-06-06T10:00:00+01:00', days: 1, expected: '2026-06-08T18:00:00+01:00' },
    { name: 'a Sunday start moves to Monday 09:00 first', clock: 'london', start: '2026-06-07T12:00:00+01:00', days: 1, expected: '2026-06-08T18:00:00+01:00' },
    { name: 'a start exactly at closing moves to the next opening first', clock: 'london', start: '2026-06-01T18:00:00+01:00', days: 1, expected: '2026-06-02T18:00:00+01:00' },
    { name: 'Saturday is a business day; 17:00 on it is closed, so clamp to 16:00', clock: 'londonSat', start: '2026-06-05T17:00:00+01:00', days: 1, expected: '2026-06-06T16:00:00+01:00' },
    { name: 'Saturday start plus one day is Monday (Sunday has no hours)', clock: 'londonSat', start: '2026-06-06T10:00:00+01:00', days: 1, expected: '2026-06-08T10:00:00+01:00' },
    { name: 'Friday plus two days: Saturday, then Monday', clock: 'londonSat', start: '2026-06-05T10:00:00+01:00', days: 2, expected: '2026-06-08T10:00:00+01:00' },
    { name: 'Christmas Eve 2026 plus one day skips 25 and the 28 Dec substitute', clock: 'london', start: '2026-12-24T10:00:00+00:00', days: 1, expected: '2026-12-29T10:00:00+00:00' },
    { name: 'Christmas Eve 2027 plus one day skips the 27 and 28 Dec substitutes', clock: 'london', start: '2027-12-24T10:00:00+00:00', days: 1, expected: '2027-12-29T10:00:00+00:00' },
    { name: 'across the spring change the wall time is kept', clock: 'london', start: '2026-03-27T10:00:00+00:00', days: 1, expected: '2026-03-30T10:00:00+01:00' },
    { name: 'Chicago: Wednesday before Thanksgiving plus one day is Friday', clock: 'chicago', start: '2026-11-25T11:00:00-06:00', days: 1, expected: '2026-11-27T11:00:00-06:00' },
    { name: 'Chicago: Thursday 2 July plus one day is Monday 6 July', clock: 'chicago', start: '2026-07-02T11:00:00-05:00', days: 1, expected: '2026-07-06T11:00:00-05:00' },
    { name: 'overnight: a holiday on Wednesday is not a business day', clock: 'londonNightWedOff', start: '2026-06-02T23:00:00+01:00', days: 1, expected: '2026-06-04T23:00:00+01:00' },
    // Good Friday closes Thursday's spill and Friday evening; Friday's spill into Saturday opens at 00:00 on Saturday,
    // so Saturday is the next business day and 23:00 on it is closed: clamp back to Saturday 06:00.
    { name: 'overnight over Good Friday', clock: 'londonNightWeek', start: '2026-04-02T23:00:00+01:00', days: 1, expected: '2026-04-04T06:00:00+01:00' },
    { name: 'a pause adds the open time it covers', clock: 'london', start: '2026-06-01T12:00:00+01:00', days: 1, pauses: [['2026-06-01T17:00:00+01:00', '2026-06-02T10:00:00+01:00']], expected: '2026-06-02T14:00:00+01:00' },
    { name: 'a pause covering no open time changes nothing', clock: 'london', start: '2026-06-06T10:00:00+01:00', days: 1, pauses: [['2026-06-06T11:00:00+01:00', '2026-06-07T11:00:00+01:00']], expected: '2026-06-08T18:00:00+01:00' },
    { name: 'a pause over a whole business day moves the deadline a whole day', clock: 'london', start: '2026-06-01T09:00:00+01:00', days: 1, pauses: [['2026-06-01T09:00:00+01:00', '2026-06-01T18:00:00+01:00']], expected: '2026-06-02T18:00:00+01:00' },
    { name: '24x7: days are 24 real hours, across the spring change', clock: '24x7', start: '2026-03-27T10:00:00+00:00', days: 3, expected: '2026-03-30T11:00:00+01:00' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = addBusinessDays(clocks[c.clock], at(c.start), c.days, pausesOf(c.pauses));
      assert.equal(show(got, zoneOf(c.clock)), c.expected);
    });
  }
});
