// Another person of the organization becomes the requester (tickets/requester.ts), on OpenBack:
// an active contact of the same organization only; the mail goes to them afterwards; the change is
// public and on the ticket.updated webhook; a closed ticket is final.
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { updateContact } from '../../src/customers/index.ts';
import { ConflictError } from '../../src/platform/index.ts';
import { addReply, createTicket, getTicket, listTicketEvents, setTicketCcs, updateTicket } from '../../src/tickets/index.ts';
import { createWebhook } from '../../src/webhooks/index.ts';
import { suiteDesk } from '../support/desk.ts';
import { refusalOf } from '../support/refusal.ts';

describe('changing the requester, OpenBack', () => {
  const s = suiteDesk('openback', 'enterprise', '2026-12-02T10:00:00Z');
  let colleague: string;
  before(async () => {
    colleague = randomUUID();
    await s.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, true, $5)', [
      colleague, s.org.id, 'colleague@customer.example', 'Carla Colleague', s.desk.clock.now(),
    ]);
    await createWebhook({ ctx: s.desk.ctx(s.desk.admin), input: { url: 'https://hooks.example.com/accord', events: ['ticket.updated'] }, settings: { allowPrivate: false } });
  });
  const open = (subject: string) => createTicket({ ctx: s.desk.ctx(s.org.contact), input: { subject, description: 'x', severity: 3 } });
  const change = (ticketId: string, requesterId: string) => updateTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId, requesterId } });

  it('a colleague asks now: the ticket, a public event, the webhook, and the next mail say so; no longer merely copied', async () => {
    const t = await open('Hand over');
    await setTicketCcs({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, contactIds: [colleague] } });
    await change(t.id, colleague);
    const now = await getTicket({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id } });
    assert.deepEqual([now.requesterId, now.ccs], [colleague, []]);
    const last = (await listTicketEvents({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id } })).at(-1)!;
    assert.deepEqual([last.type, last.visibility, last.data], ['requester_changed', 'public', { from: s.org.contactId, to: colleague }]);
    // The copy's own change (ccs.ts), and the requester's.
    const { rows: hooks } = await s.desk.t.db.query<{ payload: any }>("SELECT payload FROM webhook_deliveries WHERE payload->'data'->'ticket'->>'id' = $1", [t.id]);
    assert.deepEqual(hooks.map((h) => Object.keys(h.payload.data.changes)).sort(), [['ccs'], ['requester_id']]);
    assert.deepEqual(hooks.find((h) => h.payload.data.changes.requester_id)!.payload.data.changes, { requester_id: { from: s.org.contactId, to: colleague } });
    await addReply({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, body: 'Over to you, Carla.' } });
    const { rows } = await s.desk.t.db.query<{ recipient: string }>("SELECT recipient FROM outbox WHERE kind = 'ticket_reply' AND payload->>'ticket_id' = $1", [t.id]);
    assert.deepEqual(rows.map((r) => r.recipient), ['colleague@customer.example']);
  });

  it('refuses someone of another organization, a deactivated contact, and a closed ticket', async () => {
    const t = await open('Refusals');
    const other = await s.desk.addOrganization('pro');
    assert.deepEqual((await refusalOf(change(t.id, other.contactId))).details, [{ path: 'requesterId', message: "is not an active contact of the ticket's organization" }]);
    const gone = randomUUID();
    await s.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [gone, s.org.id, 'gone2@customer.example', 'Gone', s.desk.clock.now()]);
    await updateContact({ ctx: s.desk.ctx(s.desk.manager), input: { contactId: gone, active: false } });
    assert.equal((await refusalOf(change(t.id, gone))).details[0].path, 'requesterId');
    await updateTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, status: 'closed' } });
    await assert.rejects(change(t.id, colleague), ConflictError);
  });
});
