// The customers' share of a scheduled-maintenance notice (status_page.maintenance.email_customers):
// a notification of the list CUSTOMERS_LIST (notify.ts) is written into the outbox for every active
// contact of every customer organization, in batches by contact id with the same cursor as the
// subscribers' fan-out (fan-out.ts), dedupe key `status:<notification>:contact:<contact>`.
//
// Each address is mailed once. A contact whose address is on the status page's list is left to
// that list only where the list mails them this notice: one confirmed before the notice was posted
// whose components (if they chose any) overlap the notice's is mailed by the subscribers' fan-out
// (the same component test as fan-out.ts; every change mailed to customers is also enqueued for
// the subscribers, notify.ts checkNotify), one who chose other components is mailed here, and one
// who unsubscribed asked for no more of these notices, which
// is honoured here too. Contacts who left their customer or were erased are mailed nothing.
import type { Db } from '../platform/index.ts';

type Pending = { id: string; subject: string; body: string; component_ids: string[]; created_at: Temporal.Instant; cursor_subscriber_id: string | null };

/** One batch of a customers' notification; returns how many messages it queued and whether it was the last. */
export async function queueCustomerBatch(tx: Db, n: Pending, batchSize: number, now: Temporal.Instant): Promise<{ selected: number; last: string | null; queued: number }> {
  const { rows } = await tx.query<{ selected: number; last: string | null; queued: number }>(
    `WITH batch AS (
       SELECT c.id, c.email FROM contacts c
       WHERE c.deactivated_at IS NULL AND c.erased_at IS NULL
         AND ($1::uuid IS NULL OR c.id > $1::uuid)
         AND NOT EXISTS (SELECT 1 FROM status_subscribers s WHERE s.list = 'status' AND lower(s.email) = c.email
                         AND (s.unsubscribed_at IS NOT NULL OR (s.confirmed_at IS NOT NULL AND s.confirmed_at <= $2
                              AND (s.component_ids IS NULL OR jsonb_array_length($8::jsonb) = 0
                                   OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(s.component_ids) sc WHERE $8::jsonb @> jsonb_build_array(sc.value))))))
       ORDER BY c.id LIMIT $3
     ), queued AS (
       INSERT INTO outbox (id, kind, recipient, subject, body, payload, dedupe_key, created_at)
       SELECT gen_random_uuid(), 'status_notice', b.email, $4, $5,
         jsonb_build_object('notificationId', $6::text, 'contact_id', b.id::text),
         'status:' || $6::text || ':contact:' || b.id::text, $7
       FROM batch b
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1
     )
     SELECT (SELECT count(*) FROM batch)::int AS selected, (SELECT max(id::text) FROM batch) AS last, (SELECT count(*) FROM queued)::int AS queued`,
    [n.cursor_subscriber_id, n.created_at, batchSize, n.subject, n.body, n.id, now, JSON.stringify(n.component_ids)],
  );
  return { selected: Number(rows[0].selected), last: rows[0].last, queued: Number(rows[0].queued) };
}
