// A customer contact's own way to stop the scheduled-outage mail the policy sends every customer
// (status_page.maintenance.email_customers; OfficeSpace: "customers are usually notified via
// email"). The contacts never asked for it, as a subscriber did, so each such mail carries a link
// of theirs (customer_notice_links, made with their first such mail, fan-out-customers.ts): its
// page stops the mail with one button, or starts it again, and the mail program's List-Unsubscribe
// posts to it (RFC 8058). Stopped, the outages are still announced on the status page ("via email
// and/or at support.officespacesoftware.com"). As with a subscriber's links, the token is the
// authority: whoever holds the mail holds the choice (audited on the contact).
import { ForbiddenError, NotFoundError, recordAudit, type Actor, type Ctx, type Db, type ReadCtx } from '../platform/index.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { statusPageOf } from './page-config.ts';
import { linkToken } from './subscription-links.ts';
import { newLinkToken } from './tokens.ts';

export const NOTICE_LINK_GONE = 'This link to stop the notices is incomplete or no longer valid';

export type CustomerNoticeLink = { contactId: string; email: string; stoppedAt: Temporal.Instant | null };
type Row = { contact_id: string; email: string; organization_id: string; stopped_at: Temporal.Instant | null };

const system = { kind: 'system' } as const;

async function byToken(db: Db, token: unknown, lock = false): Promise<Row> {
  const { rows } = await db.query<Row>(
    `SELECT l.contact_id, c.email, c.organization_id, l.stopped_at FROM customer_notice_links l JOIN contacts c ON c.id = l.contact_id
     WHERE l.token = $1 AND c.erased_at IS NULL${lock ? ' FOR UPDATE OF l' : ''}`,
    [linkToken(token, NOTICE_LINK_GONE)],
  );
  if (rows.length === 0) throw new NotFoundError(NOTICE_LINK_GONE);
  return rows[0];
}

const view = (r: Row): CustomerNoticeLink => ({ contactId: r.contact_id, email: r.email, stoppedAt: r.stopped_at });

/** What a contact's link shows: their address and whether they stopped the mail. Changes nothing (mail scanners follow links). */
export async function getCustomerNoticeLink({ ctx, input }: { ctx: ReadCtx; input: { token: string } }): Promise<CustomerNoticeLink> {
  return view(await byToken(ctx.db, input.token));
}

/**
 * Stops (`stop: true`) or starts again the scheduled-outage mail to the link's contact. Idempotent:
 * a repeated post (a mail client retrying the one-click) answers the same and records nothing more.
 */
export async function setCustomerNotices({ ctx, input }: { ctx: ReadCtx; input: { token: string; stop: boolean } }): Promise<CustomerNoticeLink> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const current = await byToken(tx, input.token, true);
    await setStopped(tx, current, input.stop, now, system);
    return view({ ...current, stopped_at: input.stop ? current.stopped_at ?? now : null });
  });
}

async function setStopped(tx: Db, current: Row, stop: boolean, now: Temporal.Instant, actor: Actor): Promise<void> {
  if ((current.stopped_at !== null) === stop) return;
  await tx.query('UPDATE customer_notice_links SET stopped_at = $2 WHERE contact_id = $1', [current.contact_id, stop ? now : null]);
  await recordAudit(tx, {
    at: now, actor, type: stop ? 'contact.outage_mail_stopped' : 'contact.outage_mail_restarted',
    subjectKind: 'contact', subjectId: current.contact_id, organizationId: current.organization_id,
  });
}

/** The signed-in contact, where the policy mails customers its scheduled maintenance; null elsewhere (no choice to make). */
async function mailedContact(ctx: Ctx): Promise<string | null> {
  if (ctx.actor.kind !== 'contact') throw new ForbiddenError('Only a contact chooses the outage mail sent to them');
  return statusPageOf((await activePolicy(ctx.db)).model)?.emailsCustomers ? ctx.actor.id : null;
}

/** The signed-in contact's own choice (portal settings): whether the scheduled-outage mail to them is stopped; null where none is sent. */
export async function myCustomerNotices({ ctx }: { ctx: Ctx }): Promise<{ stopped: boolean } | null> {
  const contactId = await mailedContact(ctx);
  if (!contactId) return null;
  const { rows } = await ctx.db.query<{ stopped_at: Temporal.Instant | null }>('SELECT stopped_at FROM customer_notice_links WHERE contact_id = $1', [contactId]);
  return { stopped: rows[0]?.stopped_at != null };
}

/** The signed-in contact stops or starts again the scheduled-outage mail to them; not found where the policy sends none. */
export async function setMyCustomerNotices({ ctx, input }: { ctx: Ctx; input: { stop: boolean } }): Promise<{ stopped: boolean }> {
  const contactId = await mailedContact(ctx);
  if (!contactId) throw new NotFoundError('This support policy mails its customers no scheduled maintenance');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await noticeTokens(tx, [contactId], now);
    const { rows } = await tx.query<Row>(
      `SELECT l.contact_id, c.email, c.organization_id, l.stopped_at FROM customer_notice_links l JOIN contacts c ON c.id = l.contact_id
       WHERE l.contact_id = $1 FOR UPDATE OF l`,
      [contactId],
    );
    await setStopped(tx, rows[0], input.stop, now, ctx.actor);
    return { stopped: input.stop };
  });
}

/**
 * For the team (an organization's page): which of these contacts stopped the scheduled-outage mail, and
 * when, with what the page calls those notices; none where the policy mails its customers no outages.
 */
export async function outageMailStopped({ ctx, input }: { ctx: Ctx; input: { contactIds: readonly string[] } }): Promise<{ term: string; stopped: Map<string, Temporal.Instant> } | null> {
  if (ctx.actor.kind !== 'agent' && ctx.actor.kind !== 'system') throw new ForbiddenError('Only the team reads whose outage mail is stopped');
  const page = statusPageOf((await activePolicy(ctx.db)).model);
  if (!page?.emailsCustomers) return null;
  const { rows } = await ctx.db.query<{ contact_id: string; stopped_at: Temporal.Instant }>(
    'SELECT contact_id, stopped_at FROM customer_notice_links WHERE contact_id = ANY($1::uuid[]) AND stopped_at IS NOT NULL',
    [input.contactIds],
  );
  return { term: page.maintenanceTerm ?? 'scheduled maintenance', stopped: new Map(rows.map((r) => [r.contact_id, r.stopped_at])) };
}

/** Each contact's link token, made for those who have none yet (their first notice); answers contact id -> token. */
export async function noticeTokens(tx: Db, contactIds: readonly string[], now: Temporal.Instant): Promise<Map<string, { token: string; stopped: boolean }>> {
  if (contactIds.length === 0) return new Map();
  await tx.query(
    `INSERT INTO customer_notice_links (contact_id, token, created_at)
     SELECT id, token, $3 FROM unnest($1::uuid[], $2::text[]) AS n(id, token) ON CONFLICT (contact_id) DO NOTHING`,
    [contactIds, contactIds.map(() => newLinkToken()), now],
  );
  const { rows } = await tx.query<{ contact_id: string; token: string; stopped_at: Temporal.Instant | null }>(
    'SELECT contact_id, token, stopped_at FROM customer_notice_links WHERE contact_id = ANY($1::uuid[])',
    [contactIds],
  );
  return new Map(rows.map((r) => [r.contact_id, { token: r.token, stopped: r.stopped_at !== null }]));
}
