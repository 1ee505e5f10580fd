// Why a ticket is served on another plan than its organization's, as the created event records it
// and both timelines word it. Before, both timelines said "technical onboarding not complete" for
// any gated ticket: OpenBack's phrase, and wrong when a requirement (not onboarding) moved the plan.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadPolicySource, type PolicyModel } from '../../src/policy/index.ts';
import { entitlement, gateReason } from '../../src/tickets/intake.ts';
import { agentTimeline, customerTimeline } from '../../src/web/timeline.ts';
import { when } from '../../src/web/format.ts';

const source = readFileSync(new URL('../../examples/policies/openback.yaml', import.meta.url), 'utf8');
function load(text: string): PolicyModel {
  const r = loadPolicySource(text);
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.problems));
  return r.policy;
}
const openback = load(source);
// A variant where a missing requirement serves the organization on Growth (treat_as_plan).
const variant = load(source.replace('      unmet: no_technical_support\n', '      unmet: no_technical_support\n    - id: named-contacts\n      text: Customers without named contacts are served as Growth customers.\n      unmet: treat_as_plan\n      plan: growth\n'));

const org = (o: Partial<{ plan_id: string; onboarding_state: 'complete' | 'incomplete'; existing_customer: boolean; unmet_requirements: string[] }>) => ({
  plan_id: 'enterprise', onboarding_state: 'complete' as const, existing_customer: false, unmet_requirements: [] as string[], ...o,
});

describe('what puts a ticket on another plan', () => {
  it('onboarding: a new Enterprise customer not onboarded is served on Growth, by the onboarding rule in the policy\'s words', () => {
    const e = entitlement(openback, org({ onboarding_state: 'incomplete' }), null);
    assert.equal(e.plan, 'growth');
    assert.equal(e.gatedFrom, 'enterprise');
    assert.equal(e.gatedBy?.kind, 'onboarding');
    assert.match(e.gatedBy!.text, /^Notwithstanding the support package level specified in an OpenBack Platform Agreement and purchased by a customer, OpenBack will only provide Standard Support to customers who do not complete the OpenBack Technical On-boarding/);
    assert.equal(gateReason(e.gatedBy), 'onboarding not complete');
  });

  it('an existing customer is not gated by a rule for new customers; a Growth customer is not "gated" onto its own plan', () => {
    assert.deepEqual(entitlement(openback, org({ onboarding_state: 'incomplete', existing_customer: true }), null).gatedBy, null);
    const growth = entitlement(openback, org({ plan_id: 'growth', onboarding_state: 'incomplete' }), null);
    assert.equal(growth.gatedFrom, null);
    assert.equal(growth.gatedBy, null);
  });

  it('a requirement served as another plan names the requirement, not onboarding', () => {
    const e = entitlement(variant, org({ unmet_requirements: ['named-contacts'] }), null);
    assert.equal(e.plan, 'growth');
    assert.deepEqual(e.gatedBy, { kind: 'requirement', id: 'named-contacts', text: 'Customers without named contacts are served as Growth customers.' });
    assert.equal(gateReason(e.gatedBy), 'requirement not met: Customers without named contacts are served as Growth customers.');
  });
});

describe('the plan in the timelines', () => {
  const created = (data: Record<string, unknown>) => [{ type: 'created', actor: { kind: 'contact', id: 'c1' }, data: { severity: 2, channel: 'web', ...data } }];
  const people = { contactName: new Map([['c1', 'Ann']]), agentName: new Map<string, string>(), me: 'c1' };

  it('says the recorded reason to both readers', () => {
    const events = created({ plan: 'growth', gated_from_plan: 'enterprise', reason: 'onboarding not complete' });
    assert.equal(customerTimeline(openback, events, people)[0]!.worded.Plan, 'Growth (not Enterprise yet: onboarding not complete)');
    assert.equal(agentTimeline(openback, events, people)[0]!.worded!.Plan, 'Growth (not Enterprise yet: onboarding not complete)');
  });

  it('invents no reason when the event records none', () => {
    const events = created({ plan: 'growth', gated_from_plan: 'enterprise' });
    assert.equal(customerTimeline(openback, events, people)[0]!.worded.Plan, 'Growth (not Enterprise yet)');
    assert.equal(agentTimeline(openback, events, people)[0]!.worded!.Plan, 'Growth (not Enterprise yet)');
  });

  it('the customer reads no policy version, the agent does; the customer is "you"', () => {
    const events = created({ plan: 'enterprise', policy_version: 3 });
    const c = customerTimeline(openback, events, people)[0]!;
    assert.equal(c.worded['Support policy'], undefined);
    assert.equal(c.by, 'you');
    assert.equal(agentTimeline(openback, events, people)[0]!.worded!['Support policy'], 'version 3');
  });
});

