// Shared pieces of the page routes: the route options every page declares (its audience, the
// session cookie as credential, hidden from the API document), the ctx a page hands a verb,
// reading form fields, and safe redirects.
import type { FastifyRequest } from 'fastify';
import type { Access, RouteDeps } from '../http/route-kit.ts';
import { canonicalZone, type TokenLifetimes } from '../customers/index.ts';
import type { WebhookSettings } from '../webhooks/index.ts';
import type { EmailSettings } from '../email/index.ts';
import type { AutoAssignSettings, Intake } from '../tickets/index.ts';
import type { TwoStepRequirement } from './auth/two-step-required.ts';
import { InvalidInputError, isAccordError } from '../platform/index.ts';

export type WebDeps = RouteDeps & {
  /** Where Accord is reached (config ACCORD_BASE_URL): reset links are built from it, never from the Host header. */
  baseUrl: string;
  tokenLifetimes: TokenLifetimes;
  webhooks: WebhookSettings;
  /** The email channel's settings (support address; captured or relayed), for the admin's mail page. */
  email: { settings: EmailSettings; devMail: boolean };
  /** Whose web sign-in must have a second step (config ACCORD_TWO_STEP_REQUIRED). */
  twoStepRequired: TwoStepRequirement;
  /** New tickets assigned in turn (config ACCORD_AUTO_ASSIGN), or null: the pages say so. */
  autoAssign: AutoAssignSettings | null;
};

/** Every item of a paged list verb, page by page (a desk has more organizations than one page holds);
 *  with `max`, no more than that many (an export's bound). */
export async function everyPage<T>(list: (cursor: { cursor?: string }) => Promise<{ items: T[]; nextCursor: string | null }>, max = Infinity): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(cursor ? { cursor } : {});
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && all.length < max);
  return all.length > max ? all.slice(0, max) : all;
}

/** The items with these ids, read 200 at a time (the list verbs' `ids` bound): the names a page
 *  or an export shows for the rows it holds, not every one the desk has. */
export async function byIds<T>(ids: Iterable<string>, read: (chunk: string[]) => Promise<{ items: T[] }>): Promise<T[]> {
  const distinct = [...new Set(ids)];
  const chunks: string[][] = [];
  for (let i = 0; i < distinct.length; i += 200) chunks.push(distinct.slice(i, i + 200));
  return (await Promise.all(chunks.map(async (chunk) => (await read(chunk)).items))).flat();
}

/** The options of a page route: declared audience, cookie session, not part of the API document. */
export function page(access: Access, schema: Record<string, unknown> = {}) {
  return { config: { access, session: true }, schema: { hide: true, ...schema } };
}

export type Form = Record<string, string>;

/** The submitted form as name -> text; a field sent twice keeps its last value. */
export function formOf(request: FastifyRequest): Form {
  const body = request.body;
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object') throw new InvalidInputError('Send the form as application/x-www-form-urlencoded', [{ path: 'body', message: 'is not a form' }]);
  const out: Form = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const value = Array.isArray(v) ? v.at(-1) : v;
    if (typeof value === 'string') out[k] = value;
  }
  return out;
}

/** Every value of a field a form may repeat (checkboxes of one name), in order; none when absent. */
export function formValues(request: FastifyRequest, name: string): string[] {
  const body = request.body as Record<string, unknown> | null | undefined;
  const v = body && typeof body === 'object' ? body[name] : undefined;
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}

/** A form field that may be left empty: empty text is "not given". */
export function optional(form: Form, name: string): string | undefined {
  const v = form[name]?.trim();
  return v ? v : undefined;
}

/** Only a local path may be a redirect target ("/x", never "//host" or "https://..."). */
export function safeNext(next: unknown, fallback: string): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) ? next : fallback;
}

/** A checkbox of a form, ticked. */
export const checked = (form: Form, name: string) => form[name] === 'on' || form[name] === 'true';

/**
 * A form's "Yes, delete this ..." box (`confirm`) for what cannot be undone: unticked, the form is
 * refused and nothing is done.
 */
export function requireConfirmed(form: Form, verb: 'delete' | 'remove' | 'revoke' | 'deactivate' | 'close' | 'merge', what: string): void {
  if (checked(form, 'confirm')) return;
  throw new InvalidInputError(`Nothing was ${verb}d: tick "Yes, ${verb} this ${what}" to ${verb} it`, [{ path: 'confirm', message: 'is not ticked' }]);
}

export const uuidParam = {
  params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
} as const;

/** A ticket's page: its id, or its number as people say it (/agent/tickets/1042), which leads to the id's page. */
export const ticketParam = {
  params: { type: 'object', required: ['id'], properties: { id: { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'string', pattern: '^[0-9]{1,9}$' }] } } },
} as const;

/** What a datetime-local field sends: a wall time, minutes or seconds. */
const WALL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/**
 * A time typed in a page's field for a time zone ("2026-12-03T10:00" in America/New_York) as an
 * ISO instant; a zone that is not one, or no zone, reads it as UTC; other text as typed, for the
 * verb to refuse. A wall time the zone skips (a spring-forward hour) is read as the time after it.
 */
