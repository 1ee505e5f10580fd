// One test per row of each seed's tables: the simulated targets of the example policy.
// Expected instants are worked out by hand in the seeds' own time zones (winter dates:
// London = UTC, Chicago = UTC-6, New York = UTC-5).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { severityTargets } from '../../src/policy/index.ts';
import { dues, examplePolicy, simulate } from '../helpers/policies.ts';

/** The example policy's one first-response time for a request opened at `opened` (no earlier goal). */
function firstResponseDue(vendor: string, plan: string, severity: number, opened: string, due: string): void {
  assert.deepEqual(dues(simulate(vendor, plan, severity, opened)), { first_response: [due, null] });
}

describe('OpenBack (seed 001): initial response per plan and severity', () => {
  const wed = '2026-12-02T10:00:00Z'; // Wednesday 10:00 GMT
  it('Severity 1: 6 hours / 3 hours / 1 hour, 24x7', () => {
    firstResponseDue('openback', 'growth', 1, wed, '2026-12-02T16:00:00Z');
    firstResponseDue('openback', 'pro', 1, wed, '2026-12-02T13:00:00Z');
    firstResponseDue('openback', 'enterprise', 1, wed, '2026-12-02T11:00:00Z');
    // 24x7 runs through the weekend.
    firstResponseDue('openback', 'growth', 1, '2026-12-05T22:00:00Z', '2026-12-06T04:00:00Z');
  });
  it('Severity 2: 1 - 2 business days / under 1 business day / 12 business hours', () => {
    assert.deepEqual(dues(simulate('openback', 'growth', 2, wed)), { first_response: ['2026-12-04T10:00:00Z', '2026-12-03T10:00:00Z'] });
    firstResponseDue('openback', 'pro', 2, wed, '2026-12-03T10:00:00Z');
    firstResponseDue('openback', 'enterprise', 2, wed, '2026-12-03T13:00:00Z');
  });
  it('Severity 3: 2 - 4 business days / 1 - 2 business days / 6 - 12 business hours', () => {
    assert.deepEqual(dues(simulate('openback', 'growth', 3, wed)), { first_response: ['2026-12-08T10:00:00Z', '2026-12-04T10:00:00Z'] });
    assert.deepEqual(dues(simulate('openback', 'pro', 3, wed)), { first_response: ['2026-12-04T10:00:00Z', '2026-12-03T10:00:00Z'] });
    assert.deepEqual(dues(simulate('openback', 'enterprise', 3, wed)), { first_response: ['2026-12-03T13:00:00Z', '2026-12-02T16:00:00Z'] });
  });
  it('Severity 4: 3 business days / 2 business days / 1 business day', () => {
    firstResponseDue('openback', 'growth', 4, wed, '2026-12-07T10:00:00Z');
    firstResponseDue('openback', 'pro', 4, wed, '2026-12-04T10:00:00Z');
    firstResponseDue('openback', 'enterprise', 4, wed, '2026-12-03T10:00:00Z');
  });
  it('Support hours: 9am-6pm weekdays, plus Saturday 9am-4pm for Enterprise', () => {
    const fri = '2026-12-04T17:00:00Z'; // Friday 17:00, one hour before closing
    // Enterprise: Fri 1 h + Sat 7 h + Mon 4 h.
    firstResponseDue('openback', 'enterprise', 2, fri, '2026-12-07T13:00:00Z');
    // Growth: no Saturday; same local time one and two business days on.
    assert.deepEqual(dues(simulate('openback', 'growth', 2, fri)), { first_response: ['2026-12-08T17:00:00Z', '2026-12-07T17:00:00Z'] });
  });
  it('UK holidays: Christmas, Boxing Day and its Monday substitute are skipped', () => {
    firstResponseDue('openback', 'pro', 4, '2026-12-24T10:00:00Z', '2026-12-30T10:00:00Z');
  });
  // "OpenBack is closed on certain observed UK or US holidays": closed on the holiday itself and on the
  // weekday it is observed when it falls on a weekend. Enterprise's Saturday hours do not open on one.
  it('closed on the holiday and on its observed day: Enterprise does not work Saturday 26 December 2026 (Boxing Day, observed Monday 28)', () => {
    // Thu 24 Dec 10:00-18:00 GMT = 8 h; Fri 25 Christmas Day, Sat 26 Boxing Day, Mon 28 Boxing Day observed: closed;
    // Tue 29 09:00 + 4 h = 13:00 GMT.
    firstResponseDue('openback', 'enterprise', 2, '2026-12-24T10:00:00Z', '2026-12-29T13:00:00Z');
  });
  it('Christmas Day 2027 falls on a Saturday: Enterprise is closed that Saturday, as on the days it is observed', () => {
    // Thu 23 Dec 2027 10:00-18:00 GMT = 8 h; Fri 24 closed (US Christmas Day observed); Sat 25 Christmas Day closed;
    // Mon 27 and Tue 28 closed (UK Christmas Day and Boxing Day observed); Wed 29 09:00 + 4 h = 13:00 GMT.
    // Open that Saturday, the 12 hours would have ended Sat 25 at 13:00.
    firstResponseDue('openback', 'enterprise', 2, '2027-12-23T10:00:00Z', '2027-12-29T13:00:00Z');
  });
  it('US Independence Day 2026 (Saturday 4 July) closes Friday 3 July, and the Saturday', () => {
    // Enterprise, Thu 2 Jul 14:00 BST (13:00Z): 4 h Thursday; Fri 3 (observed) and Sat 4 (Independence Day) closed;
    // Mon 6 09:00 BST + 8 h = 17:00 BST = 16:00Z.
    firstResponseDue('openback', 'enterprise', 2, '2026-07-02T13:00:00Z', '2026-07-06T16:00:00Z');
    // Growth, 3 business days from Wed 1 Jul 10:00 BST: Thu 2 (1), Fri 3 closed, Mon 6 (2), Tue 7 (3) at 10:00 BST = 09:00Z.
    firstResponseDue('openback', 'growth', 4, '2026-07-01T09:00:00Z', '2026-07-07T09:00:00Z');
  });
  it('email: answered in support hours and from 6pm to 9am, not on weekend days (Growth)', () => {
    const saturday = simulate('openback', 'growth', 3, '2026-12-05T12:00:00Z', 'email');
    // Email's hours are the reading of the seed's out-of-hours sentence (publish_hours: false): said as ours.
    assert.ok(saturday.notes.some((n) => n.startsWith('As we read the policy, Email is staffed Mon-Fri 09:00-18:00, 18:00-09:00 (next day); Sat-Sun 18:00-09:00 (next day) GMT (Europe/London, BST in summer); it opens Sat 5 Dec 2026 18:00 GMT')), saturday.notes.join('\n'));
    const weeknight = simulate('openback', 'growth', 3, '2026-12-02T22:00:00Z', 'email');
    assert.ok(!weeknight.notes.some((n) => n.includes('Email is staffed')), weeknight.notes.join('\n'));
  });
});

