// listContacts: agents see all contacts (optionally of one organization or some, one email, some ids,
// those whose name or email holds some text, or those whose mail does not arrive); a contact sees its
// own organization's, and another organization is simply not found.
import { ForbiddenError, NotFoundError } from '../platform/errors.ts';
import { decodeCursor, toPage } from '../platform/pagination.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import type { Page } from '../platform/pagination.ts';
import { CONTACT_SELECT, MAIL_UNDELIVERED, toContact } from './rows.ts';
import { ListContactsInput } from './schemas.ts';
import type { Contact } from './schemas.ts';

export async function listContacts({ ctx, input }: { ctx: Ctx; input: ListContactsInput }): Promise<Page<Contact>> {
  const value = parseInput(ListContactsInput, input);
  let organizationId = value.organizationId ?? null;
  if (ctx.actor.kind === 'contact') {
    if (organizationId && organizationId !== ctx.actor.organizationId) throw new NotFoundError('Organization not found');
    // Whether mail reaches a colleague is the team's business: filtering by it would tell it.
    if (value.mailUndelivered !== undefined) throw new ForbiddenError('only the support team sees whose mail does not arrive');
    organizationId = ctx.actor.organizationId;
  }
  const after = value.cursor ? decodeCursor(value.cursor) : null;
  const { rows } = await ctx.db.query(
    `SELECT ${CONTACT_SELECT} FROM contacts
     WHERE ($1::uuid IS NULL OR organization_id = $1)
       AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
       AND ($5::text IS NULL OR email = $5)
       AND ($6::uuid[] IS NULL OR id = ANY($6))
       AND ($7::uuid[] IS NULL OR organization_id = ANY($7))
       AND ($8::text IS NULL OR strpos(lower(name), lower($8)) > 0 OR strpos(email, lower($8)) > 0)
       ${value.mailUndelivered === undefined ? '' : value.mailUndelivered ? `AND ${MAIL_UNDELIVERED}` : `AND NOT coalesce(${MAIL_UNDELIVERED}, false)`}
     ORDER BY created_at, id LIMIT $4`,
    [organizationId, after?.createdAt ?? null, after?.id ?? null, value.limit + 1, value.email?.toLowerCase() ?? null, value.ids ?? null, value.organizationIds ?? null, value.q || null],
  );
  // Whether mail reaches a colleague is the team's business (the server's reason names their address).
  const contacts = rows.map(toContact).map((c) => (ctx.actor.kind === 'contact' ? { ...c, mailUndelivered: null } : c));
  return toPage(contacts, value.limit);
}

/** How many contacts' mail does not arrive (MAIL_UNDELIVERED): the team's count, for the admin's page. */
export async function countContactsMailUndelivered({ ctx }: { ctx: Ctx }): Promise<number> {
  if (ctx.actor.kind === 'contact') throw new ForbiddenError('only the support team sees whose mail does not arrive');
  const { rows } = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM contacts WHERE ${MAIL_UNDELIVERED}`);
  return Number(rows[0].n);
}
