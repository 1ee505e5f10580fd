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
// start or end (a new time, a reminder) with theirs beside it (fan-out-mail.ts bodyForZone, as a
// subscriber who is a contact reads them, fan-out.ts).
import type { Db } from '../platform/index.ts';
import { bodyForZone, entryUrl, insertRendered, noticeWindow, subscriberMailedSql, withEntryLink } from './fan-out-mail.ts';
import type { StatusPageConfig } from './page-config.ts';
import { noticeTokens } from './customer-notice-links.ts';
import { renderEmail } from './pages/render.ts';
import { linkTo, type LinkSettings } from './tokens.ts';

type Pending = {
  id: string; subject: string; body: string; component_ids: string[]; created_at: Temporal.Instant; cursor_subscriber_id: string | null; incident_id: string | null;
};

/** The words of the link in each customer's notice, in the mail's text and its HTML. */
export const STOP_NOTICES_TEXT = 'Stop mailing me these notices';

/** One batch of a customers' notification; returns how many messages it queued and whether it was the last. */
export async function queueCustomerBatch(tx: Db, n: Pending, statusPage: StatusPageConfig | null, settings: LinkSettings & { batchSize: number }, now: Temporal.Instant): Promise<{ selected: number; last: string | null; queued: number }> {
  const { rows: batch } = await tx.query<{ id: string; email: string; time_zone: string | null }>(
    `SELECT c.id, c.email, c.time_zone FROM contacts c
     WHERE c.deactivated_at IS NULL AND c.erased_at IS NULL
       AND ($1::uuid IS NULL OR c.id > $1::uuid)
       AND NOT EXISTS (SELECT 1 FROM status_subscribers s WHERE s.list = 'status' AND lower(s.email) = c.email
                       AND (s.unsubscribed_at IS NOT NULL OR ${subscriberMailedSql('s', '$2', '$4::jsonb')}))
     ORDER BY c.id LIMIT $3`,
    [n.cursor_subscriber_id, n.created_at, settings.batchSize, JSON.stringify(n.component_ids)],
  );
  const tokens = await noticeTokens(tx, batch.map((c) => c.id), now);
  const window = await noticeWindow(tx, statusPage, n.incident_id);
  const mailed = batch.filter((c) => !tokens.get(c.id)!.stopped).map((c) => {
    const token = tokens.get(c.id)!.token;
    const page = linkTo(settings, `/status/notices/${token}`);
    const body = bodyForZone(statusPage, n, window, c.time_zone);
    return {
      email: c.email,
      body: `${withEntryLink(settings, body, n.incident_id)}\n${STOP_NOTICES_TEXT}: ${page}\n`,
      payload: JSON.stringify({
        notificationId: n.id, status_entry_id: n.incident_id, contact_id: c.id,
        html: renderEmail({
          subject: n.subject, body, manageUrl: page, manageText: STOP_NOTICES_TEXT, entryUrl: entryUrl(settings, n.incident_id),
        }),
        headers: { 'List-Unsubscribe': `<${linkTo(settings, `/status/notices/${token}/stop`)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      }),
      key: `status:${n.id}:contact:${c.id}`,
    };
  });
  const queued = await insertRendered(tx, n.subject, now, mailed);
  return { selected: batch.length, last: batch.at(-1)?.id ?? null, queued };
}
