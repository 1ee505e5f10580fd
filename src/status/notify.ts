// What a status write tells people, decided in the write's transaction: one status_notifications
// row per notifying event (fanned out later in batches, fan-out.ts); the mail to the people of the
// tickets linked to an incident is linked-ticket-mail.ts. A notice the policy promises cannot be posted silently.
import { randomUUID } from 'node:crypto';
import { InvalidInputError, type Db } from '../platform/index.ts';
import { possessive } from '../policy/index.ts';
import { localSpanText, localText } from '../sla/index.ts';
import { componentName, pageSpan, pageTime, type StatusPageConfig } from './page-config.ts';
import type { AffectedComponent, Entry, NotifyEvent, StatusEvent } from './schemas.ts';

const LABEL: Record<string, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

export function statusLabel(status: string): string {
  return LABEL[status] ?? status;
}

const COMPONENT_LABEL: Record<string, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

export function componentStatusLabel(status: string): string {
  return COMPONENT_LABEL[status] ?? status;
}

/** The event an update of an entry is, for the policy's promises. */
export function eventOfUpdate(entry: Pick<Entry, 'kind'>, status: string, first: boolean): StatusEvent {
  if (entry.kind === 'incident') return first ? 'incident_reported' : status === 'resolved' ? 'incident_resolved' : 'incident_updated';
  if (first) return 'maintenance_scheduled';
  if (status === 'in_progress') return 'maintenance_started';
  if (status === 'completed') return 'maintenance_completed';
  return 'maintenance_updated';
}

/**
 * Refuses notify: false on an event the policy promises to notify, or on a change the customers
 * are mailed of (`customers`, from mailsCustomers).
 */
export function checkNotify(page: StatusPageConfig, event: StatusEvent, notify: boolean, customers = false): void {
  if (notify) return;
  // Named by whom the policy promises the notice, as the console's box is (OfficeSpace: "Notify
  // subscribers and the customers' contacts"): a refusal that spoke of subscribers alone would hide
  // that the customers' contacts go untold too.
  const owed: { to: string; message: string }[] = [];
  if (page.promised.has(event as NotifyEvent)) owed.push({ to: 'subscribers', message: `must be true: the policy's status_page.notify promises ${event}` });
  // Refused rather than mailed to the customers alone: notify: false would keep the notice from
  // the subscribers' list, and a customer contact who subscribed is left to that list
  // (fan-out-customers.ts), so a silent change would miss exactly the customers who asked most.
  // Refusing loses no one; mailing customers only would lose those contacts.
  if (customers) {
    owed.push({ to: "the customers' contacts", message: "must be true: the policy's status_page.maintenance.email_customers mails the customers told of this outage" });
  }
  if (!owed.length) return;
  throw new InvalidInputError(`The support policy promises this notice to ${owed.map((o) => o.to).join(' and ')}`, owed.map((o) => ({ path: 'notify', message: o.message })));
}

/** The components a maintenance will take (under maintenance from its start), for its notices before it starts. */
export function maintenanceComponents(page: StatusPageConfig, ids: readonly string[]): AffectedComponent[] {
  return ids.map((code) => ({ code, name: componentName(page, code), oldStatus: 'operational' as const, newStatus: 'under_maintenance' as const }));
}

/** Plain text of an update, as mailed and as in the feed. */
type Described = Pick<Entry, 'name' | 'kind' | 'scheduledFor' | 'scheduledUntil'>;
/**
 * `label`: what the body is, where the status does not say it (a hotfix's "what was fixed", under a postmortem's status).
 * `postedAt`: when it was posted, said in the mail ("Posted: Wed Dec 2 2026 05:00 AM EST").
 */
type UpdateText = { status: string; body: string; affected: AffectedComponent[]; label?: string; postedAt?: Temporal.Instant };

/** When an update was posted, in the reader's zone where they chose one, else the page's; the zone named either way. */
export function postedLine(page: StatusPageConfig, at: Temporal.Instant, readerZone?: string | null): string {
  return `Posted: ${readerZone ? localText(at.epochMilliseconds, readerZone) : pageTime(page, at)}`;
}

/**
 * A maintenance's window, as its mail and the feeds say it: in the page's zone, the date and the zone
 * said once where they can be ("Scheduled for Sat 12 Dec 2026, 08:00 to 10:00 GMT-6"), and the same
 * window in the reader's zone beside it where they chose another.
 */
export function scheduledLine(page: StatusPageConfig, from: Temporal.Instant, until: Temporal.Instant, readerZone?: string | null): string {
  const said = pageSpan(page, from, until);
  const theirs = readerZone ? localSpanText(from.epochMilliseconds, until.epochMilliseconds, readerZone) : said;
  return `Scheduled for ${said}${theirs === said ? '' : ` (${theirs} your time)`}`;
}

export function updateText(page: StatusPageConfig, entry: Described, update: UpdateText, readerZone?: string | null): string {
  const lines = [`${entry.name}`, `${update.label ?? statusLabel(update.status)}: ${update.body}`];
  // A paragraph of its own: a body may run to several (a hotfix's postmortem).
  if (update.postedAt) lines.push('', postedLine(page, update.postedAt, readerZone));
  if (entry.kind === 'maintenance' && entry.scheduledFor && entry.scheduledUntil) {
    lines.push('', scheduledLine(page, entry.scheduledFor, entry.scheduledUntil, readerZone));
  }
  if (entry.kind === 'maintenance' && update.status === 'scheduled') {
    // Still to come (its scheduling, a reminder, a new time): the components are as they are until
    // it starts, so they are named, not given the status they will have. OpenMethods: "we will
    // update you when the maintenance is scheduled, in-progress, and completed" — three moments.
    if (update.affected.length > 0) lines.push('', `Affects: ${update.affected.map((a) => a.name).join(', ')}.`);
  } else if (update.affected.length > 0) {
    lines.push('', 'Components:');
    for (const a of update.affected) lines.push(`- ${a.name}: ${componentStatusLabel(a.newStatus)}`);
  }
  lines.push('', `${page.title}`);
  return lines.join('\n');
}

