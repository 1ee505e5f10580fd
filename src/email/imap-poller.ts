// IMAP polling (imapflow): for a mailbox the vendor already has. Each unseen message is stored raw
// under a key naming the mailbox, its UIDVALIDITY and UID (so a poll repeated after a crash stores
// nothing twice), and only then marked \Seen. Processing is the same as for the SMTP listener.
// A message counts from when the mailbox got it, never before the previous successful poll began
// (imap-mailboxes.ts), never after now.
import type { Ctx } from '../platform/index.ts';
import { mailboxKeyOf, pollBound, recordPoll, sourceKeyOf } from './imap-mailboxes.ts';
import { storeInbound, storeRefused } from './store-inbound.ts';
import type { EmailSettings } from './settings.ts';

export type ImapSettings = { url: string };

/** imaps://user:password@host[:port]/MAILBOX (imap:// upgrades with STARTTLS); the mailbox defaults to INBOX. */
export function imapOptionsOf(url: string): { host: string; port: number; secure: boolean; user: string; pass: string; mailbox: string } {
  const u = new URL(url);
  if (u.protocol !== 'imap:' && u.protocol !== 'imaps:') throw new Error('IMAP_URL must be imap:// or imaps://');
  const secure = u.protocol === 'imaps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

/** The key the desk knows the mailbox of an IMAP_URL by (imap_mailboxes): the SLA sweep reads its polls. */
export function imapMailboxKey(url: string): string {
  return mailboxKeyOf(imapOptionsOf(url));
}

/** One poll: stores every unseen message; returns the ids stored (to process). */
export async function pollImap({ ctx, settings, imap }: { ctx: Ctx; settings: EmailSettings; imap: ImapSettings }): Promise<string[]> {
  const o = imapOptionsOf(imap.url);
  const key = mailboxKeyOf(o);
  const startedAt = ctx.clock.now();
  const notBefore = await pollBound(ctx.db, key, o.mailbox, startedAt);
  // Loaded only where mail comes by IMAP (IMAP_URL): most desks never need it in memory.
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow({ host: o.host, port: o.port, secure: o.secure, auth: { user: o.user, pass: o.pass }, logger: false });
  await client.connect();
  const stored: string[] = [];
  try {
    const lock = await client.getMailboxLock(o.mailbox);
    try {
      const validity = client.mailbox ? String(client.mailbox.uidValidity) : '0';
      const seen: number[] = [];
      for await (const message of client.fetch({ seen: false }, { uid: true, source: true, size: true, internalDate: true }, { uid: true })) {
        const sourceKey = sourceKeyOf(o.mailbox, validity, message.uid);
        // It reached the desk when the mailbox got it (its INTERNALDATE), not when this poll came: the
        // response clock of a mail that waited for a poll (or for a mailbox that was down) runs from then;
        // but not before the previous poll began (notBefore): a date kept by a copy is not an arrival.
        const deliveredAt = deliveredAtOf(message.internalDate);
        const envelope = { source: 'imap' as const, sourceKey, envelopeFrom: null, envelopeTo: [settings.supportAddress], deliveredAt, notBefore };
        const raw = message.source ?? Buffer.alloc(0);
        if (raw.length > settings.maxMessageBytes) {
          await storeRefused(ctx.db, ctx.clock, raw, raw.length, envelope, `Refused: ${raw.length} bytes, over the limit; left in the mailbox`);
        } else {
          const id = await storeInbound(ctx.db, ctx.clock, raw, envelope);
          if (id) stored.push(id);
        }
        seen.push(message.uid);
      }
      if (seen.length > 0) await client.messageFlagsAdd(seen, ['\\Seen'], { uid: true });
      // Every message it saw is stored and marked seen: the next poll's bound. A poll that failed
      // before this leaves the bound where it was (what it saw is seen again, and stored once).
      await recordPoll(ctx.db, key, startedAt);
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => {});
  }
  return stored;
}

function deliveredAtOf(date: Date | string | undefined): Temporal.Instant | null {
  if (date === undefined) return null;
  const ms = new Date(date).getTime();
  return Number.isFinite(ms) ? Temporal.Instant.fromEpochMilliseconds(ms) : null;
}
