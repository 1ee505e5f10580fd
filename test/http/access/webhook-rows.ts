// Rows of the access matrix for the webhook routes: admins manage webhooks, managers read them
// and their deliveries; contacts and other agents are refused.
import type { InjectOptions } from 'fastify';
import { createWebhook, pingWebhook } from '../../../src/webhooks/index.ts';
import { expect, type Row, type RowsEnv } from './matrix-kit.ts';

const READERS = ['manager', 'admin'];
const WRITERS = ['admin'];

export function rows({ h }: RowsEnv): Row[] {
  const system = () => h.desk.ctx({ kind: 'system' });
  const webhook = async () =>
    (await createWebhook({ ctx: system(), input: { url: 'https://hooks.example.com/accord', events: ['*'] }, settings: { allowPrivate: false } })).id;
  const delivery = async (status: 'pending' | 'failed') => {
    const webhookId = await webhook();
    const { id } = await pingWebhook({ ctx: system(), input: { webhookId } });
    if (status === 'failed') await h.desk.t.db.query("UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, attempts = 8 WHERE id = $1", [id]);
    return `/api/v1/webhooks/${webhookId}/deliveries/${id}`;
  };
  const on = (method: InjectOptions['method'], path: (id: string) => string, payload?: object) => async (): Promise<InjectOptions> => ({
    method,
    url: path(await webhook()),
    payload,
  });
  return [
    {
      method: 'POST', url: '/api/v1/webhooks',
      request: async () => ({ method: 'POST', url: '/api/v1/webhooks', payload: { url: 'https://hooks.example.com/new', events: ['ticket.created'] } }),
      expect: expect({ contact: false, roles: WRITERS, ok: 201 }),
    },
    { method: 'GET', url: '/api/v1/webhooks', request: async () => ({ method: 'GET', url: '/api/v1/webhooks' }), expect: expect({ contact: false, roles: READERS, ok: 200 }) },
    { method: 'GET', url: '/api/v1/webhooks/:id', request: on('GET', (id) => `/api/v1/webhooks/${id}`), expect: expect({ contact: false, roles: READERS, ok: 200 }) },
    {
      method: 'PATCH', url: '/api/v1/webhooks/:id',
      request: on('PATCH', (id) => `/api/v1/webhooks/${id}`, { description: 'Our PagerDuty bridge' }),
      expect: expect({ contact: false, roles: WRITERS, ok: 200 }),
    },
    { method: 'DELETE', url: '/api/v1/webhooks/:id', request: on('DELETE', (id) => `/api/v1/webhooks/${id}`), expect: expect({ contact: false, roles: WRITERS, ok: 204 }) },
    {
      method: 'POST', url: '/api/v1/webhooks/:id/rotate-secret',
      request: on('POST', (id) => `/api/v1/webhooks/${id}/rotate-secret`, {}),
      expect: expect({ contact: false, roles: WRITERS, ok: 200 }),
    },
    { method: 'POST', url: '/api/v1/webhooks/:id/ping', request: on('POST', (id) => `/api/v1/webhooks/${id}/ping`), expect: expect({ contact: false, roles: WRITERS, ok: 202 }) },
    {
      method: 'GET', url: '/api/v1/webhooks/:id/deliveries',
      request: on('GET', (id) => `/api/v1/webhooks/${id}/deliveries`),
      expect: expect({ contact: false, roles: READERS, ok: 200 }),
    },
    {
      method: 'GET', url: '/api/v1/webhooks/:id/deliveries/:delivery_id',
      request: async () => ({ method: 'GET', url: await delivery('pending') }),
      expect: expect({ contact: false, roles: READERS, ok: 200 }),
    },
    {
      method: 'POST', url: '/api/v1/webhooks/:id/deliveries/:delivery_id/redeliver',
      request: async () => ({ method: 'POST', url: `${await delivery('failed')}/redeliver` }),
      expect: expect({ contact: false, roles: WRITERS, ok: 202 }),
    },
  ];
}
