// The whole loop on loopback, as `npm start` runs it: a client sends a message over SMTP to the
// service's listener; it becomes a ticket; the acknowledgement with the ticket's promised times
// is delivered by the job into the capture shown at /dev/mail; the customer's reply in that thread
// lands on the same ticket; a 30 MB attachment is refused with a notice (552) and recorded.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { loadConfig, silentLogger, systemClock } from '../../src/platform/index.ts';
import { startService, type Service } from '../../src/service/start-service.ts';
import { freshServiceDatabase, testBackend } from '../support/test-db.ts';

async function eventually<T>(what: string, fn: () => Promise<T | null | undefined>, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe(`the mail loop of a fresh start on ${testBackend}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'accord-mail-'));
  let service: Service;
  let drop = async () => {};
  let creds: { support_email: string; contacts: Array<{ email: string; plan: string }> };
  let client: ReturnType<typeof nodemailer.createTransport>;
  before(async () => {
    const fresh = await freshServiceDatabase();
    drop = fresh.drop;
    const env = { PORT: '0', SMTP_LISTEN_PORT: '0', ACCORD_DATA_DIR: dir, ACCORD_DEMO: '1', LOG_LEVEL: 'silent', ...(fresh.databaseUrl ? { DATABASE_URL: fresh.databaseUrl } : {}) };
    service = await startService({ config: loadConfig(env), clock: systemClock, logger: silentLogger() });
    creds = JSON.parse(readFileSync(join(dir, 'demo-credentials.json'), 'utf8'));
    client = nodemailer.createTransport({ host: '127.0.0.1', port: service.mail.smtpPort!, secure: false, ignoreTLS: true });
  });
  after(async () => {
    client?.close();
    await service?.stop();
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const captured = async () => (await (await fetch(`${service.url}/dev/mail.json`)).json()) as { items: Array<{ recipients: string[]; subject: string; headers: Record<string, string>; text: string }> };

  it('prints and stores the support address the listener accepts', () => {
    assert.equal(creds.support_email, 'support@openback.example');
    assert.equal(service.mail.supportAddress, 'support@openback.example');
    assert.equal(service.mail.captured, true);
    assert.equal(service.mail.startTls, false, 'no certificate configured: STARTTLS is not offered');
  });

  it('a message to the support address becomes a ticket, and its acknowledgement with the promised times appears at /dev/mail', async () => {
    const contact = creds.contacts.find((c) => c.plan === 'enterprise')!;
    await client.sendMail({ from: contact.email, to: creds.support_email, subject: 'Printer on fire', text: 'Smoke from tray 2.', messageId: '<first@client.example>' });
    const ticket = await eventually('the ticket', async () => {
      const { rows } = await service.db.query<{ id: string; number: number; channel: string; subject: string }>(
        "SELECT t.id, t.number, t.channel, t.subject FROM inbound_messages i JOIN tickets t ON t.id = i.ticket_id WHERE i.message_id = 'first@client.example' AND i.status = 'created'",
      );
      return rows[0];
    });
    assert.deepEqual([ticket.channel, ticket.subject], ['email', 'Printer on fire']);
    const receipt = await eventually('the acknowledgement', async () => (await captured()).items.find((m) => m.subject === `[#${ticket.number}] Printer on fire`));
    assert.deepEqual(receipt.recipients, [contact.email]);
    assert.equal(receipt.headers['auto-submitted'], 'auto-generated');
    assert.match(receipt.headers['message-id'], /^<outbox\.[0-9a-f-]{36}@openback\.example>$/);
    assert.equal(receipt.headers['in-reply-to'], '<first@client.example>');
    assert.equal(receipt.headers.references, `<ticket.${ticket.id}@openback.example> <first@client.example>`);
    // The promised times come from the policy: the ticket's running clocks, each on a line, in the
    // policy's words and then as we count them for this case.
    const { rows: clocks } = await service.db.query<{ metric: string }>("SELECT metric FROM sla_clocks WHERE ticket_id = $1 AND state = 'running'", [ticket.id]);
    assert.ok(clocks.length > 0, 'an enterprise ticket has clocks');
    assert.match(receipt.text, /What OpenBack's support policy says about it:\n- /);
    assert.match(receipt.text, /\n\nFor this case, as we count (it|them):\n- /);
    assert.equal(receipt.text.split('\n').filter((l) => l.startsWith('- ')).length, 2 * clocks.length);

    // The customer answers the acknowledgement: threaded by In-Reply-To, added to the same ticket.
    await client.sendMail({
      from: contact.email, to: creds.support_email, subject: `Re: ${receipt.subject}`, text: 'Tray 1 too.',
      inReplyTo: receipt.headers['message-id'], references: receipt.headers['message-id'], messageId: '<second@client.example>',
    });
    const appended = await eventually('the reply on the ticket', async () => {
      const { rows } = await service.db.query<{ body: string }>("SELECT body FROM ticket_events WHERE ticket_id = $1 AND type = 'reply'", [ticket.id]);
      return rows[0];
    });
    assert.equal(appended.body, 'Tray 1 too.');
  });

  it('a 30 MB attachment is refused with a notice to the sending server, and recorded for admins', async () => {
    const contact = creds.contacts[0];
    const big = Buffer.alloc(30 * 1024 * 1024, 0x61);
    await assert.rejects(
      client.sendMail({ from: contact.email, to: creds.support_email, subject: 'Huge log', text: 'see attached', attachments: [{ filename: 'huge.log', content: big }] }),
      (e: { responseCode?: number; response?: string }) => e.responseCode === 552 && /up to 25 MB/.test(e.response ?? ''),
    );
    const { rows } = await service.db.query<{ status: string; size: number; raw_truncated: boolean }>("SELECT status, size, raw_truncated FROM inbound_messages WHERE status = 'refused'");
    assert.equal(rows.length, 1);
    assert.ok(rows[0].size > 30 * 1024 * 1024 && rows[0].raw_truncated);
  });

  it('mail for another address is refused at RCPT: the listener is no relay', async () => {
    await assert.rejects(
      client.sendMail({ from: 'a@client.example', to: 'someone@elsewhere.example', subject: 'relay?', text: 'x' }),
      (e: { responseCode?: number }) => e.responseCode === 550,
    );
  });
});
