// A request the policy held, on its sender's cases page (QA 2026-12-07, OpenBack: a contact who is
// not a named support contact sent a case on the portal, was told it "is kept for our support team to
// review", and then found it nowhere). Now their cases page lists it while it waits, with the reason
// the held page gave; once accepted it is the case, listed among the cases; once dismissed, the page
// says no case was opened (for 30 days after the review), never the team's note. Only the sender
// sees it: not a colleague, not another organization; nor one an agent logged for them (a call).
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTicket, listMyHeldRequests, reviewHeldRequest } from '../../src/tickets/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const heldSection = (html: string) => /<section aria-labelledby="held-h" id="held-requests">[\s\S]*?<\/section>/.exec(main(html))?.[0] ?? '';

describe("a contact's own held requests on their cases page (OpenBack Enterprise: named contacts report cases)", () => {
  let h: WebApp;
  let notNamed: string;
  let org: string;
  before(async () => {
    // The desk's clock: Wed 2 Dec 2026 10:00 UTC, 10:00 GMT in London (the plan's zone, winter).
    h = await openWebApp('openback', 'enterprise');
    notNamed = randomUUID();
    await h.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [
      notNamed, h.contactA.organizationId, 'not-named@customer.example', 'Not Named', h.desk.clock.now(),
    ]);
    org = (await h.desk.t.db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [h.contactA.organizationId])).rows[0].name;
  });
  after(() => h.close());

  const sender = () => h.session({ id: notNamed, token: '', organizationId: h.contactA.organizationId }, 'contact');
  const heldId = async (subject: string) =>
    (await h.desk.t.db.query<{ id: string }>("SELECT id FROM held_requests WHERE requester_id = $1 AND request->>'subject' = $2", [notNamed, subject])).rows[0].id;

  it('lists one waiting, with the reason the held page gave, to its sender only; accepted, it is the case', async () => {
    const c = await sender();
    const sent = await c.upload('/portal/cases', { subject: 'Push stuck', description: 'Since Monday', severity: '2' }, []);
    assert.equal(sent.statusCode, 403);
    // The reason as the held page said it (its first paragraph, without its full stop).
    const reason = /<div class="flash warning" role="status" id="case-held">\s*<p>([^<]+)\.<\/p>/.exec(main(sent.body))?.[1] ?? '';
    assert.ok(reason.startsWith(`On the Enterprise plan, cases are reported by the named support contacts of ${org}; ask one of them to report it`), reason);

    const list = heldSection((await c.get('/portal')).body);
    assert.match(list, /<h2 id="held-h">Your requests held for review<\/h2>/);
    // OpenBack lists no web form: a portal case is filed as Email (policy/portal-channel.ts), named so.
    assert.match(list, /<p>“Push stuck”, sent Wed 2 Dec 2026 10:00 GMT by Email \(filed in the portal\): <strong>kept for review<\/strong>\.<\/p>/);
    assert.ok(list.includes(`<p class="hint">Why it is held: ${reason}.</p>`), list);

    // Not their colleague's (a named contact of the same organization), nor another organization's.
    for (const other of [h.contactA, h.contactB]) {
      const page = main((await (await h.session(other, 'contact')).get('/portal')).body);
      assert.doesNotMatch(page, /held-requests|Push stuck/);
      assert.deepEqual(await listMyHeldRequests({ ctx: h.desk.ctx({ kind: 'contact', id: other.id, organizationId: other.organizationId }) }), []);
    }

    // Accepted: no longer held; the case it became is listed among the cases, under its number.
    const { ticket } = await reviewHeldRequest({ ctx: h.desk.ctx(h.desk.agent), input: { heldRequestId: await heldId('Push stuck'), decision: 'accept' } });
    const after = main((await c.get('/portal')).body);
    assert.doesNotMatch(after, /held-requests/);
    assert.ok(after.includes(`#${ticket!.number} Push stuck</a>`));
  });

  it('dismissed: says that no case was opened, without the team\'s note, for 30 days after the review', async () => {
    const c = await sender();
    assert.equal((await c.upload('/portal/cases', { subject: 'Second try', description: 'Still stuck', severity: '3' }, [])).statusCode, 403);
    // Reviewed an hour later: Wed 2 Dec 2026 11:00 GMT.
    h.desk.clock.set('2026-12-02T11:00:00Z');
    await reviewHeldRequest({ ctx: h.desk.ctx(h.desk.agent), input: { heldRequestId: await heldId('Second try'), decision: 'dismiss', note: 'Team-only note: asked twice' } });
    const list = heldSection((await c.get('/portal')).body);
    assert.match(list, /<p>“Second try”, sent Wed 2 Dec 2026 10:00 GMT by Email \(filed in the portal\): <strong>reviewed on Wed 2 Dec 2026 11:00 GMT; no case was opened for it<\/strong>\.<\/p>\s*<p class="hint">Why it was held: On the Enterprise plan, cases are reported by the named support contacts of /);
    assert.doesNotMatch(list, /Team-only note/);
    // 30 days after the review (Fri 1 Jan 2027 11:00 UTC) it is still said; a day later, no more.
    // (A session of that day, a sign-in made then, not the first one's.)
    h.desk.clock.set('2027-01-01T11:00:00Z');
    assert.match(heldSection((await (await sender()).get('/portal')).body), /Second try/);
    h.desk.clock.set('2027-01-02T11:00:00Z');
    const later = main((await (await sender()).get('/portal')).body);
    assert.match(later, /<h1>Our cases/, 'signed in');
    assert.doesNotMatch(later, /held-requests|Second try/);
    h.desk.clock.set('2026-12-02T11:00:00Z');
  });

  it('one an agent logged for them (a call) is not listed: the agent tells them; an agent may not read a contact\'s list', async () => {
    await assert.rejects(
      createTicket({ ctx: h.desk.ctx(h.desk.agent), input: { subject: 'Called in', description: 'By phone', requesterId: notNamed, channel: 'phone' } }),
      (e: Error & { code?: string }) => e.code === 'forbidden',
    );
    assert.equal((await h.desk.t.db.query('SELECT 1 FROM held_requests WHERE requester_id = $1 AND request->>\'subject\' = $2', [notNamed, 'Called in'])).rows.length, 1, 'held');
    assert.doesNotMatch(main((await (await sender()).get('/portal')).body), /Called in/);
    await assert.rejects(listMyHeldRequests({ ctx: h.desk.ctx(h.desk.agent) }), (e: Error & { code?: string }) => e.code === 'forbidden');
  });
});
