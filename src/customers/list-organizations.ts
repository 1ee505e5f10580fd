// listOrganizations: agents see every organization (optionally those whose name holds some words,
// those called exactly a name, some ids, or those with someone mail does not reach); a contact sees only its own.
import { ForbiddenError } from '../platform/errors.ts';
import { decodeCursor, toPage } from '../platform/pagination.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import type { Page } from '../platform/pagination.ts';
import { MAIL_UNDELIVERED, ORGANIZATION_COLUMNS, toOrganization } from './rows.ts';
import { ListOrganizationsInput } from './schemas.ts';
import type { Organization } from './schemas.ts';

export async function listOrganizations({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: ListOrganizationsInput;
}): Promise<Page<Organization>> {
  const value = parseInput(ListOrganizationsInput, input);
  const after = value.cursor ? decodeCursor(value.cursor) : null;
  const only = ctx.actor.kind === 'contact' ? ctx.actor.organizationId : null;
  // Whether mail reaches a colleague is the team's business: filtering by it would tell it.
  if (only && value.mailUndelivered !== undefined) throw new ForbiddenError('only the support team sees whose mail does not arrive');
  const { rows } = await ctx.db.query(
    `SELECT ${ORGANIZATION_COLUMNS} FROM organizations
     WHERE ($1::uuid IS NULL OR id = $1)
       AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
       AND ($5::text IS NULL OR strpos(lower(name), lower($5)) > 0)
       AND ($6::uuid[] IS NULL OR id = ANY($6))
       AND ($7::text IS NULL OR lower(name) = lower($7))
       ${value.mailUndelivered === undefined ? '' : `AND ${value.mailUndelivered ? '' : 'NOT '}EXISTS (SELECT 1 FROM contacts WHERE contacts.organization_id = organizations.id AND ${MAIL_UNDELIVERED})`}
     ORDER BY created_at, id LIMIT $4`,
    [only, after?.createdAt ?? null, after?.id ?? null, value.limit + 1, value.q || null, value.ids ?? null, value.name ?? null],
  );
  // The team's notes are internal: a contact reads its organization without them.
  return toPage(rows.map(toOrganization).map((o) => (ctx.actor.kind === 'contact' ? { ...o, notes: null } : o)), value.limit);
}

/** How many organizations the reader sees (an agent: the desk's; a contact: its own). */
export async function countOrganizations({ ctx }: { ctx: Ctx }): Promise<number> {
  const only = ctx.actor.kind === 'contact' ? ctx.actor.organizationId : null;
  const { rows } = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations WHERE ($1::uuid IS NULL OR id = $1)', [only]);
  return Number(rows[0].n);
}
