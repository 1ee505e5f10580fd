// A browser's subscribe form refused (an address the browser lets through, "a@b", that the desk
// does not take) comes back as a form again, with what was typed and chosen, and the reason: the
// refusal page used to say only why, with a link back to an empty form.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicketApp, type TicketApp } from '../http/ticket-app.ts';

const FORM_HTML = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml' };

describe('a refused subscribe form keeps what was typed (OpenMethods)', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('openmethods', 'premium');
  });
  after(() => h.close());

  it('the status form: the address typed and the components ticked are in the form again, with the reason', async () => {
    const res = await h.app.inject({
      method: 'POST', url: '/status/subscribe', headers: FORM_HTML,
      payload: 'email=a%40b&components=media-bar&components=chat-routing',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<p>Email address: must be an email address<\/p>/);
    assert.match(res.body, /<form method="post" action="\/status\/subscribe">/);
    assert.match(res.body, /<input id="email" name="email" type="email" required autocomplete="email" maxlength="254" value="a@b" aria-invalid="true">/);
    // OpenMethods' four components, the two chosen ticked, the others not.
    assert.match(res.body, /<input type="checkbox" name="components" value="media-bar" id="sub-media-bar" checked>/);
    assert.match(res.body, /<input type="checkbox" name="components" value="chat-routing" id="sub-chat-routing" checked>/);
    assert.match(res.body, /<input type="checkbox" name="components" value="interaction-flows" id="sub-interaction-flows">/);
    assert.match(res.body, /<input type="checkbox" name="components" value="email-routing" id="sub-email-routing">/);
    // The button in OpenMethods' words ("Click Subscribe via email").
    assert.match(res.body, /<button type="submit">Subscribe via email<\/button>/);
  });

  it("a notice list's form: the address typed is kept, the list's own button, no components", async () => {
    const res = await h.app.inject({ method: 'POST', url: '/status/lists/subprocessors/subscribe', headers: FORM_HTML, payload: 'email=a%40b' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<p>Email address: must be an email address<\/p>/);
    assert.match(res.body, /<form method="post" action="\/status\/lists\/subprocessors\/subscribe">/);
    assert.match(res.body, /value="a@b" aria-invalid="true">/);
    assert.match(res.body, /<button type="submit">Subscribe to Data Processing Agreement<\/button>/);
    assert.doesNotMatch(res.body, /name="components"/);
  });

  it('what was typed is escaped; an API client still gets the envelope', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/status/subscribe', headers: FORM_HTML, payload: `email=${encodeURIComponent('"><script>x</script>')}` });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /value="&quot;&gt;&lt;script&gt;x&lt;\/script&gt;"/);
    assert.doesNotMatch(res.body, /<script>x/);
    const api = await h.app.inject({ method: 'POST', url: '/status/subscribe', payload: { email: 'a@b' } });
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().details[0].path, 'email');
  });
});
