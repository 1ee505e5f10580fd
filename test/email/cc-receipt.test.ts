// A new request mailed with colleagues in copy: those who are contacts of the sender's organization
// are copied on the case (tickets/ccs.ts) and now get the receipt too, a copy of their own, so they
// know its case number and what the policy promises from the start, not only from the first reply;
// theirs says whose request it is (they did not send it) and gives its times in their own zone.
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

  it('the sender and Bea get it, the same facts, hers saying whose request it is, in her own zone; contact2 and the consultant get nothing', async () => {
    // Bea reads times in Berlin's zone (her profile's), as the portal shows them to her; Contact 1 chose none.
    await m.desk.t.db.query("UPDATE contacts SET time_zone = 'Europe/Berlin' WHERE email = 'colleague@customer.example'");
    const r = await m.deliver(mail('Reports export fails'));
    assert.equal(r.status, 'created', r.outcome);
    const rows = await receipts(r.ticketId);
    assert.deepEqual(rows.map((x) => x.recipient), ['colleague@customer.example', 'contact1@customer.example']);
    assert.equal(rows[0].subject, rows[1].subject);
    // OpenBack's Minor (the mail's default): 6 - 12 business hours, weekdays 9am - 6pm GMT. Mailed Monday
    // 10:00 GMT: 6 hours in, Monday 16:00 GMT; 12 hours in, 8 on Monday and 4 on Tuesday, Tuesday 13:00
    // GMT. In Berlin (CET, GMT+1 in December) 17:00 and 14:00.
    const n = rows[0].subject.slice(2, 6);
    const facts = (opening: string, goal: string, latest: string) => [
      opening, '', "What OpenBack's support policy says about it:", '- Initial Response Time: 6 - 12 business hours', '',
      'For this case, as we count it:', `- Initial Response Time: aimed for ${goal}, at the latest ${latest}`, '',
      `Reply to this message to add to case #${n}; keep [#${n}] in the subject.`,
    ].join('\n');
    // The sender's also says whom the mail copied that the case does not take (copied-not-added.test.ts).
    assert.equal(rows[1].body, `${facts(`We received your request "Reports export fails" and opened case #${n} (severity 3: Minor, until our team assesses it).`,
      'Mon 7 Dec 2026 16:00 GMT', 'Tue 8 Dec 2026 13:00 GMT')}\n\nYou copied contact2@customer.example and bob@consultancy.example on your mail.${
      ''} They were not added to case #${n} and get no mail about it: they are not contacts of Org 1 with OpenBack support, and a case is shared${
      ''} only with contacts of your organization. To have them added, ask OpenBack support to add them as contacts of Org 1 (a reply to this${
      ''} message reaches us); they can then be copied on your cases.`);
    // Bea did not send it: hers says it is Contact 1's and that she was copied.
    assert.equal(rows[0].body, facts(`We received Contact 1's request "Reports export fails" and opened case #${n} (severity 3: Minor, until our team assesses it); you were copied on it.`,
      'Mon 7 Dec 2026 17:00 CET', 'Tue 8 Dec 2026 14:00 CET'));
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
