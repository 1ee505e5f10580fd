// STARTTLS on the built-in listener: offered with a certificate (SMTP_TLS_CERT, SMTP_TLS_KEY), so a
// sending server that insists on encryption delivers; not offered without one; a certificate that
// cannot be read or a key that does not belong to it stops the start with the variable named.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { startSmtpListener, type SmtpListener } from '../../src/email/index.ts';
import { ConfigError } from '../../src/platform/index.ts';
import { openMailDesk, type MailDesk } from './support.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/tls/${name}`, import.meta.url));
const certPath = fixture('localhost.crt');
const keyPath = fixture('localhost.key');

describe('STARTTLS on the SMTP listener', () => {
  let m: MailDesk;
  const stored: string[] = [];
  const listeners: SmtpListener[] = [];
  before(async () => {
    m = await openMailDesk();
  });
  after(async () => {
    for (const l of listeners) await l.close();
    await m.desk.close();
  });

  const listen = async (tls: { certPath: string; keyPath: string } | null) => {
    const l = await startSmtpListener({ ctx: m.desk.system, settings: m.settings, host: '127.0.0.1', port: 0, tls, onStored: (id) => stored.push(id) });
    listeners.push(l);
    return l;
  };
  // A sending server that refuses to deliver in plain text.
  const send = (port: number, subject: string) => {
    const client = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, requireTLS: true, tls: { ca: [readFileSync(certPath)], servername: 'localhost' } });
    return client.sendMail({ from: 'contact1@customer.example', to: 'support@desk.example', subject, text: 'Guests cannot open their rooms.' }).finally(() => client.close());
  };

  it('with a certificate, offers STARTTLS: a sender that requires encryption delivers, and the message is stored', async () => {
    const l = await listen({ certPath, keyPath });
    const info = await send(l.port, 'Over TLS');
    assert.deepEqual(info.accepted, ['support@desk.example']);
    assert.equal(stored.length, 1);
    const { rows } = await m.desk.t.db.query<{ raw: Uint8Array }>('SELECT raw FROM inbound_messages WHERE id = $1', [stored[0]]);
    assert.match(Buffer.from(rows[0].raw).toString(), /Subject: Over TLS/);
  });

  it('without one, does not offer it: the same sender cannot deliver and nothing is stored', async () => {
    const l = await listen(null);
    await assert.rejects(send(l.port, 'In plain text'), /STARTTLS/i);
    assert.equal(stored.length, 1);
  });

  it('stops the start, naming the variable, on a file it cannot read or a key of another certificate', async () => {
    await assert.rejects(listen({ certPath, keyPath: fixture('missing.key') }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /SMTP_TLS_KEY: cannot read .*missing\.key \(ENOENT\)/);
      return true;
    });
    await assert.rejects(listen({ certPath, keyPath: fixture('other.key') }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /SMTP_TLS_CERT, SMTP_TLS_KEY: not a PEM certificate and its private key/);
      return true;
    });
  });
});
