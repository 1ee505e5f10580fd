// When mail an IMAP mailbox got counts from, for a mailbox the desk was not watching yet: one it
// could not reach at first (watched since the first poll that failed), and one it read before it
// kept its polls (since the last message it took from that mailbox). Times worked by hand; the
// mail's own date is kept as the mailbox's, beside the time it counts from.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pollImap, storeInbound } from '../../src/email/index.ts';
import { pollBound } from '../../src/email/imap-mailboxes.ts';
import { openMailDesk, type MailDesk } from './support.ts';
import { testBackend } from '../support/test-db.ts';
import { hoodiecrow, mail } from './received-time-kit.ts';

const at = (s: string) => Temporal.Instant.from(s);

describe(`a mailbox the desk could not reach at first, on ${testBackend}`, () => {
  it('watched since the first poll that failed (08:50): mail its mailbox got at 08:55 keeps its time; mail from the night before counts from 08:50', async () => {
    const m = await openMailDesk('openback', '2026-12-02T08:50:00Z');
    const port = 16300 + Math.floor(Math.random() * 1000);
    const url = `imap://testuser:wrong@127.0.0.1:${port}/INBOX`;
    try {
      await assert.rejects(pollImap({ ctx: m.desk.system, settings: m.settings, imap: { url } }), 'nothing listens yet');
      const server = hoodiecrow({
        plugins: ['AUTH-PLAIN', 'UIDPLUS'],
        storage: {
          INBOX: {
            messages: [
              { raw: mail('down-1', 'While it was down').toString(), internaldate: new Date('2026-12-02T08:55:00Z') },
              { raw: mail('down-2', 'The night before').toString(), internaldate: new Date('2026-12-01T20:00:00Z') },
            ],
          },
        },
      });
      await new Promise<void>((resolve) => server.listen(port, () => resolve()));
      try {
        m.desk.clock.set('2026-12-02T09:00:00Z');
        // The same mailbox with its password corrected: the key leaves the password out.
        const stored = await pollImap({ ctx: m.desk.system, settings: m.settings, imap: { url: url.replace(':wrong@', ':testpass@') } });
        const { rows } = await m.desk.t.db.query<{ received_at: Temporal.Instant; mailbox_date: Temporal.Instant }>(
          'SELECT received_at, mailbox_date FROM inbound_messages WHERE id = ANY($1::uuid[]) ORDER BY source_key', [stored],
        );
        assert.deepEqual(rows.map((r) => [r.received_at.toString(), r.mailbox_date.toString()]), [
          ['2026-12-02T08:55:00Z', '2026-12-02T08:55:00Z'],
          ['2026-12-02T08:50:00Z', '2026-12-01T20:00:00Z'],
        ]);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    } finally {
      await m.desk.close();
    }
  });
});

// A mailbox the desk read before it kept its polls (migration 0068), or under another key (a new
// port, TLS or user): its first poll now must not count what came during the upgrade from the
// upgrade. The desk last took a message from INBOX at 08:38 (received then), went down for the
// upgrade, and polls again at 09:00; meanwhile the mailbox got a reply at 08:50, and an archive
// message dated 08:00 was copied in. The 08:38 fetch took everything there by then, so the 08:50
// reply keeps its time; the archive copy, not there at 08:38, counts from 08:38. The desk's other
// mailbox, Archive, last gave mail at 08:55: that is no bound on INBOX.
describe(`a mailbox the desk read before it kept its polls, on ${testBackend}`, () => {
  let m: MailDesk;
  const stored = async (sourceKey: string, when: string) => {
    m.desk.clock.set(when);
    return storeInbound(m.desk.t.db, m.desk.clock, mail(sourceKey.replace(/[^a-zA-Z0-9]/g, '-'), 'Taken before'), {
      source: 'imap', sourceKey, envelopeFrom: null, envelopeTo: ['support@desk.example'],
    });
  };
  before(async () => {
    m = await openMailDesk('openback', '2026-12-02T08:00:00Z');
  });
  after(() => m.desk.close());

  it('upgraded while down from 08:38 to 09:00: mail the mailbox got at 08:50 counts from 08:50; an archive copy dated 08:00 from 08:38', async () => {
    await stored('imap:INBOX:1:7', '2026-12-02T08:38:00Z');
    await stored('imap:Archive:1:3', '2026-12-02T08:55:00Z');
    const port = 17300 + Math.floor(Math.random() * 1000);
    const server = hoodiecrow({
      plugins: ['AUTH-PLAIN', 'UIDPLUS'],
      storage: {
        INBOX: {
          messages: [
            { raw: mail('upgrade-1', 'Sent during the upgrade').toString(), internaldate: new Date('2026-12-02T08:50:00Z') },
            { raw: mail('upgrade-2', 'From the archive').toString(), internaldate: new Date('2026-12-02T08:00:00Z') },
          ],
        },
      },
    });
    await new Promise<void>((resolve) => server.listen(port, () => resolve()));
    try {
      m.desk.clock.set('2026-12-02T09:00:00Z');
      const ids = await pollImap({ ctx: m.desk.system, settings: m.settings, imap: { url: `imap://testuser:testpass@127.0.0.1:${port}/INBOX` } });
      const { rows } = await m.desk.t.db.query<{ received_at: Temporal.Instant }>('SELECT received_at FROM inbound_messages WHERE id = ANY($1::uuid[]) ORDER BY mailbox_date DESC', [ids]);
      assert.deepEqual(rows.map((r) => r.received_at.toString()), ['2026-12-02T08:50:00Z', '2026-12-02T08:38:00Z']);
      const { rows: watch } = await m.desk.t.db.query<{ watched_since: Temporal.Instant; last_poll_started_at: Temporal.Instant }>(
        'SELECT watched_since, last_poll_started_at FROM imap_mailboxes WHERE mailbox = $1', [`imap://testuser@127.0.0.1:${port}/INBOX`],
      );
      assert.deepEqual([watch[0].watched_since.toString(), watch[0].last_poll_started_at.toString()], ['2026-12-02T08:38:00Z', '2026-12-02T09:00:00Z']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("a mailbox's earlier mail is told by its name taken as written: Sales_EU is not SalesXEU, Sales% not every Sales; a known mailbox keeps its watch", async () => {
    await stored('imap:Sales%:1:1', '2026-12-02T06:00:00Z');
    await stored('imap:Sales_EU:1:1', '2026-12-02T07:00:00Z');
    await stored('imap:SalesXEU:1:1', '2026-12-02T07:30:00Z');
    await stored('imap:Sales%EU:1:1', '2026-12-02T07:45:00Z');
    const bound = async (mailbox: string, when: string) =>
      (await pollBound(m.desk.t.db, `imap://testuser@mail.vendor.example:143/${encodeURIComponent(mailbox)}`, mailbox, at(when))).toString();
    assert.equal(await bound('Sales_EU', '2026-12-02T09:00:00Z'), '2026-12-02T07:00:00Z');
    assert.equal(await bound('Sales%', '2026-12-02T09:00:00Z'), '2026-12-02T06:00:00Z');
    assert.equal(await bound('Sales', '2026-12-02T09:00:00Z'), '2026-12-02T09:00:00Z', 'none of its own: watched from now');
    // Known now: its watch start stays, whatever mail is stored later.
    await stored('imap:Sales_EU:1:2', '2026-12-02T08:30:00Z');
    assert.equal(await bound('Sales_EU', '2026-12-02T09:10:00Z'), '2026-12-02T07:00:00Z');
  });
});
