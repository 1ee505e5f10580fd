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
//
// The contacts never asked for this mail, so each message carries their own link to stop it
// (customer-notice-links.ts), in the text, the HTML and List-Unsubscribe; one who stopped it is
// passed over (the cursor walks past them all the same). The maintenance's times stay in the page's
// zone, as it publishes them, with a contact's own time beside them where they chose a zone: its
// window (notify.ts scheduledLine) in their zone beside the page's, and each other mention of its
// start or end (a new time, a reminder) with theirs beside it.
import type { Db } from '../platform/index.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { withReaderTimes } from '../sla/index.ts';
import { postedLine, scheduledLine } from './notify.ts';
import { statusPageOf } from './page-config.ts';
import { noticeTokens } from './customer-notice-links.ts';
import { renderEmail } from './pages/render.ts';
import { linkTo, type LinkSettings } from './tokens.ts';

type Pending = {
  id: string; subject: string; body: string; component_ids: string[]; created_at: Temporal.Instant; cursor_subscriber_id: string | null; incident_id: string | null;
};

/** The words of the link in each customer's notice, in the mail's text and its HTML. */
export const STOP_NOTICES_TEXT = 'Stop mailing me these notices';

/**
 * The maintenance's times as the notice gives them, in the status page's zone (the vendor's: the page
 * publishes them so), for a contact's own time beside them. Its current times: a notice written
 * before a new time was set names the old ones, which are then left as they are.
 */
async function scheduledTimes(tx: Db, incidentId: string | null): Promise<{ from: Temporal.Instant; until: Temporal.Instant; zone: string } | null> {
  if (!incidentId) return null;
  const zone = statusPageOf((await activePolicy(tx)).model)?.zone.timeZone;
  const { rows } = await tx.query<{ scheduled_for: Temporal.Instant | null; scheduled_until: Temporal.Instant | null }>(
    'SELECT scheduled_for, scheduled_until FROM status_incidents WHERE id = $1', [incidentId],
  );
  const r = rows[0];
  if (!zone || !r?.scheduled_for || !r.scheduled_until) return null;
  return { from: r.scheduled_for, until: r.scheduled_until, zone };
}

/** One batch of a customers' notification; returns how many messages it queued and whether it was the last. */
export async function queueCustomerBatch(tx: Db, n: Pending, settings: LinkSettings & { batchSize: number }, now: Temporal.Instant): Promise<{ selected: number; last: string | null; queued: number }> {
  const { rows: batch } = await tx.query<{ id: string; email: string; time_zone: string | null }>(
    `SELECT c.id, c.email, c.time_zone FROM contacts c
     WHERE c.deactivated_at IS NULL AND c.erased_at IS NULL
       AND ($1::uuid IS NULL OR c.id > $1::uuid)
       AND NOT EXISTS (SELECT 1 FROM status_subscribers s WHERE s.list = 'status' AND lower(s.email) = c.email
                       AND (s.unsubscribed_at IS NOT NULL OR (s.confirmed_at IS NOT NULL AND s.confirmed_at <= $2
                            AND (s.component_ids IS NULL OR jsonb_array_length($4::jsonb) = 0
                                 OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(s.component_ids) sc WHERE $4::jsonb @> jsonb_build_array(sc.value))))))
     ORDER BY c.id LIMIT $3`,
    [n.cursor_subscriber_id, n.created_at, settings.batchSize, JSON.stringify(n.component_ids)],
  );
  const tokens = await noticeTokens(tx, batch.map((c) => c.id), now);
  const times = await scheduledTimes(tx, n.incident_id);
  // When it was posted and the window, in the page's zone (notify.ts): each line said in the contact's own zone where they chose one.
  const statusPage = statusPageOf((await activePolicy(tx)).model);
  const theirLines = (zone: string | null): Array<[string, string]> => (!statusPage || !zone ? [] : [
    [postedLine(statusPage, n.created_at), postedLine(statusPage, n.created_at, zone)],
    ...(times ? [[scheduledLine(statusPage, times.from, times.until), scheduledLine(statusPage, times.from, times.until, zone)] as [string, string]] : []),
  ]);
  const mailed = batch.filter((c) => !tokens.get(c.id)!.stopped).map((c) => {
    const token = tokens.get(c.id)!.token;
    const page = linkTo(settings, `/status/notices/${token}`);
    const own = theirLines(c.time_zone).reduce((text, [said, theirs]) => text.replace(said, theirs), n.body);
    const body = times ? withReaderTimes(own, [times.from.epochMilliseconds, times.until.epochMilliseconds], times.zone, c.time_zone) : own;
    return {
      email: c.email,
      body: `${body}\n${STOP_NOTICES_TEXT}: ${page}\n`,
      payload: JSON.stringify({
        notificationId: n.id, contact_id: c.id,
        html: renderEmail({ subject: n.subject, body, manageUrl: page, manageText: STOP_NOTICES_TEXT }),
        headers: { 'List-Unsubscribe': `<${linkTo(settings, `/status/notices/${token}/stop`)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      }),
      key: `status:${n.id}:contact:${c.id}`,
    };
  });
  const { rows } = mailed.length === 0 ? { rows: [] } : await tx.query(
    `INSERT INTO outbox (id, kind, recipient, subject, body, payload, dedupe_key, created_at)
     SELECT gen_random_uuid(), 'status_notice', m.email, $1, m.body, m.payload::jsonb, m.key, $2
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS m(email, body, payload, key)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1`,
    [n.subject, now, mailed.map((m) => m.email), mailed.map((m) => m.body), mailed.map((m) => m.payload), mailed.map((m) => m.key)],
  );
  const queued = rows.length;
  return { selected: batch.length, last: batch.at(-1)?.id ?? null, queued };
}
