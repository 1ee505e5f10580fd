// A holiday that closes the whole night starting on it (holidays.whole_nights): OpenBack's email is
// answered "from 6pm to 9am" every night and in the 9am-6pm weekday hours, and "OpenBack is closed
// on" a holiday. Worked by hand in London time (GMT, +00:00, in winter; BST, +01:00, in summer).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isOpen, nextOpen } from '../../src/calendar/index.ts';
import { clockOf } from './helpers.ts';

const LONDON = 'Europe/London';
const at = (iso: string) => Temporal.Instant.from(iso).epochMilliseconds;
const show = (ms: number) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(LONDON).toString({ timeZoneName: 'never' });
const spec = { timeZone: LONDON, hours: { 'mon-fri': ['09:00-18:00'], daily: ['18:00-09:00'] }, regions: ['GB-ENG', 'US'] };

describe('a holiday closes the whole night that starts on it, where the calendar says so', () => {
  const whole = clockOf({ ...spec, wholeNights: true });
  const dateOnly = clockOf(spec);

  it('Christmas 2026: closed Friday 25 (Christmas Day) and Saturday 26 (Boxing Day) with their nights; open from Sunday 27 at 6pm', () => {
    // Friday 25 December 11:00 GMT. Saturday 26's night would spill to Sunday 09:00; it starts on a
    // holiday, so it is closed whole: the next shift is Sunday's, from 18:00.
    assert.equal(show(nextOpen(whole, at('2026-12-25T11:00:00Z'))), '2026-12-27T18:00:00+00:00');
    // Without the flag the spill past midnight reopens at 00:00, a time the policy never names.
    assert.equal(show(nextOpen(dateOnly, at('2026-12-25T11:00:00Z'))), '2026-12-27T00:00:00+00:00');
    // Sunday 27's night runs to midnight, where Monday 28 (Boxing Day observed) closes it.
    assert.equal(isOpen(whole, at('2026-12-27T23:30:00Z')), true);
    assert.equal(isOpen(whole, at('2026-12-28T00:30:00Z')), false);
    // Monday 28's night is closed whole too: Tuesday 29 opens at 09:00.
    assert.equal(show(nextOpen(whole, at('2026-12-28T00:30:00Z'))), '2026-12-29T09:00:00+00:00');
  });

  it('Thanksgiving 2026 (Thursday 26 November): the night before ends at midnight; Friday opens at 09:00, not 00:00', () => {
    assert.equal(isOpen(whole, at('2026-11-25T23:00:00Z')), true); // Wednesday night, before the holiday
    assert.equal(isOpen(whole, at('2026-11-26T03:00:00Z')), false); // on the holiday
    assert.equal(show(nextOpen(whole, at('2026-11-26T11:00:00Z'))), '2026-11-27T09:00:00+00:00');
  });

  it('in summer: US Independence Day (Saturday 4 July 2026, observed Friday 3 July) closes both nights; Sunday opens at 6pm BST', () => {
    assert.equal(show(nextOpen(whole, at('2026-07-04T10:00:00Z'))), '2026-07-05T18:00:00+01:00');
  });

  it('an ordinary weekend night is untouched', () => {
    // Saturday 5 December 2026 12:00 GMT: the Saturday night shift starts at 18:00.
    assert.equal(show(nextOpen(whole, at('2026-12-05T12:00:00Z'))), '2026-12-05T18:00:00+00:00');
    assert.equal(isOpen(whole, at('2026-12-06T03:00:00Z')), true);
  });
});
