// Fan-out: each pending status_notifications row is written into the outbox for every matching
// confirmed subscriber, in batches. One batch is one transaction: it selects the next subscribers
// after the row's cursor (by id), inserts their messages with one statement (dedupe key
// `status:<notification>:<subscriber>`), and moves the cursor. A worker killed mid-batch rolls
// the batch back; the next run starts from the committed cursor, so each subscriber is queued
// exactly once (the dedupe key is the second lock on that door). A notification for the customers'
// contacts (CUSTOMERS_LIST) goes through the same cursor over contacts instead (fan-out-customers.ts).
import type { Ctx, Db } from '../platform/index.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { queueCustomerBatch } from './fan-out-customers.ts';
import { CUSTOMERS_LIST } from './notify.ts';
import { statusPageOf, type StatusPageConfig } from './page-config.ts';
import { manageLinkText, renderEmail } from './pages/render.ts';
import { linkTo, type LinkSettings } from './tokens.ts';

export type FanOutSettings = LinkSettings & { batchSize: number };
export const DEFAULT_FANOUT_BATCH = 500;

// Stands for the subscriber's manage token in the text and HTML rendered once per notification.
const TOKEN = '{{accord-subscriber-token-5f1c}}';

type Pending = {
  id: string; list: string; subject: string; body: string; component_ids: string[]; created_at: Temporal.Instant; cursor_subscriber_id: string | null; incident_id: string | null;
};

/** One batch of the oldest pending notification; returns how many messages it queued, or null when nothing is pending. */
export async function fanOutBatch(ctx: Ctx, settings: FanOutSettings, hooks: { beforeCommit?: () => Promise<void> } = {}): Promise<number | null> {
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<Pending>(
      `SELECT id, list, subject, body, component_ids, created_at, cursor_subscriber_id, incident_id FROM status_notifications
       WHERE done_at IS NULL ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    if (rows.length === 0) return null;
    const n = rows[0];
    const queued = await queueBatch(tx, n, settings, ctx.clock.now());
    await hooks.beforeCommit?.();
    return queued;
  });
}

async function queueBatch(tx: Db, n: Pending, settings: FanOutSettings, now: Temporal.Instant): Promise<number> {
  // The policy read once per batch, for both kinds of notification.
  const page = statusPageOf((await activePolicy(tx)).model);
  const r = n.list === CUSTOMERS_LIST ? await queueCustomerBatch(tx, n, page, settings, now) : await queueSubscriberBatch(tx, n, page, settings, now);
  const finished = r.selected < settings.batchSize;
  await tx.query(
    `UPDATE status_notifications SET cursor_subscriber_id = COALESCE($2::uuid, cursor_subscriber_id), recipients = recipients + $3,
       done_at = CASE WHEN $4 THEN $5::timestamptz ELSE NULL END WHERE id = $1`,
    [n.id, r.last, r.queued, finished, now],
  );
  return r.queued;
}

async function queueSubscriberBatch(tx: Db, n: Pending, page: StatusPageConfig | null, settings: FanOutSettings, now: Temporal.Instant): Promise<{ selected: number; last: string | null; queued: number }> {
  const manage = linkTo(settings, `/status/subscription/${TOKEN}`);
  const unsubscribe = linkTo(settings, `/status/unsubscribe/${TOKEN}`);
  const manageText = manageLinkText(page, n.list);
  const text = `${n.body}\n\n--\n${manageText}: ${manage}\nUnsubscribe now: ${unsubscribe}\n`;
  const html = renderEmail({ subject: n.subject, body: n.body, manageUrl: manage, manageText, unsubscribeUrl: unsubscribe });
  const { rows } = await tx.query<{ selected: number; last: string | null; queued: number }>(
    `WITH batch AS (
       SELECT s.id, s.email, s.manage_token FROM status_subscribers s
       WHERE s.list = $1 AND s.confirmed_at IS NOT NULL AND s.confirmed_at <= $2 AND s.unsubscribed_at IS NULL
         AND ($3::uuid IS NULL OR s.id > $3::uuid)
         AND (s.component_ids IS NULL OR jsonb_array_length($4::jsonb) = 0
              OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(s.component_ids) c WHERE $4::jsonb @> jsonb_build_array(c.value)))
       ORDER BY s.id LIMIT $5
     ), queued AS (
       INSERT INTO outbox (id, kind, recipient, subject, body, payload, dedupe_key, created_at)
       SELECT gen_random_uuid(), 'status_notice', b.email, $6, replace($7, $8, b.manage_token),
         jsonb_build_object(
           'html', replace($9, $8, b.manage_token),
           'headers', jsonb_build_object(
             'List-Unsubscribe', '<' || replace($10, $8, b.manage_token) || '>',
             'List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'),
           'notificationId', $11::text),
         'status:' || $11::text || ':' || b.id::text, $12
       FROM batch b
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1
     )
     SELECT (SELECT count(*) FROM batch)::int AS selected, (SELECT max(id::text) FROM batch) AS last, (SELECT count(*) FROM queued)::int AS queued`,
    [n.list, n.created_at, n.cursor_subscriber_id, JSON.stringify(n.component_ids), settings.batchSize, n.subject, text, TOKEN, html, unsubscribe, n.id, now],
  );
  return { selected: Number(rows[0].selected), last: rows[0].last, queued: Number(rows[0].queued) };
}

/** Batches until nothing is pending or `maxBatches` ran; returns the messages queued. */
export async function fanOutPending(ctx: Ctx, settings: FanOutSettings, maxBatches = 100): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const queued = await fanOutBatch(ctx, settings);
    if (queued === null) break;
    total += queued;
  }
  return total;
}
