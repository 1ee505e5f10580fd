// The reply form's ETA field named its zone by the calendar's stored id: OfficeSpace's "-06:00 time"
// (QA, 2026-12-07), where the policy says "Central Standard Time (GMT-6)" and the ticket's clocks say
// "GMT-6". It is named as the published policy names the zone (policy/render/zone-words.ts zoneText).
// A past ETA was refused under the heading "an estimated time to resolution is in the future" (the
// rule's words, read as if it were so): it says what is wrong, of the ETA, and what to do.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('OfficeSpace: the ETA field names the zone as the policy does', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('officespace', 'standard');
  });
  after(() => h.close());

  it('"in GMT-6", and the time typed is read at that offset; one already past is refused, naming the ETA', async () => {
    // Mon 7 Dec 2026 15:00Z is 09:00 GMT-6, in the support hours.
    h.desk.clock.set('2026-12-07T15:00:00Z');
    const c = await h.session(h.contactA, 'contact');
    const made = await c.upload('/portal/cases', { subject: 'Floor plan wrong', description: 'x', q_service_problem: 'yes' }, []);
    assert.equal(made.statusCode, 303);
    const id = made.headers.location!.replace(/\?.*$/, '').split('/').pop()!;
    const a = await h.session(h.agent, 'agent');
    const page = main((await a.get(`/agent/tickets/${id}`)).body);
    assert.match(page, /<label for="reply-eta">ETA to resolution \(optional\), in GMT-6<\/label>/);
    assert.doesNotMatch(page, /-06:00 time/);
    // 17:00 at GMT-6 is 23:00Z.
    assert.equal((await a.post(`/agent/tickets/${id}/reply`, { body: 'Fixed by tonight.', eta: '2026-12-07T17:00', eta_zone: '-06:00' })).statusCode, 303);
    const stored = (await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${id}` })).json();
    assert.equal(stored.eta, '2026-12-07T23:00:00Z');

    // An ETA already past is refused saying what is wrong, of the ETA, not the rule's own words; by
    // the API too, naming the field. 08:00 GMT-6 is 14:00Z, before now (15:00Z).
    const past = await a.post(`/agent/tickets/${id}/reply`, { body: 'Fixed by then.', eta: '2026-12-07T08:00', eta_zone: '-06:00' });
    assert.equal(past.statusCode, 400);
    const box = /<div class="flash error"[\s\S]*?<\/div>/.exec(main(past.body))?.[0] ?? '';
    assert.match(box, /<p>The ETA must be in the future: give a later one<\/p>/);
    assert.match(box, /<li><strong>ETA<\/strong> must be after now \(2026-12-07 15:00 UTC\)<\/li>/);
    assert.doesNotMatch(past.body, /an estimated time to resolution is in the future/);
    const api = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${id}/replies`, payload: { body: 'Fixed by then.', eta: '2026-12-07T14:00:00Z' } });
    assert.equal(api.statusCode, 400);
    assert.deepEqual([api.json().message, api.json().details], ['The ETA must be in the future: give a later one', [{ path: 'eta', message: 'must be after now (2026-12-07 15:00 UTC)' }]]);
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${id}` })).json().eta, '2026-12-07T23:00:00Z', 'the ETA given before stays');
  });
});
