// The audit trail, read by admins (src/audit), OpenBack: newest first, with who did it; filtered
// by kind of change (a type or its noun), by what changed, by who, and by period; paged. The
// desk's clock is moved to Thursday 3 December 2026 09:00 UTC for these changes, so `since` that
// hour leaves out what setting the desk up recorded.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { activatePolicy } from '../../src/policy-versions/index.ts';
import { examplePolicySource } from '../support/desk.ts';
import { openWebApp, type WebApp } from '../web/web-app.ts';

const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';

describe('the audit trail, OpenBack', () => {
  let h: WebApp;
  let contactId: string;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
    h.desk.clock.set('2026-12-03T09:00:00Z');
    const made = await h.as(h.manager.token, { method: 'POST', url: '/api/v1/contacts', payload: { organization_id: h.contactA.organizationId, email: 'audited@customer.example', name: 'Audrey Audited', invite: true } });
    contactId = made.json().id;
    h.desk.clock.set('2026-12-03T09:05:00Z');
    await h.as(h.admin.token, { method: 'PATCH', url: `/api/v1/contacts/${contactId}`, payload: { active: false } });
    h.desk.clock.set('2026-12-03T09:10:00Z');
    await h.as(h.admin.token, { method: 'PATCH', url: `/api/v1/agents/${h.agent.id}`, payload: { role: 'escalation' } });
  });
  after(() => h.close());

  const list = async (query: string, token = h.admin.token) => h.as(token, { method: 'GET', url: `/api/v1/audit-events?since=2026-12-03T09:00:00Z&${query}` });

  it('lists the changes newest first, naming who made them', async () => {
    const res = await list('');
    assert.equal(res.statusCode, 200);
    const items = res.json().items;
    assert.equal(items.length, 4);
    assert.deepEqual(items.slice(0, 2).map((e: any) => [e.at, e.type, e.actor.kind, e.actor.name, e.subject_kind]), [
      ['2026-12-03T09:10:00Z', 'agent.updated', 'agent', 'admin@vendor.example', 'agent'],
      ['2026-12-03T09:05:00Z', 'contact.deactivated', 'agent', 'admin@vendor.example', 'contact'],
    ]);
    // The two made at 09:00 share their instant: both are there, after the later ones.
    assert.deepEqual(items.slice(2).map((e: any) => [e.at, e.type, e.actor.name]).sort(), [
      ['2026-12-03T09:00:00Z', 'contact.created', 'manager@vendor.example'],
      ['2026-12-03T09:00:00Z', 'contact.invited', 'manager@vendor.example'],
    ]);
    assert.equal(items[1].subject_id, contactId);
    assert.equal(items[0].subject_id, h.agent.id);
  });

  it('filters by noun or type, subject, actor and period; pages; refuses what is not a type', async () => {
    assert.deepEqual((await list('type=contact')).json().items.map((e: any) => e.type).sort(), ['contact.created', 'contact.deactivated', 'contact.invited']);
    assert.deepEqual((await list('type=contact.invited')).json().items.map((e: any) => e.subject_id), [contactId]);
    assert.equal((await list(`subject_id=${contactId}`)).json().items.length, 3);
    assert.deepEqual((await list(`actor_id=${h.manager.id}`)).json().items.map((e: any) => e.type).sort(), ['contact.created', 'contact.invited']);
    assert.deepEqual((await list('until=2026-12-03T09:05:00Z')).json().items.map((e: any) => e.type).sort(), ['contact.created', 'contact.invited']);
    const first = (await list('limit=3')).json();
    assert.equal(first.items.length, 3);
    const rest = (await list(`limit=3&cursor=${encodeURIComponent(first.next_cursor)}`)).json();
    assert.equal(rest.items.length, 1);
    assert.equal(rest.next_cursor, null);
    assert.deepEqual([...first.items, ...rest.items].map((e: any) => e.id).sort(), (await list('')).json().items.map((e: any) => e.id).sort(), 'every change once');
    const bad = await list('type=DROP%20TABLE');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().details[0].path, 'type');
    assert.equal((await list('', h.manager.token)).statusCode, 403);
  });

  it('the admin page shows them with names, filtered', async () => {
    const a = await h.session(h.admin, 'agent');
    const page = main((await a.get('/admin/audit?type=contact&from=2026-12-03&to=2026-12-03')).body);
    // The change in words, its type (what "Kind of change" filters by) small beside it.
    assert.match(page, /<td>admin@vendor\.example<\/td>\s*<td>Contact deactivated<br><small><code>contact\.deactivated<\/code><\/small><\/td>\s*<td>Contact: Audrey Audited &lt;audited@customer\.example&gt;<\/td>/);
    assert.match(page, /<td>manager@vendor\.example<\/td>\s*<td>Contact invited<br><small><code>contact\.invited<\/code><\/small><\/td>/);
    assert.match(page, /<option value="api_token">API token<\/option>/);
    assert.match(page, /<option value="oncall_rotation">On-call rotation<\/option>/);
    assert.doesNotMatch(page, /agent\.updated/);
    assert.match(main((await a.get('/admin/audit?from=2026-12-04')).body), /<p id="audit-none">Nothing recorded that matches\.<\/p>/);
    const refused = await a.get('/admin/audit?type=Not%20a%20type');
    assert.equal(refused.statusCode, 400);
    assert.match(main(refused.body), /id="audit-error"[\s\S]*<strong>Kind of change<\/strong>/);
    assert.equal((await a.get('/admin/audit?from=yesterday')).statusCode, 400);
    // The same filters as CSV, newest first: the deactivation, then the creation and the invitation.
    assert.match(page, /<a href="\/admin\/audit\.csv\?type=contact&amp;from=2026-12-03&amp;to=2026-12-03" download>/);
    const csv = await a.get('/admin/audit.csv?type=contact&from=2026-12-03&to=2026-12-03');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-disposition']), /^attachment; filename="audit-2026-12-03\.csv"$/);
    const lines = csv.body.trim().split(/\r?\n/);
    assert.equal(lines[0], 'at,type,actor_kind,actor_id,actor,subject_kind,subject_id,organization_id,data');
    const entries = lines.slice(1).map((l) => l.split(',').slice(0, 2).join(' '));
    assert.equal(entries[0], '2026-12-03T09:05:00Z contact.deactivated');
    // The two at 09:00 are one request's: their order between them is the ids'.
    assert.deepEqual(entries.slice(1).sort(), ['2026-12-03T09:00:00Z contact.created', '2026-12-03T09:00:00Z contact.invited']);
    assert.ok(lines.slice(1).every((l) => l.includes(contactId)));
  });

  it('an activated policy version is on the trail, by whom, with its version number', async () => {
    h.desk.clock.set('2026-12-03T10:00:00Z');
    // A revised file: the one in force activated again changes nothing, and is not on the trail (activate-policy.ts).
    const revised = examplePolicySource('openback').replace('title: OpenBack Customer Support Policy', 'title: OpenBack Customer Support Policy (2027)');
    assert.notEqual(revised, examplePolicySource('openback'));
    const { version } = await activatePolicy({ ctx: h.desk.ctx(h.desk.admin), input: { source: revised } });
    const [e] = (await list('type=policy')).json().items;
    assert.deepEqual([e.type, e.actor.name, e.subject_kind, e.data.version, e.at], ['policy.activated', 'admin@vendor.example', 'policy', version, '2026-12-03T10:00:00Z']);
  });
});
