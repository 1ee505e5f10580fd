// OpenBack lists no web form: a case written on the portal is filed as Email, and its timeline says
// "Email (filed in the portal)". What names the channel from the ticket row said just "Email": the
// search export. The row now says where it was written (filed_in_portal, 0071); the API keeps
// `channel` as the kind and says filed_in_portal beside it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('a case filed in the portal, named from its row (OpenBack Growth)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'growth');
  });
  after(() => h.close());

  it('the search export, the ticket page\'s facts and the API say it was filed in the portal; a mailed case stays Email', async () => {
    const c = await h.session(h.contactA, 'contact');
    const made = await c.upload('/portal/cases', { subject: 'Written on the portal', description: 'Since Monday', severity: '3' }, []);
    assert.equal(made.statusCode, 303);
    const id = made.headers.location!.replace(/\?.*$/, '').split('/').pop()!;
    const mailed = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'Written by mail', description: 'x', severity: 3, channel: 'email' } });
    assert.equal(mailed.statusCode, 201);

    const a = await h.session(h.agent, 'agent');
    const csv = (await a.get('/agent/search.csv?q=Written')).body;
    assert.match(csv, /,Written on the portal,.*,Open,Email \(filed in the portal\),/);
    assert.match(csv, /,Written by mail,.*,Open,Email,/);

    assert.match(main((await a.get(`/agent/tickets/${id}`)).body), /<dt>Channel<\/dt><dd>Email \(filed in the portal\)<\/dd>/);

    const view = (await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${id}` })).json();
    assert.deepEqual([view.channel, view.filed_in_portal], ['email', true]);
    assert.deepEqual([mailed.json().channel, mailed.json().filed_in_portal], ['email', false]);
  });
});
