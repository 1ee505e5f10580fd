// A new request mailed with colleagues in copy: those who are contacts of the sender's organization
// are copied on the case (tickets/ccs.ts) and now get the receipt too, a copy of their own, so they
// know its case number and what the policy promises from the start, not only from the first reply.
// Anyone else in copy (another organization's contact, a stranger) is never written to. (QA: Ivan,
// copied on "Reports export fails", heard nothing until an agent replied.)
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openMailDesk, type MailDesk } from './support.ts';

const mail = (subject: string, extra: string[] = []) => Buffer.from([
  'From: contact1@customer.example', 'To: support@desk.example',
  // Bea Colleague is a contact of Org 1, as the sender is (support.ts); contact2 is Org 2's; the consultant is no one's.
  'Cc: Bea Colleague <colleague@customer.example>, contact2@customer.example, Ext Consultant <bob@consultancy.example>',
  `Subject: ${subject}`, `Message-ID: <${randomUUID()}@customer.example>`, ...extra, 'Content-Type: text/plain; charset=utf-8', '', 'The export times out.', '',
].join('\r\n'));

describe('the receipt of a mailed request goes to the colleagues it copied who are contacts of its organization', () => {
  let m: MailDesk;
  const receipts = async (ticketId: string | null) => (await m.desk.t.db.query<{ recipient: string; subject: string; body: string; status: string }>(
    "SELECT recipient, subject, body, status FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1 ORDER BY recipient", [ticketId],
  )).rows;
  before(async () => {
    m = await openMailDesk('openback', '2026-12-07T10:00:00Z');
  });
  after(() => m.desk.close());

  it('the sender and Bea get it, the same words; contact2 and the consultant get nothing', async () => {
    const r = await m.deliver(mail('Reports export fails'));
    assert.equal(r.status, 'created', r.outcome);
    const rows = await receipts(r.ticketId);
    assert.deepEqual(rows.map((x) => x.recipient), ['colleague@customer.example', 'contact1@customer.example']);
    assert.equal(rows[0].subject, rows[1].subject);
    assert.equal(rows[0].body, rows[1].body);
    assert.match(r.outcome, /; copied colleague@customer\.example on it, with the receipt/);
    const { rows: strangers } = await m.desk.t.db.query("SELECT recipient FROM outbox WHERE recipient IN ('contact2@customer.example', 'bob@consultancy.example')");
    assert.deepEqual(strangers, []);
  });

  it('a sender who asked for no automatic answers: neither copy is sent', async () => {
    const r = await m.deliver(mail('Second request', ['X-Auto-Response-Suppress: All']));
    assert.equal(r.status, 'created', r.outcome);
    assert.deepEqual((await receipts(r.ticketId)).map((x) => [x.recipient, x.status]), [['colleague@customer.example', 'suppressed'], ['contact1@customer.example', 'suppressed']]);
  });

  it('a reply copying the colleague again sends no receipt', async () => {
    const before = (await m.desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE kind = 'ticket_received'")).rows[0].n;
    const r = await m.deliver(Buffer.from([
      'From: contact1@customer.example', 'To: support@desk.example', 'Cc: colleague@customer.example', `Subject: Re: [#${m.ticket.number}] Keys fail`,
      `Message-ID: <${randomUUID()}@customer.example>`, 'Content-Type: text/plain; charset=utf-8', '', 'More detail.', '',
    ].join('\r\n')));
    assert.equal(r.status, 'appended', r.outcome);
    assert.equal((await m.desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE kind = 'ticket_received'")).rows[0].n, before);
  });
});
