// OpenKey (seed 000): "Additional guidance will be provided upon request if the issue is outside the
// scope of the knowledge base articles." A Tier 1 case's page refers it to the knowledge base; it
// now quotes that sentence under the referral with a form to ask, and the request shows on both
// timelines. Before, the page's only way was a plain reply the team could not tell from any other.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';
import { fileCase } from './portal-kit.ts';

const OFFER = 'Additional guidance will be provided upon request if the issue is outside the scope of the knowledge base articles.';

describe('the portal: a Tier 1 case asks for guidance beyond the knowledge base (OpenKey)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openkey', 'standard');
    h.desk.clock.set('2026-12-02T16:00:00Z'); // Wednesday 10:00 CST
  });
  after(() => h.close());

  const open = async (form: Record<string, string>) => {
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { description: 'x', request_type: 'support', severity: '', ...form } as Record<string, string>);
    assert.equal(made.res.statusCode, 303);
    return { c, id: made.id };
  };

  it('offers the form under the referral, in the policy words; asking shows on the case and on the desk', async () => {
    const { c, id } = await open({ subject: 'Kiosk pairing', q_requester_type: 'hotel_staff' });
    const page = main((await c.get(`/portal/cases/${id}`)).body);
    assert.match(page, /<h2 id="sugg-h">Our knowledge base<\/h2>[\s\S]*<form method="post" action="\/portal\/cases\/[0-9a-f-]+\/guidance" class="stack" id="guidance-form">\s*<p id="guidance-offer">Additional guidance will be provided upon request if the issue is outside the scope of the knowledge base articles\.<\/p>/);
    assert.match(page, /<label for="guidance-body">What the articles do not cover<\/label>/);
    assert.doesNotMatch(page, /id="guidance-asked"/, 'not asked yet');

    // Empty: refused beside the form, naming the field as the form labels it.
    const empty = await c.post(`/portal/cases/${id}/guidance`, { body: ' ' });
    assert.equal(empty.statusCode, 400);
    assert.match(main(empty.body), /id="guidance-error">[\s\S]*<strong>What the articles do not cover<\/strong> must not be empty/);

    const asked = await c.post(`/portal/cases/${id}/guidance`, { body: 'The articles cover phones, not lobby kiosks.' });
    assert.equal(asked.statusCode, 303);
    assert.equal(asked.headers.location, `/portal/cases/${id}?done=guidance`);
    const after = main((await c.get(asked.headers.location!)).body);
    assert.match(after, /Your request for more guidance was sent to the support team\./);
    // 16:00Z is 10:00 CST (UTC-6 in December).
    assert.match(after, /<p class="hint" id="guidance-asked">You asked for more guidance on Wed Dec 2 2026 10:00 AM CST: the support team answers here\.<\/p>/);
    assert.match(after, /More guidance asked for[\s\S]*The articles cover phones, not lobby kiosks\.[\s\S]*As our support policy says[\s\S]*Additional guidance will be provided upon request/);

    const agent = await h.session(h.agent, 'agent');
    const desk = main((await agent.get(`/agent/tickets/${id}`)).body);
    assert.match(desk, /More guidance asked for by the customer \(beyond the knowledge base\)[\s\S]*The articles cover phones, not lobby kiosks\./);
  });

  it('a Tier 2 case is not referred, and offers no such form', async () => {
    const { c, id } = await open({ subject: 'PMS down', severity: '2' });
    const page = main((await c.get(`/portal/cases/${id}`)).body);
    assert.doesNotMatch(page, /guidance-form|Ask for more guidance/);
    const refused = await c.post(`/portal/cases/${id}/guidance`, { body: 'More please' });
    assert.equal(refused.statusCode, 409);
    assert.match(main(refused.body), /this case is not one our support policy refers to the knowledge base with guidance on request: reply to it instead/);
  });

  it('the API takes the same request from the customer', async () => {
    const { id } = await open({ subject: 'Kiosk by API', q_requester_type: 'hotel_staff' });
    const res = await h.as(h.contactA.token, { method: 'POST', url: `/api/v1/tickets/${id}/guidance-requests`, payload: { body: 'Not in the articles' } });
    assert.equal(res.statusCode, 201);
    assert.equal(res.json().type, 'guidance_requested');
    assert.deepEqual(res.json().data, { offer: OFFER });
    const bad = await h.as(h.contactA.token, { method: 'POST', url: `/api/v1/tickets/${id}/guidance-requests`, payload: {} });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /body/);
  });

  it('a NUL in what was asked (U+0000, which PostgreSQL text cannot hold) is removed, never a page without the form', async () => {
    const { c, id } = await open({ subject: 'Pasted question', q_requester_type: 'hotel_staff' });
    assert.equal((await c.post(`/portal/cases/${id}/guidance`, { body: 'Lobby\u0000 kiosks' })).statusCode, 303);
    const { rows } = await h.desk.t.db.query<{ body: string }>("SELECT body FROM ticket_events WHERE ticket_id = $1 AND type = 'guidance_requested'", [id]);
    assert.deepEqual(rows.map((r) => r.body), ['Lobby kiosks']);
  });
});
