// A raw message as the facts Accord acts on (mailparser does the MIME work: transfer encodings,
// charsets including ISO-2022-JP and Shift_JIS, RFC 2047 words, RFC 2231 file names, broken
// structure). Two repairs on top: text labelled UTF-8 (or not labelled) that is not valid UTF-8 is
// read as windows-1252, the commonest mislabel; and HTML is sanitised before anyone sees it.
// HTML-only mail is turned to text here (html-to-text, which mailparser uses with its defaults),
// so that a table keeps its rows and cells apart.
import { htmlToText } from 'html-to-text';
import type { AddressObject, ParsedMail } from 'mailparser';
import sanitizeHtml from 'sanitize-html';
import { threadIds } from './headers.ts';

/** `embedded`: a part of the HTML (multipart/related: a signature's logo), not a file the writer chose to send. */
export type ParsedAttachment = { filename: string | null; contentType: string; size: number; content: Buffer; embedded: boolean };

export type ParsedEmail = {
  messageId: string | null;
  /** In-Reply-To then References, without brackets, lower-cased, most recent first. */
  threadIds: string[];
  from: string | null;
  fromName: string | null;
  replyTo: string | null;
  to: string[];
  subject: string;
  text: string;
  /** Sanitised: no scripts, styles, event handlers or remote-loading attributes. */
  html: string | null;
  /** Every header by lower-cased name: the values of repeated headers joined by newlines, unfolded. */
  headers: Map<string, string>;
  contentType: string;
  attachments: ParsedAttachment[];
  /** The text was not valid in its labelled charset and was read as windows-1252. */
  charsetRepaired: boolean;
};

const REPLACEMENT = '\uFFFD';

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((a) => a.value).map((a) => a.address?.toLowerCase()).filter((a): a is string => Boolean(a));
}

function headerMap(mail: ParsedMail): Map<string, string> {
  const out = new Map<string, string>();
  for (const { key, line } of mail.headerLines) {
    const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    const name = key.toLowerCase();
    out.set(name, out.has(name) ? `${out.get(name)}\n${value}` : value);
  }
  return out;
}

/** True when the bytes are not valid UTF-8 (so a UTF-8 label, or none, is wrong). */
function invalidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

/**
 * The same message with its UTF-8 (or missing) text charsets relabelled windows-1252: in every
 * header block, text/* parts labelled utf-8, us-ascii or nothing. Read as latin1 so bytes survive.
 */
function relabelled(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  const out = text.replace(/(^|\n)(content-type:[ \t]*text\/[a-z]+)([^\n]*(?:\n[ \t][^\n]*)*)/gi, (_m, start: string, type: string, rest: string) => {
    if (/charset\s*=/i.test(rest)) return `${start}${type}${rest.replace(/charset\s*=\s*"?(utf-?8|us-ascii)"?/i, 'charset=windows-1252')}`;
    return `${start}${type}; charset=windows-1252${rest}`;
  });
  // A message with no Content-Type at all is text/plain: say which charset it really is in.
  const headerEnd = out.search(/\r?\n\r?\n/);
  const head = headerEnd === -1 ? out : out.slice(0, headerEnd);
  const fixed = /(^|\n)content-type:/i.test(head) ? out : `Content-Type: text/plain; charset=windows-1252\r\n${out}`;
  return Buffer.from(fixed, 'latin1');
}

export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img']),
    allowedAttributes: { a: ['href', 'title'], img: ['alt', 'title', 'width', 'height'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
    // No remote images (tracking pixels) and no script URLs; mailto and web links stay.
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: [] },
  });
}

// As deep as mailparser lets its own conversion go: deeper nesting is no mail a person wrote.
const HTML_MAX_DEPTH = 1000;

/**
 * The text of a message that has HTML only. Tables as tables (dataTable: one row to a line, cells
 * in columns): by default html-to-text runs the cells together ("ServerVersionapi-014.2"). Header
 * cells stay as written, not upper-cased. HTML it cannot read leaves the text empty (the HTML is kept).
 */
export function textOfHtml(html: string): string {
  try {
    return htmlToText(html, {
      limits: { maxDepth: HTML_MAX_DEPTH },
      selectors: [{ selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } }],
    });
  } catch {
    return '';
  }
}

async function parseOnce(raw: Buffer): Promise<ParsedMail> {
  // Loaded with the first message: a desk that takes no mail keeps it out of memory (bench:start).
  const { simpleParser } = await import('mailparser');
  // skipHtmlToText: HTML-only mail is turned to text by textOfHtml, with options mailparser takes none of.
  return simpleParser(raw, { skipImageLinks: true, keepDeliveryStatus: true, skipHtmlToText: true });
}

/**
 * Parses a raw message. Never throws for a malformed message: whatever mailparser recovers is used,
 * and an unreadable one yields empty text (the raw message is kept by the caller in any case).
 * @example
 * const mail = await parseEmail(Buffer.from('From: a@b.example\r\nSubject: Hi\r\n\r\nHello\r\n'));
 */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  let mail = await parseOnce(raw);
  let charsetRepaired = false;
  const garbled = (m: ParsedMail) => `${m.text ?? ''}${typeof m.html === 'string' ? m.html : ''}`.includes(REPLACEMENT);
  if (garbled(mail) && invalidUtf8(raw)) {
    const second = await parseOnce(relabelled(raw));
    if (!garbled(second)) {
      mail = second;
      charsetRepaired = true;
    }
  }
  const headers = headerMap(mail);
  const html = typeof mail.html === 'string' ? sanitizeEmailHtml(mail.html) : null;
  const from = mail.from?.value.find((a) => a.address)?.address?.toLowerCase() ?? null;
  // A message with no text of its own (HTML only, or an empty text part beside the HTML).
  const text = (mail.text ?? '').trim() === '' && typeof mail.html === 'string' ? textOfHtml(mail.html) : mail.text ?? '';
  return {
    messageId: mail.messageId ? mail.messageId.replace(/^<|>$/g, '').toLowerCase() : null,
    threadIds: threadIds(mail.inReplyTo, mail.references),
    from,
    fromName: mail.from?.value.find((a) => a.address)?.name || null,
    replyTo: addresses(mail.replyTo)[0] ?? null,
    to: [...addresses(mail.to), ...addresses(mail.cc)],
    subject: (mail.subject ?? '').replace(/\s+/g, ' ').trim(),
    text: text.replace(/\u0000/g, ''),
    html,
    headers,
    contentType: (headers.get('content-type') ?? 'text/plain').toLowerCase(),
    attachments: mail.attachments.map((a) => ({ filename: a.filename ?? null, contentType: a.contentType, size: a.content.length, content: a.content, embedded: a.related === true })),
    charsetRepaired,
  };
}
