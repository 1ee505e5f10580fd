// Idempotency-Key on a request the policy holds for review: the held request is an outcome (it
// was kept), so its answer is stored like a success's and replayed to a retry, which holds nothing
// new; a refusal that keeps nothing (a field named wrong) still releases the key. OpenBack's
// Enterprise plan has named support contacts, and only they open cases: another contact's is held.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken } from '../../src/customers/index.ts';
import { openTicketApp, type TicketApp } from './ticket-app.ts';

describe('Idempotency-Key on a held request', () => {
  let h: TicketApp;
  let token: string;
  let contactId: string;
  before(async () => {
    h = await openTicketApp('openback', 'enterprise');
    contactId = randomUUID();
    await h.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [
      contactId, h.contactA.organizationId, 'not-named@customer.example', 'Not Named', h.desk.clock.now(),
    ]);
    token = (await createApiToken({ ctx: h.desk.system, input: { contactId } })).token;
  });
  after(() => h.close());

  const heldCount = async () =>
    (await h.desk.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM held_requests WHERE requester_id = $1', [contactId])).rows[0].n;
  const send = (key: string, body: Record<string, unknown> = { subject: 'Push stopped', description: 'Since 10:00' }) =>
    h.as(token, { method: 'POST', url: '/api/v1/tickets', headers: { 'idempotency-key': key }, payload: body });
  const heldId = (res: { json(): any }) => res.json().details.find((d: { path: string }) => d.path === 'held_request_id')?.message;

  it('replays the held answer to a retry with the same key, holding nothing new', async () => {
    const before = await heldCount();
    const first = await send('held-1');
    assert.equal(first.statusCode, 403, first.body);
    assert.ok(heldId(first), 'the answer names the held request');
    const retry = await send('held-1');
    assert.equal(retry.statusCode, 403);
    assert.equal(retry.headers['idempotent-replayed'], 'true');
    assert.deepEqual(retry.json(), first.json());
    assert.equal(await heldCount(), before + 1);
  });

  it('holds one request for two concurrent sends with the same key; both hear of it or one is told to retry', async () => {
    const before = await heldCount();
    const results = await Promise.all([send('held-race'), send('held-race')]);
    for (const res of results) assert.ok([403, 409].includes(res.statusCode), `${res.statusCode} ${res.body}`);
    const held = results.filter((r) => r.statusCode === 403);
    assert.ok(held.length >= 1);
    assert.equal(new Set(held.map(heldId)).size, 1, 'every held answer names the same held request');
    assert.equal(await heldCount(), before + 1);
    // The one told to retry gets the kept answer.
    const retry = await send('held-race');
    assert.equal(retry.headers['idempotent-replayed'], 'true');
    assert.equal(heldId(retry), heldId(held[0]));
    assert.equal(await heldCount(), before + 1);
  });

  it('still releases the key of a refusal naming a field, so the corrected retry runs', async () => {
    const refused = await h.as(h.contactA.token, {
      method: 'POST', url: '/api/v1/tickets', headers: { 'idempotency-key': 'refused-1' },
      payload: { subject: 'Again', description: 'As before', follow_up_of: randomUUID() },
    });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(refused.json().details[0].path, 'follow_up_of');
    const stored = await h.desk.t.db.query('SELECT 1 FROM idempotency_keys WHERE key = $1', ['refused-1']);
    assert.equal(stored.rows.length, 0, 'a refusal that kept nothing is not stored');
    const corrected = await h.as(h.contactA.token, {
      method: 'POST', url: '/api/v1/tickets', headers: { 'idempotency-key': 'refused-1' }, payload: { subject: 'Again', description: 'As before' },
    });
    assert.equal(corrected.statusCode, 201, corrected.body);
    assert.equal(corrected.headers['idempotent-replayed'], undefined);
  });
});
