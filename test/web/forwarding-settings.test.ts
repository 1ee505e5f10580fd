// An agent's forwarding address on "My settings" and in the API (email/forward.ts, docs/adr/0022),
// OpenBack: the page shows the one address the API gives, says what mail answered from the
// mailbox does, and takes a new address on asking (the flash says the old one is dead).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const shown = (html: string) => /<code id="forwarding-address">([^<]+)<\/code>/.exec(html)?.[1];

describe("an agent's forwarding address, OpenBack", () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('the page and the API give the same address; a new one replaces it', async () => {
    const a = await h.session(h.agent, 'agent');
    const page = main((await a.get('/agent/settings')).body);
    const address = shown(page);
    assert.match(address ?? '', /^support\+fwd-[0-9a-f]{24}@accord\.localhost$/);
    assert.match(page, /id="answer-by-mail">Reply to any of this mail about a ticket to answer the customer from your mailbox/);
    assert.match(page, /Send it from <strong>agent@vendor\.example<\/strong>/);
    const api = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/agents/me/forwarding-address' });
    assert.deepEqual([api.statusCode, api.json()], [200, { address }]);

    const renewed = await a.post('/agent/settings/forwarding/renew', {});
    assert.equal(renewed.headers.location, '/agent/settings?done=renewed');
    const after = main((await a.get('/agent/settings?done=renewed')).body);
    assert.match(after, /You have a new forwarding address; mail to the old one opens nothing now\./);
    assert.notEqual(shown(after), address);
    const again = await h.as(h.agent.token, { method: 'POST', url: '/api/v1/agents/me/forwarding-address/renewal' });
    assert.equal(again.statusCode, 201);
    assert.notEqual(again.json().address, shown(after));
    assert.equal((await h.as(h.contactA.token, { method: 'GET', url: '/api/v1/agents/me/forwarding-address' })).statusCode, 403, "a contact has none");
  });
});
