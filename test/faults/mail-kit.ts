// The mail-outage fault run's setup and counts: critical tickets that support's close hands to
// on-call (each hand-over pages, and starts after-hours clocks that are long past due), and what
// became of every e-mail those and the bulk breaches owe, as the relay (smtp-sink.ts) saw it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { outboxMessageId } from '../../src/email/headers.ts';
import type { OpenedDb } from '../../src/platform/index.ts';
import { insertBulkHandovers } from '../support/bulk-clocks.ts';
import type { MailSink } from './smtp-sink.ts';

export const HANDOVER_SUBJECT = 'On-call';

type PolicyFile = {
  calendars: Array<{ id: string; time_zone: string; hours: Record<string, string> }>;
  plans: Array<{ id: string; calendar: string }>;
  after_hours: Array<{ severities: number[]; channels: string[]; targets: Record<string, unknown> }>;
};

/**
 * `count` tickets that arrived at 10:00 on a Wednesday one to two weeks ago, in support hours,
 * by the after-hours rule's channel at its severity, and are due to be handed to on-call at that
 * day's close; read from the policy file, so today's date and hour do not matter. On-call
 * rotations are removed, so the page goes to the managers and admins (after-hours.ts: with nobody
 * on call, a page still reaches someone) whatever the demo's rotation says of that week.
 * Returns how many after-hours clocks each hand-over starts (the rule's targets).
 */
export async function makeHandoversDue(db: OpenedDb, count: number, policyPath: string): Promise<{ afterHoursClocks: number }> {
  const file = parse(readFileSync(path.resolve(import.meta.dirname, '../..', policyPath), 'utf8')) as PolicyFile;
  const { rows } = await db.query<{ id: string; organization_id: string; plan_id: string; version: number }>(
    `SELECT c.id, c.organization_id, o.plan_id, (SELECT max(version) FROM policy_versions) AS version
     FROM contacts c JOIN organizations o ON o.id = c.organization_id ORDER BY c.email LIMIT 1`,
  );
  const calendar = file.calendars.find((c) => c.id === file.plans.find((p) => p.id === rows[0].plan_id)!.calendar)!;
  const [, close] = /^\d\d:\d\d-(\d\d:\d\d)$/.exec(calendar.hours['mon-fri'])!;
  const today = Temporal.Now.plainDateISO(calendar.time_zone);
  const week = today.subtract({ days: 7 });
  const wednesday = week.subtract({ days: (week.dayOfWeek - 3 + 7) % 7 });
  const at = (time: string) => wednesday.toZonedDateTime({ timeZone: calendar.time_zone, plainTime: Temporal.PlainTime.from(time) }).toInstant();
  const rule = file.after_hours[0];
  await db.query('DELETE FROM oncall_rotations');
  await insertBulkHandovers(db, {
    count, subject: HANDOVER_SUBJECT, organizationId: rows[0].organization_id, requesterId: rows[0].id, policyVersion: Number(rows[0].version),
    planId: rows[0].plan_id, severity: rule.severities[0], channel: rule.channels[0], openedAt: at('10:00'), handoverAt: at(close),
  });
  return { afterHoursClocks: Object.keys(rule.targets).length };
}

/** The run's own messages, as the relay sees them: about a bulk ticket or a handed-over one. */
export const isOurs = (subject: string) => new RegExp(`: (Bulk|${HANDOVER_SUBJECT}) \\d+$`).test(subject);

export type MailCounts = {
  handovers_expected: number;
  handovers_done: number;
  handovers_duplicated: number;
  pages_expected: number;
  pages_queued: number;
  pages_duplicated: number;
  paged_events: number;
  after_hours_breaches_expected: number;
  after_hours_breaches_done: number;
  after_hours_breaches_duplicated: number;
  emails_expected: number;
  emails_queued: number;
  emails_queued_duplicated: number;
  emails_recorded_sent: number;
  emails_delivered: number;
  emails_duplicated: number;
  emails_lost: number;
  emails_max_copies: number;
  /** Messages the relay accepted about our tickets that no outbox row of ours explains. */
  emails_unexplained: number;
  refused_attempts: number;
  refused_messages: number;
};

/**
 * What happened to the effects owed: `clocks` bulk breaches (one e-mail per manager or admin
 * each), `handovers` hand-overs (one page per manager or admin each, and `afterHoursClocks`
 * breaches, each again one e-mail per manager or admin). `domain` names the Message-IDs.
 */
