// Files chosen with a request the policy holds are kept with it (nothing a customer sent is
// lost): OpenBack's Enterprise plan has named support contacts, and only they open tickets, so
// a case from another contact of the organization is held, with its log file. Agents see and
// download the file over the API; accepting puts it on the ticket, by the contact who sent it.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ForbiddenError } from '../../src/platform/index.ts';
import { createTicket } from '../../src/tickets/index.ts';
import { openTicketApp, type TicketApp } from './ticket-app.ts';

describe('files with a held request, over the API', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('keeps them, lists and downloads them for agents only, and moves them onto the accepted ticket', async () => {
    const id = randomUUID();
    await h.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [
      id, h.contactA.organizationId, 'not-named@customer.example', 'Not Named', h.desk.clock.now(),
    ]);
    const log = new TextEncoder().encode('2026-12-02 10:00 ERROR push worker stopped\n');
    const contact = h.desk.ctx({ kind: 'contact', id, organizationId: h.contactA.organizationId });
    await assert.rejects(
      createTicket({ ctx: contact, input: { subject: 'Worker stops', description: 'Log attached' }, options: { heldFiles: [{ filename: 'worker.log', contentType: 'text/plain', content: log }] } }),
      ForbiddenError,
    );

    const list = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/held-requests' });
    assert.equal(list.statusCode, 200);
    const held = list.json().items.find((r: any) => r.requester_id === id);
    assert.deepEqual(held.files.map((f: any) => [f.filename, f.content_type, f.size]), [['worker.log', 'text/plain', log.byteLength]]);
    const url = `/api/v1/held-requests/${held.id}/files/${held.files[0].id}`;
    const file = await h.as(h.agent.token, { method: 'GET', url });
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/octet-stream');
    assert.match(String(file.headers['content-disposition']), /^attachment; filename="worker\.log"/);
    assert.equal(file.body, '2026-12-02 10:00 ERROR push worker stopped\n');
    assert.equal((await h.as(h.contactA.token, { method: 'GET', url })).statusCode, 403);
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: `/api/v1/held-requests/${held.id}/files/${randomUUID()}` })).statusCode, 404);

    const review = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/held-requests/${held.id}/review`, payload: { decision: 'accept', note: 'A colleague of the named contact' } });
    assert.equal(review.statusCode, 200);
    const ticketId = review.json().ticket.id;
    const attachments = await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/tickets/${ticketId}/attachments` });
    assert.deepEqual(attachments.json().map((a: any) => [a.filename, a.size]), [['worker.log', log.byteLength]]);
    const { rows } = await h.desk.t.db.query<{ actor_kind: string; actor_id: string; visibility: string }>(
      "SELECT actor_kind, actor_id, visibility FROM ticket_events WHERE ticket_id = $1 AND type = 'files_added'",
      [ticketId],
    );
    assert.deepEqual(rows, [{ actor_kind: 'contact', actor_id: id, visibility: 'public' }]);
  });
});
