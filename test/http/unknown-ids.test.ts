// An id in the path that names no agent, contact or anything else answers 404, whether it is an
// id of nobody or no id at all; an unknown id in the body stays a 4xx naming the field.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicketApp, type TicketApp } from './ticket-app.ts';

describe('unknown ids in the path', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp();
  });
  after(() => h.close());

  const nobody = '00000000-0000-4000-8000-000000000000';
  it('answer 404 for agents and contacts, an id of nobody or not an id', async () => {
    for (const id of [nobody, 'not-an-id']) {
      for (const [method, url, payload] of [
        ['POST', `/api/v1/agents/${id}/invitation`, undefined],
        ['POST', `/api/v1/contacts/${id}/invitation`, undefined],
        ['POST', `/api/v1/agents/${id}/erasure`, { confirm_email: 'someone@example.com' }],
        ['POST', `/api/v1/contacts/${id}/erasure`, { confirm_email: 'someone@example.com' }],
        ['PATCH', `/api/v1/agents/${id}`, { role: 'front_line' }],
        ['PATCH', `/api/v1/contacts/${id}`, { name: 'Someone' }],
        // Routes whose path takes only an id in its form: no id is no resource either.
        ['PATCH', `/api/v1/organizations/${id}`, { name: 'Someone' }],
      ] as const) {
        const res = await h.as(h.admin.token, { method, url, ...(payload ? { payload } : {}) });
        assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
        assert.equal(res.json().code, 'not_found');
      }
    }
  });

  it('an agent named in the body that is nobody stays a 4xx naming the field', async () => {
    const res = await h.as(h.admin.token, { method: 'POST', url: '/api/v1/tokens', payload: { agent_id: nobody, name: 'For nobody' } });
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, res.body);
    assert.equal(res.json().details[0].path, 'agent_id', res.body);
  });
});
