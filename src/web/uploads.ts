// Files sent with a page's form (multipart/form-data, @fastify/multipart). Only routes that declare
// `config.uploads` take such a body; any other page refuses it before reading it (415). The form's
// fields become the request body as a urlencoded form's would (so the CSRF check and formOf read
// them the same way); its files are read whole into memory, within the limits a ticket's files
// have (tickets/schemas.ts): a file over the limit is kept as "too large", not cut short
// silently, and the verb's form refuses it beside the form (filesOf).
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InvalidInputError } from '../platform/index.ts';
import { MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES, type FileInput } from '../tickets/index.ts';
import { findNul } from '../http/text-guard.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The files of a multipart form (empty for any other body). */
    uploads: Upload[];
    /** The fields of a multipart form too long to read (more than FIELD_BYTES), left out of its body: a `textKept` page refuses them beside its form (kept-form.ts). */
    unread: string[];
  }
  interface FastifyContextConfig {
    /** The route takes a multipart form with files. */
    uploads?: boolean;
    /** The longest field the route's form reads, when not FIELD_BYTES (a pasted list longer than any message: the customer import). */
    fieldBytes?: number;
  }
}

export type Upload = { field: string; filename: string; contentType: string; content: Buffer; tooLarge: boolean };

// Form fields are short texts and one long one (a description, a reply's body, as urlencoded
// forms allow). 1 MiB holds any text up to its limit (100,000 characters: tickets/schemas.ts
// MAX_DESCRIPTION_CHARS, at most 3 bytes each in UTF-8, so 300,000 bytes) with room to spare, so
// one somewhat over it is read whole and given back to be shortened; past 1 MiB the field is not
// read (kept-form.ts says so, plainly).
export const FIELD_BYTES = 1024 * 1024;

/** The longest field a route's form reads (config `fieldBytes`, else FIELD_BYTES). */
export const fieldBytesOf = (request: FastifyRequest): number => request.routeOptions.config.fieldBytes ?? FIELD_BYTES;

class UploadsNotTakenError extends Error {
  readonly statusCode = 415;
  readonly code = 'FST_ERR_CTP_INVALID_MEDIA_TYPE';
  constructor() {
    super('This form takes no files: send it as application/x-www-form-urlencoded');
  }
}

// A few files more than a ticket takes, so that "too many" is said beside the form; past these
// the request is refused whole (multipartRefusal).
const LIMITS = { fileSize: MAX_FILE_BYTES, files: MAX_FILES * 2, fields: 100, fieldSize: FIELD_BYTES, parts: MAX_FILES * 2 + 100 };

/**
 * What a page says of a multipart form refused whole at one of the limits above (@fastify/multipart's
 * 413s: FST_FILES_LIMIT, FST_FIELDS_LIMIT, FST_PARTS_LIMIT), or null for any other error. Read no
 * further, nothing in it was saved, and the person hears so, with what to send instead.
 */
export function multipartRefusal(code: string | undefined): string | null {
  if (code === 'FST_FILES_LIMIT') return `The form has more than ${LIMITS.files} files, too many to read: nothing in it was saved. Send at most ${MAX_FILES} files with it.`;
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') return `The form has more than ${LIMITS.fields} fields, more than any form here: nothing in it was saved.`;
  return null;
}

export async function registerUploads(web: FastifyInstance): Promise<void> {
  await web.register(multipart, { throwFileSizeLimit: false, limits: LIMITS });
  web.decorateRequest('uploads', null as unknown as Upload[]);
  web.decorateRequest('unread', null as unknown as string[]);
  web.addHook('onRequest', async (request) => {
    request.uploads = [];
    request.unread = [];
    if (/^multipart\//i.test(request.headers['content-type'] ?? '') && !request.routeOptions.config.uploads) throw new UploadsNotTakenError();
  });
  web.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    // A field sent more than once (a multiple select) is kept as a list, as a urlencoded form's is.
    const body: Record<string, string | string[]> = Object.create(null);
    let total = 0;
    const keeps = request.routeOptions.config.textKept === true;
    const fieldSize = fieldBytesOf(request);
    for await (const part of request.parts({ limits: { fieldSize } })) {
      if (part.type === 'field') {
        if (part.valueTruncated) {
          if (!keeps) throw new InvalidInputError('A field of the form is too long', [{ path: part.fieldname, message: `is longer than ${fieldSize} bytes` }]);
          // Its beginning alone is no text to give back: left out, for the page to say so beside the other fields.
          request.unread.push(part.fieldname);
          continue;
        }
        const value = typeof part.value === 'string' ? part.value : String(part.value);
        const had = body[part.fieldname];
        body[part.fieldname] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
        continue;
      }
      // Read to the end whatever its size (the stream must be drained), keeping at most the limits.
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (total + size <= MAX_TOTAL_BYTES) chunks.push(chunk);
      }
      // A file input left empty is sent as a part with no name and no bytes.
      if (!part.filename && size === 0) continue;
      request.uploads.push({
        field: part.fieldname, filename: part.filename, contentType: part.mimetype, content: Buffer.concat(chunks),
        tooLarge: part.file.truncated || total + size > MAX_TOTAL_BYTES,
      });
      total += size;
    }
    const nul = keeps ? null : findNul(body);
    if (nul) throw new InvalidInputError('Text must not contain NUL (U+0000) characters', [{ path: nul, message: 'contains a NUL (U+0000) character' }]);
    request.body = body;
  });
}

/**
 * The files sent in a form field, as a ticket verb takes them; a file over the limits is refused
 * here, naming it, so the page says which one beside the form.
 */
export function filesOf(request: FastifyRequest, field = 'files'): FileInput[] {
  const sent = request.uploads.filter((u) => u.field === field);
  const large = sent.filter((u) => u.tooLarge);
  if (large.length > 0) {
    throw new InvalidInputError(`Files may be at most ${MAX_FILE_BYTES / 1024 / 1024} MiB each and ${MAX_TOTAL_BYTES / 1024 / 1024} MiB together`, large.map((u) => ({ path: field, message: `${u.filename} is too large` })));
  }
  return sent.map((u) => ({ filename: u.filename, contentType: u.contentType, content: u.content }));
}
