// A mail's clocks run from when it reached the desk, not from when it was made a ticket. OfficeSpace
// counts response time from "email received"; a mail that waited (a retry after a failure, a backlog
// after a restart, a mailbox polled every few minutes) owes its answer from its arrival. When a
// mailbox's mail counts from when the desk did not watch it yet: mailbox-watch-time.test.ts.
//
// Worked by hand from the OpenBack example: Enterprise support hours are 9am - 6pm GMT on weekdays
// (9 business hours a day); a Severity 3 request's first response is due "6 - 12 business hours".
// A mail received Wednesday 2 December 2026 at 09:40 GMT:
//   goal: 09:40 + 6 business hours = 15:40 Wednesday;
//   due:  8h20m left on Wednesday (to 18:00), 3h40m more from 09:00 Thursday = 12:40 Thursday.
// Made a ticket at 10:00 instead, it would have been 16:00 Wednesday and 13:00 Thursday.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { emailSettingsFor, pollImap, processInbound, readInboundMessage, storeInbound } from '../../src/email/index.ts';
import { addOverride, createRotation } from '../../src/oncall/index.ts';
import { getTicket, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { openMailDesk, type MailDesk } from './support.ts';
import { openDesk } from '../support/desk.ts';
import { testBackend } from '../support/test-db.ts';
import { hoodiecrow, mail } from './received-time-kit.ts';

const at = (s: string) => Temporal.Instant.from(s);

async function firstResponse(m: MailDesk, ticketId: string) {
  const t = await getTicket({ ctx: m.desk.system, input: { ticketId } });
  const c = t.clocks.find((x) => x.metric === 'first_response')!;
  return { createdAt: t.createdAt.toString(), severity: t.severity, goal: c.goal?.toString(), due: c.due?.toString() };
}

describe(`a mail's clocks start when it was received, on ${testBackend}`, () => {
  let m: MailDesk;
  let late = '';
  before(async () => {
    m = await openMailDesk('openback', '2026-12-02T09:40:00Z');
  });
  after(() => m.desk.close());

  it('a mail stored at 09:40 and made a ticket at 10:00 opens at 09:40, its first response due from then', async () => {
    const id = await storeInbound(m.desk.t.db, m.desk.clock, mail('late-1', 'Export slow'), { source: 'smtp', envelopeFrom: 'contact1@customer.example', envelopeTo: ['support@desk.example'] });
    m.desk.clock.advance({ minutes: 20 }); // processed only now (a worker was down)
    const r = await processInbound({ ctx: m.desk.system, settings: m.settings, inboundId: id! });
    assert.equal(r!.status, 'created');
    late = r!.ticketId!;
    assert.deepEqual(await firstResponse(m, r!.ticketId!), {
      createdAt: '2026-12-02T09:40:00Z', severity: 3, goal: '2026-12-02T15:40:00Z', due: '2026-12-03T12:40:00Z',
    });
    // The ticket's history says when it was opened as well as when the mail came.
    const { rows } = await m.desk.t.db.query<{ at: Temporal.Instant; data: { opened_at?: string } }>(
      "SELECT at, data FROM ticket_events WHERE ticket_id = $1 AND type = 'created'", [r!.ticketId],
    );
    assert.equal(rows[0].at.toString(), '2026-12-02T09:40:00Z');
    assert.equal(rows[0].data.opened_at, '2026-12-02T10:00:00Z');
  });

  it('a mail an IMAP mailbox got at 09:40, polled at 10:00, is received at 09:40; never before the previous poll began, nor after now', async () => {
    // The desk began watching the mailbox at 09:30 (its first poll), found a message the mailbox got
    // on 1 October 2024 and counts it from 09:30: it sat there before the desk watched. By the poll at
    // 10:00 three more came: one the mailbox got at 09:40; one copied from an archive (IMAP COPY keeps
    // its INTERNALDATE, 08:00 two years ago): it was not there at 09:30, so it counts from 09:30; one
    // dated 11:30, ahead of the desk's clock: now, 10:00. By 10:20 one more, copied with a date of
    // 09:50: the poll at 10:00 would have found it, so it counts from that poll's start, 10:00.
    m.desk.clock.set('2026-12-02T09:30:00Z');
    const port = 15300 + Math.floor(Math.random() * 1000);
    const url = `imap://testuser:testpass@127.0.0.1:${port}/INBOX`;
    const server = hoodiecrow({
      plugins: ['AUTH-PLAIN', 'UIDPLUS'],
      storage: { INBOX: { messages: [{ raw: mail('imap-before', 'Before the desk').toString(), internaldate: new Date('2024-10-01T12:00:00Z') }] } },
    });
    await new Promise<void>((resolve) => server.listen(port, () => resolve()));
    const receivedAt = async (ids: string[]) =>
      (await m.desk.t.db.query<{ received_at: Temporal.Instant }>('SELECT received_at FROM inbound_messages WHERE id = ANY($1::uuid[]) ORDER BY source_key', [ids])).rows.map((r) => r.received_at.toString());
    try {
      const first = await pollImap({ ctx: m.desk.system, settings: m.settings, imap: { url } });
      assert.deepEqual(await receivedAt(first), ['2026-12-02T09:30:00Z']);

      server.appendMessage('INBOX', [], new Date('2026-12-02T09:40:00Z'), mail('imap-early', 'Waited in the mailbox').toString());
      server.appendMessage('INBOX', [], new Date('2024-12-02T08:00:00Z'), mail('imap-archive', 'From the archive').toString());
      server.appendMessage('INBOX', [], new Date('2026-12-02T11:30:00Z'), mail('imap-ahead', 'Dated ahead').toString());
      m.desk.clock.set('2026-12-02T10:00:00Z');
      const stored = await pollImap({ ctx: m.desk.system, settings: m.settings, imap: { url } });
      assert.deepEqual(await receivedAt(stored), ['2026-12-02T09:40:00Z', '2026-12-02T09:30:00Z', '2026-12-02T10:00:00Z']);

      server.appendMessage('INBOX', [], new Date('2026-12-02T09:50:00Z'), mail('imap-copied', 'Copied in').toString());
      m.desk.clock.set('2026-12-02T10:20:00Z');
      const third = await pollImap({ ctx: m.desk.system, settings: m.settings, imap: { url } });
      assert.deepEqual(await receivedAt(third), ['2026-12-02T10:00:00Z']);
      const { rows: watch } = await m.desk.t.db.query<{ watched_since: Temporal.Instant; last_poll_started_at: Temporal.Instant }>(
        'SELECT watched_since, last_poll_started_at FROM imap_mailboxes WHERE mailbox = $1', [`imap://testuser@127.0.0.1:${port}/INBOX`],
      );
      assert.deepEqual([watch[0].watched_since.toString(), watch[0].last_poll_started_at.toString()], ['2026-12-02T09:30:00Z', '2026-12-02T10:20:00Z']);

      // An admin reading the archived message sees the date its mailbox gave it; the one counted from it shows none.
      const admin = m.desk.ctx(m.desk.admin);
      const [early, archive] = (await m.desk.t.db.query<{ id: string }>('SELECT id FROM inbound_messages WHERE id = ANY($1::uuid[]) ORDER BY source_key', [stored])).rows;
      assert.equal((await readInboundMessage({ ctx: admin, input: { inboundId: archive.id } })).mailboxDate?.toString(), '2024-12-02T08:00:00Z');
      assert.equal((await readInboundMessage({ ctx: admin, input: { inboundId: early.id } })).mailboxDate, null);

      const r = await processInbound({ ctx: m.desk.system, settings: m.settings, inboundId: early.id });
      assert.deepEqual(await firstResponse(m, r!.ticketId!), {
        createdAt: '2026-12-02T09:40:00Z', severity: 3, goal: '2026-12-02T15:40:00Z', due: '2026-12-03T12:40:00Z',
      });
      // The rest were for their times only: set aside, so no mail waits to be processed in the tests below.
      await m.desk.t.db.query("UPDATE inbound_messages SET status = 'ignored', processed_at = $1 WHERE status = 'received'", [m.desk.clock.now()]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('an agent\'s answer mailed at 12:35 Thursday meets the first response due at 12:40, though processed at 12:50: the sweep at 12:45 held the breach, none is recorded', async () => {
    m.desk.clock.set('2026-12-03T12:30:00Z');
    const { rows: [waiting] } = await m.desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM inbound_messages WHERE status IN ('received', 'processing')");
    assert.equal(waiting.n, 0, 'only the answer below will wait to be processed');
    await updateTicket({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: late, assigneeId: (m.desk.agent as { id: string }).id } });
    const { rows: [notice] } = await m.desk.t.db.query<{ id: string }>(
      "SELECT id FROM outbox WHERE kind = 'agent_assigned' AND payload->>'ticket_id' = $1", [late],
    );
    m.desk.clock.set('2026-12-03T12:35:00Z');
    const answer = Buffer.from(`From: agent@vendor.example\r\nTo: support@desk.example\r\nSubject: Re: Export slow\r\nIn-Reply-To: <outbox.${notice.id}@desk.example>\r\nMessage-ID: <answer-late@vendor.example>\r\n\r\nThe export is fixed in 4.2.\r\n`);
    const id = await storeInbound(m.desk.t.db, m.desk.clock, answer, { source: 'smtp', envelopeFrom: 'agent@vendor.example', envelopeTo: ['support@desk.example'] });
    // Due at 12:40, past at 12:45; the answer received at 12:35 waits to be processed (a worker is
    // behind): the sweep holds the breach (tickets/owed.ts breachCutoff) instead of announcing it.
    m.desk.clock.set('2026-12-03T12:45:00Z');
    assert.equal((await sweepSlaClocks({ ctx: m.desk.system })).breaches, 0);
    m.desk.clock.set('2026-12-03T12:50:00Z');
    const r = await processInbound({ ctx: m.desk.system, settings: m.settings, inboundId: id! });
    assert.equal(r!.status, 'appended');
    // Held at 12:45 with it, the two other tickets opened at 09:40 Wednesday (the desk's own and the
    // IMAP one), due at 12:40 too and unanswered, breach now; this one was met in time.
    assert.equal((await sweepSlaClocks({ ctx: m.desk.system })).breaches, 2);
    const c = (await getTicket({ ctx: m.desk.system, input: { ticketId: late } })).clocks.find((x) => x.metric === 'first_response')!;
    assert.deepEqual([c.state, c.metAt?.toString(), c.breachedAt ?? null], ['met', '2026-12-03T12:35:00Z', null]);
    const { rows: told } = await m.desk.t.db.query<{ n: number }>(
      "SELECT (SELECT count(*) FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_breach')::int + (SELECT count(*) FROM outbox WHERE kind = 'sla_breach' AND payload->>'ticket_id' = $1::text)::int AS n", [late],
    );
    assert.equal(told[0].n, 0, 'no breach on the timeline, nobody mailed of one');
  });

  it('an agent\'s mailed #eta already past when the mail is read is refused, though it was ahead of the mail\'s arrival', async () => {
    m.desk.clock.set('2026-12-03T13:00:00Z');
    const { rows: [notice] } = await m.desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'agent_assigned' AND payload->>'ticket_id' = $1", [late]);
    const answer = Buffer.from(`From: agent@vendor.example\r\nTo: support@desk.example\r\nSubject: Re: Export slow\r\nIn-Reply-To: <outbox.${notice.id}@desk.example>\r\nMessage-ID: <eta-late@vendor.example>\r\n\r\n#eta 2026-12-03 13:10 UTC\r\nFixed within ten minutes.\r\n`);
    const id = await storeInbound(m.desk.t.db, m.desk.clock, answer, { source: 'smtp', envelopeFrom: 'agent@vendor.example', envelopeTo: ['support@desk.example'] });
    m.desk.clock.set('2026-12-03T13:15:00Z');
    const r = await processInbound({ ctx: m.desk.system, settings: m.settings, inboundId: id! });
    assert.equal(r!.status, 'held');
    assert.match(r!.outcome, /must be after now \(2026-12-03 13:15 UTC\)/);
    assert.equal((await getTicket({ ctx: m.desk.system, input: { ticketId: late } })).eta, null);
  });
});

describe(`a mail read late pages whoever is on call when it is read, on ${testBackend}`, () => {
  it('OPS-COM: arrived 23:10 EST while B covered, read 23:40 after B\'s cover ended: A is paged, not B', async () => {
    const desk = await openDesk('opscom', '2026-12-03T03:00:00Z'); // Wed 22:00 EST
    try {
      const settings = emailSettingsFor('support@desk.example', 'OPS-COM');
      await desk.addOrganization('premium'); // contact1@customer.example
      const a = randomUUID();
      const b = randomUUID();
      await desk.t.db.query("INSERT INTO agents (id, email, name, role, created_at) VALUES ($1, 'a@vendor.example', 'A', 'front_line', $3), ($2, 'b@vendor.example', 'B', 'front_line', $3)", [a, b, desk.clock.now()]);
      const rotation = await createRotation({ ctx: desk.system, input: { name: 'Nights', timeZone: 'America/New_York', handoverTime: '09:00', cadence: 'weekly', handoverWeekday: 'mon', startDate: '2026-11-30', members: [a] } });
      await addOverride({ ctx: desk.system, input: { rotationId: rotation.id, agentId: b, startsAt: '2026-12-03T04:00:00Z', endsAt: '2026-12-03T04:30:00Z' } });
      desk.clock.set('2026-12-03T04:10:00Z');
      const raw = Buffer.from('From: contact1@customer.example\r\nTo: support@desk.example\r\nSubject: Portal down\r\nMessage-ID: <down-1@customer.example>\r\n\r\nNobody can log in.\r\n');
      const id = await storeInbound(desk.t.db, desk.clock, raw, { source: 'smtp', envelopeFrom: 'contact1@customer.example', envelopeTo: ['support@desk.example'] });
      desk.clock.set('2026-12-03T04:40:00Z');
      const r = await processInbound({ ctx: desk.system, settings, inboundId: id! });
      assert.equal(r!.status, 'created');
      const { rows } = await desk.t.db.query<{ recipient: string }>("SELECT recipient FROM outbox WHERE kind = 'oncall_page' AND payload->>'ticket_id' = $1", [r!.ticketId]);
      assert.deepEqual(rows.map((x) => x.recipient), ['a@vendor.example']);
    } finally {
      await desk.close();
    }
  });
});

describe(`a mail that arrived while support was closed and is read once it opened, on ${testBackend}`, () => {
  // OpenBack Growth: support 9am - 6pm GMT on weekdays, and "out of hours standard support from 6pm
  // to 9am via email". A Severity 3 mail (the default) received Saturday 5 December 2026 10:00 GMT:
  // read at once, the receipt says work on it resumes at 18:00; read only at 18:30 (a backlog), that
  // time has passed and the receipt does not say it. Either way the first response ("2 - 4 business
  // days", 9 business hours a day) counts from Monday 09:00: aimed for Tuesday 18:00, at the latest
  // Thursday 10 December 18:00.
  const mailFrom = (n: number, id: string) =>
    Buffer.from(`From: contact${n}@customer.example\r\nTo: support@desk.example\r\nSubject: Export slow\r\nMessage-ID: <${id}@customer.example>\r\n\r\nThe export is slow.\r\n`);
  const receipt = async (m: MailDesk, ticketId: string) =>
    (await m.desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [ticketId])).rows[0].body;

  it('read at once: "work on it resumes Sat 5 Dec 2026 18:00"; read at 18:30: not said, the clock the same', async () => {
    const m = await openMailDesk('openback', '2026-12-05T10:00:00Z');
    try {
      await m.desk.addOrganization('growth'); // contact3@customer.example
      const now = await storeInbound(m.desk.t.db, m.desk.clock, mailFrom(3, 'sat-1'), { source: 'smtp', envelopeFrom: 'contact3@customer.example', envelopeTo: ['support@desk.example'] });
      const waited = await storeInbound(m.desk.t.db, m.desk.clock, mailFrom(3, 'sat-2'), { source: 'smtp', envelopeFrom: 'contact3@customer.example', envelopeTo: ['support@desk.example'] });
      const read = await processInbound({ ctx: m.desk.system, settings: m.settings, inboundId: now! });
      assert.match(await receipt(m, read!.ticketId!), /Work on it resumes Sat 5 Dec 2026 18:00 GMT\./);
      m.desk.clock.set('2026-12-05T18:30:00Z');
      const late = await processInbound({ ctx: m.desk.system, settings: m.settings, inboundId: waited! });
      assert.doesNotMatch(await receipt(m, late!.ticketId!), /resumes/);
      for (const t of [read!.ticketId!, late!.ticketId!]) {
        assert.deepEqual(await firstResponse(m, t), { createdAt: '2026-12-05T10:00:00Z', severity: 3, goal: '2026-12-08T18:00:00Z', due: '2026-12-10T18:00:00Z' });
      }
    } finally {
      await m.desk.close();
    }
  });
});
