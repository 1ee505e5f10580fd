// Nothing a customer typed is lost on a refusal (OpenBack): a description over the 100,000
// characters a case's description may be comes back whole beside the form, named, with the limit
// in characters; one of more than 1 MiB of text (past what the form reads) is said plainly, the
// other fields kept; a NUL character (U+0000, which PostgreSQL text cannot hold) is removed from the
// words a person typed, and refused beside the form in a choice, never a 500 nor an error page
// without the form. The case page's reply and escalation forms and the agent's reply form alike.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTicket } from '../../src/tickets/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { errorBox, main } from './page-parts.ts';
import { fileCase } from './portal-kit.ts';

describe('the portal keeps what was typed, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  const ticketsNamed = async (subject: string) =>
    (await h.desk.t.db.query<{ subject: string; description: string }>('SELECT subject, description FROM tickets WHERE subject = $1', [subject])).rows;
  const caseOfA = async (subject: string) =>
    (await createTicket({ ctx: h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId }), input: { subject, description: 'x', severity: 3 } })).id;
  const lastEvent = async (ticketId: string, type: string) =>
    (await h.desk.t.db.query<{ body: string }>('SELECT body FROM ticket_events WHERE ticket_id = $1 AND type = $2 ORDER BY seq DESC LIMIT 1', [ticketId, type])).rows[0]?.body;

  it('a description one character over 100,000 comes back whole, named as the form labels it, with the limit in characters', async () => {
    const c = await h.session(h.contactA, 'contact');
    const long = 'x'.repeat(100_001);
    const made = await fileCase(c, { subject: 'Long log', description: long, severity: '3' });
    assert.equal(made.res.statusCode, 400);
    const page = main(made.res.body);
    assert.match(errorBox(page, 'case'), /<strong>What happened<\/strong> is 100,001 characters long: a description may be at most 100,000 characters\. Shorten it, or attach the rest \(a log, say\) as a file\./);
    assert.ok(page.includes(`data-suggest-more aria-invalid="true" aria-describedby="description-error">${long}</textarea>`), 'the description is kept whole');
    assert.match(page, /<input id="subject" name="subject" required maxlength="300" value="Long log"/);
    assert.deepEqual(await ticketsNamed('Long log'), []);
  });

  it('a description of 100,000 characters (three bytes each) opens the case, as a browser sends it and urlencoded', async () => {
    const c = await h.session(h.contactA, 'contact');
    const full = '€'.repeat(100_000);
    assert.equal((await fileCase(c, { subject: 'Euro log', description: full, severity: '3' })).res.statusCode, 303);
    assert.equal((await c.post('/portal/cases', { subject: 'Euro log', description: full, severity: '3' })).statusCode, 303);
    const rows = await ticketsNamed('Euro log');
    assert.deepEqual(rows.map((r) => r.description.length), [100_000, 100_000]);
  });

  it('urlencoded, a description somewhat over the limit (more than 1 MiB as sent) still comes back on the form', async () => {
    const c = await h.session(h.contactA, 'contact');
    // 120,000 × "%E2%82%AC" is 1,080,000 bytes: over the pages' 1 MiB, under the new-case form's limit.
    const over = '€'.repeat(120_000);
    const res = await c.post('/portal/cases', { subject: 'Euro overflow', description: over, severity: '3' });
    assert.equal(res.statusCode, 400);
    assert.match(errorBox(main(res.body), 'case'), /<strong>What happened<\/strong> is 120,000 characters long: a description may be at most 100,000 characters\./);
    assert.ok(main(res.body).includes(`>${over}</textarea>`));
  });

  it('urlencoded, a form of more than 2 MiB is said plainly to be too large to read, nothing saved', async () => {
    const c = await h.session(h.contactA, 'contact');
    const res = await c.post('/portal/cases', { subject: 'Beyond reading', description: 'x'.repeat(2_200_000), severity: '3' });
    assert.equal(res.statusCode, 413);
    assert.match(main(res.body), /<p>The form is more than 2 MiB, too large to read: nothing in it was saved\. Shorten the longest text, or attach it as a file, and send it again\.<\/p>/);
    assert.deepEqual(await ticketsNamed('Beyond reading'), []);
  });

  it('a description of more than 1 MiB of text is said plainly, the other fields kept', async () => {
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'Whole dump', description: 'x'.repeat(1_100_000), severity: '2' });
    assert.equal(made.res.statusCode, 400);
    const page = main(made.res.body);
    assert.match(page, /<h1>Open a case<\/h1>/, 'the form, not an error page');
    assert.match(errorBox(page, 'case'), /<strong>What happened<\/strong> is more than 1 MiB of text, far over the 100,000 characters a description may be: it could not be kept\. Paste a shorter text, or attach it as a file\./);
    assert.match(page, /value="Whole dump"/);
    assert.match(page, /<input type="radio" name="severity" value="2" checked>/);
    assert.match(page, /data-suggest-more aria-invalid="true" aria-describedby="description-error"><\/textarea>/);
    assert.deepEqual(await ticketsNamed('Whole dump'), []);
  });

  it('a NUL in the subject or the description is removed, as a browser sends the form and urlencoded', async () => {
    const c = await h.session(h.contactA, 'contact');
    assert.equal((await fileCase(c, { subject: 'Pasted\u0000 log', description: 'line 1\u0000; line 2', severity: '3' })).res.statusCode, 303);
    assert.equal((await c.post('/portal/cases', { subject: 'Pasted log\u0000', description: '\u0000line 1; line 2', severity: '3' })).statusCode, 303);
    assert.deepEqual(await ticketsNamed('Pasted log'), [{ subject: 'Pasted log', description: 'line 1; line 2' }, { subject: 'Pasted log', description: 'line 1; line 2' }]);
  });

  it('a NUL in a choice is refused beside the form, naming it, the rest kept (the NUL not shown back)', async () => {
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'Odd\u0000 choice', description: 'typed', severity: '2\u0000' });
    assert.equal(made.res.statusCode, 400);
    const page = main(made.res.body);
    assert.match(errorBox(page, 'case'), /<strong>Severity<\/strong>/);
    assert.match(page, /value="Odd choice"/);
    assert.ok(!page.includes('\u0000'));
    assert.deepEqual(await ticketsNamed('Odd choice'), []);
  });

  it("the case page's reply: a NUL removed; more than 1 MiB said plainly beside the reply form", async () => {
    const id = await caseOfA('Replies kept');
    const c = await h.session(h.contactA, 'contact');
    assert.equal((await c.upload(`/portal/cases/${id}/reply`, { body: 'still\u0000 down' }, [])).statusCode, 303);
    assert.equal(await lastEvent(id, 'reply'), 'still down');
    const huge = await c.upload(`/portal/cases/${id}/reply`, { body: 'x'.repeat(1_100_000) }, []);
    assert.equal(huge.statusCode, 400);
    assert.match(errorBox(main(huge.body), 'reply'), /<strong>Message<\/strong> is more than 1 MiB of text, far over the 100,000 characters a message may be: it could not be kept\./);
    assert.equal(await lastEvent(id, 'reply'), 'still down');
  });

  it('the escalation request: a NUL in the reason is removed', async () => {
    const id = await caseOfA('Escalate kept');
    const c = await h.session(h.contactA, 'contact');
    const res = await c.post(`/portal/cases/${id}/escalation-request`, { reason: 'Release\u0000 blocked' });
    assert.equal(res.statusCode, 303);
    assert.equal(await lastEvent(id, 'escalation_requested'), 'Release blocked');
  });

  it('the rating: a NUL in the comment is removed', async () => {
    const id = await caseOfA('Rated kept');
    const c = await h.session(h.contactA, 'contact');
    assert.equal((await c.post(`/portal/cases/${id}/solve`, {})).statusCode, 303);
    assert.equal((await c.post(`/portal/cases/${id}/rating`, { rating: 'good', comment: 'Quick\u0000 fix' })).statusCode, 303);
    const { rows } = await h.desk.t.db.query<{ comment: string }>('SELECT comment FROM ticket_ratings WHERE ticket_id = $1', [id]);
    assert.deepEqual(rows, [{ comment: 'Quick fix' }]);
  });

  it("the agent's reply: a NUL removed; more than 1 MiB said plainly beside the reply form", async () => {
    const id = await caseOfA('Agent replies kept');
    const a = await h.session(h.agent, 'agent');
    assert.equal((await a.upload(`/agent/tickets/${id}/reply`, { body: 'Restart\u0000 it', seen_events: '1' }, [])).statusCode, 303);
    assert.equal(await lastEvent(id, 'reply'), 'Restart it');
    const huge = await a.upload(`/agent/tickets/${id}/reply`, { body: 'x'.repeat(1_100_000), seen_events: '2' }, []);
    assert.equal(huge.statusCode, 400);
    assert.match(errorBox(main(huge.body), 'reply'), /<strong>Message<\/strong> is more than 1 MiB of text/);
  });
});
