// Webhooks name the files a customer may see: those sent with a public reply (on the desk, by the
// API or attached to the customer's mail) and those added on their own (ticket.files_added);
// never a file of an internal note. OpenBack (seed 001), an Enterprise customer's ticket by email.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addFiles, addNote, addReply } from '../../src/tickets/index.ts';
import { createWebhook } from '../../src/webhooks/index.ts';
import { openMailDesk, type MailDesk } from '../email/support.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('webhooks name public files, never a note\'s', () => {
  let m: MailDesk;
  before(async () => {
    m = await openMailDesk();
    await createWebhook({ ctx: m.desk.ctx(m.desk.admin), input: { url: 'https://hooks.example.com/accord', events: ['*'] }, settings: { allowPrivate: false } });
  });
  after(() => m.desk.close());

  const deliveries = async (type: string) =>
    (await m.desk.t.db.query<{ payload: any }>('SELECT payload FROM webhook_deliveries WHERE event_type = $1 ORDER BY created_at', [type])).rows.map((r) => r.payload.data);
  const fileRow = async (filename: string) =>
    (await m.desk.t.db.query<{ id: string }>('SELECT id FROM ticket_files WHERE filename = $1', [filename])).rows[0].id;

  it("an agent's reply with a file names it; a note's file is never sent", async () => {
    await addNote({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id, body: 'See the dump.', files: [{ filename: 'internal-dump.txt', contentType: 'text/plain', content: bytes('heap') }] } });
    await addReply({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id, body: 'Try this config.', files: [{ filename: 'keys.conf', contentType: 'text/plain', content: bytes('retries=3\n') }] } });
    const replied = await deliveries('ticket.replied');
    assert.equal(replied.length, 1);
    assert.deepEqual(replied[0].reply.files, [{ id: await fileRow('keys.conf'), filename: 'keys.conf', content_type: 'text/plain', size: 10 }]);
    const all = JSON.stringify(await m.desk.t.db.query('SELECT payload FROM webhook_deliveries'));
    assert.ok(!all.includes('internal-dump.txt'), "a note's file is in no webhook");
  });

  it("a customer's files on their own: ticket.files_added, by whom and when", async () => {
    m.desk.clock.set('2026-12-02T10:20:00Z');
    const event = await addFiles({ ctx: m.desk.ctx(m.contact1), input: { ticketId: m.ticket.id, files: [{ filename: 'door.jpg', contentType: 'image/jpeg', content: new Uint8Array(300) }] } });
    const added = await deliveries('ticket.files_added');
    assert.equal(added.length, 1);
    assert.deepEqual(added[0].added, {
      id: event.id, at: '2026-12-02T10:20:00Z', author: { kind: 'contact', id: m.contact1.id },
      files: [{ id: await fileRow('door.jpg'), filename: 'door.jpg', content_type: 'image/jpeg', size: 300 }],
    });
    assert.equal(added[0].ticket.id, m.ticket.id);
  });

  it("the customer's mail reply names its attachments", async () => {
    const raw = Buffer.from([
      'From: contact1@customer.example', 'To: support@desk.example', `Subject: Re: [#${m.ticket.number}] Keys fail`,
      'Date: Wed, 02 Dec 2026 10:30:00 +0000', 'Message-ID: <reply-files@customer.example>', 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"', '',
      '--b1', 'Content-Type: text/plain; charset=utf-8', '', 'The lock log is attached.', '',
      '--b1', 'Content-Type: text/plain; name="lock.log"', 'Content-Disposition: attachment; filename="lock.log"', 'Content-Transfer-Encoding: base64', '',
      Buffer.from('door 12 jammed\n').toString('base64'), '--b1--', '',
    ].join('\r\n'));
    const r = await m.deliver(raw, 'contact1@customer.example');
    assert.equal(r.status, 'appended');
    const { rows } = await m.desk.t.db.query<{ id: string }>("SELECT id FROM inbound_attachments WHERE filename = 'lock.log'");
    const replied = await deliveries('ticket.replied');
    const last = replied[replied.length - 1];
    assert.equal(last.reply.body, 'The lock log is attached.');
    assert.deepEqual(last.reply.author, { kind: 'contact', id: m.contact1.id });
    assert.deepEqual(last.reply.files, [{ id: rows[0].id, filename: 'lock.log', content_type: 'text/plain', size: 15 }]);
  });

  it('a new ticket by mail with an attachment: ticket.created, then ticket.files_added on its created event', async () => {
    const raw = Buffer.from([
      'From: contact2@customer.example', 'To: support@desk.example', 'Subject: Reader offline',
      'Date: Wed, 02 Dec 2026 10:40:00 +0000', 'Message-ID: <new-files@customer.example>', 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b2"', '',
      '--b2', 'Content-Type: text/plain; charset=utf-8', '', 'Reader 4 is offline, photo attached.', '',
      '--b2', 'Content-Type: image/png; name="reader.png"', 'Content-Disposition: attachment; filename="reader.png"', 'Content-Transfer-Encoding: base64', '',
      Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64'), '--b2--', '',
    ].join('\r\n'));
    const r = await m.deliver(raw, 'contact2@customer.example');
    assert.equal(r.status, 'created');
    const { rows: att } = await m.desk.t.db.query<{ id: string }>("SELECT id FROM inbound_attachments WHERE filename = 'reader.png'");
    const { rows: ev } = await m.desk.t.db.query<{ id: string; requester_id: string }>(
      "SELECT e.id, t.requester_id FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.ticket_id = $1 AND e.type = 'created'", [r.ticketId],
    );
    const added = (await deliveries('ticket.files_added')).filter((d) => d.ticket.id === r.ticketId);
    assert.deepEqual(added.map((d) => d.added), [{
      // At the desk's clock when the mail is processed (set to 10:20 above), not the mail's Date.
      id: ev[0].id, at: '2026-12-02T10:20:00Z', author: { kind: 'contact', id: ev[0].requester_id },
      files: [{ id: att[0].id, filename: 'reader.png', content_type: 'image/png', size: 4 }],
    }]);
    assert.equal((await deliveries('ticket.created')).filter((d) => d.ticket.id === r.ticketId).length, 1);
  });
});
