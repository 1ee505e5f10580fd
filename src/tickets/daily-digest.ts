// The managers' morning mail: at the hour each manager (and admin) chose, 07:00 unless they chose
// another, in their own time zone (their profile; UTC when none), what the desk did in the 24 hours before and what waits now: tickets
// opened and solved, promises missed (each breach, each update a cadence missed one, up to 10 named), the open tickets, those
// nobody holds, those due before the next digest, the requests held for review, and the customers'
// ratings given (the bad ones named, to follow up). The hourly
// digest job asks for it; each manager gets one per local day (the outbox's dedupe key), so a
// second instance or a run repeated sends nothing twice. It is a kind of mail they may turn off
// (customers/mail-preferences.ts: daily_digest); the promises themselves (warnings, breaches) come
// anyway, when they happen.
import { agentsTakingMail, DEFAULT_DIGEST_HOUR, digestHourOf } from '../customers/index.ts';
import { utcMinuteText, type Ctx, type Db } from '../platform/index.ts';
import { queueMessage } from '../outbox/index.ts';
import { planName, severityName, type PolicyModel } from '../policy/index.ts';
import { localText } from '../sla/index.ts';
import { BREACH_HOLD_MINUTES } from './owed.ts';
import { CLOCK_SEVERITY, MISSES_DUE_IN } from './sla-attainment.ts';

/** The local hour the digest goes at unless the person chose another (customers/mail-preferences.ts). */
export const DIGEST_HOUR = DEFAULT_DIGEST_HOUR;
const NAMED_BREACHES = 10;

export type Digest = {
  from: Temporal.Instant;
  to: Temporal.Instant;
  /** The end of the breaches' window: `to` less the breach hold (digestOf). */
  breachesTo: Temporal.Instant;
  opened: number;
  solved: number;
  /** The first NAMED_BREACHES misses, each at its due time: a cadence's two missed updates are two. */
  breaches: Array<{ number: number; subject: string; metric: string; plan: string; severity: number; due: Temporal.Instant }>;
  /** The targets missed (MISSES_DUE_IN): a clock owed once, once; a cadence, each update missed. */
  breachCount: number;
  ratedGood: number;
  ratedBad: number;
  /** The bad ratings given, up to NAMED_BREACHES: the ones to follow up. */
  bad: Array<{ number: number; subject: string; organization: string; comment: string | null }>;
  open: number;
  unassigned: number;
  dueSoon: number;
  held: number;
};

/**
 * What the desk did in [from, to) and what waits at `to`; the breaches it counts are those of
 * clocks due in that window moved back by BREACH_HOLD_MINUTES. A breach is dated at its due time
 * (breached_at = due_at) but fires up to that long after it, while mail that may meet the clock
 * waits (owed.ts breachCutoff): one due just before `to` may not have fired yet, and the next
 * digest's window would begin after it, so no digest would ever count it. Every breach due before
 * `to` less the hold has fired by `to` (the sweep runs every few seconds), so each is counted once,
 * final. A clock finally met by its due time (mail that arrived in time, read after the hold)
 * missed nothing.
 */
export async function digestOf(db: Db, from: Temporal.Instant, to: Temporal.Instant): Promise<Digest> {
  const hold = { minutes: BREACH_HOLD_MINUTES };
  const breachWindow = [from.subtract(hold), to.subtract(hold)];
  const { rows: [c] } = await db.query<{ opened: number; solved: number; open: number; unassigned: number; due_soon: number; held: number; breaches: number }>(
    `SELECT
       (SELECT count(*)::int FROM tickets WHERE created_at >= $1 AND created_at < $2) AS opened,
       (SELECT count(*)::int FROM ticket_events WHERE type = 'status_changed' AND data->>'to' = 'solved' AND at >= $1 AND at < $2) AS solved,
       (SELECT count(*)::int FROM tickets WHERE status NOT IN ('solved', 'closed')) AS open,
       (SELECT count(*)::int FROM tickets WHERE status NOT IN ('solved', 'closed') AND assignee_id IS NULL) AS unassigned,
       (SELECT count(DISTINCT ticket_id)::int FROM sla_clocks WHERE state = 'running' AND met_at IS NULL AND due_at >= $2 AND due_at < $3) AS due_soon,
       (SELECT count(*)::int FROM held_requests WHERE status = 'held') AS held,
       (SELECT count(*)::int FROM (${MISSES_DUE_IN('$4', '$5')}) c) AS breaches`,
    [from, to, to.add({ hours: 24 }), ...breachWindow],
  );
  const { rows: named } = await db.query<{ number: string; subject: string; metric: string; plan_id: string; severity: number; due: Temporal.Instant }>(
    `SELECT t.number::text AS number, t.subject, c.metric, t.plan_id, ${CLOCK_SEVERITY} AS severity, c.due FROM (${MISSES_DUE_IN('$1', '$2')}) c JOIN tickets t ON t.id = c.ticket_id
     ORDER BY ${CLOCK_SEVERITY}, c.due, t.number LIMIT ${NAMED_BREACHES}`,
    breachWindow,
  );
  const { rows: ratings } = await db.query<{ rating: 'good' | 'bad'; number: string; subject: string; organization: string; comment: string | null }>(
    `SELECT r.rating, t.number::text AS number, t.subject, o.name AS organization, r.comment
     FROM ticket_ratings r JOIN tickets t ON t.id = r.ticket_id JOIN organizations o ON o.id = t.organization_id
     WHERE r.rated_at >= $1 AND r.rated_at < $2 ORDER BY r.rated_at, t.number`,
    [from, to],
  );
  const bad = ratings.filter((r) => r.rating === 'bad');
  return {
    from, to, breachesTo: breachWindow[1], opened: c.opened, solved: c.solved, open: c.open, unassigned: c.unassigned, dueSoon: c.due_soon, held: c.held, breachCount: c.breaches,
    breaches: named.map((b) => ({ number: Number(b.number), subject: b.subject, metric: b.metric.replace(/_/g, ' '), plan: b.plan_id, severity: Number(b.severity), due: b.due })),
    ratedGood: ratings.length - bad.length, ratedBad: bad.length,
    bad: bad.slice(0, NAMED_BREACHES).map((r) => ({ number: Number(r.number), subject: r.subject, organization: r.organization, comment: r.comment })),
  };
}