/**
 * The notice of a component's status set outside any incident, in the page's words: its name and
 * its new status, and the one it had.
 * @example
 * componentChangeNotice(page, { code: 'chat-routing', name: 'Chat routing', oldStatus: 'operational', newStatus: 'partial_outage' })
 * // { subject: '[OpenMethods Status Page] Chat routing: Partial outage', body: 'Chat routing: Partial outage\n\nThe status of Chat routing changed from operational to partial outage.\n\nOpenMethods Status Page' }
 */
export function componentChangeNotice(page: StatusPageConfig, change: AffectedComponent): { subject: string; body: string } {
  const now = componentStatusLabel(change.newStatus);
  const was = componentStatusLabel(change.oldStatus);
  return {
    subject: `[${page.title}] ${change.name}: ${now}`,
    body: [
      `${change.name}: ${now}`,
      '',
      `The status of ${change.name} changed from ${was.toLowerCase()} to ${now.toLowerCase()}.`,
      '',
      page.title,
    ].join('\n'),
  };
}

export type NotificationDraft = {
  list: string;
  event: StatusEvent;
  incidentId: string | null;
  componentIds: readonly string[];
  subject: string;
  body: string;
};

/** One notifying event, to be fanned out to matching confirmed subscribers of `list`. */
export async function enqueueNotification(tx: Db, draft: NotificationDraft, at: Temporal.Instant): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO status_notifications (id, list, event, incident_id, component_ids, subject, body, created_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)`,
    [id, draft.list, draft.event, draft.incidentId, JSON.stringify(draft.componentIds), draft.subject, draft.body, at],
  );
  return id;
}

/**
 * The list of a notification mailed to the customers' contacts rather than to subscribers
 * (fan-out.ts). Not an id a policy can give a list (ids have no "@").
 */
export const CUSTOMERS_LIST = '@customers';

/**
 * Whether a change of a maintenance is mailed to the customers, when the policy says the vendor
 * emails them scheduled maintenance (status_page.maintenance.email_customers; OfficeSpace:
 * "customers are usually notified via email"): its scheduling, and, while it is still scheduled,
 * anything that corrects what they were told: a new time, an update posted before it starts, or
 * its completion before its start (in effect calling it off). Not its reminder, start or progress:
 * the vendor says customers are notified of scheduled outages, not of their progress.
 * `entry.status` is the status before the change; `to` the status the change gives it.
 */
export function mailsCustomers(page: StatusPageConfig, entry: Pick<Entry, 'kind'> & Partial<Pick<Entry, 'status'>>, event: StatusEvent, to: string): boolean {
  if (entry.kind !== 'maintenance' || !page.emailsCustomers || entry.status !== 'scheduled') return false;
  return (to === 'scheduled' && event !== 'maintenance_reminder') || to === 'completed';
}

// A reminder or a new time of a maintenance still to come is said so in its subject and its first
// line: under its status ("Scheduled") the subject would read as the announcement again, and the
// line as "Scheduled: Reminder: ..." with "Scheduled for ..." under it.
const SUBJECT_LABEL: Partial<Record<StatusEvent, string>> = { maintenance_reminder: 'Reminder', maintenance_rescheduled: 'Rescheduled' };

/**
 * A notice's subject: the page, what happened, the entry's name. A name that begins with that word
 * already ("Scheduled maintenance") is not given it again ("Scheduled: Scheduled maintenance").
 * @example
 * noticeSubject(page, 'Scheduled', 'Scheduled maintenance (demo)') // '[OpenMethods Status Page] Scheduled maintenance (demo)'
 * noticeSubject(page, 'Reminder', 'Database upgrade') // '[OpenMethods Status Page] Reminder: Database upgrade'
 */
export function noticeSubject(page: StatusPageConfig, label: string, name: string): string {
  const said = name.toLowerCase().startsWith(label.toLowerCase()) && !/^[\p{L}\p{N}]/u.test(name.slice(label.length));
  return `[${page.title}] ${said ? name : `${label}: ${name}`}`;
}

/**
 * The notification of an entry's update to the page's subscribers (and, where the policy says so, its
 * customers); returns the subscribers' one, for the linked cases' mail that stands for it (linked-ticket-mail.ts).
 */
export async function notifySubscribers(
  tx: Db,
  page: StatusPageConfig,
  entry: Pick<Entry, 'id' | 'name' | 'kind' | 'componentIds' | 'scheduledFor' | 'scheduledUntil'> & Partial<Pick<Entry, 'status'>>,
  update: UpdateText,
  event: StatusEvent,
  at: Temporal.Instant,
): Promise<string> {
  const componentIds = [...new Set([...entry.componentIds, ...update.affected.map((a) => a.code)])];
  const label = SUBJECT_LABEL[event];
  const subject = noticeSubject(page, label ?? statusLabel(update.status), entry.name);
  const body = updateText(page, entry, { ...update, label: update.label ?? label, postedAt: at });
  const id = await enqueueNotification(tx, { list: 'status', event, incidentId: entry.id, componentIds, subject, body }, at);
  if (mailsCustomers(page, entry, event, update.status)) {
    await enqueueNotification(tx, {
      list: CUSTOMERS_LIST, event, incidentId: entry.id, componentIds, subject,
      body: `${body}\n\n--\nSent to the contacts of ${possessive(page.vendor)} customers.`,
    }, at);
  }
  return id;
}
