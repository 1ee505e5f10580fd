// What kind of message arrived, before anything is done with it: pure. The order matters:
//   our own mail (looped back: our From, our Message-ID, a loop header naming us) -> ignored
//   a bounce (DSN or the common non-standard forms) -> attached to the outbox row it returns
//   automatic mail (RFC 3834 Auto-Submitted, X-Autoreply, Precedence bulk, List-Id, ...) -> never opens a
//     ticket, never gets an answer, never reaches a customer-visible timeline
//   a person's mail -> matched to a ticket or a new one; no automatic answer when it asked for none;
//     a spam filter's verdict where it came in (spamOf) is carried along for decide-inbound.ts to weigh
// X-Auto-Response-Suppress is a request ("do not auto-answer me"), not a sign of automatic mail:
// Outlook sets it on people's mail too, so such a message is a person's, answered by people only.
// A loop header (X-Loop, which procmail, ticket systems and Accord itself set on what they send;
// Exchange's X-MS-Exchange-Inbox-Rules-Loop, set by an inbox rule that forwards) naming one of our
// addresses is our own mail come back through a forwarding rule, whatever its From and Message-ID
// now say; naming someone else's, it is their rule (a customer's forward), not a loop of ours.
import { ourIdTarget, outboxIdsIn } from './headers.ts';
import type { ParsedEmail } from './parse-message.ts';

export type Classification =
  | { kind: 'own'; reason: string }
  | { kind: 'bounce'; reason: string; outboxIds: string[]; diagnostic: string | null }
  | { kind: 'automatic'; reason: string }
  | { kind: 'person'; suppressAutoReply: boolean; forged: boolean; reason: string | null; spam: string | null };

export type Ours = { addresses: string[]; domain: string };

const BOUNCE_SENDER = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)(\+.*)?@/i;
const BOUNCE_SUBJECT =
  /^(undeliverable|undelivered mail|delivery status notification \((failure|delay)\)|mail delivery (failed|failure|system)|returned mail|failure notice|delivery failure|message not delivered|non remis|unzustellbar|nondeliverable)/i;
// An autoresponder's subject: Outlook's "Automatic reply" (and Exchange's older "Out of Office
// AutoReply") as Outlook words it in the languages customers write in, for the replies a rule or a
// server sends without Auto-Submitted.
const AUTO_SUBJECT = new RegExp(
  '^(automatic reply|auto-?reply|auto|out of (the )?office( auto-?reply)?|autoresponse|abwesenheitsnotiz|r[ée]ponse automatique|' +
    'automatische antwort|automatisch antwoord|respuesta autom[áa]tica|risposta automatica|resposta autom[áa]tica|' +
    'automatiskt svar|automatisk svar|automaattinen vastaus|odpowied[źz] automatyczna)\\s*:',
  'i',
);
const LOOP_HEADERS = ['x-loop', 'x-ms-exchange-inbox-rules-loop'];
const ADDRESS = /[^\s<>,;:"()]+@[^\s<>,;:"()]+/g;

/** The first loop header naming one of our addresses (compared without a +tag), as a reason; else null. */
function loopOfOurs(h: (name: string) => string | null, own: ReadonlySet<string>): string | null {
  for (const name of LOOP_HEADERS) {
    for (const found of h(name)?.match(ADDRESS) ?? []) {
      const a = found.toLowerCase();
      const at = a.lastIndexOf('@');
      if (own.has(`${a.slice(0, at).split('+')[0]}${a.slice(at)}`)) {
        return `${name === 'x-loop' ? 'X-Loop' : 'X-MS-Exchange-Inbox-Rules-Loop'} names our address ${a}: our own mail came back`;
      }
    }
  }
  return null;
}

const BULK_PRECEDENCE = /^(bulk|junk|list|auto_reply)$/i;

function diagnosticOf(raw: string, text: string): string | null {
  const code = /Diagnostic-Code:\s*([^\r\n]+(?:\r?\n[ \t]+[^\r\n]+)*)/i.exec(raw)?.[1];
  const status = /^Status:\s*([245]\.\d{1,3}\.\d{1,3})/im.exec(raw)?.[1];
  if (code) return `${status ? `${status} ` : ''}${code.replace(/\s+/g, ' ').trim()}`.slice(0, 1000);
  if (status) return status;
  const line = text.split('\n').map((l) => l.trim()).find((l) => /(fail|unknown|reject|not exist|undeliver|quota|denied)/i.test(l));
  return line ? line.slice(0, 1000) : null;
}

/**
 * @param envelopeFrom the SMTP MAIL FROM ('' for the null sender `<>`), or null when unknown (IMAP)
 * @param raw the raw message as text (latin1 is fine): bounces quote the message they return
 */
