// Mail an agent forwards to their own forwarding address (docs/adr/0022): the support address
// with "+fwd-<token>" (customers/forwarding.ts keeps the token). The customer's message is found in
// it as the mail client put it: attached whole (message/rfc822, "forward as attachment"), else
// quoted inline under the client's forward header (Gmail, Outlook, Apple Mail, Thunderbird and
// others in many languages: email-forward-parser, by Crisp). What the agent wrote above it is theirs.
import EmailForwardParser from 'email-forward-parser';
import { getForwardingToken, renewForwardingToken } from '../customers/index.ts';
import type { Ctx } from '../platform/index.ts';
import { parseEmail, type ParsedEmail } from './parse-message.ts';
import type { EmailSettings } from './settings.ts';

const TAG = /^fwd-([0-9a-f]{24})$/;

/** "support+fwd-<token>@desk.example": where the agent with `token` forwards a customer's mail. */
export function forwardingAddress(settings: Pick<EmailSettings, 'supportAddress'>, token: string): string {
  const at = settings.supportAddress.lastIndexOf('@');
  return `${settings.supportAddress.slice(0, at)}+fwd-${token}${settings.supportAddress.slice(at)}`;
}

/** The signed-in agent's forwarding address (made on first asking). */
export async function myForwardingAddress({ ctx, settings }: { ctx: Ctx; settings: Pick<EmailSettings, 'supportAddress'> }): Promise<string> {
  return forwardingAddress(settings, await getForwardingToken({ ctx }));
}

/** A new forwarding address for the signed-in agent; the old one opens nothing from now on (audited). */
export async function renewMyForwardingAddress({ ctx, settings }: { ctx: Ctx; settings: Pick<EmailSettings, 'supportAddress'> }): Promise<string> {
  return forwardingAddress(settings, await renewForwardingToken({ ctx }));
}

/** The forwarding token a message was sent to (its envelope or its To and Cc), or null. */
export function forwardTokenOf(addresses: readonly string[], settings: Pick<EmailSettings, 'supportAddress'>): string | null {
  const support = settings.supportAddress.toLowerCase();
  const at = support.lastIndexOf('@');
  const [local, domain] = [support.slice(0, at), support.slice(at + 1)];
  for (const address of addresses) {
    const a = address.toLowerCase();
    const i = a.lastIndexOf('@');
    if (a.slice(i + 1) !== domain || !a.startsWith(`${local}+`)) continue;
    const tag = TAG.exec(a.slice(local.length + 1, i));
    if (tag) return tag[1];
  }
  return null;
}

export type Forwarded = {
  /** The customer who wrote the forwarded message (lower-cased), or null when the header names none. */
  from: string | null;
  subject: string;
  text: string;
  /** What the agent wrote above it; empty when nothing. */
  note: string;
};

const FORWARD_PREFIX = /^\s*((fwd?|fw|tr|wg|rv|enc|doorst|vs|vl|i)\s*:\s*)+/i;

/** The customer's message an agent forwarded, or null when the mail holds none. */
export async function forwardedMessage(mail: ParsedEmail): Promise<Forwarded | null> {
  const attached = mail.attachments.find((a) => a.contentType.toLowerCase() === 'message/rfc822');
  if (attached) {
    const inner = await parseEmail(attached.content);
    return { from: inner.from, subject: inner.subject.trim(), text: inner.text.trim(), note: mail.text.trim() };
  }
  const read = new EmailForwardParser().read(mail.text, mail.subject);
  if (!read.forwarded) return null;
  const address = read.email.from?.address?.trim().toLowerCase() || null;
  return {
    from: address && address.includes('@') ? address : null,
    subject: (read.email.subject ?? '').trim() || mail.subject.replace(FORWARD_PREFIX, '').trim(),
    text: (read.email.body ?? '').trim(),
    note: (read.message ?? '').trim(),
  };
}
