// Table tests for the business-time engine: when a calendar is open (isOpen, nextOpen, nextClose,
// closedPeriods, with pauses), its holidays, and its years compiled lazily. Every expected instant
// was worked out by hand (offsets: London GMT +00:00 / BST +01:00, Chicago CST -06:00 / CDT -05:00).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CLOCK_24X7, addBusinessTime, closedPeriods, holidaysBetween, isOpen, nextClose, nextOpen, parseIsoDate, buildWeek, parseTimeRange, calendarClock } from '../../src/calendar/index.ts';
import type { BusinessClock } from '../../src/calendar/index.ts';
import { HOUR, at, clockOf, show } from './helpers.ts';
import { LONDON, clocks, type ClockName } from './sample-clocks.ts';

describe('isOpen, nextOpen, nextClose, closedPeriods', () => {
  const open: [ClockName, string, boolean][] = [
    ['london', '2026-06-01T09:00:00+01:00', true], // an interval includes its start
    ['london', '2026-06-01T18:00:00+01:00', false], // and excludes its end
    ['london', '2026-12-28T12:00:00+00:00', false], // Boxing Day substitute
    ['london', '2027-12-27T12:00:00+00:00', false], // Christmas Day substitute
    ['london', '2027-12-28T12:00:00+00:00', false], // Boxing Day substitute
    ['london', '2027-12-29T12:00:00+00:00', true],
    ['londonXmasEve', '2026-12-24T11:59:00+00:00', true],
    ['londonXmasEve', '2026-12-24T12:00:00+00:00', false],
    ['chicago', '2026-07-03T12:00:00-05:00', false], // Independence Day observed
    ['chicago', '2026-11-26T12:00:00-06:00', false], // Thanksgiving
    ['chicago', '2026-11-27T12:00:00-06:00', true],
    ['chicagoEarly', '2026-11-01T01:30:00-06:00', true], // the repeated hour is open too
    ['londonNightWeek', '2026-04-03T01:00:00+01:00', false], // Thursday night's spill into Good Friday
    ['londonNightWeek', '2026-04-04T01:00:00+01:00', true], // Friday night's spill into Saturday
    ['londonNightWeek', '2026-04-07T01:00:00+01:00', true], // Easter Monday night's spill into Tuesday
  ];
  for (const [clock, t, expected] of open) {
    it(`${clock} is ${expected ? 'open' : 'closed'} at ${t}`, () => assert.equal(isOpen(clocks[clock], at(t)), expected));
  }

  it('the instant before closing is open', () => {
    assert.equal(isOpen(clocks.london, at('2026-06-01T18:00:00+01:00') - 1), true);
  });
  it('nextOpen from a closing is the next opening; inside an interval it is the instant itself', () => {
    assert.equal(show(nextOpen(clocks.london, at('2026-06-05T18:00:00+01:00')), LONDON), '2026-06-08T09:00:00+01:00');
    assert.equal(show(nextOpen(clocks.london, at('2026-06-05T12:00:00+01:00')), LONDON), '2026-06-05T12:00:00+01:00');
    assert.equal(show(nextOpen(clocks.london, at('2026-12-24T18:00:00+00:00')), LONDON), '2026-12-29T09:00:00+00:00');
  });
  it('nextClose inside an interval is its end; when closed it is the instant itself', () => {
    assert.equal(show(nextClose(clocks.londonEarly, at('2026-03-29T00:30:00+00:00')) as number, LONDON), '2026-03-29T04:00:00+01:00');
    assert.equal(nextClose(clocks.london, at('2026-06-06T12:00:00+01:00')), at('2026-06-06T12:00:00+01:00'));
    assert.equal(nextClose(CLOCK_24X7, 0), null);
  });
  it('closedPeriods lists the gaps inside the range', () => {
    const gaps = closedPeriods(clocks.london, at('2026-06-05T12:00:00+01:00'), at('2026-06-08T12:00:00+01:00'));
    assert.deepEqual(gaps.map((g) => [show(g.from, LONDON), show(g.to, LONDON)]), [['2026-06-05T18:00:00+01:00', '2026-06-08T09:00:00+01:00']]);
  });
});