describe('OpenMethods (seed 002): response time and communication cadence per severity', () => {
  it('System Outage: response 30 minutes and a status update every 60 minutes, 24/7', () => {
    const sat = '2026-12-05T15:00:00Z';
    for (const plan of ['standard', 'premium']) {
      assert.deepEqual(dues(simulate('openmethods', plan, 1, sat)), { first_response: ['2026-12-05T15:30:00Z', null], update: ['2026-12-05T16:00:00Z', null] });
    }
  });
  it('Major Impairment: response 2 hours within 6am-4pm Eastern', () => {
    // Friday 15:00 EST: 1 h on Friday, 1 h from Monday 06:00.
    const sim = simulate('openmethods', 'standard', 2, '2026-12-04T20:00:00Z');
    assert.deepEqual(dues(sim), { first_response: ['2026-12-07T12:00:00Z', null] });
    assert.deepEqual(sim.unmeasured, [{ metric: 'update', note: 'when material updates or progress is made' }]);
  });
  it('Minor Loss of Service: response 6 hours within 6am-4pm Eastern', () => {
    firstResponseDue('openmethods', 'premium', 3, '2026-12-02T14:00:00Z', '2026-12-02T20:00:00Z');
  });
  it('No Loss of Service: response 24 hours within 6am-4pm Eastern', () => {
    // Wednesday 09:00 EST: 7 h Wednesday, 10 h Thursday, 7 h Friday.
    firstResponseDue('openmethods', 'standard', 4, '2026-12-02T14:00:00Z', '2026-12-04T18:00:00Z');
  });
});

