// The desk named every clock by Accord's metric ("First response") where the policy names the
// target (OfficeSpace: "Response Goal: 4 Hours"; OpenBack: "Initial Response Time"), which the
// customer's case page and receipt already say (web/promised.ts targetNamesOf). The agent answers
// a customer who read "Response Goal", so the agent's page says it too, with Accord's name for
// the metric beside it, as the reports and the API name it. A target the policy names as Accord
// does (OPS-COM's "Triage") is said once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const clocksOf = (html: string) => /<table class="clocks">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';

describe('the desk names a ticket\'s clocks as the policy names its targets', () => {
  describe('OfficeSpace', () => {
    let h: WebApp;
    before(async () => {
      h = await openWebApp('officespace', 'standard');
    });
    after(() => h.close());

    it('a Technical Support case: "Response Goal (first response)", its explanation under the same name', async () => {
      // Mon 7 Dec 2026 15:00Z is 09:00 GMT-6, in the support hours (05:00-22:00 GMT-6 on weekdays):
      // "Response Goal: 4 Hours", aimed for 13:00 GMT-6 = 19:00Z.
      h.desk.clock.set('2026-12-07T15:00:00Z');
      const c = await h.session(h.contactA, 'contact');
      const made = await c.upload('/portal/cases', { subject: 'Floor plan wrong', description: 'x', q_service_problem: 'yes' }, []);
      assert.equal(made.statusCode, 303);
      const id = made.headers.location!.replace(/\?.*$/, '').split('/').pop()!;
      const a = await h.session(h.agent, 'agent');
      const clocks = clocksOf(main((await a.get(`/agent/tickets/${id}`)).body));
      assert.match(clocks, /<th scope="row">Response Goal <small class="metric">\(first response\)<\/small><\/th>\s*<td>Running<\/td>\s*<td>aimed for 2026-12-07 19:00 UTC /);
      assert.match(clocks, /<summary>Why this time: Response Goal<\/summary>/);
      assert.doesNotMatch(clocks, /<th scope="row">First response/);
      // The customer reads the vendor's name alone, as before.
      const theirs = clocksOf(main((await c.get(made.headers.location!)).body));
      assert.match(theirs, /<th scope="row">Response Goal<\/th>/);
      assert.doesNotMatch(theirs, /first response/i);
    });
  });

  describe('OPS-COM', () => {
    let h: WebApp;
    before(async () => {
      h = await openWebApp('opscom', 'premium');
    });
    after(() => h.close());

    it('an after-hours critical case: "Triage" and "Status notification", each once', async () => {
      // Wed 2 Dec 2026 23:00 EST (Thu 04:00Z), outside Mon-Fri 9-5 EST, by email: triage within 15 minutes, the
      // status notification within 1 hour, the after-hours rule's targets, which the policy names as Accord does.
      h.desk.clock.set('2026-12-03T04:00:00Z');
      const made = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'Portal down', description: 'x', channel: 'email', intake: { system_outage: true } } });
      assert.equal(made.statusCode, 201);
      const a = await h.session(h.agent, 'agent');
      const clocks = clocksOf(main((await a.get(`/agent/tickets/${made.json().id as string}`)).body));
      assert.match(clocks, /<th scope="row">Triage<\/th>\s*<td>Running<\/td>\s*<td>2026-12-03 04:15 UTC/);
      assert.match(clocks, /<th scope="row">Status notification<\/th>\s*<td>Running<\/td>\s*<td>2026-12-03 05:00 UTC/);
      assert.doesNotMatch(clocks, /class="metric"/);
    });
  });
});
