// Broken and mistyped links: a page address whose id could name nothing is "not found" (the path
// shown, a way back for the reader), not a schema's complaint; the API keeps its envelope. A queue
// address with filters the page does not offer is refused naming each filter once, as the form labels it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fieldDetails } from '../../src/web/page-errors.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type Browserless, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const SCHEMA_WORDS = /must match format|uuid|params\.|querystring\.|body\.|anyOf|Params|Querystring/;

describe('broken links and bad queue filters, OpenBack', () => {
  let h: WebApp;
  let agent: Browserless;
  let admin: Browserless;
  let contact: Browserless;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
    agent = await h.session(h.agent, 'agent');
    admin = await h.session(h.admin, 'agent');
    contact = await h.session(h.contactA, 'contact');
  });
  after(() => h.close());

  const notFound = (res: { statusCode: number; body: string }, path: string, back: string) => {
    assert.equal(res.statusCode, 404, `${path}: ${res.body}`);
    const page = main(res.body);
    assert.match(page, /<h1>Not found<\/h1>/, path);
    assert.ok(page.includes(`<p>There is no page at ${path}.</p>`), `${path}: ${page}`);
    assert.ok(page.includes(back), `${path}: ${page}`);
    assert.doesNotMatch(page, SCHEMA_WORDS, path);
  };

  it('answers an agent following a malformed ticket, on-call or saved-view link with "not found" and the way back to the queues', async () => {
    const back = '<p><a href="/agent">Back to the queues</a></p>';
    notFound(await agent.get('/agent/tickets/1042x'), '/agent/tickets/1042x', back);
    // A form posted to a malformed address too: nothing was done, nothing was there.
    notFound(await agent.post('/agent/tickets/1042x/reply', { body: 'Hello' }), '/agent/tickets/1042x/reply', back);
    notFound(await agent.post('/agent/views/xyz/delete', {}), '/agent/views/xyz/delete', back);
    notFound(await admin.post('/admin/oncall/xyz/delete', { confirm: 'yes' }), '/admin/oncall/xyz/delete', back);
  });

  it('answers a contact following a malformed case link with "not found" and the way back to their cases', async () => {
    const back = '<p><a href="/portal">Back to your cases</a></p>';
    notFound(await contact.get('/portal/cases/not-a-case'), '/portal/cases/not-a-case', back);
    notFound(await contact.post('/portal/cases/not-a-case/reply', { body: 'Any news?' }), '/portal/cases/not-a-case/reply', back);
  });

  it('takes a ticket by its number, as people say it, to its page; a number nobody may see is not found', async () => {
    const mine = await openTicket(h, h.contactA, { subject: 'By number' });
    const theirs = await openTicket(h, h.contactB, { subject: 'Another customer' });
    const byNumber = await agent.get(`/agent/tickets/${mine.number}`);
    assert.deepEqual([byNumber.statusCode, byNumber.headers.location], [303, `/agent/tickets/${mine.id}`]);
    const portal = await contact.get(`/portal/cases/${mine.number}`);
    assert.deepEqual([portal.statusCode, portal.headers.location], [303, `/portal/cases/${mine.id}`]);
    // Another customer's case is none of the contact's; a number no ticket has is nobody's. Said in the
    // portal's word, "case" (QA 2026-12-07: "ticket not found"), the same for one that exists elsewhere
    // as for none, by number, by id and posted to, and nothing of it shown.
    const nobodys = await contact.get('/portal/cases/999999');
    for (const res of [await contact.get(`/portal/cases/${theirs.number}`), await contact.get(`/portal/cases/${theirs.id}`), await contact.post(`/portal/cases/${theirs.id}/reply`, { body: 'Mine?' }), nobodys]) {
      assert.equal(res.statusCode, 404);
      assert.match(main(res.body), /<h1>Not found<\/h1>\s*<p>This case is not among your organization&#39;s cases\.<\/p>\s*<p><a href="\/portal">Back to your cases<\/a><\/p>/);
      assert.doesNotMatch(res.body, /Another customer|ticket not found/);
    }
    assert.equal((await agent.get('/agent/tickets/999999')).statusCode, 404);
  });

  it("answers a browser's address the router cannot take (a segment past its length) with the not-found page; the API, its envelope", async () => {
    const long = `/help/articles/${'a'.repeat(150)}`;
    const page = await h.app.inject({ method: 'GET', url: long, headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 404);
    assert.ok(main(page.body).includes(`<p>There is no page at ${long}.</p>`), page.body);
    const api = await h.app.inject({ method: 'GET', url: `/api/v1/kb/articles/${'a'.repeat(150)}`, headers: { accept: 'application/json' } });
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().code, 'invalid_input');
  });

  it('shows the path as text: characters that mean something in HTML are escaped', async () => {
    const res = await agent.get('/agent/tickets/1&2');
    notFound(res, '/agent/tickets/1&amp;2', '<a href="/agent">');
    assert.ok(!main(res.body).includes('/agent/tickets/1&2'));
  });

  it('still asks a visitor to sign in first, and still refuses a contact an agent page, before the id is looked at', async () => {
    const visitor = await h.visitor();
    const res = await visitor.get('/agent/tickets/1042x');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/login?next=%2Fagent%2Ftickets%2F1042x');
    assert.equal((await contact.get('/agent/tickets/1042x')).statusCode, 403);
  });

  it('leaves the API as it was: its JSON envelope, naming params.id where the route takes a uuid', async () => {
    const get = (url: string) => h.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${h.agent.token}`, accept: 'text/html' } });
    const org = await get('/api/v1/organizations/not-an-org');
    assert.equal(org.statusCode, 400);
    assert.match(String(org.headers['content-type']), /^application\/json/);
    const body = org.json();
    assert.deepEqual([body.code, body.message, body.details], ['invalid_input', 'The request is not valid', [{ path: 'params.id', message: 'must match format "uuid"' }]]);
    // Tickets are read by id or number on the API: a malformed one is simply not found.
    const ticket = await get('/api/v1/tickets/1042x');
    assert.equal(ticket.statusCode, 404);
    assert.deepEqual([ticket.json().code, ticket.json().message, ticket.json().details], ['not_found', 'ticket not found', []]);
  });

  it('refuses queue filters the form does not offer, each once by its label, saying what may be chosen', async () => {
    const one = await agent.get('/agent?severity=9');
    assert.equal(one.statusCode, 400);
    const page = main(one.body);
    assert.match(page, /<h1>That is not quite right<\/h1>/);
    assert.match(page, /<p>The queue cannot be shown that way.<\/p>/);
    assert.match(page, /<ul><li><strong>Severity<\/strong> is not one of this policy&#39;s severities \(1: Critical, 2: Major, 3: Minor, 4: Enhancement\)<\/li><\/ul>/);
    assert.match(page, /<p><a href="\/agent">Back to the queues<\/a><\/p>/);
    assert.doesNotMatch(page, SCHEMA_WORDS);

    const many = await agent.get('/agent?view=everything&severity=x&status=nope&plan=zzz&organization=q&saved=x');
    assert.equal(many.statusCode, 400);
    const lines = [...main(many.body).matchAll(/<li><strong>([^<]+)<\/strong> ([^<]+)<\/li>/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(lines, [
      ['Queue', 'is not one of the queues (All open, Mine, Unassigned, Following, Breaching soon, After hours)'],
      ['Severity', 'is not one of this policy&#39;s severities (1: Critical, 2: Major, 3: Minor, 4: Enhancement)'],
      ['Plan', 'is not one of this policy&#39;s plans (Growth, Pro, Enterprise)'],
      ['Status', 'is not a status of open tickets (Open, Waiting on customer, Waiting on third party)'],
      ['Organization', '“q” is no organization&#39;s name, nor part of one'],
      ['Saved view', 'is not one of the saved views'],
    ]);
    assert.doesNotMatch(main(many.body), SCHEMA_WORDS);
    // OpenBack has no request types: the filter is not on its form.
    assert.match(main((await agent.get('/agent?request_type=bug')).body), /<li><strong>Request type<\/strong> is not offered: this policy has no request types<\/li>/);
  });

  it('keeps the filters the form offers, an empty one meaning "Any"', async () => {
    const res = await agent.get('/agent?view=mine&severity=2&plan=growth&status=pending_customer&organization=&request_type=&tag=');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(main(res.body), /<option value="2" selected>2: Major<\/option>/);
    assert.match(main(res.body), /<option value="growth" selected>Growth<\/option>/);
    assert.match(main(res.body), /<option value="pending_customer" selected>Waiting on customer<\/option>/);
  });

  it('names a field the address should not carry by its name, not by a schema path', async () => {
    const res = await agent.get('/agent?colour=red&severity=1');
    assert.equal(res.statusCode, 400);
    assert.match(main(res.body), /<p>This page cannot be shown with what the address asks for.<\/p>\s*<ul><li><strong>Colour<\/strong> is not something this page takes<\/li><\/ul>/);
  });
});

describe('a page refusal names schema problems by field, once each', () => {
  it('maps query and form issues to the fields the form-error partial labels, one line per field', () => {
    const issue = (instancePath: string, keyword: string, params: Record<string, unknown> = {}) => ({ instancePath, keyword, params, message: 'schema words' });
    assert.deepEqual(fieldDetails([
      // anyOf: the field's own alternative, the empty one ("Any"), then anyOf itself: one line.
      issue('/severity', 'type', { type: 'integer' }), issue('/severity', 'maxLength', { limit: 0 }), issue('/severity', 'anyOf'),
      issue('', 'required', { missingProperty: 'time_spent' }),
      issue('', 'additionalProperties', { additionalProperty: 'add_tags' }),
      issue('/status', 'enum', { allowedValues: ['open'] }),
      issue('/subject', 'minLength', { limit: 1 }), issue('/subject', 'maxLength', { limit: 200 }),
      issue('/minutes', 'maximum', { limit: 600 }),
      issue('/id', 'format', { format: 'uuid' }),
      // A problem with the whole part names no field: the message says it.
      issue('', 'type', { type: 'object' }),
    ]), [
      { path: 'severity', message: 'must be a whole number' },
      { path: 'timeSpent', message: 'is missing' },
      { path: 'addTags', message: 'is not something this page takes' },
      { path: 'status', message: 'is not one of the choices offered' },
      { path: 'subject', message: 'must be filled in' },
      { path: 'minutes', message: 'must be at most 600' },
      { path: 'id', message: 'is not valid here' },
    ]);
  });
});