describe('OfficeSpace (seed 003): response goals within 5 AM - 10 PM GMT-6 weekdays', () => {
  it('a summer Friday 22:30 CDT is 21:30 at GMT-6: inside the support hours', () => {
    // 2026-07-10T22:30-05:00 = 03:30Z = Fri 21:30 at GMT-6. 2 hours of support time: 30 min to
    // 22:00 Friday, then Mon 13 Jul 05:00 + 90 min = 06:30 at GMT-6 = 12:30Z.
    const sim = simulate('officespace', 'standard', 1, '2026-07-10T22:30:00-05:00');
    assert.ok(sim.notes[0].includes('within the support hours'), sim.notes[0]);
    assert.deepEqual(dues(sim), { first_response: ['2026-07-13T12:30:00Z', null] });
  });
  it('a summer 5:30 AM CDT is 4:30 at GMT-6: before opening', () => {
    // Wed 8 Jul 04:30 at GMT-6: the clock starts at 05:00 (11:00Z); 2 hours: 13:00Z.
    const sim = simulate('officespace', 'standard', 1, '2026-07-08T05:30:00-05:00');
    assert.ok(sim.notes[0].includes('outside the support hours'), sim.notes[0]);
    assert.deepEqual(dues(sim), { first_response: ['2026-07-08T13:00:00Z', null] });
  });
  it('Critical Technical Support: 2 hours', () => {
    // Wednesday 21:00 CST: 1 h Wednesday, 1 h from Thursday 05:00.
    firstResponseDue('officespace', 'standard', 1, '2026-12-24T03:00:00Z', '2026-12-24T12:00:00Z');
  });
  it('Technical Support: 4 hours, skipping Christmas Day and the weekend', () => {
    firstResponseDue('officespace', 'standard', 2, '2026-12-25T02:00:00Z', '2026-12-28T13:00:00Z');
  });
  // The seed closes New Year's Day and Christmas only: Dec 24 and Dec 31 are support days to 22:00
  // GMT-6, hours that fall on the next UTC date (Dec 25 and Jan 1 at 04:00Z).
  it('Dec 24 and Dec 31 are support days until 22:00 GMT-6, though that is already the next day in UTC', () => {
    // Thu 24 Dec 21:00 GMT-6 (25 Dec 03:00Z): 1 h to 22:00; Christmas (Fri) and the weekend closed;
    // Mon 28 Dec 05:00 + 1 h = 06:00 GMT-6 = 12:00Z.
    firstResponseDue('officespace', 'standard', 1, '2026-12-25T03:00:00Z', '2026-12-28T12:00:00Z');
    // Thu 31 Dec 20:30 GMT-6 (1 Jan 02:30Z): 1.5 h to 22:00; New Year's Day (Fri) and the weekend
    // closed; Mon 4 Jan 05:00 + 0.5 h = 05:30 GMT-6 = 11:30Z.
    firstResponseDue('officespace', 'standard', 1, '2027-01-01T02:30:00Z', '2027-01-04T11:30:00Z');
  });
  it("Basic Product Support: 24 hours, skipping New Year's Day", () => {
    firstResponseDue('officespace', 'standard', 3, '2026-12-30T16:00:00Z', '2026-12-31T23:00:00Z');
    firstResponseDue('officespace', 'standard', 3, '2026-12-31T16:00:00Z', '2027-01-04T23:00:00Z');
  });
});

describe('OPS-COM (seed 004): after-hours critical support', () => {
  const fridayNight = '2026-12-05T03:00:00Z'; // Friday 22:00 EST
  it('Critical after hours by email: triage in 15 minutes, status with ETA in 1 hour', () => {
    for (const plan of ['standard-plus', 'premium']) {
      const sim = simulate('opscom', plan, 1, fridayNight, 'email');
      assert.deepEqual(dues(sim), { triage: ['2026-12-05T03:15:00Z', null], status_notification: ['2026-12-05T04:00:00Z', null] });
      assert.ok(sim.targets[1].explain.some((l) => l.includes('estimated time to resolution')));
    }
  });
  it('After hours is limited to critical issues, by email', () => {
    assert.deepEqual(simulate('opscom', 'premium', 2, fridayNight, 'email').targets, []);
    assert.deepEqual(simulate('opscom', 'premium', 1, fridayNight, 'phone').targets, []);
  });
  it('Standard Plus email support is only during Mon-Fri 9-5; after hours only critical issues reach on-call by email', () => {
    // Friday 22:00 EST, not critical: email waits for Monday 09:00 EST.
    const minor = simulate('opscom', 'standard-plus', 2, fridayNight, 'email');
    assert.deepEqual(minor.targets, []);
    assert.ok(minor.notes.some((n) => n.startsWith('Email is only staffed Mon-Fri 09:00-17:00 EST (America/New_York, EDT in summer); it opens Mon Dec 7 2026 09:00 AM EST')), minor.notes.join('\n'));
    const critical = simulate('opscom', 'standard-plus', 1, fridayNight, 'email');
    // The rule is named by who staffs it (the policy's words), never by its id.
    assert.ok(critical.notes.includes('Email is staffed Mon-Fri 09:00-17:00 EST (America/New_York, EDT in summer); outside that, the after-hours support staffed by on-call personnel takes a Critical request through it.'), critical.notes.join('\n'));
    assert.ok(!critical.notes.some((n) => n.includes('critical-on-call')), critical.notes.join('\n'));
  });
  it('Within support hours no after-hours target applies (the seed publishes none)', () => {
    assert.deepEqual(simulate('opscom', 'premium', 1, '2026-12-02T15:00:00Z', 'email').targets, []);
  });
});

