// The mail to the people of the tickets linked to an incident, queued in the update's transaction:
// its requester and the contacts copied on it, as the ticket's own mail goes (tickets/customer-mail.ts
// readersOf), not one who has left the customer; once per (update, ticket, person).
//
// One who also subscribes to the page would be told the same update twice, by this mail and by the
// subscribers' notice (QA: two "Resolved" mails for one resolution). This mail is the one kept: it
// is on the case's thread and a reply to it goes on the case (the customer's "we still see delays"
// reaches the agent), and the team sees it among the case's mail; the notice would have added only
// its links, so this mail carries them: the incident's page and their subscription's page. It names
// the subscribers' notification it stands for (`notificationId`), and the fan-out passes over the
// addresses mailed so (fan-out.ts). No List-Unsubscribe header: leaving the list would not stop
// the mail of their case.
import { queueMessage } from '../outbox/index.ts';
import type { Db } from '../platform/index.ts';
import { ENTRY_LINK_TEXT, entryPath, subscriberMailedSql } from './fan-out-mail.ts';
import { noticeSubject, statusLabel, updateText } from './notify.ts';
import { manageLinkText, type StatusPageConfig } from './page-config.ts';
import type { Entry, EntryUpdate } from './schemas.ts';

type Linked = { ticket_id: string; number: number; contact_id: string; email: string; time_zone: string | null; manage_token: string | null };

/**
 * Mails the people of the tickets linked to an incident; `notificationId`: the subscribers' notice of
 * the same update (null: none was posted), which a subscriber among them is not sent as well.
 */
export async function notifyLinkedTickets(
  tx: Db,
  page: StatusPageConfig,
  entry: Pick<Entry, 'id' | 'name' | 'kind' | 'scheduledFor' | 'scheduledUntil'>,
  update: EntryUpdate,
  notificationId: string | null,
): Promise<number> {
  // The manage token of a subscriber the notice is for (fan-out-mail.ts subscriberMailedSql), else null.
  const { rows } = await tx.query<Linked>(
    `SELECT l.ticket_id, t.number, c.id AS contact_id, c.email, c.time_zone,
       (SELECT s.manage_token FROM status_notifications n JOIN status_subscribers s ON s.list = n.list AND lower(s.email) = c.email
        WHERE n.id = $2::uuid AND ${subscriberMailedSql('s', 'n.created_at', 'n.component_ids')} ORDER BY s.id LIMIT 1) AS manage_token
     FROM status_incident_tickets l JOIN tickets t ON t.id = l.ticket_id
     JOIN contacts c ON (c.id = t.requester_id OR c.id IN (SELECT k.contact_id FROM ticket_ccs k WHERE k.ticket_id = t.id)) AND c.deactivated_at IS NULL
     WHERE l.incident_id = $1 ORDER BY t.number, c.id <> t.requester_id, c.email`,
    [entry.id, notificationId],
  );
  let sent = 0;
  for (const r of rows) {
    // Each reads the time in the zone they chose, else the page's.
    const text = updateText(page, entry, { status: update.status, body: update.body, affected: update.affectedComponents, postedAt: update.createdAt }, r.time_zone);
    const standsFor = r.manage_token ? `\n\nThis mail is also your ${page.title} notice of this update.` : '';
    // Mail about the case, named as the case's other mail names it (tickets/customer-mail.ts): its
    // "[#N]" in the subject and its page in the portal; `ticket_id` puts it on the case's thread
    // (email/deliver.ts), lists it with the case's mail and takes a reply to it onto the case
    // (email/match.ts), as for any mail of the case.
    const queued = await queueMessage(tx, {
      kind: 'status_ticket_update',
      recipient: r.email,
      subject: `${noticeSubject(page, statusLabel(update.status), entry.name)} (case [#${r.number}])`,
      body: `${text}\n\nCase #${r.number} is linked to this incident.${standsFor}`,
      payload: {
        incidentId: entry.id, updateId: update.id, ticket_id: r.ticket_id, ticket_number: Number(r.number), notificationId,
        // Links are left out of the case's mail as the team lists it (email/ticket-mail.ts): the token stays theirs.
        links: [
          { label: `Case #${r.number} in the support portal`, path: `/portal/cases/${r.ticket_id}` },
          { label: ENTRY_LINK_TEXT, path: entryPath(entry.id)! },
          ...(r.manage_token ? [{ label: manageLinkText(page, 'status'), path: `/status/subscription/${r.manage_token}` }] : []),
        ],
      },
      dedupeKey: `status-ticket:${update.id}:${r.ticket_id}:${r.contact_id}`,
      createdAt: update.createdAt,
    });
    if (queued) sent++;
  }
  return sent;
}
