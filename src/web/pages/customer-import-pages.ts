// /admin/organizations/import: a customer list as CSV (a file, or pasted text) checked or imported
// whole (customers/import-customers.ts). "Check" shows what each line would do, "Import" does it;
// either shows the problems by line when there are any, and then nothing is written.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IMPORT_COLUMNS, importCustomers, ImportRefusedError, MAX_IMPORT_ROWS, type ImportReport } from '../../customers/index.ts';
import { ctxFor, MANAGERS } from '../../http/route-kit.ts';
import { InvalidInputError, isAccordError } from '../../platform/index.ts';
import { inviteToSignIn } from '../auth/index.ts';
import { checked, formOf, page, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';

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

export function registerCustomerImportPages(web: FastifyInstance, deps: WebDeps): void {
  web.get(PATH, page(MANAGERS), (request, reply) => show(request, reply));
  const withFile = page(MANAGERS);
  web.post(PATH, { ...withFile, config: { ...withFile.config, uploads: true } }, async (request, reply) => {
    const f = formOf(request);
    const file = request.uploads.find((u) => u.field === 'file');
    const invite = checked(f, 'invite');
    const text = f.csv ?? '';
    const kept = { text: file ? '' : text, fromFile: file !== undefined, invite };
    try {
      if (file?.tooLarge) throw new InvalidInputError('The file is larger than 2 MB: split it and import each part', [{ path: 'file', message: `${file.filename} is too large` }]);
      const csv = file ? file.content.toString('utf8') : text;
      if (csv.trim() === '') throw new InvalidInputError('Choose a CSV file or paste its text', [{ path: 'csv', message: 'is empty' }]);
      const report = await importCustomers({
        ctx: ctxFor(request, deps),
        input: { csv, dryRun: f.action !== 'import' },
        ...(invite ? { invite: (ctx, contact) => inviteToSignIn({ ctx, baseUrl: deps.baseUrl }, { kind: 'contact', id: contact.id }).then(() => undefined) } : {}),
      });
      // After a check, the text stays in the box so that "Import" sends the same list.
      return show(request, reply, { report, ...kept, text: report.imported ? '' : (file ? csv : text) });
    } catch (error) {
      if (error instanceof ImportRefusedError) return show(request, reply, { refused: error, ...kept });
      if (isAccordError(error) && error instanceof InvalidInputError) return show(request, reply, { error, ...kept });
      throw error;
    }
  });
}
