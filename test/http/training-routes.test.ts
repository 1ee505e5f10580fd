// The training-hours routes in-process: a manager grants, an agent records, the ledger reads
// back in snake_case; the refusal beyond the balance names it; a contact sees its own
// organization's ledger and another organization's is 404. OPS-COM policy, clock 2026-12-02T10:00Z.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertEnvelopeShape, openTicketApp, type TicketApp } from './ticket-app.ts';

describe('training hours over HTTP', () => {
  let h: TicketApp;
  let T: string;
  before(async () => {
    h = await openTicketApp('opscom', 'premium');
    T = `/api/v1/organizations/${h.contactA.organizationId}/training`;
  });
  after(() => h.close());

  it('a manager grants contract hours; an agent records a session; the ledger reads back', async () => {
    const grant = await h.as(h.manager.token, {
      method: 'POST', url: `${T}/grants`,
      payload: { source: 'contract', hours: 4, reason: 'One-on-one system training', valid_from: '2026-01-01', valid_until: '2026-12-31' },
    });
    assert.equal(grant.statusCode, 201, grant.body);
    const { id: _id, ...granted } = grant.json() as Record<string, unknown>;
    assert.deepEqual(
      granted,
      { organization_id: h.contactA.organizationId, hours: 4, reason: 'One-on-one system training', source: 'contract', valid_from: '2026-01-01', valid_until: '2026-12-31', created_at: '2026-12-02T10:00:00Z' },
    );
    const session = await h.as(h.agent.token, { method: 'POST', url: `${T}/sessions`, payload: { date: '2026-12-01', hours: 1.25, notes: 'Permits' } });
    assert.equal(session.statusCode, 201, session.body);
    assert.deepEqual([session.json().agent_id, session.json().overdraft_hours, session.json().charges], [h.agent.id, 0, [{ grant_id: grant.json().id, hours: 1.25 }]]);

    const ledger = await h.as(h.contactA.token, { method: 'GET', url: T });
    assert.equal(ledger.statusCode, 200, ledger.body);
    const body = ledger.json();
    assert.deepEqual([body.on, body.balance_hours, body.next_cursor], ['2026-12-02', 2.75, null]);
    assert.deepEqual(body.grants, [{ grant_id: grant.json().id, source: 'contract', valid_from: '2026-01-01', valid_until: '2026-12-31', hours: 4, remaining_hours: 2.75 }]);
    assert.deepEqual(body.entries.map((e: any) => [e.kind, e.hours]).sort(), [['grant', 4], ['session', 1.25]]);
  });

  it('refuses a session beyond the balance with 429 naming it; a manager overrides with a reason', async () => {
    const refused = await h.as(h.escalation.token, { method: 'POST', url: `${T}/sessions`, payload: { date: '2026-12-01', hours: 3 } });
    assert.equal(refused.statusCode, 429);
    assertEnvelopeShape(refused.json());
    assert.equal(refused.json().code, 'limit_exceeded');
    assert.match(refused.json().message, /has 2\.75 hours of training valid on 2026-12-01; this session needs 3 hours/);
    assert.deepEqual(refused.json().details, [{ path: 'hours', message: 'balance on 2026-12-01: 2.75 hours' }]);
    const withReason = await h.as(h.agent.token, { method: 'POST', url: `${T}/sessions`, payload: { date: '2026-12-01', hours: 3, override_reason: 'Please' } });
    assert.equal(withReason.statusCode, 403);
    const overridden = await h.as(h.manager.token, {
      method: 'POST', url: `${T}/sessions`, payload: { date: '2026-12-01', hours: 3, agent_id: h.escalation.id, override_reason: 'Go-live support, approved' },
    });
    assert.equal(overridden.statusCode, 201, overridden.body);
    assert.equal(overridden.json().overdraft_hours, 0.25);
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: `${T}?on=2026-12-01` })).json().balance_hours, -0.25);
  });

  it("is 404 for a contact of another organization, and refuses writes by the wrong actor", async () => {
    const other = await h.as(h.contactB.token, { method: 'GET', url: T });
    assert.equal(other.statusCode, 404);
    assertEnvelopeShape(other.json());
    const grantByAgent = await h.as(h.agent.token, { method: 'POST', url: `${T}/grants`, payload: { source: 'negotiated', hours: 1, reason: 'x', valid_from: '2026-01-01', valid_until: '2026-12-31' } });
    assert.equal(grantByAgent.statusCode, 403);
    const sessionByContact = await h.as(h.contactA.token, { method: 'POST', url: `${T}/sessions`, payload: { date: '2026-12-01', hours: 1 } });
    assert.equal(sessionByContact.statusCode, 403);
  });

  it('refuses hours that are not quarter hours and a plan grant where the plan states no hours', async () => {
    const quarter = await h.as(h.manager.token, { method: 'POST', url: `${T}/grants`, payload: { source: 'contract', hours: 1.1, reason: 'x', valid_from: '2026-01-01', valid_until: '2026-12-31' } });
    assert.deepEqual([quarter.statusCode, quarter.json().details[0].path], [400, 'hours']);
    const plan = await h.as(h.manager.token, { method: 'POST', url: `${T}/grants`, payload: { source: 'plan', year: 2026 } });
    assert.equal(plan.statusCode, 400);
    assert.match(plan.json().message, /The Premium plan states no number of training hours in the active policy/);
  });
});
