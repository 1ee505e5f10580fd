// Explanation wording: instants in UTC and in a policy's zone, spans. Expected texts written by hand.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isoUtc, localSpanText, localText, spanText } from '../../src/sla/index.ts';

describe('explanation wording', () => {
  it('isoUtc prints whole seconds, the fraction dropped, across the four-digit-year edge', () => {
    assert.equal(isoUtc(Date.UTC(2026, 11, 21, 9, 0, 59, 999)), '2026-12-21T09:00:59Z');
    assert.equal(isoUtc(0), '1970-01-01T00:00:00Z');
    assert.equal(isoUtc(Date.UTC(1969, 11, 31, 23, 59, 59, 500)), '1969-12-31T23:59:59Z');
    assert.equal(isoUtc(Date.UTC(9999, 11, 31, 23, 59, 59, 999)), '9999-12-31T23:59:59Z');
    assert.equal(isoUtc(Date.UTC(10000, 0, 1)), '+010000-01-01T00:00:00Z');
  });

  it('localText names the local time and zone, the same instant differently per zone', () => {
    const monday = Date.UTC(2026, 11, 21, 9, 0);
    assert.equal(localText(monday, 'Europe/London'), 'Mon 21 Dec 2026 09:00 GMT');
    assert.equal(localText(monday, 'America/New_York'), 'Mon Dec 21 2026 04:00 AM EST');
    // Asked again (now from the remembered texts): the same answers, each zone its own.
    assert.equal(localText(monday, 'America/New_York'), 'Mon Dec 21 2026 04:00 AM EST');
    assert.equal(localText(monday, 'Europe/London'), 'Mon 21 Dec 2026 09:00 GMT');
    assert.equal(localText(Date.UTC(2026, 6, 21, 9, 0), 'Europe/London'), 'Tue 21 Jul 2026 10:00 BST');
  });

  it('localText stays right past the bound on remembered texts', () => {
    const start = Date.UTC(2027, 0, 4, 0, 0); // Monday 4 January 2027, 00:00 UTC
    for (let i = 0; i < 5000; i++) localText(start + i * 60_000, 'Europe/London');
    assert.equal(localText(start, 'Europe/London'), 'Mon 4 Jan 2027 00:00 GMT');
    assert.equal(localText(start + 4999 * 60_000, 'Europe/London'), 'Thu 7 Jan 2027 11:19 GMT'); // 4999 min = 3 d 11 h 19 min
  });

  it('localText is remembered by the second: instants of one second share a text, the next minute and the clock change do not', () => {
    const t = Date.UTC(2027, 1, 1, 9, 29, 59, 10); // Monday 1 February 2027, 09:29:59.010 UTC
    assert.equal(localText(t, 'Europe/London'), 'Mon 1 Feb 2027 09:29 GMT');
    assert.equal(localText(t + 989, 'Europe/London'), 'Mon 1 Feb 2027 09:29 GMT'); // .999, same second
    assert.equal(localText(t + 990, 'Europe/London'), 'Mon 1 Feb 2027 09:30 GMT'); // 09:30:00.000
    // Kolkata is 5 h 30 min ahead: the same UTC second, its own text.
    assert.equal(localText(t + 500, 'Asia/Kolkata'), 'Mon 1 Feb 2027 14:59 GMT+5:30');
    // London's clocks go forward at 01:00 GMT on Sunday 28 March 2027.
    const change = Date.UTC(2027, 2, 28, 1, 0);
    assert.equal(localText(change - 1, 'Europe/London'), 'Sun 28 Mar 2027 00:59 GMT');
    assert.equal(localText(change, 'Europe/London'), 'Sun 28 Mar 2027 02:00 BST');
  });

  it('localSpanText says a window as a person writes it: the date once on one day, the zone once where both ends have one name', () => {
    // 14:00-16:00 UTC on Saturday 12 December 2026 is 08:00-10:00 at GMT-6.
    assert.equal(localSpanText(Date.UTC(2026, 11, 12, 14), Date.UTC(2026, 11, 12, 16), 'Etc/GMT+6'), 'Sat 12 Dec 2026, 08:00 to 10:00 GMT-6');
    // 03:00-05:30 UTC on Saturday 12 December is 10:00 PM Friday to 12:30 AM Saturday in New York (EST, UTC-5): both dates.
    assert.equal(localSpanText(Date.UTC(2026, 11, 12, 3), Date.UTC(2026, 11, 12, 5, 30), 'America/New_York'), 'Fri Dec 11 2026, 10:00 PM to Sat Dec 12 2026, 12:30 AM EST');
    // Across the end of summer time in New York (Sunday 1 November 2026, 02:00 EDT is 01:00 EST): each end its own zone.
    assert.equal(localSpanText(Date.UTC(2026, 10, 1, 5), Date.UTC(2026, 10, 1, 7), 'America/New_York'), 'Sun Nov 1 2026, 01:00 AM EDT to 02:00 AM EST');
  });

  it('spanText counts days, hours, minutes and seconds', () => {
    assert.equal(spanText(0), '0 min');
    assert.equal(spanText(((26 * 60 + 30) * 60) * 1000), '1 day 2 h 30 min');
    assert.equal(spanText(2 * 86_400_000 + 5000), '2 days 5 s');
  });
});
