// What a customer is told on the portal after opening a case, against what the receipt mail says
// (OpenKey, seed 000).
// - "End-User Questions: These issues are specifically related to guest use and should be handled
//   by the Hotel Staff": the receipt mail of a guest's question says it (the policy's intake note);
//   the case page opened on the portal said nothing of it.
// - "Billing Questions: Email Billing@OpenKey.co": a billing question is routed to billing, outside
//   the tiers. Opened at severity 2 it showed "What severity 2 means" with Tier 2's definition
//   ("Any issues resulting in disruptions in service to the property ..."): a billing question is
//   no service disruption. The receipt names no severity for it; the page names its type.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';
import { fileCase } from './portal-kit.ts';

describe('the case page says what the receipt says, OpenKey Standard', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openkey', 'standard');
  });
  after(() => h.close());

  it("a guest's question: the note that the Hotel Staff handles it, on the page as in the mail", async () => {
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'Guest cannot get a code', description: 'x', q_requester_type: 'guest', severity: '' });
    assert.equal(made.res.statusCode, 303);
    const page = main((await c.get(made.url)).body);
    assert.match(page, /<div id="answer-notes"><p class="note">These issues are specifically related to guest use and should be handled by the Hotel Staff\.<\/p><\/div>/);
    const { rows } = await h.desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [made.id]);
    assert.match(rows[0].body, /\n\nThese issues are specifically related to guest use and should be handled by the Hotel Staff\.\n\n/);
  });

  it("hotel staff asking: no guest note", async () => {
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'Staff question', description: 'x', q_requester_type: 'hotel_staff', severity: '' });
    assert.doesNotMatch(main((await c.get(made.url)).body), /answer-notes|guest use and should be handled by the Hotel Staff\.<\/p><\/div>/);
  });

  it('a billing question chosen as severity 2 is shown as a Billing Question, never with the Tier 2 definition', async () => {
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'Invoice query', description: 'Charged twice', request_type: 'billing', severity: '2' });
    assert.equal(made.res.statusCode, 303);
    const page = main((await c.get(made.url)).body);
    assert.match(page, /<div><dt>Request<\/dt><dd id="request-type">Billing Questions \(Billing@OpenKey\.co\)<\/dd><\/div>/);
    assert.doesNotMatch(page, /Tier 2|disruptions in service|What severity/);
    // Filed on the portal: OpenKey's web channel, by its name ("Submit a ticket ... via the OpenKey Support page").
    assert.match(page, /<span>Request: Billing Questions<\/span> <span>Channel: OpenKey Support page<\/span>/, 'the opening entry names the type, not a severity');
    const list = main((await c.get('/portal')).body);
    assert.match(list, />#\d+ Invoice query<\/a><\/td><td>Billing Questions<\/td>/);
  });

  it('a support question at severity 2 still shows Tier 2 and its definition', async () => {
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'PMS down', description: 'x', request_type: 'support', severity: '2' });
    const page = main((await c.get(made.url)).body);
    // OpenKey's word for its levels, each by its name alone: "Tier", "Tier 2 Support".
    assert.match(page, /<dt>Tier<\/dt><dd>Tier 2 Support/);
    assert.match(page, /<h2 id="sev-h">What Tier 2 Support means<\/h2>\s*<p>Any issues resulting in disruptions in service to the property/);
  });
});
