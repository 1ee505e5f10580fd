// Rows of the access matrix for canned responses: every agent lists them and fills one for a
// ticket; managers and admins write them; contacts are refused everything.
import type { InjectOptions } from 'fastify';
import { createCannedResponse } from '../../../src/canned/index.ts';
import { AGENTS, expect, type Row, type RowsEnv } from './matrix-kit.ts';

const WRITERS = ['manager', 'admin'];

export function rows({ h, ticketA, unique }: RowsEnv): Row[] {
  const canned = async () => (await createCannedResponse({ ctx: h.desk.ctx({ kind: 'system' }), input: { title: unique('Canned check'), body: 'Hello {{requester.name}}' } })).id;
  const on = (method: InjectOptions['method'], path: (id: string) => string, payload?: object) => async (): Promise<InjectOptions> => ({ method, url: path(await canned()), payload });
  return [
    { method: 'GET', url: '/api/v1/canned-responses', request: async () => ({ method: 'GET', url: '/api/v1/canned-responses?q=canned' }), expect: expect({ contact: false, roles: AGENTS, ok: 200 }) },
    {
      method: 'POST', url: '/api/v1/canned-responses',
      request: async () => ({ method: 'POST', url: '/api/v1/canned-responses', payload: { title: unique('New canned'), body: 'Thanks, {{requester.name}}.' } }),
      expect: expect({ contact: false, roles: WRITERS, ok: 201 }),
    },
    { method: 'PATCH', url: '/api/v1/canned-responses/:id', request: on('PATCH', (id) => `/api/v1/canned-responses/${id}`, { body: 'Changed' }), expect: expect({ contact: false, roles: WRITERS, ok: 200 }) },
    { method: 'DELETE', url: '/api/v1/canned-responses/:id', request: on('DELETE', (id) => `/api/v1/canned-responses/${id}`), expect: expect({ contact: false, roles: WRITERS, ok: 204 }) },
    {
      method: 'GET', url: '/api/v1/tickets/:id/canned-responses/:canned_id',
      request: on('GET', (id) => `/api/v1/tickets/${ticketA}/canned-responses/${id}`),
      expect: expect({ contact: false, roles: AGENTS, ok: 200 }),
    },
  ];
}
