// Who sees what: a contact never reaches another organization's ticket (404, look-alike ids
// included), never reads an internal note or link, and agent-only writes are refused. On opscom,
// whose policy forbids Sentry links.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertEnvelopeShape, openTicket, openTicketApp, type TicketApp } from './ticket-app.ts';

describe('ticket access over HTTP', () => {
  let h: TicketApp;
  let mine: any;
  let theirs: any;
  const NOTE = 'internal-note-text-7f3a: the customer is on the old shard';
  const LINK = 'https://tracker.example/ENG-SECRET-4711';
  before(async () => {
    h = await openTicketApp('opscom', 'premium');
    mine = await openTicket(h, h.contactA);
    theirs = await openTicket(h, h.contactB);
    for (const id of [mine.id, theirs.id]) {
      await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${id}/notes`, payload: { body: NOTE } });
      await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${id}/links`, payload: { url: LINK, title: 'ENG-SECRET-4711' } });
      await h.as(h.agent.token, { method: 'PATCH', url: `/api/v1/tickets/${id}`, payload: { assignee_id: h.agent.id } });
    }
  });
  after(() => h.close());

  const lookAlikes = () => [
    theirs.id,
    crypto.randomUUID(),
    theirs.id.toUpperCase(),
    `${theirs.id}x`,
    `${theirs.id}%20`,
    theirs.id.replaceAll('-', ''),
    `%7B${theirs.id}%7D`,
    String(theirs.number),
    '1',
    '0',
    '..%2F..%2Fetc%2Fpasswd',
    '..%2Ftickets',
    '%2E%2E',
    'null',
    // A one-character neighbour of a real id.
    `${theirs.id.slice(0, 35)}${theirs.id.endsWith('0') ? '1' : '0'}`,
  ];

  it("answers 404 envelopes for another organization's ticket on every readable endpoint, look-alike ids included", async () => {
    const calls = (id: string) => [
      { method: 'GET' as const, url: `/api/v1/tickets/${id}` },
      { method: 'GET' as const, url: `/api/v1/tickets/${id}/events` },
      { method: 'POST' as const, url: `/api/v1/tickets/${id}/replies`, payload: { body: 'hello?' } },
      { method: 'POST' as const, url: `/api/v1/tickets/${id}/reopen` },
    ];
    for (const id of lookAlikes()) {
      for (const call of calls(id)) {
        const res = await h.as(h.contactA.token, call);
        assert.equal(res.statusCode, 404, `${call.method} ${call.url}: ${res.body}`);
        assertEnvelopeShape(res.json());
        assert.equal(res.json().code, 'not_found');
        assert.ok(!res.body.includes(theirs.subject) && !res.body.includes(NOTE));
      }
    }
    // Agents get the same 404 for ids that are not tickets.
    for (const id of lookAlikes().slice(1).filter((id) => id !== theirs.id.toUpperCase())) {
      const res = await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${id}` });
      assert.equal(res.statusCode, 404, `${id}: ${res.body}`);
    }
    // Nothing was written through any of those attempts.
    const { rows } = await h.desk.t.db.query("SELECT 1 FROM ticket_events WHERE ticket_id = $1 AND type = 'reply'", [theirs.id]);
    assert.equal(rows.length, 0);
  });

  it('refuses agent-only writes to a contact: 403 on any ticket, its own, foreign or unknown (the route is not theirs)', async () => {
    const writes = (id: string) => [
      { method: 'POST' as const, url: `/api/v1/tickets/${id}/notes`, payload: { body: 'sneaky' } },
      { method: 'POST' as const, url: `/api/v1/tickets/${id}/links`, payload: { url: 'https://example.com/x', title: 'x' } },
      { method: 'PATCH' as const, url: `/api/v1/tickets/${id}`, payload: { status: 'closed' } },
    ];
    // The refusal comes from the route's declaration, before any ticket is read, so it says nothing about the id.
    for (const [id, status, code] of [[mine.id, 403, 'forbidden'], [theirs.id, 403, 'forbidden'], [crypto.randomUUID(), 403, 'forbidden']] as const) {
      for (const call of writes(id)) {
        const res = await h.as(h.contactA.token, call);
        assert.equal(res.statusCode, status, `${call.method} ${call.url}`);
        assert.equal(res.json().code, code);
      }
    }
    const own = await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/tickets/${mine.id}` });
    assert.equal(own.json().status, 'open');
  });

  it('never shows an internal note, link or assignment to a contact: ticket, events, list', async () => {
    const reads = [`/api/v1/tickets/${mine.id}`, `/api/v1/tickets/${mine.id}/events`, '/api/v1/tickets', `/api/v1/tickets?organization_id=${h.contactA.organizationId}&limit=1`];
    for (const url of reads) {
      const res = await h.as(h.contactA.token, { method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.ok(!res.body.includes(NOTE), `${url} leaks the note`);
      assert.ok(!res.body.includes('ENG-SECRET-4711'), `${url} leaks the link`);
    }
    const events = (await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/tickets/${mine.id}/events` })).json();
    assert.ok(events.every((e: any) => e.visibility === 'public'));
    // The agent sees them all.
    const agentView = await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${mine.id}/events` });
    assert.ok(agentView.body.includes(NOTE) && agentView.body.includes(LINK));
    assert.deepEqual(agentView.json().filter((e: any) => e.visibility === 'internal').map((e: any) => e.type).sort(), ['assigned', 'link_added', 'note']);
  });

  it("refuses a Sentry link with the policy's reason on url", async () => {
    const spellings = [
      'https://sentry.io/organizations/acme/issues/1/', 'https://acme.sentry.io/issues/2', 'https://sentry.io./x', 'https://SENTRY.IO/x',
      'https://sentry.io:443/x', 'https://user@sentry.io/x', 'https://acme.sentry.io.:8443/x', 'http://Sentry.Io/x',
    ];
    for (const url of spellings) {
      const res = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${mine.id}/links`, payload: { url, title: 'crash' } });
      assert.equal(res.statusCode, 400, url);
      assert.equal(res.json().details[0].path, 'url');
      assert.match(res.json().details[0].message, /Sentry/);
    }
  });

  it('allows look-alike hosts that are not Sentry', async () => {
    for (const url of ['https://notsentry.io/x', 'https://sentry.io.example.com/x']) {
      const res = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${mine.id}/links`, payload: { url, title: 'other' } });
      assert.equal(res.statusCode, 201, url);
    }
  });

  it("refuses an agent's public reply carrying a Sentry link, in any spelling, and keeps nothing of it", async () => {
    const before = (await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${mine.id}/events` })).json().length;
    for (const body of ['See https://sentry.io./organizations/acme/issues/9/ for the trace.', 'Trace at acme.sentry.io/issues/3, fixing now', 'Look: <https://SENTRY.io:443/x>']) {
      const res = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${mine.id}/replies`, payload: { body } });
      assert.equal(res.statusCode, 400, body);
      assert.equal(res.json().details[0].path, 'body');
      assert.match(res.json().details[0].message, /Sentry/);
    }
    const ok = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${mine.id}/replies`, payload: { body: 'Tracked as ENG-12 in our tracker; fix expected Friday.' } });
    assert.equal(ok.statusCode, 201);
    const after = (await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${mine.id}/events` })).json().length;
    assert.equal(after, before + 1, 'only the clean reply was written');
  });

  it('asks for a token on every ticket endpoint', async () => {
    const id = mine.id;
    for (const [method, url] of [['GET', '/api/v1/tickets'], ['POST', '/api/v1/tickets'], ['GET', `/api/v1/tickets/${id}`], ['PATCH', `/api/v1/tickets/${id}`], ['GET', `/api/v1/tickets/${id}/events`], ['POST', `/api/v1/tickets/${id}/replies`], ['POST', `/api/v1/tickets/${id}/notes`], ['POST', `/api/v1/tickets/${id}/links`], ['POST', `/api/v1/tickets/${id}/reopen`]] as const) {
      for (const authorization of [undefined, 'Bearer nope', 'Basic dXNlcjpwYXNz']) {
        const res = await h.app.inject({ method, url, headers: authorization ? { authorization } : {}, payload: method === 'GET' ? undefined : { body: 'x' } });
        assert.equal(res.statusCode, 401, `${method} ${url} ${authorization}`);
        assertEnvelopeShape(res.json());
      }
    }
  });
});
