// /api/v1/customer-imports: a customer list as CSV, checked whole, then imported or refused whole
// (customers/import-customers.ts). Lines with problems answer 400 invalid_input, one detail per
// problem with the path `line.<n>.<column>` (the envelope lists the first 20 and says how many).
import type { FastifyInstance } from 'fastify';
import { importCustomers, IMPORT_COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../customers/index.ts';
import { inviteToSignIn } from '../web/index.ts';
import { inviteProperty } from './contact-routes.ts';
import { ctxFor, errorResponses, MANAGERS } from './route-kit.ts';
import type { RouteDeps } from './route-kit.ts';
import { toWire } from './wire.ts';

const ImportReport = {
  type: 'object',
  required: ['dry_run', 'imported', 'lines', 'organizations_created', 'contacts_created', 'unchanged'],
  properties: {
    dry_run: { type: 'boolean' },
    imported: { type: 'boolean', description: 'written; false on a dry run' },
    organizations_created: { type: 'integer', minimum: 0, description: 'on a dry run: would be created' },
    contacts_created: { type: 'integer', minimum: 0, description: 'on a dry run: would be created' },
    unchanged: { type: 'integer', minimum: 0, description: 'lines whose organization or contact is already there, left as it is' },
    lines: {
      type: 'array',
      items: {
        type: 'object', required: ['line', 'action', 'organization', 'email', 'says'],
        properties: {
          line: { type: 'integer', description: 'line of the file (the header is line 1)' },
          action: { type: 'string', enum: ['create_organization', 'create_organization_and_contact', 'create_contact', 'unchanged'] },
          organization: { type: 'string' },
          email: { type: ['string', 'null'] },
          says: { type: 'string', description: 'what the line does, in words' },
        },
      },
    },
  },
} as const;

// The CSV travels inside JSON, escaped: room for a file at the import's limit.
const BODY_LIMIT = 3 * MAX_IMPORT_BYTES;

export function registerCustomerImportRoutes(app: FastifyInstance, deps: RouteDeps & { baseUrl: string }): void {
  app.post(
    '/api/v1/customer-imports',
    {
      config: { access: MANAGERS },
      bodyLimit: BODY_LIMIT,
      schema: {
        operationId: 'importCustomers',
        tags: ['organizations'],
        summary: `Import organizations and contacts from CSV (columns ${IMPORT_COLUMNS.join(',')}; at most ${MAX_IMPORT_ROWS} rows, 2 MB): all lines or none; what is already there is left unchanged`,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['csv', 'dry_run'],
          properties: {
            csv: { type: 'string', description: 'the file: a header row naming the columns, then one row per contact (or per organization without contacts)' },
            dry_run: { type: 'boolean', description: 'check only: report what would be done, write nothing' },
            invite: { ...inviteProperty, description: 'mail each contact created a link to choose their password (valid 7 days)' },
          },
        },
        response: { 200: ImportReport, ...errorResponses },
      },
    },
    async (request) => {
      const body = request.body as { csv: string; dry_run: boolean; invite?: boolean };
      const report = await importCustomers({
        ctx: ctxFor(request, deps),
        input: { csv: body.csv, dryRun: body.dry_run },
        ...(body.invite ? { invite: (ctx, contact) => inviteToSignIn({ ctx, baseUrl: deps.baseUrl }, { kind: 'contact', id: contact.id }).then(() => undefined) } : {}),
      });
      return toWire(report);
    },
  );
}
