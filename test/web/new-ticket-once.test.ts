// The agent's new-ticket form sent more than once (web/form-once.ts), OpenBack Enterprise (named
// contacts: 2): a phone call from someone of the customer who is not a named support contact is
// held for review; the page says so, links to it under Held requests and offers no copy of the
// form filled in; the same form sent again (a reload, a double click) holds no second request and
// opens no second ticket. A form changed before it is sent again is another request.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openDeskApp, ticketIdOf } from './desk-kit.ts';
import type { WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const formKeyOf = (html: string) => /<input type="hidden" name="form_key" value="([0-9a-f-]{36})">/.exec(html)?.[1] ?? '';

describe('the new-ticket form sent again, OpenBack Enterprise', () => {
  let h: WebApp;
  let emailA: string;
  const unnamed = 'not.named@customer.example';
  before(async () => {
    ({ h, emailA } = await openDeskApp());
    await h.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [
      randomUUID(), h.contactA.organizationId, unnamed, 'Not Named', h.desk.clock.now(),
    ]);
  });
  after(() => h.close());

  const count = async (sql: string, value: string) => (await h.desk.t.db.query<{ n: number }>(sql, [value])).rows[0].n;
  const heldFor = (subject: string) => count("SELECT count(*)::int AS n FROM held_requests WHERE request->>'subject' = $1", subject);

  it('gives each form its own key', async () => {
    const a = await h.session(h.agent, 'agent');
    const [one, two] = [formKeyOf((await a.get('/agent/tickets/new')).body), formKeyOf((await a.get('/agent/tickets/new')).body)];
    assert.ok(one && two, 'the form carries a key');
    assert.notEqual(one, two);
  });

  it('says a held call is held, with a link to it, offers no filled form, and holds it once however often it is sent', async () => {
    const a = await h.session(h.agent, 'agent');
    const key = formKeyOf((await a.get('/agent/tickets/new')).body);
    const form = { form_key: key, requester: unnamed, channel: 'phone', subject: 'Pushes stopped', description: 'Rang about pushes.', severity: '2' };
    const first = await a.post('/agent/tickets/new', form);
    assert.equal(first.statusCode, 403);
    const { rows: [held] } = await h.desk.t.db.query<{ id: string; reason_code: string }>("SELECT id, reason_code FROM held_requests WHERE request->>'subject' = 'Pushes stopped'");
    assert.equal(held.reason_code, 'not_named_contact');
    const page = main(first.body);
    assert.match(page, /<h1>Held for review, not opened<\/h1>/);
    // Why, in the policy's words (named-only.ts), and where it waits.
    assert.match(page, /<p>On the Enterprise plan, cases are reported by the named support contacts of /);
    assert.match(page, new RegExp(`No ticket was opened\\. The request is kept, with any files chosen: <a href="/agent/held/${held.id}">review it under Held requests</a>`));
    // No copy of the form to send again: a link to a new, empty one.
    assert.doesNotMatch(page, /<form method="post" action="\/agent\/tickets\/new"|Rang about pushes/);
    assert.match(page, /<a href="\/agent\/tickets\/new">Open another ticket for a customer<\/a>/);
    // The held list has it under that anchor.
    assert.match(main((await a.get('/agent/held')).body), new RegExp(`<h2 id="held-${held.id}"><a href="/agent/held/${held.id}">Pushes stopped</a></h2>`));

    // The same form again (a reload that posts it again, a second click): the same page, nothing new held.
    const again = await a.post('/agent/tickets/new', form);
    assert.equal(again.statusCode, 403);
    assert.match(main(again.body), new RegExp(`<a href="/agent/held/${held.id}">`));
    assert.equal(await heldFor('Pushes stopped'), 1);
    // The managers were told of it once: one notice each, not two.
    const notices = await count("SELECT count(*)::int AS n FROM outbox WHERE kind = 'held_notice' AND payload->>'held_request_id' = $1", held.id);
    assert.ok(notices > 0, 'the managers and admins were told of it');
    assert.equal(await count("SELECT count(*)::int AS n FROM outbox WHERE kind = 'held_notice' AND subject LIKE $1", '%Pushes stopped%'), notices);

    // Changed before it is sent again (a second call, another subject): another request, held on its own.
    const changed = await a.post('/agent/tickets/new', { ...form, subject: 'Pushes stopped again' });
    assert.equal(changed.statusCode, 403);
    assert.equal(await heldFor('Pushes stopped again'), 1);
  });

  it('opens one ticket for the same form sent twice, and takes a refused form back corrected', async () => {
    const a = await h.session(h.agent, 'agent');
    const key = formKeyOf((await a.get('/agent/tickets/new')).body);
    const form = { form_key: key, requester: emailA, channel: 'phone', subject: 'Sent twice', description: 'Double click.', severity: '3' };
    const [first, second] = [await a.post('/agent/tickets/new', form), await a.post('/agent/tickets/new', form)];
    assert.equal(first.statusCode, 303);
    assert.equal(second.headers.location, first.headers.location);
    assert.ok(ticketIdOf(first.headers.location));
    assert.equal(await count('SELECT count(*)::int AS n FROM tickets WHERE subject = $1', 'Sent twice'), 1);
    // Both at once (a double click): the second waits for the first and gets its outcome.
    const both = { ...form, form_key: formKeyOf((await a.get('/agent/tickets/new')).body), subject: 'Sent at once' };
    const [x, y] = await Promise.all([a.post('/agent/tickets/new', both), a.post('/agent/tickets/new', both)]);
    assert.deepEqual([x.statusCode, y.statusCode], [303, 303]);
    assert.equal(x.headers.location, y.headers.location);
    assert.equal(await count('SELECT count(*)::int AS n FROM tickets WHERE subject = $1', 'Sent at once'), 1);

    // A key sent with a NUL (a hand-made form; this form lets NUL reach it, kept-form.ts) still guards it: one ticket.
    const nul = { ...form, form_key: `${formKeyOf((await a.get('/agent/tickets/new')).body)}\u0000`, subject: 'Sent with a NUL key' };
    const [n1, n2] = [await a.post('/agent/tickets/new', nul), await a.post('/agent/tickets/new', nul)];
    assert.deepEqual([n1.statusCode, n2.statusCode], [303, 303]);
    assert.equal(n2.headers.location, n1.headers.location);
    assert.equal(await count('SELECT count(*)::int AS n FROM tickets WHERE subject = $1', 'Sent with a NUL key'), 1);
    // A contact sending it is still refused, and opens nothing.
    assert.equal((await (await h.session(h.contactA, 'contact')).post('/agent/tickets/new', { ...nul, subject: 'Contact NUL key' })).statusCode, 403);
    assert.equal(await count('SELECT count(*)::int AS n FROM tickets WHERE subject = $1', 'Contact NUL key'), 0);

    // Refused (no customer's email): nothing kept under the key; the form comes back with it, and corrected it opens.
    const other = formKeyOf((await a.get('/agent/tickets/new')).body);
    const refused = await a.post('/agent/tickets/new', { form_key: other, requester: '', channel: 'phone', subject: 'Fixed then sent', description: 'Typed first.' });
    assert.equal(refused.statusCode, 400);
    assert.equal(formKeyOf(refused.body), other);
    assert.match(main(refused.body), /value="Fixed then sent"/);
    const fixed = await a.post('/agent/tickets/new', { form_key: other, requester: emailA, channel: 'phone', subject: 'Fixed then sent', description: 'Typed first.' });
    assert.equal(fixed.statusCode, 303);
    assert.equal(await count('SELECT count(*)::int AS n FROM tickets WHERE subject = $1', 'Fixed then sent'), 1);
  });
});