export async function countMailEffects(
  db: OpenedDb, sink: MailSink, domain: string, owed: { clocks: number; handovers: number; afterHoursClocks: number },
): Promise<MailCounts> {
  const ours = `SELECT id FROM tickets WHERE subject LIKE 'Bulk %' OR subject LIKE '${HANDOVER_SUBJECT} %'`;
  const handedOver = `SELECT id FROM tickets WHERE subject LIKE '${HANDOVER_SUBJECT} %'`;
  const { rows: [r] } = await db.query<{ managers: number; handed: number; handed_tickets: number; paged: number; ah: number; ah_clocks: number }>(
    `SELECT (SELECT count(*)::int FROM agents WHERE role IN ('manager', 'admin')) AS managers,
            (SELECT count(*)::int FROM ticket_events WHERE type = 'handed_to_on_call' AND ticket_id IN (${handedOver})) AS handed,
            (SELECT count(DISTINCT ticket_id)::int FROM ticket_events WHERE type = 'handed_to_on_call' AND ticket_id IN (${handedOver})) AS handed_tickets,
            (SELECT count(*)::int FROM ticket_events WHERE type = 'paged' AND ticket_id IN (${handedOver})) AS paged,
            (SELECT count(*)::int FROM ticket_events WHERE type = 'sla_breach' AND ticket_id IN (${handedOver})) AS ah,
            (SELECT count(DISTINCT data->>'clock_id')::int FROM ticket_events WHERE type = 'sla_breach' AND ticket_id IN (${handedOver})) AS ah_clocks`,
  );
  const { rows } = await db.query<{ id: string; kind: string; recipient: string; status: string; ticket_id: string; clock_id: string | null }>(
    `SELECT id, kind, recipient, status, payload->>'ticket_id' AS ticket_id, payload->>'clock_id' AS clock_id
     FROM outbox WHERE (payload->>'ticket_id')::uuid IN (${ours})`,
  );
  const tally = (list: { messageId: string }[]) => list.reduce((m, a) => m.set(a.messageId, (m.get(a.messageId) ?? 0) + 1), new Map<string, number>());
  const accepted = tally(sink.accepted);
  const refused = tally(sink.refused);
  const ids = rows.map((row) => outboxMessageId(row.id, domain));
  const copies = ids.map((id) => accepted.get(id) ?? 0);
  const pages = rows.filter((row) => row.kind === 'oncall_page');
  const distinct = (list: string[]) => new Set(list).size;
  const mine = new Set(ids);
  const m = r.managers;
  const expected = { emails: m * (owed.clocks + owed.handovers + owed.handovers * owed.afterHoursClocks), pages: m * owed.handovers };
  const delivered = copies.filter((n) => n > 0).length;
  return {
    handovers_expected: owed.handovers,
    handovers_done: r.handed_tickets,
    handovers_duplicated: r.handed - r.handed_tickets,
    pages_expected: expected.pages,
    pages_queued: distinct(pages.map((p) => `${p.ticket_id} ${p.recipient}`)),
    pages_duplicated: pages.length - distinct(pages.map((p) => `${p.ticket_id} ${p.recipient}`)),
    paged_events: r.paged,
    after_hours_breaches_expected: owed.handovers * owed.afterHoursClocks,
    after_hours_breaches_done: r.ah_clocks,
    after_hours_breaches_duplicated: r.ah - r.ah_clocks,
    emails_expected: expected.emails,
    emails_queued: rows.length,
    emails_queued_duplicated: rows.length - distinct(rows.map((row) => `${row.kind} ${row.ticket_id} ${row.clock_id} ${row.recipient}`)),
    emails_recorded_sent: rows.filter((row) => row.status === 'sent').length,
    emails_delivered: delivered,
    emails_duplicated: copies.reduce((a, n) => a + Math.max(0, n - 1), 0),
    emails_lost: expected.emails - delivered,
    emails_max_copies: Math.max(0, ...copies),
    emails_unexplained: distinct(sink.accepted.filter((a) => isOurs(a.subject) && !mine.has(a.messageId)).map((a) => a.messageId)),
    refused_attempts: ids.reduce((a, id) => a + (refused.get(id) ?? 0), 0),
    refused_messages: ids.filter((id) => refused.has(id)).length,
  };
}
