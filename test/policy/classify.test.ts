// Classification: the rules language (parsed, never eval'd) and the seeds' severity rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifySeverity } from '../../src/policy/index.ts';
import { evaluateRule, fieldsOf, parseRule, RuleError } from '../../src/policy/rules.ts';
import { examplePolicy } from '../helpers/policies.ts';

describe('the rules language', () => {
  const holds = (rule: string, answers: Record<string, unknown>) => evaluateRule(parseRule(rule), answers);

  it('compares fields with literals, as before', () => {
    assert.equal(holds('x >= 30', { x: 30 }), true);
    assert.equal(holds('x >= 30', { x: 29.5 }), false);
    assert.equal(holds('x >= -5', { x: -5 }), true);
    assert.equal(holds('kind == "a" and not flag', { kind: 'a', flag: false }), true);
    assert.equal(holds('kind in ["a", "b"]', { kind: 'b' }), true);
    assert.equal(holds('(a or b) and c', { a: false, b: true, c: true }), true);
    assert.equal(holds('x != 1', {}), false, 'a missing answer makes a comparison false');
    assert.equal(holds('not (x == 1)', {}), true);
  });

  it('does arithmetic on number answers: 35 of 100 agents is 30% or more, 29 of 100 is not', () => {
    const rule = 'affected * 100 >= total * 30';
    assert.equal(holds(rule, { affected: 35, total: 100 }), true);
    assert.equal(holds(rule, { affected: 30, total: 100 }), true); // 3000 >= 3000
    assert.equal(holds(rule, { affected: 29, total: 100 }), false); // 2900 < 3000
    assert.equal(holds('(a + b) / 2 > 10', { a: 10, b: 12 }), true); // 11 > 10
    assert.equal(holds('a - b < 0', { a: 1, b: 2 }), true);
    assert.equal(holds('a / b > 1', { a: 1, b: 0 }), false, 'division by zero holds nothing');
    assert.equal(holds(rule, { affected: 35 }), false, 'a missing answer holds nothing');
    assert.equal(holds(rule, { affected: '35', total: 100 }), false, 'text is not a number');
  });

  it('reports the fields a rule reads, arithmetic ones as numbers', () => {
    assert.deepEqual(fieldsOf(parseRule('a > 1 and a * 100 >= b * 30')), [
      { field: 'a', uses: 'number' },
      { field: 'a', uses: 'number' },
      { field: 'b', uses: 'number' },
    ]);
  });

  it('refuses anything that is not the language, with a column, and never runs code', () => {
    for (const bad of ['process.exit(1)', 'a ==', 'a * 2', 'constructor("x")', '`x`', 'a; b', 'a >= 1 )', 'in [1]']) {
      assert.throws(() => parseRule(bad), RuleError, bad);
    }
    // Names of object properties are just missing answers.
    assert.equal(holds('constructor', {}), false);
    assert.equal(holds('__proto__ == 1', {}), false);
    assert.equal(holds('toString > 0', {}), false);
  });
});

describe('OpenMethods classification (seed 002)', () => {
  const policy = examplePolicy('openmethods');
  const severity = (answers: Record<string, unknown>) => classifySeverity(policy, answers).severity;

  it('one agent is typically Severity 3 (Minor Loss of Service)', () => {
    assert.equal(severity({ affected_agents: 1 }), 3);
    assert.equal(severity({ affected_agents: 1, total_agents: 200 }), 3);
    // One agent of 200 is 0.5%, which alone would read as "< 30%": still Severity 3.
    assert.equal(severity({ affected_agents: 1, affected_agents_percent: 0.5 }), 3);
    // Even where one agent is a third of a small team.
    assert.equal(severity({ affected_agents: 1, total_agents: 3 }), 3);
  });

  it('production down with no workaround is a System Outage; with a workaround in place, a Major Impairment', () => {
    assert.equal(severity({ production_down: true, workaround_available: false }), 1);
    assert.equal(severity({ production_down: true, workaround_available: true }), 2);
    assert.equal(severity({ production_down: false, workaround_available: true }), 3, 'the default: nothing says it is grave');
  });

  it('35% of agents is Severity 1 (System Outage); 10% is Severity 2 (Major Impairment)', () => {
    assert.equal(severity({ affected_agents_percent: 35 }), 1);
    assert.equal(severity({ affected_agents_percent: 10 }), 2);
    assert.equal(severity({ affected_agents: 35, total_agents: 100 }), 1);
    assert.equal(severity({ affected_agents: 10, total_agents: 100 }), 2);
    // The 30% boundary belongs to Severity 1 ("30% or more").
    assert.equal(severity({ affected_agents_percent: 30 }), 1);
    assert.equal(severity({ affected_agents: 3, total_agents: 10 }), 1);
    assert.equal(severity({ affected_agents: 2, total_agents: 10 }), 2);
  });

  it('other signals: mission critical systems down with no workaround, a minor loss, an enhancement', () => {
    assert.equal(severity({ production_down: true, workaround_available: false }), 1);
    assert.equal(severity({ misrouted_chats_percent: 40 }), 1);
    assert.equal(severity({ misrouted_emails_percent: 5 }), 2);
    assert.equal(severity({ service_loss: 'minor' }), 3);
    assert.equal(severity({ request_kind: 'enhancement' }), 4);
    assert.equal(severity({}), 3);
  });
});

describe('OpenKey classification (seed 000)', () => {
  const severity = (answers: Record<string, unknown>) => classifySeverity(examplePolicy('openkey'), answers).severity;
  it('a total outage is an emergency, and so is any issue the customer reports as one', () => {
    assert.equal(severity({ total_outage: true }), 1);
    assert.equal(severity({ emergency: true }), 1);
    assert.equal(severity({ pms_integration: true }), 2);
    assert.equal(severity({}), 3);
  });
  it('a guest is asking: an End-User Question, Tier 1 by rule, unless the answers say the property is disrupted', () => {
    // "classifies issues into separate tiers based on urgency, technical requirements, and
    // requester type"; "Tier 1 Support - End-user mobile application questions ... End-User
    // Questions: These issues are specifically related to guest use".
    const openkey = examplePolicy('openkey');
    const guest = classifySeverity(openkey, { requester_type: 'guest' });
    assert.equal(guest.severity, 3);
    assert.notEqual(guest.rule, null, 'decided by a rule, not the default');
    assert.equal(guest.reason, 'Who is asking? guest: Tier 1 Support');
    assert.equal(classifySeverity(openkey, { requester_type: 'hotel_staff' }).rule, null, 'hotel staff: nothing decided by who asks');
    // Urgency and technical requirements still count: the gravest tier whose rule holds wins.
    assert.equal(severity({ requester_type: 'guest', pms_integration: true }), 2);
    assert.equal(severity({ requester_type: 'guest', total_outage: true }), 1);
  });
  it('publishes the outage as an example of an emergency, not as its definition', () => {
    const emergency = examplePolicy('openkey').severities.get(1)!;
    assert.equal(emergency.definition, undefined);
    assert.deepEqual(emergency.examples, ['a total system outage when both mobile and RFID keys will not allow access to any guest rooms']);
  });
});
