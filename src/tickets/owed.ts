// What a clock owes, decided once, in SQL. Each arm is one way a clock can owe a signal, and its
// predicate is exactly the predicate of one partial index of migrations/0009_scale.sql (plus the
// comparison with now), so the sweep's query reads only owed rows and the claim that fires a
// signal tests the very same condition: the sweep and the claim cannot disagree.
//   reminder: the reminder time came, the clock is unmet, and it is not yet due (past the due time
//             the breach says it all);
//   warning:  the goal passed while unmet, or the clock was met after its goal;
//   breach:   the due time passed while unmet, or the clock was met after it; held while mail that
//             may meet it waits to be processed or in the IMAP mailbox for its next poll (breachCutoff
//             below), at most BREACH_HOLD_MINUTES.
// A cancelled clock owes nothing. An ended one (ended-clocks.ts: a regrade or a new policy version
// stopped owing it after it was breached or met) stays in the arms with the marks it fired: it owes
// only a signal it had not fired yet (a met-late breach the sweep had not come round to), once, as
// every claim sets its mark; its reminder is cleared when it ends.
import type { Db } from '../platform/index.ts';

export type Signal = 'reminder' | 'warning' | 'breach';
export type MarkColumn = 'remind_at' | 'goal_at' | 'due_at';
/** `now` and `breachBy` are SQL placeholders: the sweep's instant, and the latest due time whose breach may fire at it. */
export type OwedArm = { signal: Signal; mark: MarkColumn; index: string; where: (now: string, breachBy: string) => string };

const LIVE = "state <> 'cancelled'";

export const OWED_ARMS: readonly OwedArm[] = [
  {
    signal: 'reminder', mark: 'remind_at', index: 'sla_clocks_remind_owed',
    where: (now) => `remind_at <= ${now} AND remind_at IS NOT NULL AND reminded_at IS NULL AND met_at IS NULL AND ${LIVE} AND due_at > ${now}`,
  },
  {
    signal: 'warning', mark: 'goal_at', index: 'sla_clocks_goal_owed',
    where: (now) => `goal_at <= ${now} AND goal_at IS NOT NULL AND warned_at IS NULL AND met_at IS NULL AND ${LIVE}`,
  },
  {
    signal: 'warning', mark: 'goal_at', index: 'sla_clocks_goal_owed_met_late',
    where: (now) => `goal_at <= ${now} AND goal_at IS NOT NULL AND warned_at IS NULL AND met_at > goal_at AND ${LIVE}`,
  },
  {
    signal: 'breach', mark: 'due_at', index: 'sla_clocks_due_owed',
    where: (_now, breachBy) => `due_at <= ${breachBy} AND due_at IS NOT NULL AND breached_at IS NULL AND met_at IS NULL AND ${LIVE}`,
  },
  {
    signal: 'breach', mark: 'due_at', index: 'sla_clocks_due_owed_met_late',
    where: (_now, breachBy) => `due_at <= ${breachBy} AND due_at IS NOT NULL AND breached_at IS NULL AND met_at > due_at AND ${LIVE}`,
  },
];

/** Signals in the order they fire on one clock. */
export const SIGNALS: readonly Signal[] = ['reminder', 'warning', 'breach'];

export const SIGNAL_COLUMN: Record<Signal, 'reminded_at' | 'warned_at' | 'breached_at'> = { reminder: 'reminded_at', warning: 'warned_at', breach: 'breached_at' };
export const SIGNAL_MARK: Record<Signal, MarkColumn> = { reminder: 'remind_at', warning: 'goal_at', breach: 'due_at' };

/** `signal` is owed (SQL, `now` and `breachBy` placeholders such as `$1`; a breach's only): the disjunction of its arms. */
export function owedCondition(signal: Signal, now: string, breachBy: string): string {
  return OWED_ARMS.filter((a) => a.signal === signal).map((a) => `(${a.where(now, breachBy)})`).join(' OR ');
}

/**
 * The due-clock query: one index-ordered, limited scan per arm, merged. `$1` is now, `$2` the limit,
 * `$3` the breach cut-off (breachCutoff). Each arm reads at most `limit` rows of its own index,
 * whatever the size of the table.
 */
export const DUE_CLOCKS_SQL = `SELECT id FROM (
${OWED_ARMS.map((a) => `  (SELECT id, ${a.mark} AS at FROM sla_clocks WHERE ${a.where('$1', '$3')} ORDER BY ${a.mark} LIMIT $2)`).join('\n  UNION ALL\n')}
) owed GROUP BY id ORDER BY min(at), id LIMIT $2`;

