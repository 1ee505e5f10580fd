// Creating an API token or a webhook on the admin pages answers with a redirect (POST-redirect-GET),
// never with the secret: the page it leads to shows the secret once, to the session that made it;
// reloading that page creates nothing more and shows the secret no more (it says so, and what to do
// if it was not copied). The secret is kept server-side only until that read. OpenBack. Who may post
// these forms: the access matrix (test/http/access/web-admin-rows.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adminDesk } from './admin-kit.ts';
import { main } from './page-parts.ts';

const CREATED = /^\/admin\/(tokens|webhooks)\?created=[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('a new token or webhook secret, shown once after a redirect, OpenBack', () => {
  const desk = adminDesk();

  const count = async (table: string) => Number((await desk.app.desk.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
  /** How many stored rows of the idempotency store hold this text (the secret kept for its one read). */
  const keptWith = async (secret: string) => Number((await desk.app.desk.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM idempotency_keys WHERE strpos(response_body::text, $1) > 0', [secret])).rows[0].n);

  it('a token: the POST redirects, the page shows it once; a reload creates no second one and shows it no more', async () => {
    const before = await count('api_tokens');
    const created = await desk.session.post('/admin/tokens', { owner: `agent:${desk.app.agent.id}`, name: 'Nightly export' });
    assert.equal(created.statusCode, 303);
    const location = String(created.headers.location);
    assert.match(location, CREATED);
    assert.equal(created.body, '', 'the POST answers no secret');
    assert.equal(await count('api_tokens'), before + 1);

    const shown = await desk.mainAt(location);
    const token = /<code id="new-token">([^<]+)<\/code>/.exec(shown)?.[1] ?? '';
    assert.match(shown, /<p>Token created\. Copy it now: it is shown only once\.<\/p>/);
    // The token shown is the one made: the row's prefix, and it works as the agent on the API.
    const { rows } = await desk.app.desk.t.db.query<{ prefix: string }>("SELECT prefix FROM api_tokens WHERE name = 'Nightly export'");
    assert.ok(token.startsWith(rows[0].prefix), `${token} starts with ${rows[0].prefix}`);
    assert.equal((await desk.app.as(token, { method: 'GET', url: '/api/v1/tickets' })).statusCode, 200);
    assert.equal(await keptWith(token), 0, 'kept no longer once read');

    const reloaded = await desk.mainAt(location);
    assert.doesNotMatch(reloaded, /id="new-token"/);
    assert.doesNotMatch(reloaded, new RegExp(token));
    assert.match(reloaded, /<div class="flash warning" role="status" id="token-shown-once"><p>Token created\. It was shown once, when it was made, and is not shown again: if it was not copied, revoke it below and create another\.<\/p><\/div>/);
    assert.equal(await count('api_tokens'), before + 1, 'a reload creates nothing');
  });

  it('shown only to the session that made it: the same link in another session shows nothing, and takes nothing', async () => {
    const created = await desk.session.post('/admin/tokens', { owner: '', name: 'Two browsers' });
    const location = String(created.headers.location);
    // The same admin signed in elsewhere: the link shows no token there.
    const elsewhere = await desk.app.session(desk.app.admin, 'agent');
    const there = main((await elsewhere.get(location)).body);
    assert.doesNotMatch(there, /id="new-token"/);
    assert.match(there, /id="token-shown-once"/);
    // Still there for the session that made it.
    assert.match(await desk.mainAt(location), /<code id="new-token">[^<]+<\/code>/);
  });

  it('a webhook: the POST redirects, the page shows its signing secret once; a reload creates no second webhook', async () => {
    const before = await count('webhook_endpoints');
    const created = await desk.session.post('/admin/webhooks', { url: 'https://hooks.example.com/once', description: 'Once', all: 'on' });
    assert.equal(created.statusCode, 303);
    const location = String(created.headers.location);
    assert.match(location, CREATED);
    assert.equal(created.body, '');
    assert.equal(await count('webhook_endpoints'), before + 1);

    const shown = await desk.mainAt(location);
    const secret = /<code id="new-secret">([^<]+)<\/code>/.exec(shown)?.[1] ?? '';
    const { rows } = await desk.app.desk.t.db.query<{ secret: string }>("SELECT secret FROM webhook_endpoints WHERE url = 'https://hooks.example.com/once'");
    assert.equal(secret, rows[0].secret, 'the secret it signs with');
    assert.match(shown, /<p>Webhook created\. Its signing secret is shown only once:<\/p>/);

    const reloaded = await desk.mainAt(location);
    assert.doesNotMatch(reloaded, new RegExp(secret));
    assert.match(reloaded, /<div class="flash warning" role="status" id="secret-shown-once"><p>Webhook created\. Its signing secret was shown once, when it was made, and is not shown again: if it was not copied, delete the webhook below and create another, or rotate its secret through the API\.<\/p><\/div>/);
    assert.equal(await count('webhook_endpoints'), before + 1, 'a reload creates nothing');
  });

  it('a link whose id is not one is refused naming it, not read', async () => {
    const bad = await desk.session.get('/admin/tokens?created=nonsense');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.headers['content-type'] ?? '', /text\/html/);
    assert.match(main(bad.body), /<li><strong>Created<\/strong> is not valid here<\/li>/);
  });
});
