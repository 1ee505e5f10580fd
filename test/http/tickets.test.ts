// The ticket routes end to end on openback: happy paths for agents and contacts, idempotency,
// pagination, filters and the field-naming 400s.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket, openTicketApp, type TicketApp } from './ticket-app.ts';

const count = async (h: TicketApp, table: string): Promise<number> =>
  Number((await h.desk.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);

describe('tickets over HTTP', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('openback', 'enterprise');
  });
  after(() => h.close());

  // OpenBack lists no web form ("via email, live chat and documentation"): a contact's own request is filed as Email.
  it('a contact opens a ticket: 201 with its clocks, channel email, its own organization', async () => {
    const res = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'Push is down', description: 'Nothing since 09:00', severity: 1 } });
    assert.equal(res.statusCode, 201);
    const t = res.json();
    assert.equal(t.organization_id, h.contactA.organizationId);
    assert.equal(t.requester_id, h.contactA.id);
    assert.equal(t.channel, 'email');
    assert.equal(t.status, 'open');
    assert.equal(t.plan, 'enterprise');
    // Enterprise severity 1: first response within 1 hour on the 24x7 clock.
    assert.deepEqual(t.clocks.map((c: any) => [c.metric, c.state, c.due]), [['first_response', 'running', '2026-12-02T11:00:00Z']]);
    for (const key of ['met_at', 'breached_at', 'warned_at', 'goal']) assert.ok(key in t.clocks[0], key);
  });

  it('an agent opens a ticket for a contact (requester_id required) and intake answers classify it', async () => {
    const missing = await h.as(h.agent.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'Call', description: 'by phone' } });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().details[0].path, 'requester_id');
    const res = await h.as(h.agent.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Call', description: 'by phone', requester_id: h.contactA.id, intake: { production: true, all_customers_affected: true, workaround: 'none' } },
    });
    assert.equal(res.statusCode, 201);
    assert.equal(res.json().channel, 'phone');
    assert.equal(res.json().severity, 1);
    const badIntake = await h.as(h.agent.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Call', description: 'by phone', requester_id: h.contactA.id, intake: { workaround: 'maybe', colour: 'red' } },
    });
    assert.equal(badIntake.statusCode, 400);
    assert.deepEqual(badIntake.json().details.map((d: any) => d.path).sort(), ['intake.colour', 'intake.workaround']);
  });

  it('gets, lists and reads the timeline as the agent and as the contact', async () => {
    const t = await openTicket(h, h.contactA);
    for (const token of [h.agent.token, h.contactA.token]) {
      const got = await h.as(token, { method: 'GET', url: `/api/v1/tickets/${t.id}` });
      assert.equal(got.statusCode, 200);
      assert.equal(got.json().id, t.id);
      const events = await h.as(token, { method: 'GET', url: `/api/v1/tickets/${t.id}/events` });
      assert.equal(events.statusCode, 200);
      assert.equal(events.json()[0].type, 'created');
      const list = await h.as(token, { method: 'GET', url: `/api/v1/tickets?organization_id=${h.contactA.organizationId}` });
      assert.equal(list.statusCode, 200);
      assert.ok(list.json().items.some((i: any) => i.id === t.id));
      assert.ok('next_cursor' in list.json());
    }
    // A contact's list never holds another organization's ticket, whatever the filter says.
    const theirs = await openTicket(h, h.contactB);
    const list = await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/tickets?organization_id=${h.contactB.organizationId}` });
    assert.deepEqual(list.json().items, []);
    const all = await h.as(h.contactA.token, { method: 'GET', url: '/api/v1/tickets?limit=200' });
    assert.ok(all.json().items.every((i: any) => i.organization_id === h.contactA.organizationId));
    assert.ok(!all.body.includes(theirs.id));
  });

  it('replies: 201 with the event; the first agent reply meets first_response', async () => {
    const t = await openTicket(h, h.contactA);
    const mine = await h.as(h.contactA.token, { method: 'POST', url: `/api/v1/tickets/${t.id}/replies`, payload: { body: 'More detail' } });
    assert.equal(mine.statusCode, 201);
    assert.deepEqual([mine.json().type, mine.json().visibility, mine.json().actor.kind], ['reply', 'public', 'contact']);
    h.desk.clock.advance({ minutes: 30 });
    const theirs = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${t.id}/replies`, payload: { body: 'Looking into it' } });
    assert.equal(theirs.statusCode, 201);
    const got = (await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${t.id}` })).json();
    const fr = got.clocks.find((c: any) => c.metric === 'first_response');
    assert.equal(fr.state, 'met');
    assert.equal(fr.met_at, h.desk.clock.now().toString());
    const empty = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${t.id}/replies`, payload: { body: '   ' } });
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.json().details[0].path, 'body');
  });

  it('notes and links: 201 internal events for agents', async () => {
    const t = await openTicket(h, h.contactA);
    const note = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${t.id}/notes`, payload: { body: 'Check the shard' } });
    assert.equal(note.statusCode, 201);
    assert.deepEqual([note.json().type, note.json().visibility], ['note', 'internal']);
    const link = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${t.id}/links`, payload: { url: 'https://tracker.example/ENG-1', title: 'ENG-1' } });
    assert.equal(link.statusCode, 201);
    assert.deepEqual([link.json().type, link.json().visibility, link.json().data.url], ['link_added', 'internal', 'https://tracker.example/ENG-1']);
    const notUrl = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${t.id}/links`, payload: { url: 'javascript:alert(1)', title: 'x' } });
    assert.equal(notUrl.statusCode, 400);
    assert.equal(notUrl.json().details[0].path, 'url');
  });

  it('PATCH changes status, assignee and severity (with a reason) and answers the ticket', async () => {
    const t = await openTicket(h, h.contactA, { severity: 3 });
    const res = await h.as(h.agent.token, {
      method: 'PATCH',
      url: `/api/v1/tickets/${t.id}`,
      payload: { status: 'pending_customer', assignee_id: h.agent.id, severity: 2, reason: 'customer confirmed production impact' },
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual([res.json().status, res.json().assignee_id, res.json().severity], ['pending_customer', h.agent.id, 2]);
    const noReason = await h.as(h.agent.token, { method: 'PATCH', url: `/api/v1/tickets/${t.id}`, payload: { severity: 1 } });
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual(noReason.json().details.map((d: any) => d.path), ['reason']);
    const nothing = await h.as(h.agent.token, { method: 'PATCH', url: `/api/v1/tickets/${t.id}`, payload: {} });
    assert.equal(nothing.statusCode, 400);
    assert.equal(nothing.json().details[0].path, 'body');
    const ghost = await h.as(h.agent.token, { method: 'PATCH', url: `/api/v1/tickets/${t.id}`, payload: { assignee_id: crypto.randomUUID() } });
    assert.equal(ghost.statusCode, 404);
    assert.equal(ghost.json().details[0].path, 'assignee_id');
    const unknownSeverity = await h.as(h.agent.token, { method: 'PATCH', url: `/api/v1/tickets/${t.id}`, payload: { severity: 9, reason: 'x' } });
    assert.equal(unknownSeverity.statusCode, 400);
    assert.equal(unknownSeverity.json().details[0].path, 'severity');
  });

  it('reopen: a solved ticket reopens (agent or its contact); an open one is a conflict', async () => {
    const t = await openTicket(h, h.contactA);
    const open = await h.as(h.contactA.token, { method: 'POST', url: `/api/v1/tickets/${t.id}/reopen` });
    assert.equal(open.statusCode, 409);
    assert.equal(open.json().code, 'conflict');
    for (const token of [h.agent.token, h.contactA.token]) {
      const solved = await h.as(h.agent.token, { method: 'PATCH', url: `/api/v1/tickets/${t.id}`, payload: { status: 'solved' } });
      assert.equal(solved.json().status, 'solved');
      const res = await h.as(token, { method: 'POST', url: `/api/v1/tickets/${t.id}/reopen` });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().status, 'open');
    }
  });

  it('merge: answers the ticket merged into; the merged one is closed and says where it went; bad bodies name the field', async () => {
    const into = await openTicket(h, h.contactA);
    const from = await openTicket(h, h.contactA);
    for (const [payload, path] of [
      [{ into_number: '12' }, 'into_number'],
      [{ into_ticket_id: 'not-an-id' }, 'into_ticket_id'],
      [{}, 'into_ticket_id'],
      [{ into_number: into.number, colour: 'red' }, 'colour'],
    ] as const) {
      const bad = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${from.id}/merge`, payload });
      assert.equal(bad.statusCode, 400, JSON.stringify(payload));
      assert.ok(bad.json().details.some((d: any) => d.path === path), `${path} in ${JSON.stringify(bad.json().details)}`);
    }
    const res = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${from.id}/merge`, payload: { into_number: into.number } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual([res.json().id, res.json().status, res.json().merged_into], [into.id, 'open', null]);
    const merged = await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/tickets/${from.id}` });
    assert.deepEqual([merged.json().status, merged.json().merged_into], ['closed', into.id]);
    const again = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${from.id}/merge`, payload: { into_ticket_id: into.id } });
    assert.equal(again.statusCode, 409);
  });

  it('ccs: an agent copies a colleague of the organization; the ticket shows them to its contacts; bad bodies name the field', async () => {
    const t = await openTicket(h, h.contactA);
    const { rows: [colleague] } = await h.desk.t.db.query<{ id: string }>(
      "INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES (gen_random_uuid(), $1, 'cc-api@customer.example', 'Cc Api', false, now()) RETURNING id",
      [h.contactA.organizationId],
    );
    const res = await h.as(h.agent.token, { method: 'PUT', url: `/api/v1/tickets/${t.id}/ccs`, payload: { contact_ids: [colleague.id] } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().ccs, [{ id: colleague.id, name: 'Cc Api', email: 'cc-api@customer.example' }]);
    assert.deepEqual((await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/tickets/${t.id}` })).json().ccs.map((c: any) => c.id), [colleague.id]);
    const bad = await h.as(h.agent.token, { method: 'PUT', url: `/api/v1/tickets/${t.id}/ccs`, payload: { contact_ids: ['x'] } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().details[0].path, 'contact_ids.0');
    const missing = await h.as(h.agent.token, { method: 'PUT', url: `/api/v1/tickets/${t.id}/ccs`, payload: {} });
    assert.equal(missing.json().details[0].path, 'contact_ids');
  });

  it('bulk-update: each ticket\'s result in order; bad bodies name the field', async () => {
    const [a, b] = [await openTicket(h, h.contactA), await openTicket(h, h.contactA)];
    const res = await h.as(h.agent.token, { method: 'POST', url: '/api/v1/tickets/bulk-update', payload: { ticket_ids: [a.id, b.id, 'nope'], assignee_id: h.agent.id } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().results, [
      { ticket_id: a.id, number: a.number, ok: true }, { ticket_id: b.id, number: b.number, ok: true },
      { ticket_id: 'nope', number: null, ok: false, code: 'not_found', message: 'ticket not found' },
    ]);
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${b.id}` })).json().assignee_id, h.agent.id);
    for (const [payload, path] of [
      [{ ticket_ids: [] , status: 'solved' }, 'ticket_ids'],
      [{ ticket_ids: [a.id], status: 'lost' }, 'status'],
      [{ ticket_ids: [a.id] }, 'body'],
      [{ ticket_ids: [a.id], assignee_id: 'someone' }, 'assignee_id'],
    ] as const) {
      const bad = await h.as(h.agent.token, { method: 'POST', url: '/api/v1/tickets/bulk-update', payload });
      assert.equal(bad.statusCode, 400, JSON.stringify(payload));
      assert.ok(bad.json().details.some((d: any) => d.path === path), `${path} in ${JSON.stringify(bad.json().details)}`);
    }
  });

  it('Idempotency-Key on POST /tickets: the retry answers the first result and creates nothing', async () => {
    const before = await count(h, 'tickets');
    const eventsBefore = await count(h, 'ticket_events');
    const send = (subject: string) =>
      h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', headers: { 'idempotency-key': 'open-once-1' }, payload: { subject, description: 'once' } });
    const first = await send('Only once');
    const retry = await send('Only once');
    assert.equal(first.statusCode, 201);
    assert.equal(retry.statusCode, 201);
    assert.equal(retry.headers['idempotent-replayed'], 'true');
    assert.deepEqual(retry.json(), first.json());
    assert.equal(await count(h, 'tickets'), before + 1);
    assert.equal(await count(h, 'ticket_events'), eventsBefore + 1);
    const other = await send('Something else');
    assert.equal(other.statusCode, 422, 'the same key for another request (IETF draft: 422)');
    assert.equal(await count(h, 'tickets'), before + 1);
    // The key is the actor's: another contact with the same key opens its own ticket.
    const b = await h.as(h.contactB.token, { method: 'POST', url: '/api/v1/tickets', headers: { 'idempotency-key': 'open-once-1' }, payload: { subject: 'Only once', description: 'once' } });
    assert.equal(b.statusCode, 201);
    assert.notEqual(b.json().id, first.json().id);
  });

  it('pages with limit and next_cursor across pages, newest first, then null', async () => {
    const c = await h.newContact('pro');
    const opened: string[] = [];
    for (let i = 0; i < 5; i++) {
      h.desk.clock.advance({ minutes: 1 });
      opened.push((await openTicket(h, c, { subject: `page ${i}` })).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `/api/v1/tickets?organization_id=${c.organizationId}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await h.as(h.agent.token, { method: 'GET', url: q });
      assert.equal(res.statusCode, 200);
      seen.push(...res.json().items.map((i: any) => i.id));
      cursor = res.json().next_cursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen, [...opened].reverse());
    const forged = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/tickets?cursor=not-a-cursor' });
    assert.equal(forged.statusCode, 400);
    assert.equal(forged.json().details[0].path, 'cursor');
  });

  it('filters by status, severity, assignee and breaching_before', async () => {
    const c = await h.newContact('enterprise');
    const urgent = await openTicket(h, c, { severity: 1 }); // due in 1 hour (24x7)
    const major = await openTicket(h, c, { severity: 2 }); // due in 12 business hours
    const base = `/api/v1/tickets?organization_id=${c.organizationId}`;
    const ids = async (query: string) => (await h.as(h.agent.token, { method: 'GET', url: base + query })).json().items.map((i: any) => i.id);
    const soon = h.desk.clock.now().add({ hours: 2 }).toString();
    assert.deepEqual(await ids(`&breaching_before=${soon}`), [urgent.id]);
    assert.deepEqual((await ids(`&breaching_before=2027-01-31T00:00:00Z`)).sort(), [urgent.id, major.id].sort());
    assert.deepEqual(await ids('&severity=2'), [major.id]);
    await h.as(h.agent.token, { method: 'PATCH', url: `/api/v1/tickets/${major.id}`, payload: { status: 'pending_customer', assignee_id: h.agent.id } });
    assert.deepEqual(await ids('&status=pending_customer'), [major.id]);
    assert.deepEqual(await ids(`&assignee_id=${h.agent.id}`), [major.id]);
    // Met clocks no longer breach.
    await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${urgent.id}/replies`, payload: { body: 'On it' } });
    assert.deepEqual(await ids(`&breaching_before=${soon}`), []);
    const bad = await h.as(h.agent.token, { method: 'GET', url: `${base}&breaching_before=tomorrow&status=lost` });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().details.map((d: any) => d.path).sort(), ['querystring.breaching_before', 'querystring.status']);
  });

  it('names every bad field of a create and refuses unknown ones', async () => {
    const res = await h.as(h.contactA.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: '', severity: 12, channel: 'pigeon', colour: 'red' },
    });
    assert.equal(res.statusCode, 400);
    const paths = res.json().details.map((d: any) => d.path);
    for (const p of ['subject', 'description', 'severity', 'channel', 'colour']) assert.ok(paths.includes(p), `${p} in ${paths}`);
    const nul = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'a\u0000b', description: 'x' } });
    assert.equal(nul.statusCode, 400);
    assert.equal(nul.json().details[0].path, 'subject');
    // In the description too (PostgreSQL text cannot hold U+0000): 400 naming it, never a 500; and one over its 100,000 characters.
    for (const description of ['log\u0000 line', 'x'.repeat(100_001)]) {
      const bad = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'Fine', description } });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.json().details.map((d: any) => d.path), ['description']);
    }
  });
});
