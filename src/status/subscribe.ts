// subscribe: the first half of double opt-in. Whatever the address's state, the caller learns
// nothing (the route answers the same): a new or lapsed address gets a confirmation link that
// expires; a confirmed one gets its manage link instead, and nothing changes until a link is used.
import { randomUUID } from 'node:crypto';
import { queueMessage } from '../outbox/index.ts';
import { InvalidInputError, parseInput, recordAudit, type ReadCtx } from '../platform/index.ts';
import { checkComponentIds, requireList } from './page-config.ts';
import { SubscribeInput } from './schemas.ts';
import { CONFIRM_LINK_HOURS, hashToken, linkTo, newLinkToken, type LinkSettings } from './tokens.ts';

export async function subscribe({ ctx, input, settings }: { ctx: ReadCtx; input: SubscribeInput; settings: LinkSettings }): Promise<void> {
  const v = parseInput(SubscribeInput, input);
  const { page, notice } = await requireList(ctx.db, v.list);
  if (notice && v.components?.length) throw new InvalidInputError('A notice list has no components', [{ path: 'components', message: 'only for the status page' }]);
  if (page && !notice) checkComponentIds(page, v.components ?? [], 'components');
  const componentIds = v.components?.length ? [...new Set(v.components)] : null;
  const now = ctx.clock.now();
  const token = newLinkToken();
  const expires = now.add({ hours: CONFIRM_LINK_HOURS });
  const listName = notice?.name ?? page!.title;
  await ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; confirmed_at: Temporal.Instant | null; unsubscribed_at: Temporal.Instant | null; manage_token: string }>(
      'SELECT id, confirmed_at, unsubscribed_at, manage_token FROM status_subscribers WHERE list = $1 AND email = $2 FOR UPDATE',
      [v.list, v.email],
    );
    const existing = rows[0];
    if (existing?.confirmed_at && !existing.unsubscribed_at) {
      // Already subscribed: send the manage link (at most once a day), change nothing.
      await queueMessage(tx, {
        kind: 'status_confirm', recipient: v.email, subject: `Your subscription to ${listName}`,
        body: `You are already subscribed to ${listName}.\n\nChange or cancel it here: ${linkTo(settings, `/status/subscription/${existing.manage_token}`)}\n`,
        dedupeKey: `status-already:${existing.id}:${now.toString().slice(0, 10)}`, createdAt: now,
      });
      return;
    }
    let id = existing?.id;
    if (existing) {
      await tx.query(
        'UPDATE status_subscribers SET component_ids = $2::jsonb, confirm_token_hash = $3, confirm_expires_at = $4 WHERE id = $1',
        [existing.id, componentIds ? JSON.stringify(componentIds) : null, hashToken(token), expires],
      );
    } else {
      id = randomUUID();
      await tx.query(
        `INSERT INTO status_subscribers (id, list, email, component_ids, confirm_token_hash, confirm_expires_at, manage_token, created_at)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8)`,
        [id, v.list, v.email, componentIds ? JSON.stringify(componentIds) : null, hashToken(token), expires, newLinkToken(), now],
      );
    }
    await queueMessage(tx, {
      kind: 'status_confirm', recipient: v.email, subject: `Confirm your subscription to ${listName}`,
      body: `Someone (we hope you) asked to receive ${listName} notices at this address.\n\n` +
        `Confirm within ${CONFIRM_LINK_HOURS} hours: ${linkTo(settings, `/status/confirm/${token}`)}\n\n` +
        'If it was not you, ignore this message: nothing will be sent without confirmation.\n',
      dedupeKey: `status-confirm:${hashToken(token)}`, createdAt: now,
    });
    await recordAudit(tx, { at: now, actor: { kind: 'system' }, type: 'status_subscriber.requested', subjectKind: 'status_subscriber', subjectId: id!, data: { list: v.list } });
  });
}

