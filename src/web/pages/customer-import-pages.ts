// /admin/organizations/import: a customer list as CSV (a file, or pasted text) checked or imported
// whole (customers/import-customers.ts). "Check" shows what each line would do, "Import" does it;
// either shows the problems by line when there are any, and then nothing is written.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IMPORT_COLUMNS, importCustomers, ImportRefusedError, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ImportReport } from '../../customers/index.ts';
import { ctxFor, MANAGERS } from '../../http/route-kit.ts';
import { InvalidInputError, isAccordError } from '../../platform/index.ts';
import { inviteToSignIn } from '../auth/index.ts';
import { checked, formOf, page, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';
import { keptForm, refuseNulInChoices, refuseUnread, textKept, withoutNul } from '../kept-form.ts';
import { FIELD_BYTES, type Upload } from '../uploads.ts';

const PATH = '/admin/organizations/import';

interface Shown {
  report?: ImportReport;
  refused?: ImportRefusedError;
  error?: InvalidInputError;
  /** The pasted text, kept for fixing; a file must be chosen again. */
  text?: string;
  fromFile?: boolean;
  invite?: boolean;
}

function show(request: FastifyRequest, reply: FastifyReply, shown: Shown = {}) {
  const status = shown.refused || shown.error ? 400 : 200;
  return sendPage(request, reply, 'admin/customer-import', {
    title: 'Import customers', columns: IMPORT_COLUMNS, maxRows: MAX_IMPORT_ROWS,
    report: shown.report ?? null, problems: shown.refused?.problems ?? null, refusal: shown.refused?.message ?? null,
    error: shown.error ? Object.assign(shown.error, { form: 'import' }) : null,
    text: shown.text ?? '', fromFile: shown.fromFile ?? false, invite: shown.invite ?? true,
  }, status);
}

/**
 * The list to import: the file's text, or the text pasted (without NUL, which nobody types: it
 * comes with a paste). Refused beside the form, naming the file or the box: a file over the limit,
 * or holding NUL characters (a list saved as UTF-16, "Unicode text", has one in every other byte:
 * read as UTF-8 it would be garbled, so it is not read at all); pasted text over the limit, counted.
 */
function listOf(request: FastifyRequest, file: Upload | undefined, text: string): string {
  refuseUnread(request, {});
  refuseNulInChoices(formOf(request), ['invite', 'action']);
  if (file) {
    if (file.tooLarge || file.content.byteLength > MAX_IMPORT_BYTES) {
      throw new InvalidInputError('The file is larger than 2 MB: split it and import each part', [{ path: 'file', message: `${file.filename} is larger than the 2 MB an import takes` }]);
    }
    if (file.content.includes(0)) {
      throw new InvalidInputError('The file is not UTF-8 text', [{ path: 'file', message: `${file.filename} holds NUL characters, as a file saved as UTF-16 ("Unicode text") does: save it as "CSV UTF-8" and choose it again` }]);
    }
    return file.content.toString('utf8');
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_IMPORT_BYTES) {
    throw new InvalidInputError('The text is larger than 2 MB: split it and import each part', [{
      path: 'csv', message: `is ${bytes.toLocaleString('en')} bytes long: an import takes at most ${MAX_IMPORT_BYTES.toLocaleString('en')} bytes (2 MB)`,
    }]);
  }
  return text;
}

// What was pasted is never lost (kept-form.ts): its NUL removed, read whole up to the limit and somewhat over, to be given back.
const IMPORT_FORM = { ...textKept(page(MANAGERS)), config: { ...textKept(page(MANAGERS)).config, uploads: true, fieldBytes: MAX_IMPORT_BYTES + FIELD_BYTES } };

export function registerCustomerImportPages(web: FastifyInstance, deps: WebDeps): void {
  web.get(PATH, page(MANAGERS), (request, reply) => show(request, reply));
  web.post(PATH, IMPORT_FORM, async (request, reply) => {
    const f = formOf(request);
    const file = request.uploads.find((u) => u.field === 'file');
    // Shown as ticked when sent so, a NUL in it refused (listOf) but not read as a box left empty.
    const invite = checked(keptForm(f), 'invite');
    const text = withoutNul(f.csv ?? '');
    // The text typed is kept even beside a file chosen (the file must be chosen again).
    const kept = { text, fromFile: file !== undefined, invite };
    try {
      const csv = listOf(request, file, text);
      if (csv.trim() === '') throw new InvalidInputError('Choose a CSV file or paste its text', [{ path: 'csv', message: 'is empty' }]);
      const report = await importCustomers({
        ctx: ctxFor(request, deps),
        input: { csv, dryRun: f.action !== 'import' },
        ...(invite ? { invite: (ctx, contact) => inviteToSignIn({ ctx, baseUrl: deps.baseUrl }, { kind: 'contact', id: contact.id }).then(() => undefined) } : {}),
      });
      // After a check, the text stays in the box so that "Import" sends the same list.
      return show(request, reply, { report, ...kept, text: report.imported ? '' : csv });
    } catch (error) {
      if (error instanceof ImportRefusedError) return show(request, reply, { refused: error, ...kept });
      if (isAccordError(error) && error instanceof InvalidInputError) return show(request, reply, { error, ...kept });
      throw error;
    }
  });
}
