// Is the sender who the From says? For mail that reaches the built-in listener straight from the
// internet (Accord as the MX), the listener itself checks SPF, DKIM and DMARC (mailauth, by the
// author of nodemailer) and adds its verdict as an Authentication-Results header (RFC 8601) on
// top of the stored message, as any receiving mail server does. classify.ts then holds a message
// whose From failed DMARC for a person to decide, whichever server wrote that verdict.
//
// Mail from a trusted relay (SMTP_TRUSTED_RELAYS; by default this machine only: a local MTA, the
// demo, tests) is taken as that relay checked it: its own Authentication-Results stand, and
// nothing is looked up. A domain without a DMARC record proves nothing either way; such mail is
// taken as its From says, as every mail system does.
import { authenticate } from 'mailauth';

/** A DNS lookup as mailauth asks it (dns.promises.resolve's shape); tests give their own. */
export type DnsResolver = (name: string, rrtype: string) => Promise<unknown>;

// How long the DNS lookups of one message may take before the message is stored unchecked: the
// sending server waits for our answer, and an unreachable name server must not lose its mail.
const CHECK_TIMEOUT_MS = 20_000;

export type SenderCheck = {
  /** Header lines (Received-SPF, Authentication-Results), each ending in CRLF, to put on top of the message. */
  headers: string;
  /** 'pass', 'fail', 'none', 'temperror', ... or 'unchecked' when the lookups did not finish. */
  dmarc: string;
};

/**
 * Checks a message received from `ip` (HELO `helo`, MAIL FROM `mailFrom`) as the server named
 * `mta`. Never throws: when the lookups fail or take too long the message is marked unchecked,
 * and is stored all the same.
 */
export async function checkSender(
  raw: Buffer,
  session: { ip: string; helo: string; mailFrom: string; mta: string },
  resolver?: DnsResolver,
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<SenderCheck> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`DNS lookups took over ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    const result = await Promise.race([
      authenticate(raw, {
        ip: session.ip,
        helo: session.helo,
        sender: session.mailFrom,
        mta: session.mta,
        disableBimi: true,
        ...(resolver ? { resolver: resolver as never } : {}),
      }),
      timeout,
    ]);
    const dmarc = result.dmarc ? String((result.dmarc as { status?: { result?: string } }).status?.result ?? 'none') : 'none';
    return { headers: ensureCrlf(result.headers), dmarc };
  } catch (e) {
    const why = (e as Error).message.replace(/[\r\n]+/g, ' ').slice(0, 200);
    return { headers: `Authentication-Results: ${session.mta}; none (sender not checked: ${why})\r\n`, dmarc: 'unchecked' };
  } finally {
    clearTimeout(timer);
  }
}

function ensureCrlf(headers: string): string {
  const lines = headers.replace(/\r?\n/g, '\r\n');
  return lines.endsWith('\r\n') ? lines : `${lines}\r\n`;
}