export function classifyInbound(mail: ParsedEmail, envelopeFrom: string | null, raw: string, ours: Ours): Classification {
  const h = (name: string) => mail.headers.get(name)?.trim() ?? null;
  const own = new Set(ours.addresses.map((a) => a.toLowerCase()));
  if (mail.from && own.has(mail.from)) return { kind: 'own', reason: `from our own address ${mail.from}` };
  if (mail.messageId && ourIdTarget(mail.messageId, ours.domain)) return { kind: 'own', reason: 'one of our own messages came back' };
  const loop = loopOfOurs(h, own);
  if (loop) return { kind: 'own', reason: loop };

  const reportType = /report-type\s*=\s*"?([a-z-]+)/i.exec(mail.contentType)?.[1]?.toLowerCase() ?? null;
  const isReport = mail.contentType.startsWith('multipart/report');
  const nullSender = envelopeFrom === '' || h('return-path') === '<>';
  const bounceLike =
    (isReport && reportType === 'delivery-status') ||
    (mail.from !== null && BOUNCE_SENDER.test(mail.from)) ||
    h('x-failed-recipients') !== null ||
    (BOUNCE_SUBJECT.test(mail.subject) && (nullSender || mail.from === null || /daemon|postmaster|mail delivery/i.test(mail.fromName ?? mail.from)));
  if (bounceLike) {
    const ids = outboxIdsIn(raw, ours.domain);
    const why = isReport && reportType === 'delivery-status' ? 'a delivery status report' : 'a non-standard bounce';
    return { kind: 'bounce', reason: why, outboxIds: ids, diagnostic: diagnosticOf(raw, mail.text) };
  }

  const autoSubmitted = h('auto-submitted');
  if (autoSubmitted && autoSubmitted.toLowerCase() !== 'no') return { kind: 'automatic', reason: `Auto-Submitted: ${autoSubmitted}` };
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoreply-from', 'x-mail-autoreply', 'x-autogenerated']) {
    const value = h(name);
    if (value !== null && !/^(no|false|0)$/i.test(value)) return { kind: 'automatic', reason: `${name}: ${value}` };
  }
  const precedence = h('precedence');
  if (precedence && BULK_PRECEDENCE.test(precedence)) return { kind: 'automatic', reason: `Precedence: ${precedence}` };
  // A mailing list's or a bulk sender's mail (RFC 2919 List-Id, RFC 2369 List-Unsubscribe, which bulk
  // senders must now send) without Precedence: list or bulk: a newsletter, never a person's request.
  const list = h('list-id') ?? h('list-unsubscribe');
  if (list !== null) return { kind: 'automatic', reason: `mailing list or bulk mail (${h('list-id') ? 'List-Id' : 'List-Unsubscribe'}: ${list.slice(0, 100)})` };
  if (isReport) return { kind: 'automatic', reason: `a ${reportType ?? 'machine'} report` };
  if (nullSender) return { kind: 'automatic', reason: 'sent from the null sender <>' };
  if (AUTO_SUBJECT.test(mail.subject)) return { kind: 'automatic', reason: `an automatic reply's subject: ${mail.subject.slice(0, 100)}` };
  if (!mail.from) return { kind: 'automatic', reason: 'no sender address' };

  const suppress = h('x-auto-response-suppress');
  const suppressAutoReply = suppress !== null && !/^none$/i.test(suppress);
  // DMARC failed where the message came in (our listener: sender-check.ts, or a trusted relay or
  // mailbox provider before it): the From address is not the sender's to use.
  const forged = /\bdmarc\s*=\s*fail\b/i.test(h('authentication-results') ?? '');
  return {
    kind: 'person',
    suppressAutoReply,
    forged,
    spam: spamOf(h),
    reason: suppressAutoReply ? `the sender asked for no automatic replies (X-Auto-Response-Suppress: ${suppress})` : null,
  };
}

/**
 * A spam filter's verdict on the way in, as the header that gives it, or null: SpamAssassin's
 * X-Spam-Flag: YES and X-Spam-Status: Yes, rspamd's X-Spam: Yes, Exchange Online's spam
 * confidence level 5 to 9. Only a "yes" counts: a sender who forges one marks their own mail, and
 * a forged "no" is the same as none.
 */
export function spamOf(h: (name: string) => string | null): string | null {
  for (const name of ['x-spam-flag', 'x-spam-status', 'x-spam']) {
    const value = h(name);
    if (value !== null && /^yes\b/i.test(value)) return `${name}: ${value.slice(0, 100)}`;
  }
  const scl = h('x-ms-exchange-organization-scl');
  if (scl !== null && /^[5-9]$/.test(scl)) return `x-ms-exchange-organization-scl: ${scl}`;
  return null;
}