describe('holidaysBetween', () => {
  const day = (iso: string, name: string, partial = false) => ({ day: parseIsoDate(iso), name, partial });
  it('England & Wales, Christmas 2026: Boxing Day on Saturday, substitute Monday 28 Dec', () => {
    assert.deepEqual(holidaysBetween(clocks.london, at('2026-12-24T00:00:00+00:00'), at('2026-12-31T12:00:00+00:00')), [
      day('2026-12-25', 'Christmas Day'),
      day('2026-12-26', 'Boxing Day'),
      day('2026-12-28', 'Boxing Day (substitute day)'),
    ]);
  });
  it('England & Wales, Christmas 2027 on Saturday: substitutes on 27 and 28 Dec', () => {
    assert.deepEqual(holidaysBetween(clocks.london, at('2027-12-24T00:00:00+00:00'), at('2027-12-31T12:00:00+00:00')), [
      day('2027-12-25', 'Christmas Day'),
      day('2027-12-26', 'Boxing Day'),
      day('2027-12-27', 'Christmas Day (substitute day)'),
      day('2027-12-28', 'Boxing Day (substitute day)'),
    ]);
  });
  it('US, July 2026: Independence Day observed on Friday 3 July', () => {
    assert.deepEqual(holidaysBetween(clocks.chicago, at('2026-07-01T12:00:00-05:00'), at('2026-07-06T12:00:00-05:00')), [
      day('2026-07-03', 'Independence Day (substitute day)'),
      day('2026-07-04', 'Independence Day'),
    ]);
  });
  it('a partial-day closure is reported as partial', () => {
    assert.deepEqual(holidaysBetween(clocks.londonXmasEve, at('2026-12-24T00:00:00+00:00'), at('2026-12-24T23:00:00+00:00')), [day('2026-12-24', 'closed 2026-12-24', true)]);
  });
});

describe('lazy year compilation', () => {
  const spec = { timeZone: LONDON, hours: { 'mon-fri': ['22:00-06:00'] }, regions: ['GB-ENG'] };
  // Thursday 31 Dec 2026 22:00: the spill into 1 Jan 2027 (New Year's Day) is closed; Friday 1 Jan's own night is closed too.
  const probe = (clock: BusinessClock) => show(addBusinessTime(clock, at('2026-12-31T22:00:00+00:00'), 3 * HOUR), LONDON);
  const expected = '2027-01-02T01:00:00+00:00';

  it('a fresh clock handles the year-end spill into a holiday', () => {
    assert.equal(probe(clockOf(spec)), expected);
  });
  it('a clock first queried years later rebuilds backwards and agrees', () => {
    const clock = clockOf(spec);
    isOpen(clock, at('2031-06-01T12:00:00+01:00'));
    assert.equal(probe(clock), expected);
  });
  it('a clock first queried years earlier appends forwards and agrees', () => {
    const clock = clockOf(spec);
    isOpen(clock, at('2021-06-01T12:00:00+01:00'));
    assert.equal(probe(clock), expected);
  });
  it('a clock queried in 2026 still answers about 2070 (more than 30 years compiled)', () => {
    const clock = clockOf({ timeZone: LONDON, hours: { 'mon-fri': ['09:00-18:00'] } });
    isOpen(clock, at('2026-06-01T12:00:00+01:00'));
    assert.equal(isOpen(clock, at('2070-06-03T12:00:00+01:00')), true);
    assert.equal(show(addBusinessTime(clock, at('2070-06-07T12:00:00+01:00'), HOUR), LONDON), '2070-06-09T10:00:00+01:00');
  });
  it('touching ranges stay one open stretch across a year end on a warmed clock', () => {
    const clock = clockOf({ timeZone: LONDON, hours: { daily: ['22:00-24:00', '00:00-06:00'] } });
    isOpen(clock, at('2025-06-01T12:00:00+01:00')); // compiles 2024-2026 only
    assert.equal(show(nextClose(clock, at('2026-12-31T23:00:00+00:00')) as number, LONDON), '2027-01-01T06:00:00+00:00');
  });
  it('a calendar with no open time at all still fails loudly', () => {
    const clock = clockOf({ timeZone: LONDON, hours: {} });
    assert.throws(() => addBusinessTime(clock, at('2026-06-01T12:00:00+01:00'), HOUR), /no open time within 30 years/);
  });
});

describe('isOpen and nextOpen with pauses', () => {
  const { week } = buildWeek([{ key: 'mon-fri', ranges: [parseTimeRange('09:00-18:00')] }]);
  const clock = calendarClock({ id: 'p', name: 'p', timeZone: 'Europe/London', week, holidays: { regions: [], except: [], dates: [], yearly: [] } });
  const ms = (s: string) => Temporal.Instant.from(s).epochMilliseconds;
  const pause = [{ from: ms('2026-12-02T10:00:00Z'), to: ms('2026-12-02T12:00:00Z') }];
  it('a paused open instant is not running, and resumes at the end of the pause', () => {
    assert.equal(isOpen(clock, ms('2026-12-02T11:00:00Z'), pause), false);
    assert.equal(isOpen(clock, ms('2026-12-02T12:00:00Z'), pause), true);
    assert.equal(nextOpen(clock, ms('2026-12-02T10:30:00Z'), pause), ms('2026-12-02T12:00:00Z'));
  });
  it('a pause running past closing resumes at the next opening', () => {
    const late = [{ from: ms('2026-12-04T17:00:00Z'), to: ms('2026-12-05T10:00:00Z') }];
    assert.equal(nextOpen(clock, ms('2026-12-04T17:30:00Z'), late), ms('2026-12-07T09:00:00Z'));
    assert.equal(nextOpen(CLOCK_24X7, ms('2026-12-04T17:30:00Z'), late), ms('2026-12-05T10:00:00Z'));
  });
});
