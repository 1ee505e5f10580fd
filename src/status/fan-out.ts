// Fan-out: each pending status_notifications row is written into the outbox for every matching
// confirmed subscriber, in batches. One batch is one transaction: it selects the next subscribers
// after the row's cursor (by id), inserts their messages with one statement (dedupe key
// `status:<notification>:<subscriber>`), and moves the cursor. A worker killed mid-batch rolls
// the batch back; the next run starts from the committed cursor, so each subscriber is queued
// exactly once (the dedupe key is the second lock on that door). A notification for the customers'
// contacts (CUSTOMERS_LIST) goes through the same cursor over contacts instead (fan-out-customers.ts).
//
// The messages give times in the page's zone, except to a subscriber whose address is an active
// customer contact's who chose another zone: they read them as the customers' notice gives them
// (fan-out-mail.ts bodyForZone). Those few are left out of the INSERT ... SELECT, rendered in code
// once per zone and inserted with the same dedupe key in the batch's transaction.
import type { Ctx, Db } from '../platform/index.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { queueCustomerBatch } from './fan-out-customers.ts';
import { bodyForZone, entryUrl, insertRendered, noticeWindow, subscriberMailedSql, withEntryLink } from './fan-out-mail.ts';
import { CUSTOMERS_LIST } from './notify.ts';
import { manageLinkText, statusPageOf, type StatusPageConfig } from './page-config.ts';
import { renderEmail } from './pages/render.ts';
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

type Zoned = { id: string; email: string; token: string; zone: string };

async function queueSubscriberBatch(tx: Db, n: Pending, page: StatusPageConfig | null, settings: FanOutSettings, now: Temporal.Instant): Promise<{ selected: number; last: string | null; queued: number }> {
  const manage = linkTo(settings, `/status/subscription/${TOKEN}`);
  const unsubscribe = linkTo(settings, `/status/unsubscribe/${TOKEN}`);
  const manageText = manageLinkText(page, n.list);
  // The text and HTML of a body, rendered once, the subscriber's token put in per message; the
  // notice's incident or maintenance on the public page after its words.
  const footed = (body: string) => ({
    text: `${withEntryLink(settings, body, n.incident_id)}\n\n--\n${manageText}: ${manage}\nUnsubscribe now: ${unsubscribe}\n`,
    html: renderEmail({
      subject: n.subject, body, manageUrl: manage, manageText, unsubscribeUrl: unsubscribe, entryUrl: entryUrl(settings, n.incident_id),
    }),
  });
  const { text, html } = footed(n.body);
  // A subscriber whose address is an active customer contact's who chose a zone other than the
  // page's ($13; none without a page) is left out of the INSERT and returned, to be rendered below.
  // One who was mailed this update on a linked case of theirs (linked-ticket-mail.ts, the mail
  // naming this notification) is passed over: that mail was their notice.
  const { rows } = await tx.query<{ selected: number; last: string | null; queued: number; zoned: Zoned[] }>(
    `WITH batch AS (
       SELECT s.id, s.email, s.manage_token, ct.time_zone FROM status_subscribers s
       LEFT JOIN contacts ct ON ct.email = lower(s.email) AND ct.deactivated_at IS NULL AND ct.erased_at IS NULL AND ct.time_zone <> $13
       WHERE s.list = $1 AND ${subscriberMailedSql('s', '$2', '$4::jsonb')}
         AND ($3::uuid IS NULL OR s.id > $3::uuid)
         AND lower(s.email) NOT IN (
           SELECT o.recipient FROM status_incident_tickets l JOIN outbox o ON o.payload->>'ticket_id' = l.ticket_id::text
           WHERE l.incident_id = $14::text::uuid AND o.kind = 'status_ticket_update' AND o.payload->>'notificationId' = $11::text)
       ORDER BY s.id LIMIT $5
     ), queued AS (
       INSERT INTO outbox (id, kind, recipient, subject, body, payload, dedupe_key, created_at)
       SELECT gen_random_uuid(), 'status_notice', b.email, $6, replace($7, $8, b.manage_token),
         jsonb_build_object(
           'html', replace($9, $8, b.manage_token),
           'headers', jsonb_build_object(
             'List-Unsubscribe', '<' || replace($10, $8, b.manage_token) || '>',
             'List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'),
           'notificationId', $11::text, 'status_entry_id', $14::text),
         'status:' || $11::text || ':' || b.id::text, $12
       FROM batch b WHERE b.time_zone IS NULL
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1
     )
     SELECT (SELECT count(*) FROM batch)::int AS selected, (SELECT max(id::text) FROM batch) AS last, (SELECT count(*) FROM queued)::int AS queued,
       (SELECT COALESCE(jsonb_agg(jsonb_build_object('id', id, 'email', email, 'token', manage_token, 'zone', time_zone) ORDER BY id), '[]'::jsonb)
        FROM batch WHERE time_zone IS NOT NULL) AS zoned`,
    [n.list, n.created_at, n.cursor_subscriber_id, JSON.stringify(n.component_ids), settings.batchSize, n.subject, text, TOKEN, html, unsubscribe, n.id, now, page?.zone.timeZone ?? null,
      n.incident_id],
  );
  const zoned = rows[0].zoned;
  const queued = Number(rows[0].queued) + (zoned.length === 0 ? 0 : await queueZoned(tx, n, page, zoned, footed, unsubscribe, now));
  return { selected: Number(rows[0].selected), last: rows[0].last, queued };
}

/** The few subscribers who read times in their own zone: each zone's body rendered once, inserted in the batch's transaction. */
async function queueZoned(
  tx: Db, n: Pending, page: StatusPageConfig | null, zoned: readonly Zoned[],
  footed: (body: string) => { text: string; html: string }, unsubscribe: string, now: Temporal.Instant,
): Promise<number> {
  const window = await noticeWindow(tx, page, n.incident_id);
  const byZone = new Map<string, { text: string; html: string }>();
  const messages = zoned.map((s) => {
    let rendered = byZone.get(s.zone);
    if (!rendered) byZone.set(s.zone, (rendered = footed(bodyForZone(page, n, window, s.zone))));
    const withToken = (x: string) => x.split(TOKEN).join(s.token);
    return {
      email: s.email,
      body: withToken(rendered.text),
      payload: JSON.stringify({
        html: withToken(rendered.html),
        headers: { 'List-Unsubscribe': `<${withToken(unsubscribe)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        notificationId: n.id, status_entry_id: n.incident_id,
      }),
      key: `status:${n.id}:${s.id}`,
    };
  });
  return insertRendered(tx, n.subject, now, messages);
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
