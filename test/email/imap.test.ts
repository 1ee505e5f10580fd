// IMAP polling against a scriptable IMAP server on loopback (hoodiecrow): unseen messages are
// stored and processed, then marked seen; a second poll stores nothing again.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ImapFlow } from 'imapflow';
import { pollImap, processInbound } from '../../src/email/index.ts';
import { openMailDesk, type MailDesk } from './support.ts';
import { testBackend } from '../support/test-db.ts';
import { hoodiecrow } from './received-time-kit.ts';

describe(`IMAP polling on ${testBackend}`, () => {
  let m: MailDesk;
  let server: ReturnType<typeof hoodiecrow>;
  const port = 14300 + Math.floor(Math.random() * 1000);
  const url = `imap://testuser:testpass@127.0.0.1:${port}/INBOX`;
  before(async () => {
    m = await openMailDesk();
    server = hoodiecrow({
      plugins: ['AUTH-PLAIN', 'UIDPLUS'],
      storage: {
        INBOX: {
          messages: [
            { raw: 'From: contact1@customer.example\r\nTo: support@desk.example\r\nSubject: By IMAP\r\nMessage-ID: <imap-1@customer.example>\r\n\r\nCame in by IMAP.\r\n' },
            { raw: 'From: contact1@customer.example\r\nSubject: Already read\r\n\r\nSeen before Accord looked.\r\n', flags: ['\\Seen'] },
          ],
        },
      },
    });
    await new Promise<void>((resolve) => server.listen(port, () => resolve()));
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await m.desk.close();
  });

  it('stores each unseen message once, processes it into a ticket, and marks it seen', async () => {
    const stored = await pollImap({ ctx: m.desk.system, settings: m.settings, imap: { url } });
    assert.equal(stored.length, 1);
    const result = await processInbound({ ctx: m.desk.system, settings: m.settings, inboundId: stored[0] });
    assert.equal(result!.status, 'created');
    const { rows } = await m.desk.t.db.query<{ source: string; source_key: string }>('SELECT source, source_key FROM inbound_messages WHERE id = $1', [stored[0]]);
    assert.equal(rows[0].source, 'imap');
    assert.match(rows[0].source_key, /^imap:INBOX:\d+:1$/);
    assert.deepEqual(await pollImap({ ctx: m.desk.system, settings: m.settings, imap: { url } }), [], 'a second poll finds nothing unseen');
    const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: 'testuser', pass: 'testpass' }, logger: false });
    await client.connect();
    const lock = await client.getMailboxLock('INBOX');
    const flags: string[][] = [];
    for await (const msg of client.fetch('1:*', { flags: true })) flags.push([...(msg.flags ?? [])]);
    lock.release();
    await client.logout();
    assert.deepEqual(flags, [['\\Seen'], ['\\Seen']]);
  });
});
