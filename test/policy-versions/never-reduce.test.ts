// OfficeSpace (seed 003): "such modifications will not adversely affect the Services or reduce the
// level of support provided to our customers" (changes.never_reduce_support). A new version that
// lengthens a target, drops a channel or shortens support hours is refused, naming each; one that
// gives more is activated. A policy without the promise (OpenBack) may change freely.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictError } from '../../src/platform/index.ts';
import { activatePolicy, activePolicy } from '../../src/policy-versions/index.ts';
import { examplePolicySource, suiteDesk } from '../support/desk.ts';

const S1 = 'first_response: { all: { within: 2 Hours, clock: support, label: Response Goal, goal: true } }';

/** Activating a version as the admin, and the reductions a refused one names. */
function versions(s: ReturnType<typeof suiteDesk>) {
  const activate = (text: string) => activatePolicy({ ctx: s.desk.ctx(s.desk.admin), input: { source: text } });
  const refusal = async (text: string) => {
    try {
      await activate(text);
    } catch (e) {
      assert.ok(e instanceof ConflictError, String(e));
      return e.details;
    }
    assert.fail('expected a refusal');
  };
  return { activate, refusal };
}

describe('changes never reduce support, OfficeSpace', () => {
  const s = suiteDesk('officespace', 'standard');
  const source = examplePolicySource('officespace');
  const { activate, refusal } = versions(s);

  it('refuses a longer response goal, naming the target, and activates nothing', async () => {
    assert.ok(source.includes(S1));
    const before = (await activePolicy(s.desk.t.db)).version;
    assert.deepEqual(await refusal(source.replace(S1, S1.replace('2 Hours', '3 Hours'))), [
      { path: 'severities.1.targets.first_response.standard', message: '"2 Hours" becomes "3 Hours": longer' },
    ]);
    assert.equal((await activePolicy(s.desk.t.db)).version, before);
  });

  it('refuses a dropped channel and shorter support hours, naming each weekday', async () => {
    const fewer = source.replace('channels: { phone: support, email: support, web: support }', 'channels: { email: support, web: support }').replace('mon-fri: "05:00-22:00"', 'mon-fri: "06:00-22:00"');
    assert.deepEqual(await refusal(fewer), [
      { path: 'plans.standard.channels.phone', message: 'the phone channel is no longer offered on Support' },
      // At the line that changed (the mon-fri hours), not the calendar's id; said of the plan by its name.
      ...['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((day) => ({ path: 'calendars.support.hours.mon-fri', message: `support on the Support plan is no longer open at ${day} 05:00` })),
    ]);
  });

  it('refuses a new holiday as shorter support hours', async () => {
    const yearly = '        - { month: 12, day: 25, name: Christmas }\n';
    assert.ok(source.includes(yearly));
    assert.deepEqual(await refusal(source.replace(yearly, `${yearly}        - { month: 12, day: 24, name: Christmas Eve }\n`)), [
      // The third yearly holiday (index 2): the one added.
      { path: 'calendars.support.holidays.yearly.2', message: 'support on the Support plan is now closed on every 12/24 (Christmas Eve)' },
    ]);
  });

  it('names a target in other units as not comparable', async () => {
    assert.deepEqual(await refusal(source.replace(S1, S1.replace('2 Hours', '1 business day'))), [
      { path: 'severities.1.targets.first_response.standard', message: '"2 Hours" becomes "1 business day": not comparable, so not shown to be no less' },
    ]);
  });

  it('refuses a severity that lists less: a definition item or a step of its handling dropped; a paragraph for a list is not comparable', async () => {
    const item = '      - Critical technical issues consisting of a total loss of core functionality in the service\n';
    // With the line break before it: the prose section lists the same step, indented further.
    const step = '\n      - Periodic reports on the status of the correction';
    assert.ok(source.includes(item) && source.includes(step));
    // The step is in severities 1 and 2: dropping it from the first only is one reduction.
    // Its status_reports names the step: it goes with it (the first, severity 1's).
    const narrower = source.replace(item, '').replace(step, '').replace('    status_reports: Periodic reports on the status of the correction\n', '');
    assert.deepEqual(await refusal(narrower), [
      { path: 'severities.1.definition', message: 'Critical Technical Support no longer includes "Critical technical issues consisting of a total loss of core functionality in the service"' },
      { path: 'severities.1.details', message: 'Critical Technical Support no longer says "Periodic reports on the status of the correction"' },
    ]);
    const second = '      - "Inoperability of the product (i.e., a down system) that severely affects the Customer’s business operations"\n';
    assert.ok(source.includes(`    definition:\n${item}${second}`));
    const paragraph = source.replace(`    definition:\n${item}${second}`, '    definition: A total loss of core functionality, or a down system.\n');
    assert.deepEqual(await refusal(paragraph), [
      { path: 'severities.1.definition', message: 'the definition of Critical Technical Support changes: not comparable, so not shown to be no less' },
    ]);
  });

  // "Assign engineer to determine and correct the error": Critical and Technical given to the escalation
  // agents only (severities[].handled_by). Critical's handed to the front line is less support, its words kept.
  it('refuses a level given to the engineers no longer given to them only, naming it', async () => {
    const engineers = '    handled_by: escalation\n';
    assert.ok(source.includes(engineers));
    assert.deepEqual(await refusal(source.replace(engineers, '    handled_by: front_line\n')), [
      { path: 'severities.1.handled_by', message: 'Critical Technical Support is no longer given to the escalation agents only' },
    ]);
  });

  it('refuses a pause on a measured clock, the status page gone, and a promised notice dropped', async () => {
    const paused = source.replace('\ncalendars:', '\npauses:\n  - { status: pending_customer, metrics: [first_response] }\n\ncalendars:');
    assert.deepEqual(await refusal(paused), [
      { path: 'pauses.pending_customer', message: 'a ticket pending customer now stops its first response clock: the time promised runs less of the time' },
    ]);
    assert.ok(source.includes('notify: [maintenance_scheduled]'));
    // "customers are usually notified via email": the mail to customers is dropped with the notice.
    assert.ok(source.includes('    email_customers: true\n'));
    assert.deepEqual(await refusal(source.replace('notify: [maintenance_scheduled]', 'notify: []').replace('    email_customers: true\n', '')), [
      { path: 'status_page.notify', message: 'subscribers are no longer promised the maintenance scheduled notice' },
      { path: 'status_page.maintenance.email_customers', message: 'customers are no longer mailed the notice of scheduled maintenance' },
    ]);
    assert.deepEqual(await refusal(source.replace('status_page:\n  enabled: true', 'status_page:\n  enabled: false')), [
      { path: 'status_page.enabled', message: 'the status page is no longer published' },
    ]);
  });

  it('activates a version that gives more: a shorter goal, longer hours', async () => {
    const more = source.replace(S1, S1.replace('2 Hours', '1 Hours')).replace('mon-fri: "05:00-22:00"', 'mon-fri: "04:00-23:00"');
    const { version } = await activate(more);
    assert.equal((await activePolicy(s.desk.t.db)).version, version);
  });
});


describe('changes never reduce support: a hedge added is a reduction, OfficeSpace', () => {
  const s = suiteDesk('officespace', 'standard');
  const source = examplePolicySource('officespace');
  const { activate, refusal } = versions(s);

  it('refuses the same time told with a hedge it did not have: approximate, or a promise become a goal', async () => {
    assert.deepEqual(await refusal(source.replace(S1, S1.replace('goal: true', 'goal: true, approximate: true'))), [
      { path: 'severities.1.targets.first_response.standard', message: '"2 Hours" becomes approximate' },
    ]);
    // A goal made a promised time gives more: activated. Made a goal again, it is refused.
    const promised = source.replace(S1, S1.replace(', goal: true', ''));
    await activate(promised);
    const s1 = S1.replace(', goal: true', '');
    const other = promised.replace(s1, S1);
    assert.deepEqual(await refusal(other), [
      { path: 'severities.1.targets.first_response.standard', message: '"2 Hours" becomes a goal, no longer a promised time' },
    ]);
  });
});

describe('after-hours support is support too: OPS-COM with the promise added', () => {
  const s = suiteDesk('opscom', 'premium');
  const source = examplePolicySource('opscom').replace('\ncalendars:', '\nchanges: { never_reduce_support: true }\n\ncalendars:');
  const activate = (text: string) => activatePolicy({ ctx: s.desk.ctx(s.desk.admin), input: { source: text } });
  const rule = '    severities: [1]\n    channels: [email]\n';

  it('refuses a rule covering less, a target longer or gone, and the rule gone; activates one covering more', async () => {
    assert.ok(source.includes('changes: { never_reduce_support: true }') && source.includes(rule));
    await activate(source);
    const less = source
      .replace(rule, '    severities: [1]\n    channels: [email]\n    plans: [premium]\n')
      .replace('triage: { within: 15 minutes }', 'triage: { within: 30 minutes }')
      .replace('      status_notification: { within: 1 hour, requires_eta: true }\n', '');
    await assert.rejects(activate(less), (e: ConflictError) => {
      assert.deepEqual(e.details, [
        { path: 'after_hours.critical-on-call.plans', message: 'the after-hours rule critical-on-call no longer covers plans standard-plus' },
        { path: 'after_hours.critical-on-call.targets.triage', message: '"15 minutes" becomes "30 minutes": longer' },
        { path: 'after_hours.critical-on-call.targets.status_notification', message: '"1 hour" is no longer promised' },
      ]);
      return true;
    });
    // Taking severity 2 after hours is a promise for it, so the level is published with it.
    const more = source
      .replace(rule, '    severities: [1, 2]\n    channels: [email]\n    also_through: [web]\n')
      .replace('    name: Not critical\n    published: false\n', '    name: Not critical\n')
      .replace('triage: { within: 15 minutes }', 'triage: { within: 10 minutes }');
    assert.ok(!more.includes('published: false'));
    await activate(more);
    // An online ticket it also takes (also_through: enforced, not published) is support too: dropping it is less.
    const noWeb = more.replace('    also_through: [web]\n', '');
    assert.notEqual(noWeb, more);
    await assert.rejects(activate(noWeb), (e: ConflictError) => {
      assert.deepEqual(e.details, [{ path: 'after_hours.critical-on-call.channels', message: 'the after-hours rule critical-on-call no longer covers channels web' }]);
      return true;
    });
    const none = more.slice(0, more.indexOf('\nafter_hours:')) + more.slice(more.indexOf('\nescalation:'));
    await assert.rejects(activate(none), (e: ConflictError) => {
      assert.deepEqual(e.details, [{ path: 'after_hours.critical-on-call', message: 'the after-hours rule critical-on-call is gone' }]);
      return true;
    });
  });
});

describe('no such promise, OpenBack', () => {
  const s = suiteDesk('openback', 'enterprise');
  it('activates a version with a longer target', async () => {
    const source = examplePolicySource('openback');
    const longer = source.replace('enterprise: { within: 1 hour, clock: 24x7 }', 'enterprise: { within: 2 hours, clock: 24x7 }');
    assert.notEqual(longer, source);
    await activatePolicy({ ctx: s.desk.ctx(s.desk.admin), input: { source: longer } });
  });
});
