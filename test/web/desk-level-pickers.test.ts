// The desk's level pickers in each vendor's words (web/level-words.ts): the queue's filter, the
// ticket page's regrade, the new-ticket form and the policy simulator label the field with the
// vendor's word for a level and name each level as it does, in the order it lists them; the
// values stay the ids. Expected words taken by hand from the example policies
// (examples/policies/*.yaml) and their seeds:
// - OpenKey: "classifies issues into separate tiers", labelled "Tier", none numbered, listed as the
//   seed does: "Tier 1 Support" (3), "Tier 2 Support" (2), "Emergency Tier 2" (1).
// - OfficeSpace: "Support Levels", labelled "Support level", listed "Basic Product Support" (3),
//   "Technical Support" (2), "Critical Technical Support" (1).
// - OpenBack and OpenMethods: numbered severities under the default "Severity", 1 first.
// - OPS-COM: "Critical" and the desk's "Not critical", none numbered, labelled "Severity"; the
//   desk offers both (an agent may grade a ticket not critical).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

// What a reader sees: the text, without the markup's ids and names ("sim-severity", name="severity").
const words = (html: string) => html.replace(/<[^>]*>/g, ' ');
const simulator = (html: string) => /<section aria-labelledby="sim-h">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
/** The options of the select with this id, as [value, text]. */
const options = (html: string, id: string) => {
  const select = new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  return [...select.matchAll(/<option value="(\d+)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
};
/** The new-ticket form's level choices, as [value, text]. */
const radios = (html: string) => [...html.matchAll(/<input type="radio" name="severity" value="(\d+)"[^>]*> ([^<]*)<\/label>/g)].map((m) => [m[1], m[2]]);

const EXAMPLES = [
  { policy: 'openkey', plan: 'standard', label: 'Tier', pick: [['3', 'Tier 1 Support'], ['2', 'Tier 2 Support'], ['1', 'Emergency Tier 2']],
    choice: [['3', 'Tier 1 Support'], ['2', 'Tier 2 Support'], ['1', 'Emergency Tier 2']] },
  { policy: 'officespace', plan: 'standard', label: 'Support level',
    pick: [['3', 'Basic Product Support'], ['2', 'Technical Support'], ['1', 'Critical Technical Support']],
    choice: [['3', 'Basic Product Support'], ['2', 'Technical Support'], ['1', 'Critical Technical Support']] },
  { policy: 'openback', plan: 'enterprise', label: 'Severity', pick: [['1', '1: Critical'], ['2', '2: Major'], ['3', '3: Minor'], ['4', '4: Enhancement']],
    choice: [['1', 'Severity 1: Critical'], ['2', 'Severity 2: Major'], ['3', 'Severity 3: Minor'], ['4', 'Severity 4: Enhancement']] },
  { policy: 'openmethods', plan: 'premium', label: 'Severity',
    pick: [['1', '1: System Outage'], ['2', '2: Major Impairment'], ['3', '3: Minor Loss of Service'], ['4', '4: No Loss of Service']],
    choice: [['1', 'Severity 1: System Outage'], ['2', 'Severity 2: Major Impairment'], ['3', 'Severity 3: Minor Loss of Service'], ['4', 'Severity 4: No Loss of Service']] },
  { policy: 'opscom', plan: 'premium', label: 'Severity', pick: [['1', 'Critical'], ['2', 'Not critical']], choice: [['1', 'Critical'], ['2', 'Not critical']] },
];

for (const e of EXAMPLES) {
  describe(`${e.policy}: the desk's level pickers say "${e.label}" and name the levels as the policy does, in its order`, () => {
    let h: WebApp;
    before(async () => {
      h = await openWebApp(e.policy, e.plan);
    });
    after(() => h.close());

    it('the queue filter, the regrade, the new-ticket form and the simulator', async () => {
      const t = await openTicket(h, h.contactA, { subject: 'Which level', severity: 1 });
      const a = await h.session(h.agent, 'agent');
      const queue = main((await a.get('/agent')).body);
      assert.match(queue, new RegExp(`<label for="f-severity">${e.label}</label>`));
      assert.deepEqual(options(queue, 'f-severity'), e.pick);

      const ticket = main((await a.get(`/agent/tickets/${t.id}`)).body);
      assert.match(ticket, new RegExp(`<label for="severity">${e.label}</label>`));
      assert.deepEqual(options(ticket, 'severity'), e.pick);

      const form = main((await a.get('/agent/tickets/new')).body);
      assert.match(form, new RegExp(`<legend>${e.label}</legend>`));
      assert.deepEqual(radios(form), e.choice);
      assert.match(form, new RegExp(`and the ${e.label.toLowerCase()} their answers give unless you choose one\\.`));

      const admin = await h.session(h.admin, 'agent');
      const sim = main((await admin.get('/admin/policy')).body);
      assert.match(sim, new RegExp(`<label for="sim-severity">${e.label}</label>`));
      assert.deepEqual(options(sim, 'sim-severity'), e.pick);
    });
  });
}

describe('OpenKey: a refused level named "Tier", its tiers listed by name; its hours its "regular business hours" (the simulator, the reports)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openkey', 'standard');
  });
  after(() => h.close());
  const TIERS = 'Tier 1 Support, Tier 2 Support, Emergency Tier 2';

  it('the queue refuses a filter by a tier it does not have, naming the field and the tiers the vendor\'s way', async () => {
    const a = await h.session(h.agent, 'agent');
    const res = await a.get('/agent?severity=7');
    assert.equal(res.statusCode, 400);
    assert.match(main(res.body), new RegExp(`<li><strong>Tier</strong> is not one of this policy&#39;s tiers \\(${TIERS}\\)</li>`));
    assert.doesNotMatch(words(main(res.body)), /[Ss]everit/);
  });

  it('a regrade or a new ticket at a tier it does not have is refused beside the form, by "Tier" and the tiers\' names', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Doors do not open', severity: 2 });
    const a = await h.session(h.agent, 'agent');
    const regrade = await a.post(`/agent/tickets/${t.id}/regrade`, { severity: '7', reason: 'Worse than thought' });
    assert.equal(regrade.statusCode, 400);
    const refused = /<div class="flash error" role="alert" id="regrade-error">[\s\S]*?<\/div>/.exec(regrade.body)?.[0] ?? '';
    assert.match(refused, new RegExp(`<li><strong>Tier</strong> is not one of this policy&#39;s tiers \\(${TIERS}\\)</li>`));
    assert.doesNotMatch(words(refused), /[Ss]everit|one of 1, 2, 3/);
    // Nothing changed: still Tier 2 Support.
    assert.match(main((await a.get(`/agent/tickets/${t.id}`)).body), /<option value="2" selected>Tier 2 Support<\/option>/);

    const made = await a.upload('/agent/tickets/new', { requester: 'nobody-yet@nowhere.example', subject: 'x', description: 'y', channel: 'phone', severity: '7' }, []);
    assert.equal(made.statusCode, 400);
    // The requester is checked first; with a real one the tier is refused.
    const email = (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactA.id])).rows[0].email;
    const tier = await a.upload('/agent/tickets/new', { requester: email, subject: 'Keys fail', description: 'All doors', channel: 'phone', severity: '7' }, []);
    assert.equal(tier.statusCode, 400);
    assert.match(main(tier.body), new RegExp(`<li><strong>Tier</strong> is not one of this policy&#39;s tiers \\(${TIERS}\\)</li>`));
  });

  it('the simulator says "regular business hours" and names the tiers, as the seed does', async () => {
    const admin = await h.session(h.admin, 'agent');
    const sim = (over: Record<string, string>) => admin.post('/admin/policy/simulate', { plan: 'standard', severity: '2', opened: '2026-12-02T10:00', zone: 'America/Chicago', channel: '', ...over });
    // Wednesday 10:00 in Chicago: within 9 am - 5 pm CST M-F.
    const within = await sim({});
    assert.equal(within.statusCode, 200);
    assert.match(within.body, /<li>Opened Wed Dec 2 2026 10:00 AM CST, within the regular business hours of plan &quot;Standard&quot; \(Regular Business Hours 9 am - 5 pm CST M-F\)\.<\/li>/);
    assert.doesNotMatch(words(simulator(within.body)), /support hours/);

    // Saturday: the after-hours line takes Emergency Tier 2 issues only ("Emergency Tier 2 issues
    // outside of business hours can be addressed by calling ..."); a Tier 2 issue waits.
    const saturday = await sim({ opened: '2026-12-05T10:00' });
    assert.match(saturday.body, /<li>Opened Sat Dec 5 2026 10:00 AM CST, outside the regular business hours of plan &quot;Standard&quot;/);
    assert.match(saturday.body, /<li>After-hours support covers only Emergency Tier 2 requests; this request waits for regular business hours\.<\/li>/);

    // An emergency sent by email on Saturday: only the phone lines take it after hours.
    const byEmail = await sim({ opened: '2026-12-05T10:00', severity: '1', channel: 'email' });
    assert.match(byEmail.body, /<li>Outside regular business hours, an Emergency Tier 2 request is only taken through Customer Assistance or Emergency assistance during off hours; through Email it waits for regular business hours\.<\/li>/);
    // The draft's text (in the editor above) aside, the simulator says neither.
    assert.doesNotMatch(words(simulator(byEmail.body)), /support hours|[Ss]everit/);
  });

  it('the simulator refuses a tier it does not have by "Tier", listing the tiers by name in the seed\'s order', async () => {
    const admin = await h.session(h.admin, 'agent');
    const res = await admin.post('/admin/policy/simulate', { plan: 'standard', severity: '9', opened: '2026-12-02T10:00', zone: 'America/Chicago', channel: '' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, new RegExp(`<li><strong>Tier</strong> must be one of this policy&#39;s tiers: ${TIERS}</li>`));
  });

  it('how long meeting the targets took is counted in "the plan\'s regular business hours"', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Doors stuck', severity: 2 });
    const a = await h.session(h.agent, 'agent');
    assert.equal((await a.post(`/agent/tickets/${t.id}/reply`, { body: 'On it' })).statusCode, 303);
    const m = await h.session(h.manager, 'agent');
    const page = main((await m.get('/reports?from=2026-11-30&to=2026-12-06')).body);
    assert.match(page, /in its target's own hours \(the plan's regular business hours, or around the clock where the policy says so\)/);
    assert.doesNotMatch(words(page), /support hours/);
  });
});

describe('OpenMethods: a refused level named "Severity", its severities numbered with their names', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openmethods', 'premium');
  });
  after(() => h.close());

  it('the queue and the regrade refuse a severity it does not have, listing "1: System Outage" and the rest', async () => {
    const a = await h.session(h.agent, 'agent');
    const listed = '1: System Outage, 2: Major Impairment, 3: Minor Loss of Service, 4: No Loss of Service';
    const res = await a.get('/agent?severity=5');
    assert.equal(res.statusCode, 400);
    assert.match(main(res.body), new RegExp(`<li><strong>Severity</strong> is not one of this policy&#39;s severities \\(${listed}\\)</li>`));
    const t = await openTicket(h, h.contactA, { subject: 'Agents cannot log in', severity: 2 });
    const regrade = await a.post(`/agent/tickets/${t.id}/regrade`, { severity: '5', reason: 'x' });
    assert.equal(regrade.statusCode, 400);
    assert.match(main(regrade.body), new RegExp(`<li><strong>Severity</strong> is not one of this policy&#39;s severities \\(${listed}\\)</li>`));
  });
});
