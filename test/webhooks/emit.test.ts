// Emitting is transactional: one delivery per active webhook subscribed to the type, written in
// the caller's transaction, so an event exists if and only if the write that caused it commits.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestClock } from '../../src/platform/clock.ts';
import { createWebhook, emitWebhookEvent } from '../../src/webhooks/index.ts';
import { testCtx } from '../support/fixtures.ts';
import { openTestDb, type TestDb } from '../support/test-db.ts';
import { webhookTicket } from './helpers.ts';

describe('emitWebhookEvent', () => {
  let t: TestDb;
  const clock = new TestClock('2026-03-02T09:15:00Z');
  const settings = { allowPrivate: false };
  const ctx = () => testCtx(t.db, { kind: 'system' }, clock);
  const deliveries = async () =>
    (await t.db.query<{ endpoint_id: string; event_id: string; event_type: string; payload: any; status: string; attempts: number; next_attempt_at: Temporal.Instant }>(
      'SELECT endpoint_id, event_id, event_type, payload, status, attempts, next_attempt_at FROM webhook_deliveries ORDER BY endpoint_id',
    )).rows;

  before(async () => {
    t = await openTestDb();
  });
  after(() => t.close());
  beforeEach(async () => {
    await t.db.query('DELETE FROM webhook_endpoints');
  });

  it('queues one delivery per active webhook subscribed to the type, all with the same event id', async () => {
    const created = await createWebhook({ ctx: ctx(), input: { url: 'https://a.example.com/h', events: ['ticket.created'] }, settings });
    const everything = await createWebhook({ ctx: ctx(), input: { url: 'https://b.example.com/h', events: ['*'] }, settings });
    await createWebhook({ ctx: ctx(), input: { url: 'https://c.example.com/h', events: ['sla.breached'] }, settings });
    await createWebhook({ ctx: ctx(), input: { url: 'https://d.example.com/h', events: ['ticket.created'], active: false }, settings });
    const ticket = webhookTicket({ id: '7a1f9c2e-0000-4000-8000-000000000001', organizationId: '7a1f9c2e-0000-4000-8000-000000000002', requesterId: '7a1f9c2e-0000-4000-8000-000000000003' });
    const occurredAt = Temporal.Instant.from('2026-03-02T09:15:00Z');

    const emitted = await t.db.transaction((tx) => emitWebhookEvent(tx, { type: 'ticket.created', occurredAt, data: { ticket } }));

    assert.equal(emitted.deliveries, 2);
    const rows = await deliveries();
    assert.deepEqual(rows.map((r) => r.endpoint_id).sort(), [created.id, everything.id].sort());
    for (const row of rows) {
      assert.equal(row.event_id, emitted.eventId);
      assert.equal(row.event_type, 'ticket.created');
      assert.equal(row.status, 'pending');
      assert.equal(row.attempts, 0);
      assert.equal(row.next_attempt_at.toString(), '2026-03-02T09:15:00Z', 'due at once');
      // The body, as written by hand: snake_case, ISO instants, ids and public fields only.
      assert.deepEqual(row.payload, {
        id: emitted.eventId,
        type: 'ticket.created',
        created_at: '2026-03-02T09:15:00Z',
        data: {
          ticket: {
            id: '7a1f9c2e-0000-4000-8000-000000000001',
            number: 1042,
            organization_id: '7a1f9c2e-0000-4000-8000-000000000002',
            requester_id: '7a1f9c2e-0000-4000-8000-000000000003',
            subject: 'Nobody can log in',
            status: 'open',
            severity: 1,
            plan: 'enterprise',
            channel: 'web',
            assignee_id: null,
            created_at: '2026-03-02T09:00:00Z',
            updated_at: '2026-03-02T09:00:00Z',
          },
        },
      });
    }
  });

  it('queues nothing when the transaction rolls back', async () => {
    await createWebhook({ ctx: ctx(), input: { url: 'https://a.example.com/h', events: ['*'] }, settings });
    await assert.rejects(
      t.db.transaction(async (tx) => {
        const emitted = await emitWebhookEvent(tx, { type: 'ticket.created', occurredAt: clock.now(), data: { ticket: webhookTicket() } });
        assert.equal(emitted.deliveries, 1, 'queued inside the transaction');
        throw new Error('the ticket write failed');
      }),
      /the ticket write failed/,
    );
    assert.deepEqual(await deliveries(), []);
  });

  it('queues nothing, and fails nothing, when no webhook subscribes', async () => {
    await createWebhook({ ctx: ctx(), input: { url: 'https://a.example.com/h', events: ['ticket.replied'] }, settings });
    const emitted = await t.db.transaction((tx) =>
      emitWebhookEvent(tx, { type: 'sla.breached', occurredAt: clock.now(), data: { ticket: webhookTicket(), clock: { id: '7a1f9c2e-0000-4000-8000-000000000009', metric: 'first_response', dueAt: clock.now(), severity: 1 } } }),
    );
    assert.equal(emitted.deliveries, 0);
    assert.deepEqual(await deliveries(), []);
  });

  it('refuses data outside the catalogue, failing the caller\'s transaction rather than leaking it', async () => {
    await createWebhook({ ctx: ctx(), input: { url: 'https://a.example.com/h', events: ['*'] }, settings });
    const ticket = webhookTicket();
    const attempts = [
      // An internal field on the ticket.
      () => ({ type: 'ticket.created', data: { ticket: { ...ticket, description: 'the customer\'s long text' } } }),
      // An internal note passed as a reply.
      () => ({ type: 'ticket.replied', data: { ticket, reply: { id: ticket.id, at: clock.now(), author: { kind: 'agent', id: ticket.id }, body: 'internal: ENG-123', visibility: 'internal' } } }),
      // An engineering link smuggled into an escalation.
      () => ({ type: 'ticket.escalated', data: { ticket, escalation: { fromLevel: 'l1', toLevel: 'eng', trackerUrl: 'https://jira.example/ENG-1' } } }),
      // An update that changes nothing.
      () => ({ type: 'ticket.updated', data: { ticket, changes: {}, reason: null } }),
      // The agent's internal reason for an escalation.
      () => ({ type: 'ticket.escalated', data: { ticket, escalation: { fromLevel: 'l1', toLevel: 'eng', reason: 'see ENG-1' } } }),
    ];
    for (const make of attempts) {
      const event = make();
      await assert.rejects(
        t.db.transaction(async (tx) => {
          await tx.query("UPDATE webhook_endpoints SET description = 'touched'");
          await emitWebhookEvent(tx, { ...event, occurredAt: clock.now() } as never);
        }),
        new RegExp(`webhook event ${event.type.replace('.', '\\.')}: data does not match the catalogue`),
      );
    }
    assert.deepEqual(await deliveries(), []);
    const { rows } = await t.db.query<{ description: string | null }>('SELECT description FROM webhook_endpoints');
    assert.deepEqual(rows, [{ description: null }], 'the caller\'s write was rolled back with it');
  });

  it('carries each type of the catalogue in snake_case', async () => {
    await createWebhook({ ctx: ctx(), input: { url: 'https://a.example.com/h', events: ['*'] }, settings });
    const ticket = webhookTicket();
    const at = Temporal.Instant.from('2026-03-02T10:00:00Z');
    const agentId = '7a1f9c2e-0000-4000-8000-00000000000a';
    await t.db.transaction(async (tx) => {
      await emitWebhookEvent(tx, { type: 'ticket.updated', occurredAt: at, data: { ticket, changes: { assigneeId: { from: null, to: agentId } }, reason: null } });
      await emitWebhookEvent(tx, { type: 'ticket.replied', occurredAt: at, data: { ticket, reply: { id: agentId, at, author: { kind: 'contact', id: agentId }, body: 'Still down', visibility: 'public', files: [] } } });
      await emitWebhookEvent(tx, { type: 'sla.warning', occurredAt: at, data: { ticket, clock: { id: agentId, metric: 'first_response', goalAt: at, dueAt: null, severity: 2 } } });
      await emitWebhookEvent(tx, { type: 'oncall.paged', occurredAt: at, data: { ticket, page: { ruleId: 'on-call', staffedBy: 'on-call engineer', agentId } } });
      await emitWebhookEvent(tx, { type: 'ticket.escalated', occurredAt: at, data: { ticket, escalation: { fromLevel: 'l1', toLevel: 'eng' } } });
    });
    const data = Object.fromEntries((await deliveries()).map((r) => [r.event_type, r.payload.data]));
    assert.deepEqual(data['ticket.updated'].changes, { assignee_id: { from: null, to: agentId } });
    assert.deepEqual(data['ticket.replied'].reply, { id: agentId, at: '2026-03-02T10:00:00Z', author: { kind: 'contact', id: agentId }, body: 'Still down', visibility: 'public', files: [] });
    assert.deepEqual(data['sla.warning'].clock, { id: agentId, metric: 'first_response', goal_at: '2026-03-02T10:00:00Z', due_at: null, severity: 2 });
    assert.deepEqual(data['oncall.paged'].page, { rule_id: 'on-call', staffed_by: 'on-call engineer', agent_id: agentId });
    assert.deepEqual(data['ticket.escalated'].escalation, { from_level: 'l1', to_level: 'eng' });
  });
});