// How long past its due time a breach waits at most for mail still waiting to be processed. Mail
// is stored as it arrives and processed within seconds (email/process-inbound.ts; a failure
// quarantines it at once), so pending mail older than a few seconds means the workers are behind
// or down. Quarter of an hour covers a restart or a backlog; past it the breach fires anyway: a
// clock is never held for good by processing that is stuck, and managers hear of a breach late
// by at most this much.
export const BREACH_HOLD_MINUTES = 15;

/**
 * The latest due time whose breach may fire at `now`. A mail received (store-inbound.ts
 * received_at) at or before a clock's due time and not processed yet may meet it when it is: an
 * agent's answer, the customer's reply that stops a clock; recorded as of its arrival, it would
 * meet the clock in time after the breach had been announced. So while the store holds mail
 * waiting to be processed ('received', or 'processing': claimed by a worker), the clocks due at or
 * after the oldest such mail's arrival are held, up to BREACH_HOLD_MINUTES past their due time; the
 * sweep comes round again once it is processed. Which ticket the mail is for is not known before
 * it is read, so every clock due since then waits: one query per sweep pass (the oldest pending
 * arrival, on the inbound_messages_waiting index), not one per clock.
 *
 * Mail not stored yet holds them too, where the desk polls an IMAP mailbox (`imapMailbox`, its key:
 * email/imap-mailboxes.ts, or null when mail comes by SMTP only): the mailbox's next poll stores
 * what reached it since its last successful poll began as received at its INTERNALDATE, up to a poll
 * interval (or an outage of the IMAP server) in the past: a reply in the mailbox at 10:00:50 meets a
 * clock due 10:01 when the poll at 10:01:20 stores it. So the clocks due at or after that poll's start
 * (imap_mailboxes.last_poll_started_at, or watched_since before any succeeded) wait as well, under
 * the same cap. Only the mailbox configured now counts: a row left by a mailbox no longer polled
 * would hold every breach to the cap for good.
 *
 * Every metric waits, the resolution too: an agent's answer by mail (email/agent-mail.ts) goes on
 * the ticket as of its arrival, and can meet any clock (a reply: the first response, an update,
 * the status notification with its #eta; any answer or #note: the triage; #solved: the resolution)
 * or pause one (#pending: a status the policy pauses it in). A customer's mail meets none, but
 * who wrote a mail is known only once it is read; so nothing is held per metric or per sender.
 *
 * Warnings are not held: a warning says the goal passed with the clock unmet, as far as the desk
 * has read, and asks its holder to act before the due time; held, it would come late in the very
 * window it is for. A mail that then meets the clock before its goal leaves a warning that was
 * early, not a failure announced to managers that did not happen.
 */
export async function breachCutoff(db: Db, now: Temporal.Instant, imapMailbox: string | null): Promise<Temporal.Instant> {
  const { rows: [r] } = await db.query<{ pending: Temporal.Instant | null; polled: Temporal.Instant | null }>(
    `SELECT (SELECT min(received_at) FROM inbound_messages WHERE status IN ('received', 'processing')) AS pending,
       (SELECT COALESCE(last_poll_started_at, watched_since) FROM imap_mailboxes WHERE mailbox = $1) AS polled`,
    [imapMailbox],
  );
  // A configured mailbox not polled yet (just upgraded, or its URL changed): its first poll may
  // date mail anywhere back (imap-mailboxes.ts pollBound), so all wait, to the cap, until it comes.
  const unpolled = imapMailbox !== null && !r.polled;
  return breachCutoffOf(now, r.pending, unpolled ? now.subtract({ minutes: BREACH_HOLD_MINUTES }) : r.polled);
}

/**
 * breachCutoff's rule, given the oldest pending mail's arrival and the earliest arrival the IMAP
 * mailbox's next poll may give (each null: none).
 */
export function breachCutoffOf(
  now: Temporal.Instant, oldestPending: Temporal.Instant | null, polledFrom: Temporal.Instant | null = null,
): Temporal.Instant {
  const earlier = (a: Temporal.Instant, b: Temporal.Instant) => (Temporal.Instant.compare(a, b) < 0 ? a : b);
  const later = (a: Temporal.Instant, b: Temporal.Instant) => (Temporal.Instant.compare(a, b) > 0 ? a : b);
  const unread = oldestPending && polledFrom ? earlier(oldestPending, polledFrom) : (oldestPending ?? polledFrom);
  if (!unread) return now;
  // Only clocks due before the mail arrived fire (it may meet one due at its very instant); the
  // database counts microseconds, so "before" is at most one microsecond earlier.
  const cut = later(unread.subtract({ microseconds: 1 }), now.subtract({ minutes: BREACH_HOLD_MINUTES }));
  return earlier(cut, now);
}