describe('OpenKey (seed 000): tiers', () => {
  it('Tier 2: about 30 minutes within 9 am - 5 pm Central business hours', () => {
    firstResponseDue('openkey', 'standard', 2, '2026-12-02T16:00:00Z', '2026-12-02T16:30:00Z');
    // Friday 16:50 CST: 10 minutes Friday, 20 minutes Monday.
    firstResponseDue('openkey', 'standard', 2, '2026-12-04T22:50:00Z', '2026-12-07T15:20:00Z');
  });
  it('Emergency (total outage) after hours goes to the after-hours emergency contact', () => {
    const sim = simulate('openkey', 'standard', 1, '2026-12-05T03:00:00Z', 'emergency-phone');
    assert.ok(sim.notes.includes('After-hours support staffed by the Openkey After Hours Emergency Contact applies: For emergency assistance during off hours, our Support team can be reached at 1 (877) 800-2006 (answered 24/7/365). Emergency Tier 2 issues outside of business hours can be addressed by calling 877-800-2008. Please request to speak to the Openkey After Hours Emergency Contact. Off hours emergency issues resolution times will vary depending on the nature of the issue.'), sim.notes.join('\n'));
    assert.ok(!sim.notes.some((n) => n.includes('emergency-line')), sim.notes.join('\n'));
    // No channel given: the rule's channels by the policy's names, not their ids (phone, emergency-phone).
    const any = simulate('openkey', 'standard', 1, '2026-12-05T03:00:00Z');
    assert.ok(any.notes.includes('No channel given: assumed it arrives through Customer Assistance or Emergency assistance during off hours, as after-hours support requires.'), any.notes.join('\n'));
  });
  it('Tier 1: referred to the knowledge base, no response time at all', () => {
    const sim = simulate('openkey', 'standard', 3, '2026-12-02T16:00:00Z');
    assert.deepEqual(sim.targets, []);
    assert.deepEqual(sim.unmeasured, []);
  });
});

describe('Pause rules: a status stops only a clock the policy measures', () => {
  // OpenKey: "In cases where OpenKey is dependent on a third party. Examples include PMS integration
  // issues ..." follows "The resolution time of Tier 2 issues may differ based on the type of issue",
  // and off-hours resolution times "will vary": no resolution time is given, so waiting on a third
  // party has no clock to stop. The seed stops no response clock for it either.
  it('OpenKey: resolution is a note only, so waiting on a third party declares no pause', () => {
    const openkey = examplePolicy('openkey');
    for (const severity of [1, 2]) {
      const resolution = severityTargets(openkey, 'standard', severity).find((t) => t.metric === 'resolution');
      assert.equal(resolution?.duration, null, `severity ${severity}: a note, no time`);
    }
    assert.deepEqual([...openkey.pauses.keys()], []);
  });
  it('every example: each pause rule names a metric some target of that policy measures', () => {
    for (const name of ['openkey', 'openback', 'openmethods', 'officespace', 'opscom']) {
      const policy = examplePolicy(name);
      const measured = new Set<string>();
      for (const plan of policy.plans.keys()) for (const severity of policy.severities.keys()) for (const t of severityTargets(policy, plan, severity)) if (t.duration) measured.add(t.metric);
      for (const rule of policy.file.after_hours ?? []) for (const metric of Object.keys(rule.targets ?? {})) measured.add(metric);
      for (const [status, metrics] of policy.pauses) for (const metric of metrics) assert.ok(measured.has(metric), `${name}: ${status} stops ${metric}, which no target measures`);
    }
  });
});
