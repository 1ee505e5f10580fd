// A form a person wrote in, read so that a refusal gives back what they typed (the portal's new
// case, reply, guidance, rating, escalation request and colleagues copied; the agent's new ticket,
// reply, note, people copied and side conversation, a person left out of one among them; its regrade,
// status and escalation reasons, link, reminder and time logged, QA and release; the customer import). Two things the edge refuses on
// every other route reach these pages' handlers instead (route config `textKept`):
// - NUL (U+0000), which PostgreSQL text cannot hold. Nobody types one nor sees one: it comes with
//   text pasted from a terminal or a binary log. From the words a person wrote (a subject, a
//   description, a message, a reason) it is removed: no reader of the case would see it, and a
//   refusal would ask them to find a character they cannot see, only to send the same text again.
//   In any other field (a choice: the severity, the request type, an intake answer) it is left for
//   the verb to refuse, naming the field: a browser sends a choice as the page offered it, so a NUL
//   there is a hand-made form, refused, never coerced. Either way the form shown back holds none.
//   The API refuses NUL anywhere (http/text-guard.ts): a program sent it, and its author should hear.
// - A field of more than the route reads (FIELD_BYTES or its `fieldBytes`, uploads.ts), which the form does not read: refused naming it,
//   saying plainly that it could not be kept, with the other fields given back.
import type { FastifyRequest } from 'fastify';
import { InvalidInputError } from '../platform/index.ts';
import { MAX_CCS, MAX_DESCRIPTION_CHARS, MAX_LINK_TITLE_CHARS, MAX_MESSAGE_CHARS, MAX_REASON_CHARS, MAX_SHORT_NOTE_CHARS } from '../tickets/index.ts';
import { fieldBytesOf } from './uploads.ts';
import type { Form } from './page-kit.ts';

// A form sent urlencoded (a hand-made client; a browser sends these forms multipart) carries each
// character as up to 9 bytes ("%E2%82%AC"): a description at its 100,000 characters is up to
// 900,000 bytes, its subject and intake answers besides. 2 MiB reads every text up to its limit,
// and one somewhat over it to give back; past that the page says the form was too large (page-errors.ts).
export const KEPT_BODY_BYTES = 2 * 1024 * 1024;

/** A page route's options, for a form that gives back what was typed (see above). */
export function textKept<T extends { config: object }>(options: T): T & { bodyLimit: number; config: { textKept: true } } {
  return { ...options, bodyLimit: KEPT_BODY_BYTES, config: { ...options.config, textKept: true } };
}

/** Text without NUL characters (none to remove: the text itself). */
export const withoutNul = (text: string): string => (text.includes('\u0000') ? text.replaceAll('\u0000', '') : text);

/** The form with the words typed in `fields` (a subject, a message) without NUL; its choices as sent, for the verb to refuse a NUL in one. */
export function wordsWithoutNul(form: Form, fields: readonly string[]): Form {
  return { ...form, ...Object.fromEntries(fields.filter((f) => form[f] !== undefined).map((f) => [f, withoutNul(form[f])])) };
}

/**
 * Refuses a NUL in a choice the page reads itself, not the verb (a box to tick: "answered live",
 * "quote the request", "invite"), naming it: read as not ticked, it would be a choice silently changed.
 */
export function refuseNulInChoices(form: Form, fields: readonly string[]): void {
  const nul = fields.filter((f) => form[f]?.includes('\u0000'));
  if (nul.length > 0) throw new InvalidInputError('A choice of the form is not one it offers', nul.map((path) => ({ path, message: 'contains a NUL (U+0000) character' })));
}

/** The form as shown back: every value without NUL. */
export function keptForm(form: Form): Form {
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, withoutNul(v)]));
}

/** A text's limit, as a refusal says it: characters, and what the text is ("a description"). */
export type TextLimit = { chars: number; what: string };

