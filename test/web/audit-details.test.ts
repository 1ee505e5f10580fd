// The audit page names what an entry is about and who its details point to (QA, 2026-12-07, the
// admin's week on OpenBack): a token's entry read "API token: 1c1d2e76-..." and "owner:
// {"id":"8460975b-...","kind":"agent"}", the policy's "Policy: 6bf0b6b0-...". Now a person is named
// as the page names them elsewhere (name <email>), a token by the prefix it is shown by, the policy by
// its version, lists in words, a value not given as "not set"; the CSV keeps the ids for an auditor (audit-pages.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken } from '../../src/customers/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
/** The table's rows, each as the text of its cells. */
const rows = (html: string) => [...(/<table id="audit">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
  .map((r) => [...r[1].matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => c[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()));

describe('the audit page in words, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('names a token by its prefix and its owner by name, the policy by its version: no raw ids, no JSON', async () => {
    const made = await createApiToken({ ctx: h.desk.ctx(h.desk.admin), input: { contactId: h.contactA.id, readOnly: true } });
    const { rows: [c] } = await h.desk.t.db.query<{ name: string; email: string }>('SELECT name, email FROM contacts WHERE id = $1', [h.contactA.id]);
    const { rows: [tok] } = await h.desk.t.db.query<{ prefix: string }>("SELECT data->>'prefix' AS prefix FROM audit_events WHERE subject_id = $1", [made.id]);
    const page = main((await (await h.session(h.admin, 'agent')).get('/admin/audit')).body);
    const text = page.replace(/<[^>]+>/g, ' ');
    assert.doesNotMatch(text, UUID, 'no id is shown');
    assert.doesNotMatch(page, /\{&quot;|&quot;id&quot;/, 'no JSON');
    const token = rows(page).find((r) => r.length === 5 && r[2].startsWith('API token created') && r[3] === `API token: ${tok.prefix}…`);
    assert.ok(token, 'the token is named by its prefix');
    // owner: the contact, as the page names people; scopes: not given (null: no restriction), never "none"; read only: true.
    // Each detail as key: value (in the order the database keeps them).
    const details = token[4].replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    for (const said of [`owner: ${c.name} <${c.email}>`, `prefix: ${tok.prefix}`, 'readOnly: true', 'scopes: not set']) assert.ok(details.includes(said), `${said} in ${details}`);
    const policy = rows(page).find((r) => r.length === 5 && r[2].startsWith('Policy activated'));
    assert.equal(policy?.[3], 'Policy: version 1');
  });
});
