// The email routes: admins list, read and retry inbound mail (a held stranger's request becomes a
// ticket once the stranger is a contact); the demo's mail catcher answers on this machine only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { captureSender, deliverDueMail, emailSettingsFor, processInbound, storeInbound } from '../../src/email/index.ts';
import { openTicket, openTicketApp, type TicketApp } from '../http/ticket-app.ts';

describe('email routes', () => {
  let h: TicketApp;
  const settings = emailSettingsFor('support@accord.localhost');
  before(async () => {
    h = await openTicketApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('a held message is listed, read with its raw source, and retried into a ticket once its sender is a contact', async () => {
    const raw = Buffer.from('From: newcomer@customer.example\r\nTo: support@accord.localhost\r\nSubject: First request\r\nMessage-ID: <n1@customer.example>\r\n\r\nPlease help.\r\n');
    const id = (await storeInbound(h.desk.t.db, h.desk.clock, raw, { source: 'smtp', envelopeFrom: 'newcomer@customer.example', envelopeTo: ['support@accord.localhost'] }))!;
    assert.equal((await processInbound({ ctx: h.desk.system, settings, inboundId: id }))!.status, 'held');
    const list = await h.as(h.admin.token, { method: 'GET', url: '/api/v1/email/inbound?status=held' });
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().items.some((m: { id: string; from: string }) => m.id === id && m.from === 'newcomer@customer.example'));
    const one = await h.as(h.admin.token, { method: 'GET', url: `/api/v1/email/inbound/${id}` });
    assert.equal(one.json().raw, raw.toString());
    assert.equal(one.json().mailbox_date, null, 'by SMTP: no mailbox gave it a date');
    assert.match(one.json().outcome, /not a contact of any organization/);
    await h.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, true, $5)', [
      randomUUID(), h.contactA.organizationId, 'newcomer@customer.example', 'Newcomer', h.desk.clock.now(),
    ]);
    const retried = await h.as(h.admin.token, { method: 'POST', url: `/api/v1/email/inbound/${id}/retry` });
    assert.equal(retried.statusCode, 200);
    assert.equal(retried.json().status, 'created');
    const again = await h.as(h.admin.token, { method: 'POST', url: `/api/v1/email/inbound/${id}/retry` });
    assert.equal(again.statusCode, 409, 'a message that became a ticket is not processed twice');
  });

  it('an IMAP message copied in from an archive shows the date its mailbox gave it beside when the desk counts it received', async () => {
    // The desk's clock is Wed 2 Dec 2026 10:00 UTC; the previous poll began at 09:50. The message
    // keeps the INTERNALDATE of its archive, 2 Dec 2024 08:00 UTC: it was not in the mailbox at
    // 09:50, so it counts from 09:50 (created_at); its mailbox_date is the archive's date, as it was.
    const raw = Buffer.from('From: archived@customer.example\r\nTo: support@accord.localhost\r\nSubject: Old thread\r\nMessage-ID: <a1@customer.example>\r\n\r\nFrom the archive.\r\n');
    const id = (await storeInbound(h.desk.t.db, h.desk.clock, raw, {
      source: 'imap', sourceKey: 'imap:test:INBOX:1:7', envelopeFrom: null, envelopeTo: ['support@accord.localhost'],
      deliveredAt: Temporal.Instant.from('2024-12-02T08:00:00Z'), notBefore: Temporal.Instant.from('2026-12-02T09:50:00Z'),
    }))!;
    assert.equal((await processInbound({ ctx: h.desk.system, settings, inboundId: id }))!.status, 'held');
    const expected = { created_at: '2026-12-02T09:50:00Z', mailbox_date: '2024-12-02T08:00:00Z' };
    const list = await h.as(h.admin.token, { method: 'GET', url: '/api/v1/email/inbound?status=held' });
    const listed = list.json().items.find((m: { id: string }) => m.id === id);
    assert.deepEqual({ created_at: listed.created_at, mailbox_date: listed.mailbox_date }, expected);
    const one = (await h.as(h.admin.token, { method: 'GET', url: `/api/v1/email/inbound/${id}` })).json();
    assert.deepEqual({ created_at: one.created_at, mailbox_date: one.mailbox_date }, expected);
  });

  it('a bad status or id is a 400 naming the field', async () => {
    const res = await h.as(h.admin.token, { method: 'GET', url: '/api/v1/email/inbound?status=lost' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /status/);
    assert.equal((await h.as(h.admin.token, { method: 'GET', url: '/api/v1/email/inbound/not-a-uuid' })).statusCode, 400);
  });

  it('/dev/mail shows captured mail on this machine, and is not found from elsewhere or through a proxy', async () => {
    await openTicket(h, h.contactA, { subject: 'Captured please' });
    await deliverDueMail({ ctx: h.desk.system, settings: { email: settings, sender: captureSender(h.desk.t.db, h.desk.clock) } });
    const local = await h.app.inject({ method: 'GET', url: '/dev/mail.json' });
    assert.equal(local.statusCode, 200);
    const mail = local.json().items.find((m: { subject: string }) => m.subject.endsWith('Captured please'));
    assert.equal(mail.headers['auto-submitted'], 'auto-generated');
    const page = await h.app.inject({ method: 'GET', url: '/dev/mail' });
    assert.match(page.headers['content-type'] as string, /text\/html/);
    assert.match(page.body, /Captured please/);
    assert.equal((await h.app.inject({ method: 'GET', url: '/dev/mail.json', remoteAddress: '10.0.0.5' })).statusCode, 404);
    assert.equal((await h.app.inject({ method: 'GET', url: '/dev/mail', headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode, 404);
  });
});
