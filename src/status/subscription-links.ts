// The verbs behind the links in subscriber mail: confirm (the second half of double opt-in),
// read and change a subscription, unsubscribe (one click, RFC 8058). The link's token is the
// authority: whoever holds the mail holds the subscription. A token that is not the shape of one
// (a link a mail program broke over two lines, cut short) is a link that leads nowhere: not found.
import { NotFoundError, parseInput, recordAudit, type Db, type ReadCtx } from '../platform/index.ts';
import { checkComponentIds, requireList } from './page-config.ts';
import { UpdateSubscriptionInput, type Subscription } from './schemas.ts';
import { CONFIRM_LINK_HOURS, hashToken } from './tokens.ts';

const COLUMNS = 'id, list, email, component_ids, confirmed_at, unsubscribed_at, created_at';
type Row = {
  id: string;
  list: string;
  email: string;
  component_ids: string[] | null;
  confirmed_at: Temporal.Instant | null;
  unsubscribed_at: Temporal.Instant | null;
  created_at: Temporal.Instant;
};

function toSubscription(r: Row): Subscription {
  return { id: r.id, list: r.list, email: r.email, componentIds: r.component_ids, confirmedAt: r.confirmed_at, unsubscribedAt: r.unsubscribed_at, createdAt: r.created_at };
}

const system = { kind: 'system' } as const;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,200}$/;
export const CONFIRM_LINK_GONE = 'This confirmation link is incomplete or no longer valid';
export const SUBSCRIPTION_LINK_GONE = 'This subscription link is incomplete or no longer valid';

/** The token of a link, or not found: a cut or mangled token names nothing. */
export function linkToken(token: unknown, gone: string): string {
  if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) throw new NotFoundError(gone);
  return token;
}

export type Confirmation = Subscription & { manageToken: string; alreadyConfirmed: boolean };
type ConfirmRow = Row & { manage_token: string; confirm_expires_at: Temporal.Instant | null };

/**
 * The subscription a confirmation link names and whether it waits for confirmation. A used link
 * keeps its hash (confirm_expires_at cleared) so that following it again says it is confirmed.
 */
async function confirmationOf(db: Db, token: string, now: Temporal.Instant, lock: boolean): Promise<{ row: ConfirmRow; pending: boolean }> {
  const { rows } = await db.query<ConfirmRow>(
    `SELECT ${COLUMNS}, manage_token, confirm_expires_at FROM status_subscribers WHERE confirm_token_hash = $1${lock ? ' FOR UPDATE' : ''}`,
    [hashToken(linkToken(token, CONFIRM_LINK_GONE))],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError(CONFIRM_LINK_GONE);
  if (row.confirm_expires_at === null) {
    // Used: confirmed by it, unless the address unsubscribed since (subscribing again sends a new link).
    if (row.confirmed_at && !row.unsubscribed_at) return { row, pending: false };
    throw new NotFoundError(CONFIRM_LINK_GONE);
  }
  if (Temporal.Instant.compare(row.confirm_expires_at, now) <= 0) {
    throw new NotFoundError(`This confirmation link has expired: it works for ${CONFIRM_LINK_HOURS} hours`);
  }
  return { row, pending: true };
}

const confirmation = (row: ConfirmRow, alreadyConfirmed: boolean): Confirmation => ({ ...toSubscription(row), manageToken: row.manage_token, alreadyConfirmed });

/** What following a confirmation link shows, changing nothing (mail scanners follow links). */
export async function peekConfirmation({ ctx, input }: { ctx: ReadCtx; input: { token: string } }): Promise<Confirmation | null> {
  const { row, pending } = await confirmationOf(ctx.db, input.token, ctx.clock.now(), false);
  return pending ? null : confirmation(row, true);
}

/** Confirms the subscription whose unexpired link this is; used again, the link says it is confirmed. */
export async function confirmSubscription({ ctx, input }: { ctx: ReadCtx; input: { token: string } }): Promise<Confirmation> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { row, pending } = await confirmationOf(tx, input.token, now, true);
    if (!pending) return confirmation(row, true);
    const { rows } = await tx.query<ConfirmRow>(
      `UPDATE status_subscribers SET confirmed_at = $2, unsubscribed_at = NULL, confirm_expires_at = NULL
       WHERE id = $1 RETURNING ${COLUMNS}, manage_token, confirm_expires_at`,
      [row.id, now],
    );
    await recordAudit(tx, { at: now, actor: system, type: 'status_subscriber.confirmed', subjectKind: 'status_subscriber', subjectId: row.id, data: { list: row.list } });
    return confirmation(rows[0], false);
  });
}

async function byManageToken(db: Db, token: unknown, lock = false): Promise<Row> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM status_subscribers WHERE manage_token = $1${lock ? ' FOR UPDATE' : ''}`,
    [linkToken(token, SUBSCRIPTION_LINK_GONE)],
  );
  if (rows.length === 0) throw new NotFoundError(SUBSCRIPTION_LINK_GONE);
  return rows[0];
}

export async function getSubscription({ ctx, input }: { ctx: ReadCtx; input: { token: string } }): Promise<Subscription> {
  return toSubscription(await byManageToken(ctx.db, input.token));
}

/** Chooses components (none: every component) of a status page subscription. */
export async function updateSubscription({ ctx, input }: { ctx: ReadCtx; input: { token: string; components?: string[] } }): Promise<Subscription> {
  const current = await byManageToken(ctx.db, input.token);
  const v = parseInput(UpdateSubscriptionInput, input);
  const { page } = await requireList(ctx.db, current.list);
  if (current.list === 'status' && page) checkComponentIds(page, v.components ?? [], 'components');
  const componentIds = current.list === 'status' && v.components?.length ? [...new Set(v.components)] : null;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<Row>(
      `UPDATE status_subscribers SET component_ids = $2::jsonb WHERE id = $1 RETURNING ${COLUMNS}`,
      [current.id, componentIds ? JSON.stringify(componentIds) : null],
    );
    await recordAudit(tx, {
      at: now, actor: system, type: 'status_subscriber.changed', subjectKind: 'status_subscriber', subjectId: current.id, data: { components: componentIds },
    });
    return toSubscription(rows[0]);
  });
}

/** One-click unsubscribe: idempotent, so a repeated POST (a mail client retrying) answers the same and records nothing more. */
export async function unsubscribe({ ctx, input }: { ctx: ReadCtx; input: { token: string } }): Promise<Subscription> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const current = await byManageToken(tx, input.token, true);
    if (current.unsubscribed_at) return toSubscription(current);
    const { rows } = await tx.query<Row>(`UPDATE status_subscribers SET unsubscribed_at = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [current.id, now]);
    await recordAudit(tx, { at: now, actor: system, type: 'status_subscriber.unsubscribed', subjectKind: 'status_subscriber', subjectId: current.id, data: { list: current.list } });
    return toSubscription(rows[0]);
  });
}
