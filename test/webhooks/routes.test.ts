// /api/v1/webhooks through the app (in-process): the life of a webhook, its deliveries, and every
// write refused for the wrong actor (at the route and in the verb).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createWebhook,
  deleteWebhook,
  pingWebhook,
  redeliverWebhookDelivery,
  rotateWebhookSecret,
  updateWebhook,
} from '../../src/webhooks/index.ts';
import type { Actor } from '../../src/platform/context.ts';
import { assertEnvelopeShape, openTicketApp, type TicketApp } from '../http/ticket-app.ts';

describe('/api/v1/webhooks', () => {
  let h: TicketApp;
  const admin = (options: Parameters<TicketApp['as']>[1]) => h.as(h.admin.token, options);
  const create = async (body: Record<string, unknown> = {}) => {
    const res = await admin({ method: 'POST', url: '/api/v1/webhooks', payload: { url: 'https://hooks.example.com/accord', events: ['ticket.created', 'sla.breached'], ...body } });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };

  before(async () => {
    h = await openTicketApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('creates a webhook and answers its secret once', async () => {
    const created = await create({ description: 'PagerDuty bridge' });
    assert.match(created.secret, /^whsec_[A-Za-z0-9_-]{43}$/);
    assert.equal(created.secret_prefix, created.secret.slice(0, 12));
    assert.equal(created.url, 'https://hooks.example.com/accord');
    assert.equal(created.description, 'PagerDuty bridge');
    assert.deepEqual(created.events, ['ticket.created', 'sla.breached']);
    assert.equal(created.active, true);
    assert.equal(created.created_by, h.admin.id);
    assert.equal(created.created_at, h.desk.clock.now().toString());
    assert.equal(created.previous_secret_expires_at, null);

    const read = await h.as(h.manager.token, { method: 'GET', url: `/api/v1/webhooks/${created.id}` });
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().secret, undefined, 'never read back');
    assert.ok(!read.body.includes(created.secret));
    const list = await h.as(h.manager.token, { method: 'GET', url: '/api/v1/webhooks' });
    assert.ok(list.json().items.some((w: any) => w.id === created.id));
    assert.ok(!list.body.includes(created.secret));

    const { rows } = await h.desk.t.db.query<{ type: string; data: any }>("SELECT type, data FROM audit_events WHERE subject_kind = 'webhook' AND subject_id = $1", [created.id]);
    assert.deepEqual(rows, [{ type: 'webhook.created', data: { url: 'https://hooks.example.com/accord', events: ['ticket.created', 'sla.breached'], active: true } }]);
  });

  it('refuses URLs that point inside the network, plain http, and bad event lists', async () => {
    const refused = async (payload: Record<string, unknown>, path: string, message: RegExp) => {
      const res = await admin({ method: 'POST', url: '/api/v1/webhooks', payload: { url: 'https://hooks.example.com/x', events: ['*'], ...payload } });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assertEnvelopeShape(res.json());
      assert.equal(res.json().details[0].path, path);
      assert.match(res.json().details[0].message, message);
    };
    await refused({ url: 'https://127.0.0.1/hook' }, 'url', /loopback/);
    await refused({ url: 'https://localhost:8080/hook' }, 'url', /this machine/);
    await refused({ url: 'https://169.254.169.254/latest/meta-data/' }, 'url', /link-local/);
    await refused({ url: 'https://[fd00::1]/hook' }, 'url', /unique-local/);
    await refused({ url: 'https://192.168.0.10/hook' }, 'url', /RFC 1918/);
    await refused({ url: 'http://hooks.example.com/hook' }, 'url', /must use https/);
    await refused({ url: 'https://user:secret@hooks.example.com/hook' }, 'url', /credentials/);
    await refused({ events: ['ticket.deleted'] }, 'events.0', /must be equal to one of the allowed values/);
    await refused({ events: ['*', 'ticket.created'] }, 'events', /give it alone/);
    await refused({ events: ['ping'] }, 'events.0', /allowed values/);
    await refused({ events: [] }, 'events', /fewer than 1/);
  });

  it('updates the URL (checked again), events and active flag', async () => {
    const created = await create();
    const res = await admin({ method: 'PATCH', url: `/api/v1/webhooks/${created.id}`, payload: { url: 'https://other.example.com/in', events: ['*'], active: false, description: null } });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().url, res.json().events, res.json().active, res.json().description], ['https://other.example.com/in', ['*'], false, null]);
    const bad = await admin({ method: 'PATCH', url: `/api/v1/webhooks/${created.id}`, payload: { url: 'https://10.0.0.1/' } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().details[0].path, 'url');
    const empty = await admin({ method: 'PATCH', url: `/api/v1/webhooks/${created.id}`, payload: {} });
    assert.equal(empty.statusCode, 400);
    const { rows } = await h.desk.t.db.query<{ data: any }>("SELECT data FROM audit_events WHERE type = 'webhook.updated' AND subject_id = $1", [created.id]);
    assert.deepEqual(rows[0].data, {
      url: { from: 'https://hooks.example.com/accord', to: 'https://other.example.com/in' },
      events: { from: ['ticket.created', 'sla.breached'], to: ['*'] },
      active: { from: true, to: false },
    });
  });

  it('rotates the secret, with a grace period for the previous one', async () => {
    const created = await create();
    const res = await admin({ method: 'POST', url: `/api/v1/webhooks/${created.id}/rotate-secret` });
    assert.equal(res.statusCode, 200, res.body);
    const rotated = res.json();
    assert.notEqual(rotated.secret, created.secret);
    assert.equal(rotated.previous_secret_expires_at, h.desk.clock.now().add({ hours: 24 }).toString());
    const now = await admin({ method: 'POST', url: `/api/v1/webhooks/${created.id}/rotate-secret`, payload: { grace_period_hours: 0 } });
    assert.equal(now.json().previous_secret_expires_at, null);
    const { rows } = await h.desk.t.db.query<{ secret: string; previous_secret: string | null }>('SELECT secret, previous_secret FROM webhook_endpoints WHERE id = $1', [created.id]);
    assert.deepEqual(rows[0], { secret: now.json().secret, previous_secret: null });
    const audit = await h.desk.t.db.query<{ data: string }>("SELECT data::text AS data FROM audit_events WHERE subject_id = $1", [created.id]);
    for (const secret of [created.secret, rotated.secret, now.json().secret]) assert.ok(audit.rows.every((r) => !r.data.includes(secret)), 'no secret in the audit trail');
  });

  it('pings, lists deliveries newest first, and redelivers a failed one', async () => {
    const created = await create();
    const first = await admin({ method: 'POST', url: `/api/v1/webhooks/${created.id}/ping` });
    assert.equal(first.statusCode, 202, first.body);
    const ping = first.json();
    assert.equal(ping.status, 'pending');
    assert.equal(ping.event_type, 'ping');
    assert.equal(ping.attempts, 0);
    assert.equal(ping.webhook_id, created.id);
    assert.deepEqual(ping.payload, { id: ping.event_id, type: 'ping', created_at: h.desk.clock.now().toString(), data: { webhook_id: created.id } });

    h.desk.clock.advance({ minutes: 1 });
    const second = (await admin({ method: 'POST', url: `/api/v1/webhooks/${created.id}/ping` })).json();
    const page1 = await h.as(h.manager.token, { method: 'GET', url: `/api/v1/webhooks/${created.id}/deliveries?limit=1` });
    assert.equal(page1.statusCode, 200);
    assert.deepEqual(page1.json().items.map((d: any) => d.id), [second.id], 'newest first');
    const page2 = await h.as(h.manager.token, { method: 'GET', url: `/api/v1/webhooks/${created.id}/deliveries?limit=1&cursor=${page1.json().next_cursor}` });
    assert.deepEqual(page2.json().items.map((d: any) => d.id), [ping.id]);
    assert.equal(page2.json().next_cursor, null);

    const pending = await admin({ method: 'POST', url: `/api/v1/webhooks/${created.id}/deliveries/${ping.id}/redeliver` });
    assert.equal(pending.statusCode, 409, 'a pending delivery retries on its own');

    await h.desk.t.db.query(
      "UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, attempts = 8, last_status_code = 500, last_error = 'HTTP 500' WHERE id = $1",
      [ping.id],
    );
    await h.desk.t.db.query("INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error) VALUES ($1, 8, $2, 500, 'HTTP 500')", [ping.id, h.desk.clock.now()]);
    const failed = await h.as(h.manager.token, { method: 'GET', url: `/api/v1/webhooks/${created.id}/deliveries?status=failed` });
    assert.deepEqual(failed.json().items.map((d: any) => [d.id, d.status, d.attempts, d.last_error]), [[ping.id, 'failed', 8, 'HTTP 500']]);
    const detail = await h.as(h.manager.token, { method: 'GET', url: `/api/v1/webhooks/${created.id}/deliveries/${ping.id}` });
    assert.deepEqual(detail.json().attempt_log, [{ attempt: 8, at: h.desk.clock.now().toString(), status_code: 500, error: 'HTTP 500' }]);

    const again = await admin({ method: 'POST', url: `/api/v1/webhooks/${created.id}/deliveries/${ping.id}/redeliver` });
    assert.equal(again.statusCode, 202, again.body);
    assert.equal(again.json().redelivery_of, ping.id);
    assert.equal(again.json().event_id, ping.event_id, 'the same event');
    assert.deepEqual(again.json().payload, ping.payload, 'the same body');
    assert.equal(again.json().status, 'pending');

    const elsewhere = await create();
    const wrongHook = await admin({ method: 'POST', url: `/api/v1/webhooks/${elsewhere.id}/deliveries/${ping.id}/redeliver` });
    assert.equal(wrongHook.statusCode, 404, "another webhook's delivery is not found");
  });

  it('refuses to ping or redeliver to an inactive webhook', async () => {
    const created = await create({ active: false });
    const res = await admin({ method: 'POST', url: `/api/v1/webhooks/${created.id}/ping` });
    assert.equal(res.statusCode, 409);
    assert.match(res.json().message, /inactive/);
  });

  it('deletes a webhook with its deliveries', async () => {
    const created = await create();
    await admin({ method: 'POST', url: `/api/v1/webhooks/${created.id}/ping` });
    const res = await admin({ method: 'DELETE', url: `/api/v1/webhooks/${created.id}` });
    assert.equal(res.statusCode, 204);
    assert.equal(res.body, '');
    assert.equal((await admin({ method: 'GET', url: `/api/v1/webhooks/${created.id}` })).statusCode, 404);
    assert.equal((await admin({ method: 'DELETE', url: `/api/v1/webhooks/${created.id}` })).statusCode, 404);
    const { rows } = await h.desk.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1', [created.id]);
    assert.equal(rows[0].n, 0);
  });

  it('answers 404 for an unknown webhook and 400 for a malformed id', async () => {
    assert.equal((await admin({ method: 'GET', url: '/api/v1/webhooks/7a1f9c2e-0000-4000-8000-000000000000' })).statusCode, 404);
    assert.equal((await admin({ method: 'GET', url: '/api/v1/webhooks/7a1f9c2e-0000-4000-8000-000000000000/deliveries' })).statusCode, 404);
    assert.equal((await admin({ method: 'GET', url: '/api/v1/webhooks/not-an-id' })).statusCode, 400);
  });

  describe('refused for the wrong actor', () => {
    const notAdmins = (): Array<[string, Actor]> => [
      ['a manager', h.desk.manager],
      ['an escalation agent', h.desk.escalation],
      ['a front-line agent', h.desk.agent],
      ['a contact', { kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId }],
    ];
    const writes: Array<[string, (actor: Actor, webhookId: string, deliveryId: string) => Promise<unknown>]> = [
      ['createWebhook', (actor) => createWebhook({ ctx: h.desk.ctx(actor), input: { url: 'https://hooks.example.com/x', events: ['*'] }, settings: { allowPrivate: false } })],
      ['updateWebhook', (actor, webhookId) => updateWebhook({ ctx: h.desk.ctx(actor), input: { webhookId, active: false }, settings: { allowPrivate: false } })],
      ['deleteWebhook', (actor, webhookId) => deleteWebhook({ ctx: h.desk.ctx(actor), input: { webhookId } })],
      ['rotateWebhookSecret', (actor, webhookId) => rotateWebhookSecret({ ctx: h.desk.ctx(actor), input: { webhookId } })],
      ['pingWebhook', (actor, webhookId) => pingWebhook({ ctx: h.desk.ctx(actor), input: { webhookId } })],
      ['redeliverWebhookDelivery', (actor, webhookId, deliveryId) => redeliverWebhookDelivery({ ctx: h.desk.ctx(actor), input: { webhookId, deliveryId } })],
    ];
    for (const [verb, call] of writes) {
      it(`${verb} is for admins only, and changes nothing when refused`, async () => {
        const created = await create();
        const ping = await pingWebhook({ ctx: h.desk.ctx(h.desk.admin), input: { webhookId: created.id } });
        await h.desk.t.db.query("UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL WHERE id = $1", [ping.id]);
        const before = (await h.desk.t.db.query('SELECT (SELECT count(*) FROM webhook_endpoints) AS e, (SELECT count(*) FROM webhook_deliveries) AS d, (SELECT count(*) FROM audit_events) AS a')).rows[0];
        for (const [who, actor] of notAdmins()) {
          await assert.rejects(call(actor, created.id, ping.id), (e: any) => e.code === 'forbidden', `${verb} as ${who}`);
        }
        const afterwards = (await h.desk.t.db.query('SELECT (SELECT count(*) FROM webhook_endpoints) AS e, (SELECT count(*) FROM webhook_deliveries) AS d, (SELECT count(*) FROM audit_events) AS a')).rows[0];
        assert.deepEqual(afterwards, before);
        const { rows } = await h.desk.t.db.query<{ active: boolean; secret_prefix: string }>('SELECT active, secret_prefix FROM webhook_endpoints WHERE id = $1', [created.id]);
        assert.deepEqual(rows[0], { active: true, secret_prefix: created.secret_prefix });
      });
    }

    it('the routes refuse managers, agents and contacts for every write (403)', async () => {
      const created = await create();
      const ping = (await admin({ method: 'POST', url: `/api/v1/webhooks/${created.id}/ping` })).json();
      const requests = [
        { method: 'POST', url: '/api/v1/webhooks', payload: { url: 'https://hooks.example.com/x', events: ['*'] } },
        { method: 'PATCH', url: `/api/v1/webhooks/${created.id}`, payload: { active: false } },
        { method: 'DELETE', url: `/api/v1/webhooks/${created.id}` },
        { method: 'POST', url: `/api/v1/webhooks/${created.id}/rotate-secret` },
        { method: 'POST', url: `/api/v1/webhooks/${created.id}/ping` },
        { method: 'POST', url: `/api/v1/webhooks/${created.id}/deliveries/${ping.id}/redeliver` },
      ] as const;
      for (const token of [h.manager.token, h.escalation.token, h.agent.token, h.contactA.token]) {
        for (const request of requests) {
          const res = await h.as(token, { ...request, payload: 'payload' in request ? request.payload : undefined });
          assert.equal(res.statusCode, 403, `${request.method} ${request.url}`);
        }
      }
      const reads = [`/api/v1/webhooks`, `/api/v1/webhooks/${created.id}`, `/api/v1/webhooks/${created.id}/deliveries`, `/api/v1/webhooks/${created.id}/deliveries/${ping.id}`];
      for (const url of reads) {
        assert.equal((await h.as(h.agent.token, { method: 'GET', url })).statusCode, 403, url);
        assert.equal((await h.as(h.contactA.token, { method: 'GET', url })).statusCode, 403, url);
      }
    });
  });
});
