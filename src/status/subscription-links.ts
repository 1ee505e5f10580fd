// The verbs behind the links in subscriber mail: confirm (the second half of double opt-in),
// read and change a subscription, unsubscribe (one click, RFC 8058). The link's token is the
// authority: whoever holds the mail holds the subscription.
import { NotFoundError, parseInput, recordAudit, type Db, type ReadCtx } from '../platform/index.ts';
import { checkComponentIds, requireList } from './page-config.ts';
import { TokenInput, UpdateSubscriptionInput, type Subscription } from './schemas.ts';
import { hashToken } from './tokens.ts';

const COLUMNS = 'id, list, email, component_ids, confirmed_at, unsubscribed_at, created_at';
type Row = { id: string; list: string; email: string; component_ids: string[] | null; confirmed_at: Temporal.Instant | null; unsubscribed_at: Temporal.Instant | null; created_at: Temporal.Instant };

function toSubscription(r: Row): Subscription {
  return { id: r.id, list: r.list, email: r.email, componentIds: r.component_ids, confirmedAt: r.confirmed_at, unsubscribedAt: r.unsubscribed_at, createdAt: r.created_at };
}

const system = { kind: 'system' } as const;

/** Confirms the subscription whose unexpired link this is; the link then stops working. */
export async function confirmSubscription({ ctx, input }: { ctx: ReadCtx; input: { token: string } }): Promise<Subscription & { manageToken: string }> {
  const { token } = parseInput(TokenInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<Row & { manage_token: string }>(
      `UPDATE status_subscribers SET confirmed_at = $2, unsubscribed_at = NULL, confirm_token_hash = NULL, confirm_expires_at = NULL
       WHERE confirm_token_hash = $1 AND confirm_expires_at > $2 RETURNING ${COLUMNS}, manage_token`,
      [hashToken(token), now],
    );
    if (rows.length === 0) throw new NotFoundError('This confirmation link has expired or was already used; subscribe again for a new one');
    await recordAudit(tx, { at: now, actor: system, type: 'status_subscriber.confirmed', subjectKind: 'status_subscriber', subjectId: rows[0].id, data: { list: rows[0].list } });
    return { ...toSubscription(rows[0]), manageToken: rows[0].manage_token };
  });
}

async function byManageToken(db: Db, token: string): Promise<Row> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM status_subscribers WHERE manage_token = $1`, [token]);
  if (rows.length === 0) throw new NotFoundError('This subscription link is not valid');
  return rows[0];
}

export async function getSubscription({ ctx, input }: { ctx: ReadCtx; input: { token: string } }): Promise<Subscription> {
  const { token } = parseInput(TokenInput, input);
  return toSubscription(await byManageToken(ctx.db, token));
}

/** Chooses components (none: every component) of a status page subscription. */
export async function updateSubscription({ ctx, input }: { ctx: ReadCtx; input: { token: string; components?: string[] } }): Promise<Subscription> {
  const v = parseInput(UpdateSubscriptionInput, input);
  const current = await byManageToken(ctx.db, v.token);
  const { page } = await requireList(ctx.db, current.list);
  if (current.list === 'status' && page) checkComponentIds(page, v.components ?? [], 'components');
  const componentIds = current.list === 'status' && v.components?.length ? [...new Set(v.components)] : null;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<Row>(`UPDATE status_subscribers SET component_ids = $2::jsonb WHERE id = $1 RETURNING ${COLUMNS}`, [current.id, componentIds ? JSON.stringify(componentIds) : null]);
    await recordAudit(tx, { at: now, actor: system, type: 'status_subscriber.changed', subjectKind: 'status_subscriber', subjectId: current.id, data: { components: componentIds } });
    return toSubscription(rows[0]);
  });
}

/** One-click unsubscribe: idempotent, so a repeated POST (a mail client retrying) answers the same. */
export async function unsubscribe({ ctx, input }: { ctx: ReadCtx; input: { token: string } }): Promise<Subscription> {
  const { token } = parseInput(TokenInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<Row>(
      `UPDATE status_subscribers SET unsubscribed_at = COALESCE(unsubscribed_at, $2) WHERE manage_token = $1 RETURNING ${COLUMNS}`,
      [token, now],
    );
    if (rows.length === 0) throw new NotFoundError('This subscription link is not valid');
    await recordAudit(tx, { at: now, actor: system, type: 'status_subscriber.unsubscribed', subjectKind: 'status_subscriber', subjectId: rows[0].id, data: { list: rows[0].list } });
    return toSubscription(rows[0]);
  });
}
