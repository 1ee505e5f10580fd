// Opening a ticket with a contact's own token: the token check and intake's read are one grouped
// read (tickets/intake-read.ts, ADR 0014). The ticket is the one the two reads would have made;
// only a valid contact token takes a number with the check.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken, revokeTokenById } from '../../src/customers/index.ts';
import { groupStats } from '../../src/platform/index.ts';
import { openTicket, openTicketApp, type TicketApp } from './ticket-app.ts';

const requestsOf = (kind: string) => groupStats.get(kind)?.requests ?? 0;

describe('POST /api/v1/tickets: the token check carries intake’s read', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('reads once for a contact’s own ticket, twice for an agent’s, and numbers them one after the other', async () => {
    const before = { combined: requestsOf('read:token+intake'), token: requestsOf('read:token'), intake: requestsOf('read:intake') };
    const own = await openTicket(h, h.contactA);
    assert.equal(own.requester_id, h.contactA.id);
    assert.equal(own.organization_id, h.contactA.organizationId);
    assert.equal(own.plan, 'enterprise');
    assert.equal(own.severity, 2);
    assert.deepEqual(own.clocks.map((c: { metric: string }) => c.metric).sort(), ['first_response']);
    assert.equal(requestsOf('read:token+intake'), before.combined + 1);
    assert.equal(requestsOf('read:intake'), before.intake);
    assert.equal(requestsOf('read:token'), before.token);

    // An agent's token takes the same combined read (the route declares it) but no number with it;
    // intake then reads the requester the agent named.
    const res = await h.as(h.agent.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'Called in', description: 'By phone', severity: 3, requester_id: h.contactA.id } });
    assert.equal(res.statusCode, 201, res.body);
    const forContact = res.json();
    assert.equal(forContact.requester_id, h.contactA.id);
    assert.equal(requestsOf('read:token+intake'), before.combined + 2);
    assert.equal(requestsOf('read:intake'), before.intake + 1);
    assert.equal(forContact.number, own.number + 1);
  });

  it('refuses a revoked or unknown token without taking a number', async () => {
    const first = await openTicket(h, h.contactB);
    const made = await createApiToken({ ctx: h.desk.system, input: { contactId: h.contactB.id } });
    await revokeTokenById(h.desk.t.db, made.id, { clock: h.desk.clock });
    const payload = { subject: 'Again', description: 'Still down', severity: 2 };
    assert.equal((await h.as(made.token, { method: 'POST', url: '/api/v1/tickets', payload })).statusCode, 401);
    assert.equal((await h.as('acc_not_a_token_at_all', { method: 'POST', url: '/api/v1/tickets', payload })).statusCode, 401);
    const next = await openTicket(h, h.contactB);
    assert.equal(next.number, first.number + 1);
  });

  it('lets a contact open a ticket for itself only', async () => {
    const res = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'For B', description: 'x', severity: 2, requester_id: h.contactB.id } });
    assert.equal(res.statusCode, 403);
  });
});
