// The simulator says what the policy says, no more. Expected words worked by hand from the YAML:
// - OpenBack (examples/policies/openback.yaml): Growth's hours "9am – 6pm GMT", Mon-Fri, closed on the
//   public holidays of England & Wales and of the US (regions GB-ENG, US); Martin Luther King Jr. Day
//   is the third Monday of January, Mon 18 Jan 2027. Growth has no phone ("Provided to our Pro and
//   Enterprise Customers"); its email is answered 9-6 and 6pm-9am, its chat 9-6 on weekdays.
// - OfficeSpace (officespace.yaml): Mon-Fri 05:00-22:00 GMT-6, closed on "New Year’s Day" and
//   "Christmas"; Technical Support's "Response Goal: 4 Hours" is a goal (goal: true).
// - OPS-COM (opscom.yaml): "The seed lists no holidays; none are taken off"; after hours, "Issues will be
//   triaged within 15 minutes", of real time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { simulateRequest } from '../../src/tickets/simulate-request.ts';
import { examplePolicy, simulate } from '../helpers/policies.ts';

const at = (iso: string) => Temporal.Instant.from(iso).epochMilliseconds;

describe('the simulator names the holiday a request opened on', () => {
  it('OpenBack: Mon 18 Jan 2027 is Martin Luther King Jr. Day, a US federal holiday the hours close on', () => {
    assert.equal(simulate('openback', 'growth', 2, '2027-01-18T10:00:00Z').notes[0],
      'Opened Mon 18 Jan 2027 10:00 GMT, outside the support hours of plan "Growth" (9am – 6pm GMT), which are closed that day for Martin Luther King Jr. Day.');
  });

  it('OfficeSpace: Christmas and New Year’s Day, by the policy\'s names', () => {
    const hours = 'the support hours of plan "Support" (Monday through Friday, from 5:00 AM to 10:00 PM Central Standard Time (GMT-6))';
    // 16:00Z is 10:00 at GMT-6.
    assert.equal(simulate('officespace', 'standard', 2, '2026-12-25T16:00:00Z').notes[0], `Opened Fri 25 Dec 2026 10:00 GMT-6, outside ${hours}, which are closed that day for Christmas.`);
    assert.equal(simulate('officespace', 'standard', 2, '2027-01-01T16:00:00Z').notes[0], `Opened Fri 1 Jan 2027 10:00 GMT-6, outside ${hours}, which are closed that day for New Year’s Day.`);
    // Thu 24 Dec 23:00 GMT-6 (25 Dec 05:00Z): after the 22:00 closing of an ordinary day, not on Christmas.
    assert.equal(simulate('officespace', 'standard', 2, '2026-12-25T05:00:00Z').notes[0], `Opened Thu 24 Dec 2026 23:00 GMT-6, outside ${hours}.`);
  });
});

describe('real time is said to run through holidays only where the plan\'s hours have some', () => {
  it('OPS-COM, whose policy has no holidays: nights and weekends, no holidays', () => {
    // Fri 4 Dec 2026 22:00 EST (03:00Z), a critical email: taken after hours, triaged within 15 minutes.
    const sim = simulate('opscom', 'premium', 1, '2026-12-05T03:00:00Z', 'email');
    const triage = sim.targets.find((t) => t.metric === 'triage')!;
    assert.ok(triage.explain.includes('After-hours triage within 15 minutes of real time, nights and weekends included.'), triage.explain.join('\n'));
    assert.ok(sim.targets.every((t) => t.explain.every((l) => !/holiday/i.test(l))), sim.targets.flatMap((t) => t.explain).join('\n'));
  });

  it('OpenBack Severity 1 on the 24x7 clock: its hours close on holidays, so the words fit', () => {
    const sim = simulate('openback', 'growth', 1, '2026-12-02T10:00:00Z');
    assert.ok(sim.targets[0].explain.includes('First response within 6 hours, on the 24x7 clock: real elapsed time, nights, weekends and holidays included.'), sim.targets[0].explain.join('\n'));
  });
});

describe('a goal is not called breached (OfficeSpace "Response Goal")', () => {
  it('says what the desk does when it passes, in the agent pages\' words', () => {
    const sim = simulate('officespace', 'standard', 2, '2026-12-02T16:00:00Z');
    const explain = sim.targets[0].explain;
    assert.ok(explain.includes('The policy calls this target a goal; it is measured as exactly 4 Hours (a goal, not a deadline: the team is alerted if it passes).'), explain.join('\n'));
    assert.ok(explain.every((l) => !/breach/i.test(l)), explain.join('\n'));
  });
});

describe('a channel the plan lacks: the request is not taken, and no target is shown', () => {
  const growthByPhone = (opened: string) => simulateRequest(examplePolicy('openback'), { plan: 'growth', severity: 1, openedAt: at(opened), channel: 'phone' });

  it('OpenBack Growth by phone on Wednesday 10:00 GMT: refused as intake refuses it, email and chat offered', () => {
    const sim = growthByPhone('2026-12-02T10:00:00Z');
    const refusal = 'Not taken by Phone: The Growth plan does not include Phone; use Email, Chat.';
    assert.equal(sim.refusal, refusal);
    assert.deepEqual(sim.targets, []);
    assert.deepEqual(sim.unmeasured, []);
    assert.deepEqual(sim.notes, ['Opened Wed 2 Dec 2026 10:00 GMT, within the support hours of plan "Growth" (9am – 6pm GMT).', refusal]);
  });

  it('at 22:00 GMT the chat is closed: it is offered with the time it opens', () => {
    assert.equal(growthByPhone('2026-12-02T22:00:00Z').refusal, 'Not taken by Phone: The Growth plan does not include Phone; use Email; Chat opens Thu 3 Dec 2026 09:00 GMT.');
  });

  it('Pro has phone: nothing refused, its targets shown', () => {
    const sim = simulateRequest(examplePolicy('openback'), { plan: 'pro', severity: 1, openedAt: at('2026-12-02T10:00:00Z'), channel: 'phone' });
    assert.equal(sim.refusal, null);
    assert.equal(sim.targets[0].metric, 'first_response');
  });
});
