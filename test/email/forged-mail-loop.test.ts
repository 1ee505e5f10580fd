// Forged mail and the mail-loop limit (20 messages an hour from one address, mail-loop.ts). A loop
// is real mail from a real system answering ours; a message whose From failed DMARC (the
// Authentication-Results of where it came in) is no one's proven mail and is held as forged
// (decide-inbound.ts). So forged messages do not count toward the genuine sender's hour: anyone
// forging a customer's From 21 times cannot get the customer's own mail held as a loop. Each
// inbound message records whether it was forged (migration 0075); the count reads 0074's index.
// Numbers worked by hand in each test.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAIL_LOOP_COUNT_SQL } from '../../src/email/mail-loop.ts';
import { openMailDesk, type MailDesk } from './support.ts';

const FORGED = 'Authentication-Results: mx.desk.example; spf=fail smtp.mailfrom=customer.example; dmarc=fail (p=none) header.from=customer.example';
const mail = (from: string, subject: string, extra: string[] = []) => Buffer.from([
  `From: ${from}`, 'To: support@desk.example', `Subject: ${subject}`, `Message-ID: <${randomUUID()}@sender.example>`, ...extra,
  'Content-Type: text/plain; charset=utf-8', '', 'Please help.', '',
].join('\r\n'));
const heldAsForged = (from: string) => `Held: DMARC failed for ${from}, so the sender is not proven; a person decides`;

describe('forged mail does not count toward the genuine sender\'s mail-loop hour', () => {
  let m: MailDesk;
  const tickets = async () => (await m.desk.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets')).rows[0].n;
  const forgedOf = async (id: string) => (await m.desk.t.db.query<{ forged: boolean }>('SELECT forged FROM inbound_messages WHERE id = $1', [id])).rows[0].forged;

  // Wednesday 2 December 2026, 10:00 UTC.
  before(async () => { m = await openMailDesk('openback', '2026-12-02T10:00:00Z'); });
  after(() => m.desk.close());

  it('21 forged messages from a contact\'s address are each held as forged, none as a loop, and recorded as forged', async () => {
    const before = await tickets();
    for (let i = 1; i <= 21; i++) {
      const r = await m.deliver(mail('contact1@customer.example', `Forged ${i}`, [FORGED]));
      assert.deepEqual([r.status, r.outcome, r.ticketId], ['held', heldAsForged('contact1@customer.example'), null], `forged ${i}`);
      assert.equal(await forgedOf(r.id), true, `forged ${i} recorded as forged`);
    }
    assert.equal(await tickets(), before);
  });

  it('then, within the same hour, the customer\'s own mail opens a ticket and their reply is added to theirs', async () => {
    // 10:30: the hour before, (09:30, 10:30], holds the 21 forged messages and nothing genuine from contact1.
    m.desk.clock.set('2026-12-02T10:30:00Z');
    const before = await tickets();
    const request = await m.deliver(mail('Contact One <contact1@customer.example>', 'Printer jams'));
    assert.equal(request.status, 'created', request.outcome);
    assert.equal(await tickets(), before + 1);
    assert.equal(await forgedOf(request.id), false);
    const reply = await m.deliver(mail('contact1@customer.example', `Re: [#${m.ticket.number}] Keys fail`));
    assert.deepEqual([reply.status, reply.ticketId], ['appended', m.ticket.id], reply.outcome);
  });

  it('21 genuine messages are still held as before, forged ones between them not counted', async () => {
    // 10:40, Bea Colleague (a named contact of Org 1, no mail yet): 20 genuine ones with 5 forged
    // among them (held as forged); the 21st genuine is held as a loop, counting 21: the 20 before it
    // and itself, not the 5 forged (which would make 26).
    m.desk.clock.set('2026-12-02T10:40:00Z');
    const STORM = 'colleague@customer.example';
    for (let i = 1; i <= 20; i++) {
      assert.equal((await m.deliver(mail(STORM, `Storm ${i}`))).status, 'created', `genuine ${i}`);
      if (i % 4 === 0) assert.equal((await m.deliver(mail(STORM, `Forged among ${i}`, [FORGED]))).outcome, heldAsForged(STORM), `forged after ${i}`);
    }
    const before = await tickets();
    const r = await m.deliver(mail(`Bea Colleague <${STORM}>`, 'Storm 21'));
    assert.equal(r.status, 'held');
    assert.equal(r.outcome, `Held: mail loop suspected: 21 messages from ${STORM} in the last hour (more than 20); no ticket opened and nothing sent: process it again to take it`);
    assert.equal(await tickets(), before);
  });

  it('a forged message from an address past the limit is held as forged, the reason it is held whatever the count', async () => {
    // 10:41: the hour before holds 21 genuine messages from Bea (20 taken, 1 held as a loop).
    m.desk.clock.set('2026-12-02T10:41:00Z');
    const r = await m.deliver(mail('colleague@customer.example', 'Forged past the limit', [FORGED]));
    assert.deepEqual([r.status, r.outcome], ['held', heldAsForged('colleague@customer.example')]);
  });

  it('the count reads the sender\'s hour through 0074\'s index (sequential scans off, so the plan names the index that answers it)', async () => {
    const plan = await m.desk.t.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const now = Temporal.Instant.from('2026-12-02T10:41:00Z');
      const { rows } = await tx.query<Record<string, string>>(`EXPLAIN ${MAIL_LOOP_COUNT_SQL}`, ['colleague@customer.example', now.subtract({ minutes: 60 }), now, randomUUID()]);
      return rows.map((row) => Object.values(row)[0]).join('\n');
    });
    assert.match(plan, /inbound_messages_sender/);
  });
});