export function zonedFieldText(text: string | undefined, zone: string | undefined): string | undefined {
  if (!text || !zone || zone === 'UTC' || !WALL_TIME.test(text)) return utcFieldText(text);
  try {
    return Temporal.PlainDateTime.from(text).toZonedDateTime(zone, { disambiguation: 'compatible' }).toInstant().toString();
  } catch {
    return utcFieldText(text);
  }
}

/**
 * A page's time field (`field`) typed in the zone its form names (`zoneField`, a hidden field with
 * the reader's zone): read as zonedFieldText does, except that a zone that is no time zone (a stale
 * or hand-made form) is refused naming the time's field, never read as UTC, which would land it
 * hours off (QA).
 */
export function zonedField(form: Form, field: string, zoneField = `${field}_zone`): string | undefined {
  const zone = optional(form, zoneField);
  if (zone !== undefined && canonicalZone(zone) === null) {
    throw new InvalidInputError('The time cannot be read', [{ path: field, message: `is in "${zone}", which is no time zone: reload the page and type it again` }]);
  }
  return zonedFieldText(optional(form, field), zone);
}

/**
 * The zone a page's "times in" select sent (`field`), or undefined for none. One that is no time
 * zone (a stale or hand-made form) is refused beside the form, never read as UTC: the times
 * typed with it would land hours off.
 */
export function chosenZone(form: Form, field = 'zone'): string | undefined {
  const zone = optional(form, field);
  if (zone !== undefined && canonicalZone(zone) === null) {
    throw new InvalidInputError('The time zone is not known', [{ path: field, message: `"${zone}" is not a time zone: choose one from the list` }]);
  }
  return zone;
}

/** A time typed in a page's UTC field ("2026-12-03T10:00", seconds optional) as an ISO instant; other text as typed, for the verb to refuse. */
export function utcFieldText(text: string | undefined): string | undefined {
  if (!text) return undefined;
  return WALL_TIME.test(text) ? `${text.length === 16 ? `${text}:00` : text}Z` : text;
}

// A limit the domain keeps (the plan's named contacts) is fixed by changing something first: a
// conflict for the page, shown beside the form, not the "too many attempts" page of a throttle.
const FIXABLE: Record<string, number> = { invalid_input: 400, conflict: 409, not_found: 404, forbidden: 403, limit_exceeded: 409 };

/** A verb's refusal a form's page shows beside the form, with its status; null for anything else (thrown on). */
export function fixableRefusal(error: unknown): { status: number; error: { message: string; details: Array<{ path: string; message: string }> } } | null {
  if (!isAccordError(error) || !(error.code in FIXABLE)) return null;
  return { status: FIXABLE[error.code], error: { message: error.message, details: error.details } };
}

/** A refusal shown beside the form it came from (`form` names that form on its page), with what was typed in it. */
export type FormRefusal = { form: string; message: string; details: Array<{ path: string; message: string }>; kept: Form };

// Never written back into a page: a password, and the CSRF token (the page carries its own).
const NEVER_KEPT = new Set(['password', '_csrf']);

/** The refusal of the form `form` with the fields typed in it, but a password. */
export function refusalAt(form: string, refused: { message: string; details: Array<{ path: string; message: string }> }, typed: Form): FormRefusal {
  const kept = Object.fromEntries(Object.entries(typed).filter(([k]) => !NEVER_KEPT.has(k)));
  return { form, message: refused.message, details: refused.details, kept };
}

/**
 * How a template fills its forms: the refused form's fields as typed, every other form as the page
 * shows it (`fallback`). A text field or select is always sent, so one not sent belongs to another
 * form of the same name (a row's several forms): it shows `fallback`. A checkbox not sent was cleared.
 * @example <input name="name" value="<%= it.kept.value('agent', 'name') %>">
 */
export function keptFields(refusal: FormRefusal | null) {
  const typed = (form: string) => (refusal?.form === form ? refusal.kept : null);
  return {
    value: (form: string, name: string, fallback = ''): string => typed(form)?.[name] ?? fallback,
    checked: (form: string, name: string, fallback = false): boolean => {
      const k = typed(form);
      return k ? k[name] !== undefined : fallback;
    },
  };
}

/** The intake answers of the form, typed as the policy's questions declare them. */
export function answersOf(intake: Intake, form: Form): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const q of intake.questions) {
    const raw = optional(form, `q_${q.id}`);
    if (raw === undefined) continue;
    // Digits too many to be a number (Infinity) stay as typed: refused as not a number, beside the other answers' refusals.
    if (q.type === 'number') out[q.id] = /^-?\d+(\.\d+)?$/.test(raw) && Number.isFinite(Number(raw)) ? Number(raw) : raw;
    else if (q.type === 'boolean') out[q.id] = raw === 'yes' ? true : raw === 'no' ? false : raw;
    else out[q.id] = raw;
  }
  return out;
}