/** A comment as one short line of the digest. */
const oneLine = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= 100 ? flat : `${flat.slice(0, 99)}…`;
};

/**
 * The digest in words: plans and severities as the policy names them, times in the reader's zone
 * (their profile's). One that set none reads UTC: a digest spans every plan, so no one plan's zone
 * is its own (a single ticket's SLA notice falls back to its plan's zone instead: sweep.ts).
 */
export function digestText(d: Digest, policy: PolicyModel, zone: string | null = null): { subject: string; body: string } {
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const at = (i: Temporal.Instant) => (zone ? localText(i.epochMilliseconds, zone) : utcMinuteText(i));
  const lines = [
    `${policy.file.vendor.name} support, the 24 hours to ${at(d.to)}:`,
    `- ${plural(d.opened, 'ticket')} opened, ${d.solved} solved`,
    // The breaches' window ends earlier than the digest's (digestOf): the line says where.
    `- ${plural(d.breachCount, 'promise')} missed (SLA breaches due in the 24 hours to ${at(d.breachesTo)})`
      + (d.breachCount > 0 ? ':' : ''),
    // Each miss named with its due time: a cadence's two missed updates are two lines, two promises.
    ...d.breaches.map((b) => `    #${b.number} ${b.subject}: ${b.metric} due ${at(b.due)}, ${severityName(policy, b.severity)}, ${planName(policy, b.plan)} plan`),
    ...(d.breachCount > d.breaches.length ? [`    and ${d.breachCount - d.breaches.length} more (SLA reports)`] : []),
    `- ${plural(d.ratedGood + d.ratedBad, 'rating')} by customers: ${d.ratedGood} good, ${d.ratedBad} bad${d.ratedBad > 0 ? ':' : ''}`,
    ...d.bad.map((r) => `    #${r.number} ${r.subject} (${r.organization})${r.comment ? `: "${oneLine(r.comment)}"` : ''}`),
    ...(d.ratedBad > d.bad.length ? [`    and ${d.ratedBad - d.bad.length} more (SLA reports)`] : []),
    '',
    'Waiting now:',
    `- ${plural(d.open, 'open ticket')}, ${d.unassigned} held by nobody`,
    `- ${plural(d.dueSoon, 'ticket')} with a promise due in the next 24 hours`,
    `- ${plural(d.held, 'request')} held for review`,
  ];
  // Not "in the last day": the breaches counted are those due in the 24 hours to breachesTo, the
  // hold before the digest's own end (digestOf), and the subject names that end as the body does.
  const breaches = `${plural(d.breachCount, 'breach', 'breaches')} in the 24 hours to ${at(d.breachesTo)}`;
  return { subject: `Support today: ${plural(d.open, 'open ticket')}, ${breaches}`, body: lines.join('\n') };
}

/**
 * Queues the digest for every manager and admin taking it whose local time is their digest hour at
 * `ctx.clock.now()` (once per local day: one who moves the hour later the same day has had it); answers how many were queued.
 */
export async function sendDailyDigests({ ctx, policy }: { ctx: Ctx; policy: PolicyModel }): Promise<number> {
  const now = ctx.clock.now();
  const { rows: people } = await ctx.db.query<{ id: string; time_zone: string | null; digest_hour: unknown }>(
    "SELECT id, time_zone, mail_preferences->'digest_hour' AS digest_hour FROM agents WHERE role IN ('manager', 'admin') AND deactivated_at IS NULL ORDER BY id",
  );
  const due = people.filter((p) => now.toZonedDateTimeISO(p.time_zone ?? 'UTC').hour === digestHourOf(p.digest_hour));
  if (due.length === 0) return 0;
  const taking = await agentsTakingMail(ctx.db, due.map((p) => p.id), 'daily_digest');
  if (taking.length === 0) return 0;
  const digest = await digestOf(ctx.db, now.subtract({ hours: 24 }), now);
  let queued = 0;
  for (const agent of taking) {
    const theirs = due.find((p) => p.id === agent.id)?.time_zone ?? null;
    const { subject, body } = digestText(digest, policy, theirs);
    const day = now.toZonedDateTimeISO(theirs ?? 'UTC').toPlainDate().toString();
    const links = [{ label: 'The queue', path: '/agent' }, { label: 'SLA reports', path: '/reports' }, ...(digest.held > 0 ? [{ label: 'Held requests', path: '/agent/held' }] : [])];
    if (await queueMessage(ctx.db, { kind: 'daily_digest', recipient: agent.email, createdAt: now, subject, body, payload: { automatic: true, links }, dedupeKey: `digest:${agent.id}:${day}` })) queued++;
  }
  return queued;
}
