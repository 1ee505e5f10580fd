// Rating from the resolution mail, OpenBack: each person the mail goes to (the requester and the
// people copied) has two links of their own, good and bad, which open a page without signing in.
// Following a link rates nothing (mail scanners follow links); the button does, as that person.
// A link works for 30 days, for a contact still with the customer, while the ticket may be rated.
// The mail as sent names each link in full under the desk's address, in the text and the HTML.
// The desk's clock stands at Wednesday 2 December 2026 10:00 UTC.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { updateContact } from '../../src/customers/index.ts';
import { composeMail, emailSettingsFor, type OutboxRow } from '../../src/email/index.ts';
import { getTicket, reopenTicket, setTicketCcs, updateTicket } from '../../src/tickets/index.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

type Link = { label: string; path: string };

describe('rating links in the resolution mail, OpenBack', () => {
  let h: WebApp;
  let colleague: string;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
    colleague = randomUUID();
    await h.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [
      colleague, h.contactA.organizationId, `cora-${colleague.slice(0, 8)}@customer.example`, 'Cora Copied', h.desk.clock.now(),
    ]);
  });
  after(() => h.close());

  const resolvedMail = async (ticketId: string) =>
    (await h.desk.t.db.query<OutboxRow>(
      "SELECT id, kind, recipient, subject, body, payload, created_at, attempts FROM outbox WHERE kind = 'ticket_resolved' AND payload->>'ticket_id' = $1 ORDER BY recipient",
      [ticketId],
    )).rows;
  const solvedCase = async (subject: string) => {
    const t = await openTicket(h, h.contactA, { subject, severity: 3 });
    await updateTicket({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: t.id, status: 'solved' } });
    return t as { id: string; number: number };
  };

  it('gives each reader links of their own; the page asks, the button rates as them; the mail names the links in full', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Export stuck', severity: 3 });
    await setTicketCcs({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: t.id, contactIds: [colleague] } });
    await updateTicket({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: t.id, status: 'solved' } });
    const mails = await resolvedMail(t.id);
    assert.equal(mails.length, 2);
    const links = mails.map((m) => m.payload.links as Link[]);
    for (const l of links) {
      assert.deepEqual(l.map((x) => x.label), ['Good, I am satisfied', 'Bad, I am not satisfied', `Case #${t.number} in the support portal`]);
      assert.match(l[0].path, /^\/rate\/[A-Za-z0-9_-]{32}\?rating=good$/);
      assert.equal(l[1].path, l[0].path.replace('good', 'bad'));
      assert.equal(l[2].path, `/portal/cases/${t.id}`);
    }
    assert.notEqual(links[0][0].path, links[1][0].path, 'each reader has a link of their own');
    const requesterLinks = links[mails.findIndex((m) => !m.recipient.startsWith('cora-'))];
    const coraLinks = links[mails.findIndex((m) => m.recipient.startsWith('cora-'))];

    // The message as sent: the links follow the words, in full, in the text and as a list in the HTML.
    const sent = composeMail(mails[0], emailSettingsFor('support@desk.example', 'OpenBack', { baseUrl: 'https://help.openback.example/' }), null);
    const [good, bad, portal] = mails[0].payload.links as Link[];
    assert.ok(sent.text.startsWith(mails[0].body), 'the words first, unchanged');
    assert.ok(sent.text.endsWith(`\n\nGood, I am satisfied: https://help.openback.example${good.path}\nBad, I am not satisfied: https://help.openback.example${bad.path}\nCase #${t.number} in the support portal: https://help.openback.example${portal.path}`));
    assert.match(sent.html, new RegExp(`<li><a href="https://help\\.openback\\.example${good.path.replace('?', '\\?')}">Good, I am satisfied</a></li>`));

    // Following the link (a visitor, no session) shows the choice and rates nothing.
    const v = await h.visitor();
    const page = await v.get(requesterLinks[1].path);
    assert.equal(page.statusCode, 200);
    // The page says "case", as the portal and the rating's own words do.
    assert.match(main(page.body), /<h1>How did we do on case #\d+\?<\/h1>/);
    assert.match(main(page.body), /<input type="radio" name="rating" value="bad" checked>/);
    // In the plan's zone, as the case's pages give times: OpenBack's hours are GMT (Europe/London),
    // so 2027-01-01 10:00 UTC is Friday 1 January 2027 10:00 GMT.
    assert.match(main(page.body), /this link works until Fri 1 Jan 2027 10:00 GMT\./);
    assert.equal((await getTicket({ ctx: h.desk.system, input: { ticketId: t.id } })).rating, null, 'nothing rated by following the link');

    // The button rates, as the requester, with the comment.
    const action = requesterLinks[1].path.replace(/\?.*$/, '');
    const missing = await v.post(action, { comment: 'no choice' });
    assert.equal(missing.statusCode, 400);
    assert.match(main(missing.body), /id="rate-error"[\s\S]*<li><strong>Rating<\/strong> choose good or bad<\/li>/);
    assert.doesNotMatch(main(missing.body), /Invalid option|expected one of/);
    assert.match(main(missing.body), /<textarea id="rating-comment" name="comment" rows="3" maxlength="2000">no choice<\/textarea>/, 'what was typed is kept');
    const done = await v.post(action, { rating: 'bad', comment: 'Took <three> days' });
    assert.equal(done.statusCode, 200);
    assert.match(main(done.body), /id="rate-done">Thank you: your rating is recorded with your comment\./);
    let rating = (await getTicket({ ctx: h.desk.system, input: { ticketId: t.id } })).rating;
    assert.deepEqual({ rating: rating?.rating, comment: rating?.comment, by: rating?.contactId }, { rating: 'bad', comment: 'Took <three> days', by: h.contactA.id });

    // The colleague's own link rates as them, replacing it.
    const c = await v.post(coraLinks[0].path.replace(/\?.*$/, ''), { rating: 'good' });
    assert.equal(c.statusCode, 200);
    rating = (await getTicket({ ctx: h.desk.system, input: { ticketId: t.id } })).rating;
    assert.deepEqual({ rating: rating?.rating, comment: rating?.comment, by: rating?.contactId }, { rating: 'good', comment: null, by: colleague });
    assert.match(main((await v.get(requesterLinks[0].path)).body), /id="rate-current">This case was rated <strong>good<\/strong> on Wed 2 Dec 2026 10:00 GMT\. A new rating replaces it\./);
  });

  it('refuses a ticket reopened since (409), an unknown or malformed token (404), a contact who left (404) and an expired link (404)', async () => {
    const v = await h.visitor();
    const reopened = await solvedCase('Reopened later');
    const [goodLink] = (await resolvedMail(reopened.id))[0].payload.links as Link[];
    await reopenTicket({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: reopened.id } });
    const refused = await v.post(goodLink.path.replace(/\?.*$/, ''), { rating: 'good' });
    assert.equal(refused.statusCode, 409);
    assert.match(main(refused.body), /id="rate-error"[\s\S]*a ticket is rated once it is solved/);

    assert.equal((await v.get(`/rate/${'x'.repeat(32)}?rating=good`)).statusCode, 404);
    assert.equal((await v.get('/rate/not%20a%20token')).statusCode, 404);
    assert.equal((await v.post(`/rate/${'y'.repeat(32)}`, { rating: 'good' })).statusCode, 404);
    assert.equal((await v.get(`${goodLink.path.replace('good', 'great')}`)).statusCode, 400, 'the choice is good or bad');

    // A copied colleague who left the customer: their link works no more, and the next resolution does not mail them.
    const left = randomUUID();
    await h.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [
      left, h.contactA.organizationId, `lee-${left.slice(0, 8)}@customer.example`, 'Lee Left', h.desk.clock.now(),
    ]);
    const t = await openTicket(h, h.contactA, { subject: 'Copied then left', severity: 3 });
    await setTicketCcs({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: t.id, contactIds: [left] } });
    await updateTicket({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: t.id, status: 'solved' } });
    const leeLink = ((await resolvedMail(t.id)).find((m) => m.recipient.startsWith('lee-'))!.payload.links as Link[])[0];
    await updateContact({ ctx: h.desk.ctx(h.desk.manager), input: { contactId: left, active: false } });
    assert.equal((await v.get(leeLink.path)).statusCode, 404);

    // Thirty days on, the requester's link of the first case still works; a second later it does not.
    const late = await solvedCase('Rated late');
    const [lateLink] = (await resolvedMail(late.id))[0].payload.links as Link[];
    h.desk.clock.advance({ hours: 24 * 30 - 1 });
    assert.equal((await v.get(lateLink.path)).statusCode, 200);
    h.desk.clock.advance({ hours: 1 });
    assert.equal((await v.get(lateLink.path)).statusCode, 404);
  });
});