describe('side conversations on the timeline', () => {
  it('the team reads whom a message went to and who answered, by address; the customer reads nothing of them', () => {
    const events = [
      { type: 'side_message', actor: { kind: 'agent', id: 'a1' }, data: { conversation_id: 'c1', to: 'sam@partner.example', subject: 'Keys', outbox_id: 'o1' } },
      { type: 'side_reply', actor: { kind: 'system', id: null }, data: { conversation_id: 'c1', from: 'sam@partner.example', subject: 'Keys', message_id: 'm1' } },
      {
        type: 'side_message', actor: { kind: 'agent', id: 'a1' },
        data: { conversation_id: 'c1', to: 'sam@partner.example', also_to: ['boss@partner.example', 'ops@partner.example'], taken_in: ['ops@partner.example'], subject: 'Keys', outbox_id: 'o2' },
      },
    ];
    const [sent, answered, again] = agentTimeline(openback, events, { contactName: new Map(), agentName: new Map([['a1', 'Ann']]) });
    // Null: nothing to show (the page leaves it out).
    assert.deepEqual([sent.title, sent.worded, sent.by], ['Side conversation: written to', { To: 'sam@partner.example', 'Also to': null, 'Taken in now': null, Subject: 'Keys' }, undefined]);
    assert.deepEqual([answered.title, answered.worded, answered.by], ['Side conversation: answer', { Subject: 'Keys' }, 'sam@partner.example']);
    assert.deepEqual(again.worded, { To: 'sam@partner.example', 'Also to': 'boss@partner.example, ops@partner.example', 'Taken in now': 'ops@partner.example', Subject: 'Keys' });
    assert.deepEqual(customerTimeline(openback, events).map((e) => e.worded), [{}, {}, {}], 'a kind not worded for the customer shows them nothing of its data');
  });
});

describe('mail that did not arrive, on the timeline', () => {
  it('the team reads to whom, which mail in words, how it failed and why', () => {
    const events = [
      { type: 'mail_undelivered', actor: { kind: 'system', id: null }, data: { outbox_id: 'o1', recipient: 'gone@customer.example', kind: 'ticket_reply', how: 'bounced', reason: '5.1.1 User unknown' } },
      { type: 'mail_undelivered', actor: { kind: 'system', id: null }, data: { outbox_id: 'o2', recipient: 'gone@customer.example', kind: 'ticket_received', how: 'failed', reason: '550 mailbox unavailable' } },
    ];
    const [bounced, failed] = agentTimeline(openback, events, { contactName: new Map(), agentName: new Map() });
    assert.deepEqual([bounced.title, bounced.worded], ['Mail did not arrive', { To: 'gone@customer.example', Mail: 'a reply', What: 'sent back', Why: '5.1.1 User unknown' }]);
    assert.deepEqual(failed.worded, { To: 'gone@customer.example', Mail: 'the receipt of their request', What: 'refused by their mail server', Why: '550 mailbox unavailable' });
  });
});

describe('a regrade as the customer reads it', () => {
  it('OPS-COM: Critical to the level it never names reads From "Critical", To "—" (not a From with no To); the team reads "Not critical"', () => {
    const opscom = load(readFileSync(new URL('../../examples/policies/opscom.yaml', import.meta.url), 'utf8'));
    const events = [{ type: 'regraded', actor: { kind: 'agent', id: 'a1' }, data: { from: 1, to: 2 } }];
    const people = { contactName: new Map<string, string>(), me: null };
    assert.deepEqual(customerTimeline(opscom, events, people)[0]!.worded, { From: 'Critical', To: '—' });
    assert.deepEqual(agentTimeline(opscom, events, people)[0]!.worded, { From: 'Critical', To: 'Not critical' });
  });
});

describe('a clock\'s signal on the agent timeline', () => {
  // As the sweep stores it (tickets/sweep.ts): its text in UTC, its times as instants.
  const breach = { type: 'sla_breach', actor: { kind: 'system' }, body: 'update breached at 2026-12-05 08:20 UTC', data: { metric: 'update', due: '2026-12-05T08:20:00Z' } };
  const people = { contactName: new Map<string, string>(), agentName: new Map<string, string>() };

  it('in the zone the page reads times in (the agent\'s, else the plan\'s), its text included', () => {
    // 08:20 UTC on Saturday 5 December is 03:20 in New York (EST, UTC-5).
    const [e] = agentTimeline(openback, [breach], people, (iso) => when(iso, 'America/New_York'));
    assert.equal(e.body, 'Update breached at Sat Dec 5 2026 03:20 AM EST');
    assert.equal(e.worded?.Due, 'Sat Dec 5 2026 03:20 AM EST');
  });

  it('without a way to say times, its text as stored', () => {
    const [e] = agentTimeline(openback, [breach], people);
    assert.equal(e.body, 'update breached at 2026-12-05 08:20 UTC');
    assert.equal(e.worded?.Due, '2026-12-05T08:20:00Z');
  });
});

