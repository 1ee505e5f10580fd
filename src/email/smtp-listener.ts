// The built-in SMTP listener (smtp-server): mail for the support address is taken in, stored raw
// (store-inbound.ts) and only then answered 250, so a message the sender was told we have is in
// the database. Processing follows at once, in the background; the inbound sweep job catches up
// whatever a crash interrupted. No AUTH and no relaying: only Accord's own addresses are accepted.
// With a certificate (SMTP_TLS_CERT, SMTP_TLS_KEY) it offers STARTTLS, which sending servers use
// when offered; without one it is not offered. Mail from anywhere but a trusted relay has its
// sender checked first (SPF, DKIM, DMARC: sender-check.ts), the verdict added on top as an
// Authentication-Results header.
import { readFile } from 'node:fs/promises';
import { createSecureContext } from 'node:tls';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { ConfigError, DEFAULT_TRUSTED_RELAYS, networkMatcher, type Ctx } from '../platform/index.ts';
import { checkSender, type DnsResolver } from './sender-check.ts';
import { storeInbound, storeRefused } from './store-inbound.ts';
import type { EmailSettings } from './settings.ts';

export type SmtpListener = { port: number; close: () => Promise<void> };

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** The envelope's recipient is ours: the support address (with +tags) or another of Accord's addresses. */
export function acceptsRecipient(address: string, settings: EmailSettings): boolean {
  const a = address.toLowerCase();
  const [local, domain] = [a.slice(0, a.lastIndexOf('@')), a.slice(a.lastIndexOf('@') + 1)];
  const untagged = `${local.split('+')[0]}@${domain}`;
  return [settings.supportAddress, ...settings.ownAddresses].some((own) => own.toLowerCase() === untagged);
}

/**
 * Starts listening; `onStored` is called with each stored message's id (to process it).
 * @example
 * const listener = await startSmtpListener({ ctx, settings, host: '127.0.0.1', port: 2525, onStored });
 */
export async function startSmtpListener(options: {
  ctx: Ctx;
  settings: EmailSettings;
  host: string;
  port: number;
  onStored: (id: string) => void;
  /** PEM files to offer STARTTLS with (config.email.listenTls). */
  tls?: { certPath: string; keyPath: string } | null;
  /** Addresses and networks whose mail is taken as checked already (config.email.trustedRelays). */
  trustedRelays?: readonly string[];
  /** DNS for the sender checks; the system's when not given (tests give their own). */
  resolver?: DnsResolver;
}): Promise<SmtpListener> {
  const { ctx, settings } = options;
  const log = ctx.logger.child({ component: 'smtp-listener' });
  const trusted = networkMatcher(options.trustedRelays ?? DEFAULT_TRUSTED_RELAYS);
  const tls = options.tls ? await loadCertificate(options.tls) : null;
  const server = new SMTPServer({
    name: settings.domain,
    banner: 'Accord support desk',
    authOptional: true,
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tls ?? {}),
    size: settings.maxMessageBytes,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (acceptsRecipient(address.address, settings)) return callback();
      callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here; write to ${settings.supportAddress}`));
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit the rest is counted and dropped; the head is kept for the record.
        if (size <= settings.maxMessageBytes) chunks.push(chunk);
      });
      stream.on('end', () => {
        const envelope = {
          source: 'smtp' as const,
          envelopeFrom: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address.toLowerCase(),
          envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        };
        const raw = Buffer.concat(chunks);
        if (stream.sizeExceeded || size > settings.maxMessageBytes) {
          const limit = Math.floor(settings.maxMessageBytes / 1024 / 1024);
          const notice = `5.3.4 Message too big: ${size} bytes; this desk takes messages up to ${limit} MB. Send large files as a link.`;
          storeRefused(ctx.db, ctx.clock, raw, size, envelope, `Refused: ${size} bytes, over the ${limit} MB limit; the sender's server was told (552)`)
            .catch((e) => log.error({ err: e }, 'refused message not recorded'))
            .finally(() => callback(smtpError(552, notice)));
          return;
        }
        const remote = session.remoteAddress;
        const checked = trusted(remote)
          ? Promise.resolve(raw)
          : checkSender(raw, { ip: remote, helo: session.hostNameAppearsAs, mailFrom: envelope.envelopeFrom, mta: settings.domain }, options.resolver).then((check) => {
            log.debug({ remote, dmarc: check.dmarc }, 'sender checked');
            return Buffer.concat([Buffer.from(check.headers, 'utf8'), raw]);
          });
        checked.then((message) => storeInbound(ctx.db, ctx.clock, message, envelope)).then(
          (id) => {
            callback(null, `2.0.0 Accepted as ${id}`);
            if (id) options.onStored(id);
          },
          (e) => {
            log.error({ err: e }, 'inbound message not stored');
            // Not stored: the sender's server must keep it and try again.
            callback(smtpError(451, '4.3.0 Temporary failure storing the message; try again later'));
          },
        );
      });
    },
  });
  server.on('error', (e) => log.error({ err: e }, 'smtp listener error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The certificate and key, read and checked to belong together; a problem names the variable. */
async function loadCertificate(paths: { certPath: string; keyPath: string }): Promise<{ cert: Buffer; key: Buffer }> {
  const read = (variable: string, path: string) =>
    readFile(path).catch((e: NodeJS.ErrnoException) => {
      throw new ConfigError([`${variable}: cannot read ${path} (${e.code ?? e.message})`]);
    });
  const [cert, key] = await Promise.all([read('SMTP_TLS_CERT', paths.certPath), read('SMTP_TLS_KEY', paths.keyPath)]);
  try {
    createSecureContext({ cert, key });
  } catch (e) {
    throw new ConfigError([`SMTP_TLS_CERT, SMTP_TLS_KEY: not a PEM certificate and its private key (${(e as Error).message})`]);
  }
  return { cert, key };
}
