// OpenBack (seed 001): initial response deadlines worked out by hand from the seed's own words,
// at the edges the other OpenBack tests do not reach (test/policy/seed-tables.test.ts has the
// Wednesday-morning row of each cell, Christmas 2026 and 2027 and Independence Day 2026).
// The seed words used:
//   "OpenBack's regular support hours are Monday through Friday, 9am to 6pm GMT."
//   "Weekend Support hours for Enterprise customers are 9am - 4pm GMT on Saturdays."
//   "OpenBack is closed on certain observed UK or US holidays."
//   "Severity 1: Critical - Initial Response Time | 6 hours, 24x7 | 3 hours, 24x7 | 1 hour, 24x7 |"
//   "Severity 2: Major - Initial Response Time | 1 - 2 business days | Under 1 business day | 12 business hours |"
//   "Severity 3: Minor - Initial Response Time | 2 - 4 business days | 1 – 2 business days | 6 - 12 business hours |"
//   "Severity 4: Enhancement - Initial Response Time | 3 business days | 2 business day | 1 business day |"
// Readings (examples/policies/openback.yaml): GMT is UK civil time (BST in summer); the holidays
// are the public holidays of England & Wales and of the US; Enterprise's business days include its
// Saturday; N business days end at the same local time on the Nth business day (a request that
// arrives while closed starts at the next opening, and a closed end time is the closing before
// it); a range warns at its lower bound and breaches at its upper.
// Instants are UTC: London is UTC+0 in winter (GMT) and UTC+1 in summer (BST); in 2027 the clocks
// go forward on Sunday 28 March, in 2026 back on Sunday 25 October.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dues, simulate } from '../helpers/policies.ts';

/** [due, goal] of the first response; goal null where the cell is not a range. */
const firstResponse = (plan: string, severity: number, opened: string) => dues(simulate('openback', plan, severity, opened)).first_response;

describe('OpenBack initial response, worked by hand from the seed', () => {
  it('Easter 2027 and the spring clock change: Good Friday and Easter Monday closed, Enterprise works the Saturday between', () => {
    // Enterprise Severity 3, "6 - 12 business hours", from Thursday 25 March 2027 17:00 GMT (17:00Z).
    // Thu 17:00-18:00 = 1 h. Fri 26 Good Friday: closed (England bank holiday). Sat 27 09:00-16:00 GMT = 7 h
    // (goal: 1 h + 5 h = Sat 14:00 GMT = 14:00Z). Sun 28: clocks go forward. Mon 29 Easter Monday: closed.
    // Tue 30 from 09:00 BST (08:00Z): 12 - 8 = 4 h more, 13:00 BST = 12:00Z.
    assert.deepEqual(firstResponse('enterprise', 3, '2027-03-25T17:00:00Z'), ['2027-03-30T12:00:00Z', '2027-03-27T14:00:00Z']);
    // Growth Severity 4, "3 business days", from Thursday 25 March 2027 10:00 GMT (10:00Z): Fri 26 and Mon 29
    // closed, no Saturday on Growth: Tue 30 (1), Wed 31 (2), Thu 1 April (3), at 10:00 BST = 09:00Z.
    assert.deepEqual(firstResponse('growth', 4, '2027-03-25T10:00:00Z'), ['2027-04-01T09:00:00Z', null]);
  });

  it('US Thanksgiving 2026, a minute before closing: Pro under 1 business day skips Thursday 26 November', () => {
    // Wed 25 Nov 17:59 GMT (17:59Z). Thu 26 Thanksgiving Day (US federal): closed. Fri 27 is no US or UK
    // public holiday: the next business day, at the same time, 17:59 GMT.
    assert.deepEqual(firstResponse('pro', 2, '2026-11-25T17:59:00Z'), ['2026-11-27T17:59:00Z', null]);
  });

  it('the UK Summer bank holiday 2026 half an hour before closing: Growth "1 - 2 business days" skips Monday 31 August', () => {
    // Fri 28 Aug 17:30 BST (16:30Z). Mon 31 Aug Summer bank holiday (England): closed. Goal, 1 business day:
    // Tue 1 Sep 17:30 BST (16:30Z); due, 2: Wed 2 Sep 17:30 BST (16:30Z).
    assert.deepEqual(firstResponse('growth', 2, '2026-08-28T16:30:00Z'), ['2026-09-02T16:30:00Z', '2026-09-01T16:30:00Z']);
  });

  it('Severity 1 after hours on a holiday runs round the clock: Pro, Christmas Day 2026 at 20:00', () => {
    // "3 hours, 24x7": Fri 25 Dec 20:00 GMT + 3 h = 23:00 GMT, whatever the holiday and the hour.
    assert.deepEqual(firstResponse('pro', 1, '2026-12-25T20:00:00Z'), ['2026-12-25T23:00:00Z', null]);
    // "6 hours, 24x7" on Growth from Sunday 6 Dec 2026 21:00 GMT: Monday 03:00 GMT, before anyone's day starts.
    assert.deepEqual(firstResponse('growth', 1, '2026-12-06T21:00:00Z'), ['2026-12-07T03:00:00Z', null]);
  });

  it('Enterprise "1 business day" from Friday 17:00 ends with Saturday, at its 4pm closing', () => {
    // Fri 4 Dec 2026 17:00 GMT. The next Enterprise business day is Saturday 5 Dec (9am - 4pm GMT); its
    // 17:00 is after closing, so the day ends at 16:00 GMT.
    assert.deepEqual(firstResponse('enterprise', 4, '2026-12-04T17:00:00Z'), ['2026-12-05T16:00:00Z', null]);
  });

  it('a Growth request on a Saturday waits for Monday: "3 business days" are Monday, Tuesday and Wednesday', () => {
    // Sat 5 Dec 2026 12:00 GMT: Growth has no Saturday hours. Starting Monday 7 Dec 09:00, three whole
    // business days (Mon, Tue, Wed) end Wednesday 9 Dec at 18:00 GMT.
    assert.deepEqual(firstResponse('growth', 4, '2026-12-05T12:00:00Z'), ['2026-12-09T18:00:00Z', null]);
  });

  it('Enterprise "12 business hours" from a summer Saturday 15:00 BST count the Saturday hour', () => {
    // Sat 13 Jun 2026 15:00 BST (14:00Z): 15:00-16:00 = 1 h. Mon 15 09:00-18:00 BST = 9 h (10 h).
    // Tue 16 09:00 + 2 h = 11:00 BST = 10:00Z.
    assert.deepEqual(firstResponse('enterprise', 2, '2026-06-13T14:00:00Z'), ['2026-06-16T10:00:00Z', null]);
  });

  it('Pro "1 – 2 business days" across the autumn clock change keep the local time: 16:00 BST, then 16:00 GMT', () => {
    // Fri 23 Oct 2026 16:00 BST (15:00Z). Sun 25 Oct: clocks go back. Goal, 1 business day: Mon 26 Oct
    // 16:00 GMT (16:00Z); due, 2: Tue 27 Oct 16:00 GMT (16:00Z).
    assert.deepEqual(firstResponse('pro', 3, '2026-10-23T15:00:00Z'), ['2026-10-27T16:00:00Z', '2026-10-26T16:00:00Z']);
  });
});
