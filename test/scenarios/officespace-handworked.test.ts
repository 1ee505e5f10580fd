// OfficeSpace (seed 003), deadlines worked out by hand from the seed's words alone, for the cases
// test/policy/seed-tables.test.ts and test/scenarios/officespace.test.ts do not already cover.
// The seed: "Support Hours: Monday through Friday, from 5:00 AM to 10:00 PM Central Standard Time
// (GMT-6) time, excluding New Year's Day and Christmas", then "Response Goal: 24 Hours" (Basic
// Product Support), "4 Hours" (Technical Support), "2 Hours" (Critical Technical Support).
// Readings (examples/policies/officespace.yaml says why): the hours stay at GMT-6 all year (the seed
// gives the offset), so a support day is 05:00-22:00 GMT-6 = 11:00-04:00 UTC (next day), 17 hours;
// the goals count support hours (no after-hours support is offered); the two holidays close their
// own dates, with no observed weekday when they fall on a weekend.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dues, simulate } from '../helpers/policies.ts';

const BASIC = 3;
const TECHNICAL = 2;
const CRITICAL = 1;

/** [what the case shows, level, opened (UTC), first response aimed for (UTC)], each worked by hand above it. */
const CASES: Array<[string, number, string, string]> = [
  // Mon 4 Jan 2027 05:00 GMT-6 (11:00Z): Monday gives 17 h (05:00-22:00), 7 h are left;
  // Tue 5 Jan 05:00 + 7 h = 12:00 GMT-6 = 18:00Z. (Read as 24 clock hours it would be Tue 05:00.)
  ['Basic Product Support opened at 05:00 on a Monday: 24 support hours run into Tuesday midday', BASIC, '2027-01-04T11:00:00Z', '2027-01-05T18:00:00Z'],
  // Fri 8 Jan 2027 21:59 GMT-6 (Sat 9 Jan 03:59Z): 1 min to 22:00, the weekend closed, Mon 11 Jan
  // 17 h (17 h 01 min counted), 6 h 59 min left: Tue 12 Jan 05:00 + 6:59 = 11:59 GMT-6 = 17:59Z.
  ['Basic Product Support a minute before Friday closing: one minute Friday, then Monday and Tuesday', BASIC, '2027-01-09T03:59:00Z', '2027-01-12T17:59:00Z'],
  // Tue 5 Jan 2027 23:30 GMT-6 (Wed 6 Jan 05:30Z): closed until Wed 05:00 GMT-6; + 4 h = 09:00
  // GMT-6 = 15:00Z.
  ['Technical Support at 23:30 on a weekday night waits for 05:00: due 09:00 the next morning', TECHNICAL, '2027-01-06T05:30:00Z', '2027-01-06T15:00:00Z'],
  // Wed 6 Jan 2027 22:00 GMT-6 (Thu 7 Jan 04:00Z): the hours end at 22:00, nothing is left that day;
  // Thu 7 Jan 05:00 + 2 h = 07:00 GMT-6 = 13:00Z. The seed offers no after-hours support, not even
  // for the critical level.
  ['Critical Technical Support at 22:00 sharp, the closing minute, is after hours: due 07:00 the next morning', CRITICAL, '2027-01-07T04:00:00Z', '2027-01-07T13:00:00Z'],
  // Sat 9 Jan 2027 10:00 GMT-6 (16:00Z): closed until Mon 11 Jan 05:00; + 2 h = 07:00 GMT-6 = 13:00Z.
  ['Critical Technical Support on a Saturday: counted from Monday 05:00', CRITICAL, '2027-01-09T16:00:00Z', '2027-01-11T13:00:00Z'],
  // Fri 1 Jan 2027 10:00 GMT-6 (16:00Z): the holiday, then Sat and Sun; Mon 4 Jan 05:00 + 2 h =
  // 07:00 GMT-6 = 13:00Z.
  ['Critical Technical Support on New Year\'s Day 2027 (a Friday): closed through the weekend', CRITICAL, '2027-01-01T16:00:00Z', '2027-01-04T13:00:00Z'],
  // Thu 24 Dec 2026 10:00 GMT-6 (16:00Z), an ordinary support day: 12 h to 22:00; Fri 25 Dec closed
  // (Christmas), then the weekend; Mon 28 Dec 05:00 + 12 h = 17:00 GMT-6 = 23:00Z.
  ['Basic Product Support on Christmas Eve 2026: Christmas (Friday) and the weekend skipped', BASIC, '2026-12-24T16:00:00Z', '2026-12-28T23:00:00Z'],
  // Fri 24 Dec 2027 20:00 GMT-6 (Sat 25 Dec 02:00Z), Technical Support: 2 h to 22:00 Friday; Sat 25
  // (Christmas) and Sun 26 closed anyway; Mon 27 Dec 05:00 + 2 h = 07:00 GMT-6 = 13:00Z. Were Friday
  // closed as an observed Christmas it would be Mon 09:00: the seed names Christmas only.
  ['Christmas 2027 is a Saturday: Friday 24 Dec is a support day (no observed holiday), to 22:00', TECHNICAL, '2027-12-25T02:00:00Z', '2027-12-27T13:00:00Z'],
  // Fri 12 Mar 2027 21:00 GMT-6 (Sat 13 Mar 03:00Z), Critical: 1 h to 22:00 Friday; the weekend
  // (with the US clock change) closed; Mon 15 Mar 05:00 GMT-6 + 1 h = 06:00 GMT-6 = 12:00Z, which
  // is 07:00 CDT. (Read as America/Chicago it would be 06:00 CDT = 11:00Z.)
  ['across the US change to daylight time (Sun 14 Mar 2027) the hours stay at GMT-6: Monday opens at 11:00Z', CRITICAL, '2027-03-13T03:00:00Z', '2027-03-15T12:00:00Z'],
  // Mon 15 Mar 2027 04:30 CDT = 09:30Z = 03:30 GMT-6: closed until 05:00 GMT-6 (11:00Z, 06:00 CDT);
  // + 4 h = 09:00 GMT-6 = 15:00Z (10:00 CDT).
  ['after the change, 04:30 CDT on Monday is 03:30 GMT-6, before opening: Technical due 09:00 GMT-6', TECHNICAL, '2027-03-15T09:30:00Z', '2027-03-15T15:00:00Z'],
  // Mon 15 Mar 2027 22:30 CDT = Tue 16 Mar 03:30Z = Mon 21:30 GMT-6: 30 min to 22:00 GMT-6; Tue 16
  // Mar 05:00 + 1 h 30 min = 06:30 GMT-6 = 12:30Z.
  ['after the change, 22:30 CDT on Monday is 21:30 GMT-6, still open: Critical due Tuesday 06:30 GMT-6', CRITICAL, '2027-03-16T03:30:00Z', '2027-03-16T12:30:00Z'],
];

describe('OfficeSpace: response goals worked by hand', () => {
  for (const [what, severity, opened, aimedFor] of CASES) {
    it(what, () => {
      // OfficeSpace has no earlier goal: the first response's one time.
      assert.deepEqual(dues(simulate('officespace', 'standard', severity, opened)).first_response, [aimedFor, null]);
    });
  }
});