describe('on-call paged and handed over, as the agent reads them', () => {
  // QA: "On-call paged" showed its stored keys: "reason: after_hours_arrival", "rules: critical-on-call", "triage owed: true".
  const opscom = load(readFileSync(new URL('../../examples/policies/opscom.yaml', import.meta.url), 'utf8'));
  const people = { contactName: new Map<string, string>(), agentName: new Map<string, string>() };
  // 04:40 UTC on Thursday 3 December is 11:40 PM Wednesday in New York (EST, UTC-5).
  const at = (iso: string) => when(iso, 'America/New_York');

  it('why in words, when in the page\'s zone, and who takes it by the policy\'s staffed_by, not the rule id', () => {
    const events = [
      { type: 'paged', actor: { kind: 'system' }, data: { reason: 'after_hours_arrival', rules: ['critical-on-call'], recipients: ['oncall@vendor.example'], at: '2026-12-03T04:40:00Z' } },
      { type: 'paged', actor: { kind: 'system' }, data: { reason: 'after_hours_unclassified', rules: ['critical-on-call'], recipients: [], at: '2026-12-03T04:40:00Z', triage_owed: true } },
      { type: 'handed_to_on_call', actor: { kind: 'system' }, data: { at: '2026-12-03T04:40:00Z', rules: ['critical-on-call'] } },
    ];
    const [arrived, unclassified, handed] = agentTimeline(opscom, events, people, at);
    assert.equal(arrived.title, 'On-call paged');
    // OPS-COM's rule critical-on-call is "staffed by on-call personnel" (staffed_by: on-call personnel).
    assert.deepEqual(arrived.worded, { Why: 'arrived after hours', When: 'Wed Dec 2 2026 11:40 PM EST', 'Taken by': 'on-call personnel', Paged: 'oncall@vendor.example' });
    // OPS-COM calls its levels "Severity": no level given, and the triage owed from arrival, said so.
    assert.deepEqual(unclassified.worded, { Why: 'arrived after hours with no severity given', When: 'Wed Dec 2 2026 11:40 PM EST', 'Taken by': 'on-call personnel', Paged: null, 'Triage owed': 'from its arrival' });
    assert.deepEqual(handed.worded, { When: 'Wed Dec 2 2026 11:40 PM EST', 'Taken by': 'on-call personnel' });
  });

  it('a page for a customer\'s mail on an open ticket after hours says so', () => {
    const [e] = agentTimeline(opscom, [{ type: 'paged', actor: { kind: 'system' }, data: { reason: 'mailed_after_hours', rules: ['critical-on-call'], recipients: ['oncall@vendor.example'], at: '2026-12-03T04:40:00Z' } }], people, at);
    assert.deepEqual(e.worded, { Why: 'the customer wrote by email after hours', When: 'Wed Dec 2 2026 11:40 PM EST', 'Taken by': 'on-call personnel', Paged: 'oncall@vendor.example' });
  });

  it('a ticket logged by the one on call, who was not paged, says so and who was on call', () => {
    const data = { reason: 'after_hours_arrival', rules: ['critical-on-call'], recipients: [], on_call: ['oncall@vendor.example'], logged_by_on_call: 'oncall@vendor.example', at: '2026-12-03T04:40:00Z' };
    const [e] = agentTimeline(opscom, [{ type: 'paged', actor: { kind: 'system' }, data }], people, at);
    assert.equal(e.title, 'On-call not paged: logged by the one on call');
    assert.deepEqual(e.worded, { Why: 'arrived after hours', When: 'Wed Dec 2 2026 11:40 PM EST', 'Taken by': 'on-call personnel', Paged: null, 'On call': 'oncall@vendor.example' });
  });

  it('a reason or rule it does not know is said without its underscores, or as recorded', () => {
    const [e] = agentTimeline(opscom, [{ type: 'paged', actor: { kind: 'system' }, data: { reason: 'some_new_reason', rules: ['gone-rule'], recipients: ['a@vendor.example', 'b@vendor.example'] } }], people, at);
    assert.deepEqual(e.worded, { Why: 'some new reason', When: null, 'Taken by': 'gone-rule', Paged: 'a@vendor.example, b@vendor.example' });
  });
});