/** A case's or a ticket's description, and a message (a reply, a note, a side conversation's): their limits as the forms say them. */
export const DESCRIPTION_LIMIT: TextLimit = { chars: MAX_DESCRIPTION_CHARS, what: 'a description' };
export const MESSAGE_LIMIT: TextLimit = { chars: MAX_MESSAGE_CHARS, what: 'a message' };
/** The ticket page's smaller words: a reason (regrade, status, escalation), a link's title. */
export const REASON_LIMIT: TextLimit = { chars: MAX_REASON_CHARS, what: 'a reason' };
/** A reminder's note, and time logged's. */
export const SHORT_NOTE_LIMIT: TextLimit = { chars: MAX_SHORT_NOTE_CHARS, what: 'a note' };
/** A QA or release note (the API's; the page's QA note). */
export const NOTE_LIMIT: TextLimit = { chars: MAX_REASON_CHARS, what: 'a note' };
export const TITLE_LIMIT: TextLimit = { chars: MAX_LINK_TITLE_CHARS, what: 'a title' };

/**
 * Refuses a form with a field too long to read (uploads.ts), naming the field, saying it could not
 * be kept and, where `limits` has it, how long it may be.
 */
export function refuseUnread(request: FastifyRequest, limits: Record<string, TextLimit>): void {
  const unread = request.unread ?? [];
  if (unread.length === 0) return;
  const limit = limits[unread[0]];
  const mib = `${fieldBytesOf(request) / 1024 / 1024} MiB`;
  throw new InvalidInputError(limit ? `The ${limit.what.replace(/^an? /, '')} is too long to read` : 'A field of the form is too long to read', unread.map((path) => {
    const l = limits[path];
    const over = l ? `, far over the ${l.chars.toLocaleString('en')} characters ${l.what} may be` : '';
    return { path, message: `is more than ${mib} of text${over}: it could not be kept. Paste a shorter text, or attach it as a file.` };
  }));
}

/**
 * Refuses a text over its limit with a count a person can act on ("is 100,001 characters long"),
 * before the verb's terser "at most 100000"; counted as the verb counts, trimmed.
 */
export function refuseOverLimit(form: Form, field: string, limit: TextLimit, hint: string): void {
  const length = (form[field] ?? '').trim().length;
  if (length <= limit.chars) return;
  throw new InvalidInputError(`The ${limit.what.replace(/^an? /, '')} is too long`, [{
    path: field, message: `is ${length.toLocaleString('en')} characters long: ${limit.what} may be at most ${limit.chars.toLocaleString('en')} characters. ${hint}`,
  }]);
}

/**
 * The form with the words typed in `limits`' fields without NUL, each over its limit refused,
 * counted (refuseOverLimit); its choices as sent, for the verb to refuse a NUL in one.
 */
export function keptWords(form: Form, limits: Record<string, TextLimit>): Form {
  const words = wordsWithoutNul(form, Object.keys(limits));
  for (const [field, limit] of Object.entries(limits)) refuseOverLimit(words, field, limit, 'Shorten it and send it again.');
  return words;
}

/** Who a form copies, as its refusal says it: the portal's colleagues on a case, the agent's people on a ticket. */
export type Copied = { who: string; on: string };

/**
 * The addresses typed to copy, separated by commas, semicolons or spaces; refused beside the form when there are more
 * than may be copied or one is longer than any address, counted (never cut short silently).
 */
export function copiedAddresses(typed: string, { who, on }: Copied): string[] {
  const list = typed.split(/[\s,;]+/).map((e) => e.trim()).filter((e) => e !== '');
  if (list.length > MAX_CCS) throw new InvalidInputError(`Too many ${who} to copy`, [{ path: 'emails', message: `has ${list.length.toLocaleString('en')} addresses: at most ${MAX_CCS} people may be copied on ${on}.` }]);
  const long = list.find((e) => e.length > 320);
  if (long) throw new InvalidInputError('An address is too long', [{ path: 'emails', message: `holds an address ${long.length.toLocaleString('en')} characters long: an email address is at most 320.` }]);
  return list;
}
