// importCustomers: a customer list as CSV (one row per contact, Zendesk's user/org import) becomes
// organizations and contacts, through createOrganization and createContact so that audit, webhooks and
// onboarding notices happen as they do for one. Everything is checked first without writing (each field
// by the create verbs' schemas, plans against the active policy, the file against itself and against
// the desk: import-desk-check.ts); if any line has a problem nothing is written, so a fixed file imports cleanly, and what is
// already there is left unchanged, so running an import again is safe. Managers and admins only.
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { InvalidInputError, isAccordError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import type { PlanSpec } from '../policy/index.ts';
import { activePlans } from './active-plans.ts';
import { createContact } from './create-contact.ts';
import { createOrganization } from './create-organization.ts';
import { MANAGERS, requireAgentRole } from './permissions.ts';
import { CreateContactInput, CreateOrganizationInput } from './schemas.ts';
import type { Contact } from './schemas.ts';
import { checkAgainstDesk, planName, type ExistingOrg, type Row } from './import-desk-check.ts';

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;
export const IMPORT_COLUMNS = ['organization', 'plan', 'name', 'email', 'named_contact', 'onboarding', 'existing_customer'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
type Column = ImportColumn;

export const ImportCustomersInput = z.strictObject({
  csv: z.string(),
  /** Check only: the report says what would be done, nothing is written. */
  dryRun: z.boolean().default(false),
});
export type ImportCustomersInput = z.input<typeof ImportCustomersInput>;

/** What a line does: a new organization and/or contact, or nothing (it is all there already). */
export type ImportAction = 'create_organization' | 'create_organization_and_contact' | 'create_contact' | 'unchanged';

export interface ImportLine {
  line: number;
  action: ImportAction;
  organization: string;
  email: string | null;
  /** In words, e.g. "create organization Acme (Pro plan) and contact Ada <ada@acme.example>". */
  says: string;
}

export interface ImportProblem {
  line: number;
  /** The column at fault; null for the line (or the file) as a whole. */
  column: Column | null;
  message: string;
}

export interface ImportReport {
  dryRun: boolean;
  /** Written (false on a dry run). */
  imported: boolean;
  lines: ImportLine[];
  organizationsCreated: number;
  contactsCreated: number;
  unchanged: number;
}

/** Lines have problems: nothing was written. The report's problems, by line, are the details too. */
export class ImportRefusedError extends InvalidInputError {
  readonly problems: ImportProblem[];
  constructor(problems: ImportProblem[]) {
    const lines = new Set(problems.map((p) => p.line)).size;
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} on ${lines} line${lines === 1 ? '' : 's'} of the file: nothing was imported; fix ${lines === 1 ? 'it' : 'them'} and import the file again`,
      problems.map((p) => ({ path: `line.${p.line}${p.column ? `.${p.column}` : ''}`, message: p.message })),
    );
    this.problems = problems;
  }
}

/** Called for each contact created, inside the import's transaction (the pages mail a sign-in link). */
export type OnContactCreated = (ctx: Ctx, contact: Contact) => Promise<void>;

/**
 * @example
 * const report = await importCustomers({ ctx, input: { csv: 'organization,plan,name,email\nAcme,pro,Ada,ada@acme.example\n', dryRun: true } });
 */
export async function importCustomers({ ctx, input, invite }: { ctx: Ctx; input: ImportCustomersInput; invite?: OnContactCreated }): Promise<ImportReport> {
  requireAgentRole(ctx.actor, MANAGERS, 'import customers');
  const { csv, dryRun } = parseInput(ImportCustomersInput, input);
  if (Buffer.byteLength(csv, 'utf8') > MAX_IMPORT_BYTES) {
    throw new InvalidInputError('The file is larger than 2 MB: split it and import each part', [{ path: 'csv', message: `is larger than ${MAX_IMPORT_BYTES} bytes` }]);
  }
  const problems: ImportProblem[] = [];
  const rows = readRows(csv, problems);
  const plans = await activePlans(ctx.db);
  const checked = rows.map((raw) => checkFields(raw, plans, problems)).filter((r): r is Row => r !== null);
  const existing = await checkAgainstDesk(ctx, checked, plans, problems);
  if (problems.length > 0) throw new ImportRefusedError(problems.sort((a, b) => a.line - b.line));
  return dryRun ? describe(checked, existing, plans, false) : write(ctx, checked, existing, plans, invite);
}

type RawRow = { line: number; fields: Partial<Record<Column, string>> };

/**
 * The line a quoted field that never closes begins on, where a person looks for it: the first
 * line after the last whole record, past blank ones (csv-parse gives the rest of the file from the
 * last whole record as `raw`; its own line count is where it stopped reading, the file's end).
 */
function unclosedQuoteLine(csv: string, rest: string | undefined, fallback: number): number {
  if (rest === undefined || !csv.endsWith(rest)) return fallback;
  const newlines = (text: string) => text.match(/\n/g)?.length ?? 0;
  const blank = /^(?:[ \t]*\r?\n)*/.exec(rest)?.[0] ?? '';
  return newlines(csv.slice(0, csv.length - rest.length)) + newlines(blank) + 1;
}

function readRows(csv: string, problems: ImportProblem[]): RawRow[] {
  let records: Array<{ record: string[]; raw: string; info: { lines: number } }>;
  try {
    records = parse(csv, { info: true, raw: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true, bom: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const e = error as { code?: string; lines?: number; raw?: string; message: string };
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new ImportRefusedError([{ line: unclosedQuoteLine(csv, e.raw, e.lines ?? 1), column: null, message: 'a quoted field begun on this line is never closed: the file ends inside quotes' }]);
    }
    throw new ImportRefusedError([{ line: e.lines ?? 1, column: null, message: `is not CSV this import can read (${e.message})` }]);
  }
  // A record ends on info.lines; one with line breaks inside quotes began that many lines earlier.
  const startOf = (r: { raw: string; info: { lines: number } }) => r.info.lines - (r.raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
  const [header, ...body] = records;
  if (!header) throw new ImportRefusedError([{ line: 1, column: null, message: `the file is empty: its first line names the columns (${IMPORT_COLUMNS.join(',')})` }]);
  if (body.length > MAX_IMPORT_ROWS) {
    throw new InvalidInputError(`The file has ${body.length} rows; an import takes at most ${MAX_IMPORT_ROWS}: split it and import each part`, [{ path: 'csv', message: `has more than ${MAX_IMPORT_ROWS} rows` }]);
  }
  const headerLine = startOf(header);
  const names = header.record.map((n) => n.trim().toLowerCase());
  names.forEach((n, i) => {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(n)) {
      problems.push({ line: headerLine, column: null, message: `column ${i + 1} "${header.record[i]}" is not one this import reads (${IMPORT_COLUMNS.join(', ')})` });
    } else if (names.indexOf(n) !== i) {
      problems.push({ line: headerLine, column: n as Column, message: 'is named twice in the first line' });
    }
  });
  if (!names.includes('organization')) problems.push({ line: headerLine, column: null, message: 'the first line names no "organization" column: every line needs one' });
  if (names.includes('name') !== names.includes('email')) problems.push({ line: headerLine, column: null, message: 'a contact needs both a "name" and an "email" column' });
  if (problems.length > 0) return [];
  return body.map((r) => {
    const line = startOf(r);
    if (r.record.length > names.length) problems.push({ line, column: null, message: `has ${r.record.length} fields; the first line names ${names.length} columns` });
    const fields: Partial<Record<Column, string>> = {};
    names.forEach((n, i) => { fields[n as Column] = r.record[i] ?? ''; });
    return { line, fields };
  });
}

const YES_NO: Record<string, boolean> = { yes: true, no: false };

/** One line's fields by the create verbs' rules; null when a field is at fault (its problems recorded). */
function checkFields({ line, fields }: RawRow, plans: Map<string, PlanSpec> | null, problems: ImportProblem[]): Row | null {
  const before = problems.length;
  const problem = (column: Column | null, message: string) => problems.push({ line, column, message });
  const field = <T>(column: Column, schema: z.ZodType<T>, value: unknown): T | undefined => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    problem(column, parsed.error.issues.map(inWords).join('; '));
    return undefined;
  };
  const organization = field('organization', CreateOrganizationInput.shape.name, fields.organization ?? '');
  const planText = (fields.plan ?? '').trim();
  let planId: string | null = null;
  if (planText !== '' && field('plan', CreateOrganizationInput.shape.planId, planText) !== undefined) {
    planId = plans ? findPlan(plans, planText) : planText;
    if (planId === null && plans) problem('plan', `"${planText}" is not a plan of the policy: give one of ${[...plans.values()].map((p) => `${p.name} (${p.id})`).join(', ')}`);
  }
  const yesNo = (column: 'named_contact' | 'existing_customer'): boolean => {
    const text = (fields[column] ?? '').trim().toLowerCase();
    if (text === '') return false;
    if (text in YES_NO) return YES_NO[text];
    problem(column, `"${fields[column]}" is neither yes nor no`);
    return false;
  };
  const onboardingText = (fields.onboarding ?? '').trim().toLowerCase();
  const onboarding = CreateOrganizationInput.shape.onboardingState.unwrap().safeParse(onboardingText);
  const onboardingState = onboarding.success ? onboarding.data : undefined;
  if (onboardingText !== '' && !onboarding.success) problem('onboarding', `"${fields.onboarding}" is neither complete nor incomplete`);
  const existingCustomer = yesNo('existing_customer');
  const namedContact = yesNo('named_contact');
  const nameText = (fields.name ?? '').trim();
  const emailText = (fields.email ?? '').trim();
  let contact: Row['contact'] = null;
  if (nameText === '' && emailText === '') {
    if (namedContact) problem('named_contact', 'says yes on a line with no contact (no name or email)');
  } else {
    if (nameText === '') problem('name', 'is empty: a contact needs a name (or leave both name and email empty for the organization alone)');
    if (emailText === '') problem('email', 'is empty: a contact needs an email (or leave both name and email empty for the organization alone)');
    const name = nameText === '' ? undefined : field('name', CreateContactInput.shape.name, nameText);
    const email = emailText === '' ? undefined : field('email', CreateContactInput.shape.email, emailText);
    if (name !== undefined && email !== undefined) contact = { name, email, namedContact };
  }
  if (problems.length > before || organization === undefined) return null;
  return { line, organization, key: organization.toLowerCase(), planId, onboardingState, existingCustomer, contact, contactThere: false, contactDiffers: [] };
}

/** A schema's complaint about one field, in words. */
function inWords(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_format' && issue.format === 'email') return 'is not an email address';
  if (issue.code === 'too_small') return 'is empty';
  if (issue.code === 'too_big') return `is longer than ${issue.maximum} characters`;
  return issue.message;
}

/** A plan by id or by name, any case. */
function findPlan(plans: Map<string, PlanSpec>, text: string): string | null {
  const lower = text.toLowerCase();
  for (const [id, plan] of plans) if (id.toLowerCase() === lower || plan.name.toLowerCase() === lower) return id;
  return null;
}



function describe(rows: Row[], existing: Map<string, ExistingOrg>, plans: Map<string, PlanSpec> | null, imported: boolean): ImportReport {
  const seen = new Set<string>();
  let organizationsCreated = 0;
  let contactsCreated = 0;
  let unchanged = 0;
  const lines = rows.map((row): ImportLine => {
    const isNew = !existing.has(row.key) && !seen.has(row.key);
    seen.add(row.key);
    const planId = row.planId ?? existing.get(row.key)?.planId;
    const org = isNew ? `organization ${row.organization} (${planName(plans, planId!)} plan)` : '';
    const person = row.contact ? `contact ${row.contact.name} <${row.contact.email}>${row.contact.namedContact ? ' as a named support contact' : ''}` : '';
    const newContact = row.contact !== null && !row.contactThere;
    if (isNew) organizationsCreated++;
    if (newContact) contactsCreated++;
    const base = { line: row.line, organization: row.organization, email: row.contact?.email ?? null };
    if (isNew && newContact) return { ...base, action: 'create_organization_and_contact', says: `create ${org} and ${person}` };
    if (isNew) return { ...base, action: 'create_organization', says: `create ${org}` };
    if (newContact) return { ...base, action: 'create_contact', says: `create ${person} at ${row.organization}` };
    unchanged++;
    const differs = row.contactDiffers.length ? ` (${row.contactDiffers.join('; ')}: change that on their page if meant)` : '';
    return { ...base, action: 'unchanged', says: row.contact ? `contact ${row.contact.email} already there: unchanged${differs}` : `organization ${row.organization} already there: unchanged` };
  });
  return { dryRun: !imported, imported, lines, organizationsCreated, contactsCreated, unchanged };
}

async function write(ctx: Ctx, rows: Row[], existing: Map<string, ExistingOrg>, plans: Map<string, PlanSpec> | null, invite?: OnContactCreated): Promise<ImportReport> {
  const report = describe(rows, existing, plans, true);
  await ctx.db.transaction(async (tx) => {
    const txCtx: Ctx = { ...ctx, db: tx };
    const orgIds = new Map([...existing].map(([key, org]) => [key, org.id]));
    for (const row of rows) {
      try {
        let organizationId = orgIds.get(row.key);
        if (!organizationId) {
          const org = await createOrganization({
            ctx: txCtx,
            input: { name: row.organization, planId: row.planId!, existingCustomer: row.existingCustomer, ...(row.onboardingState ? { onboardingState: row.onboardingState } : {}) },
          });
          organizationId = org.id;
          orgIds.set(row.key, organizationId);
        }
        if (row.contact && !row.contactThere) {
          const contact = await createContact({ ctx: txCtx, input: { organizationId, ...row.contact } });
          if (invite) await invite(txCtx, contact);
        }
      } catch (error) {
        // The desk changed between the check and the write (another import or someone on a page
        // took the email or the last named place meanwhile): the verb's refusal, said as this
        // line's problem; the transaction rolls back, so nothing was imported.
        if (!isAccordError(error) || !['invalid_input', 'conflict', 'limit_exceeded'].includes(error.code)) throw error;
        throw new ImportRefusedError([{ line: row.line, column: null, message: `${error.message} (changed meanwhile on the desk): nothing was imported; check the file again` }]);
      }
    }
  });
  return report;
}
