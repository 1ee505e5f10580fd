// How a composed message leaves: over SMTP to the relay SMTP_URL names (nodemailer, pooled
// connections), or, in the demo with no relay, into the captured_mail table shown at /dev/mail.
// Both build the message with nodemailer, so the capture shows exactly what would be sent.
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Clock, Db } from '../platform/index.ts';
import type { ComposedMail } from './compose.ts';

/** An attempt's outcome; `permanent` when the relay refused for good (5xx): retrying cannot help. */
export type SendOutcome = { sent: true } | { sent: false; error: string; permanent: boolean };

export interface MailSender {
  readonly kind: 'smtp' | 'capture';
  send(mail: ComposedMail, outboxId: string): Promise<SendOutcome>;
  close(): void;
}

function failure(e: unknown): SendOutcome {
  const error = e as { message?: string; responseCode?: number; response?: string };
  const code = typeof error.responseCode === 'number' ? error.responseCode : null;
  const text = (error.response ?? error.message ?? String(e)).slice(0, 1000);
  return { sent: false, error: code ? `${code} ${text}` : text, permanent: code !== null && code >= 500 && code < 600 };
}

/**
 * Pooled SMTP: a few connections kept open and reused, so a burst of mail does not pay a TLS
 * handshake per message. `smtp://` upgrades with STARTTLS when the relay offers it; `smtps://` is TLS.
 */
export function smtpSender(url: string, options: { maxConnections?: number; timeoutMs?: number } = {}): MailSender {
  const timeout = options.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    url, pool: true, maxConnections: options.maxConnections ?? 4, maxMessages: 1000,
    connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout,
  });
  return {
    kind: 'smtp',
    async send(mail) {
      try {
        await transport.sendMail({ ...mail, envelope: { from: mail.from.address, to: [mail.to] } });
        return { sent: true };
      } catch (e) {
        return failure(e);
      }
    },
    close: () => transport.close(),
  };
}

/** The header block of a raw message as [name, value] pairs, folded lines unfolded. */
export function headerPairs(raw: string): Array<[string, string]> {
  const end = raw.search(/\r?\n\r?\n/);
  const block = (end === -1 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  return block.split(/\r?\n/).filter((l) => l.includes(':')).map((l) => {
    const i = l.indexOf(':');
    return [l.slice(0, i).trim(), l.slice(i + 1).trim()] as [string, string];
  });
}

/** The demo's mail catcher: each message is built as it would be sent and stored, never sent. */
export function captureSender(db: Db, clock: Clock): MailSender {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'capture',
    async send(mail, outboxId) {
      try {
        const info = await transport.sendMail({ ...mail, envelope: { from: mail.from.address, to: [mail.to] } });
        const raw = (info.message as Buffer).toString('utf8');
        await db.query(
          `INSERT INTO captured_mail (id, outbox_id, captured_at, envelope_from, recipients, subject, headers, text_body, html_body, raw)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::jsonb, $8, $9, $10)`,
          [randomUUID(), outboxId, clock.now(), mail.from.address, JSON.stringify([mail.to]), mail.subject, JSON.stringify(headerPairs(raw)), mail.text, mail.html, raw],
        );
        return { sent: true };
      } catch (e) {
        return failure(e);
      }
    },
    close: () => transport.close(),
  };
}
