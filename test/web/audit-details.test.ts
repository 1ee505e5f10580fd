// The audit page names what an entry is about and who its details point to (QA, 2026-12-07, the
// admin's week on OpenBack): a token's entry read "API token: 1c1d2e76-..." and "owner:
// {"id":"8460975b-...","kind":"agent"}", the policy's "Policy: 6bf0b6b0-...". Now a person is named
// as the page names them elsewhere (name <email>), a token by the prefix it is shown by, the policy by
// its version, lists in words, a value not given as "not set"; the CSV keeps the ids for an auditor (audit-pages.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAgent, createApiToken, createOrganization, updateAgent } from '../../src/customers/index.ts';
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
    for (const said of [`owner: ${c.name} <${c.email}>`, `prefix: ${tok.prefix}`, 'read only: yes', 'scopes: not set']) assert.ok(details.includes(said), `${said} in ${details}`);
    const policy = rows(page).find((r) => r.length === 5 && r[2].startsWith('Policy activated'));
    assert.equal(policy?.[3], 'Policy: version 1');
  });

  it("says each detail's key in words and its time in the reader's zone; the CSV keeps them as recorded", async () => {
    // Made Wed 2 Dec 2026 10:00 UTC for 30 days: expires Fri 1 Jan 2027 10:00 UTC, 05:00 in New York (EST, UTC-5).
    const made = await createApiToken({ ctx: h.desk.ctx(h.desk.admin), input: { contactId: h.contactB.id, expiresInDays: 30 } });
    await h.desk.t.db.query("UPDATE agents SET time_zone = 'America/New_York' WHERE id = $1", [h.admin.id]);
    const a = await h.session(h.admin, 'agent');
    const page = main((await a.get('/admin/audit')).body);
    const token = rows(page).find((r) => r.length === 5 && r[3] === `API token: ${made.prefix}…`);
    assert.ok(token, 'the token is listed');
    for (const said of ['expires: Fri Jan 1 2027 05:00 AM EST', 'read only: no']) assert.ok(token[4].includes(said), `${said} in ${token[4]}`);
    assert.doesNotMatch(token[4], /expiresAt|readOnly|2027-01-01T/);
    const csv = (await a.get('/admin/audit.csv')).body;
    for (const raw of ['""expiresAt"":""2027-01-01T10:00:00Z""', '""readOnly"":false']) assert.ok(csv.includes(raw), `${raw} in the CSV`);
  });

  it("says a role as the team page does, and the organization's plan by the policy's name; the CSV keeps the codes", async () => {
    const admin = h.desk.ctx(h.desk.admin);
    const made = await createAgent({ ctx: admin, input: { email: 'rhea@openback.example', name: 'Rhea Lane', role: 'front_line' } });
    await updateAgent({ ctx: admin, input: { agentId: made.id, role: 'manager' } });
    await createOrganization({ ctx: admin, input: { name: 'Lane Logistics', planId: 'enterprise' } });
    const a = await h.session(h.admin, 'agent');
    const entries = rows(main((await a.get('/admin/audit')).body)).filter((r) => r.length === 5 && r[3].startsWith('Agent: Rhea Lane'));
    const created = entries.find((r) => r[2].startsWith('Agent created'));
    const updated = entries.find((r) => r[2].startsWith('Agent updated'));
    assert.ok(created && updated, 'both entries are listed');
    assert.ok(created[4].includes('role: Front line'), created[4]);
    assert.ok(updated[4].includes('role: from: Front line; to: Manager'), updated[4]);
    // A customer on OpenBack's Enterprise plan ("Enterprise Support"): the plan named so, not "enterprise".
    const org = rows(main((await a.get('/admin/audit?type=organization.created')).body)).find((r) => r.length === 5 && r[3] === 'Organization: Lane Logistics');
    assert.ok(org, 'the organization is listed');
    assert.ok(org[4].includes('plan: Enterprise'), org[4]);
    assert.doesNotMatch(org[4], /plan: enterprise/);
    const csv = (await a.get('/admin/audit.csv')).body;
    for (const raw of ['""role"":""front_line""', '""to"":""manager""', '""planId"":""enterprise""']) assert.ok(csv.includes(raw), `${raw} in the CSV`);
  });
});
