// The SLA sweep: find clocks that owe a reminder (an update falls due soon), a warning (goal
// reached) or a breach (due time passed), then fire each signal exactly once. The claim is a
// conditional UPDATE on the clock row ("... WHERE breached_at IS NULL"): of two concurrent
// workers only one wins, and a clock that came due while the service was down fires once, on
// the next sweep. Whether a signal is owed is decided once, in SQL (owed.ts): the query that finds
// due clocks and the claim that fires them use the same arms. A breach waits while mail that
// reached the desk by its due time is still to be processed, or may still be in the IMAP mailbox
// for its next poll (it may meet the clock as of its arrival), at most BREACH_HOLD_MINUTES past
// due (owed.ts breachCutoff): no breach announced for a clock an answer already received meets in time.
import { utcMinuteText, type Ctx, type Db } from '../platform/index.ts';
import { queueMessage } from '../outbox/index.ts';
import { AFTER_HOURS_METRICS, localText } from '../sla/index.ts';
import { policyVersion, versionModel } from '../policy-versions/index.ts';
import { hedgesOf, severityName, type Hedge } from '../policy/index.ts';
import { deskLink, REPLY_ANSWERS, ticketFactsText } from './agent-notices.ts';
import { sweepHandovers } from './handover.ts';
import type { PageReason } from './after-hours.ts';
import { staffedAt } from './round-the-clock.ts';
import { breachCutoff, DUE_CLOCKS_SQL, owedCondition, SIGNAL_COLUMN, SIGNAL_MARK, SIGNALS, type Signal } from './owed.ts';
import { emitWebhookEvent } from '../webhooks/index.ts';
import { recomputeClocks } from './recompute-clocks.ts';
import { writeEvent, type TicketRow } from './store.ts';
import { webhookTicket } from './webhook-events.ts';
import { writeTime } from './write-context.ts';

type ClockRow = {
  id: string;
  ticket_id: string;
  metric: string;
  goal_at: Temporal.Instant | null;
  due_at: Temporal.Instant | null;
  met_at: Temporal.Instant | null;
  warned_at: Temporal.Instant | null;
  breached_at: Temporal.Instant | null;
  remind_at: Temporal.Instant | null;
  reminded_at: Temporal.Instant | null;
  /** The severity it is owed under (the clock's, recompute-clocks.ts; the ticket's for a clock that stores none). */
  owed_severity: number;
  /** The policy version it is owed under (before a move to a new version re-stores it). */
  policy_version: number;
};

/**
 * Ids of clocks owing a signal at `now`, oldest mark first (src/tickets/owed.ts: one index per arm).
 * `breachBy`: the pass's breach cut-off (breachCutoff); read here when not given, for a desk polling
 * no IMAP mailbox (one that polls one passes it).
 */
export async function findDueClocks(db: Db, now: Temporal.Instant, limit = 500, breachBy?: Temporal.Instant): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(DUE_CLOCKS_SQL, [now, limit, breachBy ?? (await breachCutoff(db, now, null))]);
  return rows.map((r) => r.id);
}

const EVENT: Record<Signal, string> = { reminder: 'sla_reminder', warning: 'sla_warning', breach: 'sla_breach' };

/**
 * Fires what one clock owes; safe to run any number of times, concurrently. `breachBy`: the breach
 * cut-off of the sweep or batch that found it (one read for all its clocks); read here when not
 * given, for a desk polling no IMAP mailbox.
 */
export async function fireClockSignals({ ctx, input }: { ctx: Ctx; input: { clockId: string; breachBy?: Temporal.Instant } }): Promise<Signal[]> {
  return ctx.db.transaction(async (tx) => {
    // The ticket's row lock first, as every ticket write takes it: the signal's timeline entry
    // is then ordered with the writes around it, and a reply meeting the clock cannot interleave.
    const { rows: owner } = await tx.query<{ id: string; updated_at: Temporal.Instant }>(
      'SELECT t.id, t.updated_at FROM tickets t JOIN sla_clocks c ON c.ticket_id = t.id WHERE c.id = $1 FOR UPDATE OF t',
      [input.clockId],
    );
    if (!owner[0]) return [];
    const now = writeTime(ctx.clock, owner[0]);
    const breachBy = input.breachBy ?? (await breachCutoff(tx, now, null));
    const fired: Signal[] = [];
    for (const kind of SIGNALS) {
      for (let n = await fireSignal(tx, kind, input.clockId, kind === 'breach' ? breachBy : now, now); n > 0; n--) fired.push(kind);
    }
    return fired;
  });
}

/**
 * Records the breach of each clock of `clockIds` missed by `now`, whatever the breach hold (owed.ts
 * breachCutoff), as the sweep would have: its claim, entry, webhook and mail, once (the claim sets the
 * mark; the sweep then finds nothing owed). For a change that is about to move a due time already
 * passed (recompute-clocks.ts recordMissesMoved): the hold waits for an answer that may meet the
 * clock as of its arrival, but once the due time moves the sweep can no longer see the miss. A mail
 * read afterwards that meets the clock in time leaves the breach announced and counted met, as for
 * one read past the hold's cap (sla-attainment.ts BREACH_STANDS). Within the caller's transaction.
 */
export async function recordMissedBreaches(tx: Db, clockIds: readonly string[], now: Temporal.Instant): Promise<number> {
  let fired = 0;
  for (const id of clockIds) fired += await fireSignal(tx, 'breach', id, now, now);
  return fired;
}

/**
 * Claims and fires one kind of signal of a clock owed at `at` (a breach: the cut-off), with the
 * update cycles missed since; how many fired (0: not owed, or fired already).
 */
async function fireSignal(tx: Db, kind: Signal, clockId: string, at: Temporal.Instant, now: Temporal.Instant): Promise<number> {
  const c = await claimSignal(tx, kind, clockId, at);
  if (!c) return 0;
  let fired = 1;
  const mark = await recordSignal(tx, c, kind, now);
  // A missed update ends its cycle (sla/clocks.ts): the next one is owed from its due time,
  // reminded of and breached on its own. Cycles that fell due meanwhile (a sweep that came late:
  // the service was down) are each recorded now, in order, and told of in one mail, not one a sweep.
  const later: Temporal.Instant[] = [];
  if (kind === 'breach' && c.metric === 'update') {
    await startNextCycle(tx, c.ticket_id, now);
    for (let n = 0; n < CATCH_UP_CYCLES; n++) {
      const next = await claimSignal(tx, kind, clockId, at);
      if (!next) break;
      fired++;
      later.push(await recordSignal(tx, next, kind, now));
      await startNextCycle(tx, c.ticket_id, now);
    }
  }
  await queueNotice(tx, c, kind, mark, now, later);
  return fired;
}

/** Missed update cycles recorded in one pass at most (a sweep that came days late); the rest on the next. */
const CATCH_UP_CYCLES = 500;

/** The claim is the owed condition itself: of two workers only one sets the mark. */
async function claimSignal(tx: Db, kind: Signal, clockId: string, at: Temporal.Instant): Promise<ClockRow | undefined> {
  // $1 is the instant it is tested at: a breach's arms read only the cut-off, the others only now.
  const claim = await tx.query<ClockRow>(
    `UPDATE sla_clocks SET ${SIGNAL_COLUMN[kind]} = ${SIGNAL_MARK[kind]} WHERE id = $2 AND (${owedCondition(kind, '$1', '$1')})
     RETURNING *, COALESCE(severity, (SELECT t.severity FROM tickets t WHERE t.id = sla_clocks.ticket_id)) AS owed_severity`,
    [at, clockId],
  );
  return claim.rows[0];
}

/**
 * A claimed signal on the timeline and to the webhooks; its mark (the reminder's, goal or due time).
 * Each names the severity the clock was owed under when it fired (a webhook consumer paging on a
 * breach needs it: after a regrade the ticket's is another): a cadence's clock is its running cycle, owed under
 * the ticket's severity now, so once a regrade keeps the cadence (a new cycle, its marks cleared) the
 * clock no longer says what an earlier miss was owed under; the digest reads it here (MISSES_DUE_IN).
 */
async function recordSignal(tx: Db, c: ClockRow, kind: Signal, now: Temporal.Instant): Promise<Temporal.Instant> {
  const mark = kind === 'reminder' ? c.remind_at! : kind === 'warning' ? c.goal_at! : c.due_at!;
  const metric = c.metric.replace(/_/g, ' ');
  const words = kind === 'reminder' ? `falls due at ${utcMinuteText(c.due_at!)}` : kind === 'warning' ? 'reached its goal' : 'breached';
  await writeEvent(tx, {
    ticketId: c.ticket_id, at: now, actor: { kind: 'system' }, type: EVENT[kind], visibility: 'internal',
    body: kind === 'reminder' ? `${metric} ${words}` : `${metric} ${words} at ${utcMinuteText(mark)}`,
    data: {
      metric: c.metric, clock_id: c.id, [kind === 'reminder' ? 'remind' : kind === 'warning' ? 'goal' : 'due']: mark.toString(), due: c.due_at?.toString() ?? null,
      severity: Number(c.owed_severity),
    },
  });
  if (kind !== 'reminder') await emitSlaEvent(tx, c, kind, now);
  return mark;
}

/** The ticket's clocks re-projected with the missed update just recorded: its cadence's next cycle. */
async function startNextCycle(tx: Db, ticketId: string, now: Temporal.Instant): Promise<void> {
  const { rows } = await tx.query<TicketRow>('SELECT * FROM tickets WHERE id = $1', [ticketId]);
  await recomputeClocks(tx, rows[0], await policyVersion(tx, rows[0].policy_version), now);
}

async function emitSlaEvent(tx: Db, c: ClockRow, kind: 'warning' | 'breach', now: Temporal.Instant): Promise<void> {
  const { rows } = await tx.query<TicketRow>('SELECT * FROM tickets WHERE id = $1', [c.ticket_id]);
  const ticket = webhookTicket(rows[0]);
  if (kind === 'warning') {
    await emitWebhookEvent(tx, { type: 'sla.warning', occurredAt: now, data: { ticket, clock: { id: c.id, metric: c.metric, goalAt: c.goal_at!, dueAt: c.due_at, severity: Number(c.owed_severity) } } });
  } else {
    await emitWebhookEvent(tx, { type: 'sla.breached', occurredAt: now, data: { ticket, clock: { id: c.id, metric: c.metric, dueAt: c.due_at!, severity: Number(c.owed_severity) } } });
  }
}

/**
 * Who hears of a clock's signal: the assignee while on the team, else the managers and admins. An
 * after-hours promise (OPS-COM's triage, its status notification) is the people on call's too, who
 * were paged for it; its breach goes to the managers and admins as well. So is, while nobody works
 * the ticket's channel, a promise kept round the clock under no rule whose page was the last
 * (`reasons`: OpenMethods' System Outage, paged at 02:00 AM, its 60-minute status update: the one
 * on call answering it is reminded, not the managers woken). Each with the time zone they read times in.
 */
async function noticeRecipients(
  tx: Db, assigneeId: string | null, afterHours: { ticketId: string; breach: boolean; reasons?: readonly PageReason[] } | null,
): Promise<Array<{ email: string; time_zone: string | null }>> {
  const held = assigneeId
    ? (await tx.query<{ email: string; time_zone: string | null }>('SELECT email, time_zone FROM agents WHERE id = $1 AND deactivated_at IS NULL', [assigneeId])).rows
    : [];
  if (afterHours) {
    // The people on call paged for it last (after-hours.ts), who may hold nothing: theirs to keep; and
    // those on call then, where one of them logged it and nobody was paged (on_call).
    const { rows: paged } = await tx.query<{ email: string; time_zone: string | null }>(
      `SELECT a.email, a.time_zone FROM agents a
       WHERE a.deactivated_at IS NULL AND a.email IN (
         SELECT jsonb_array_elements_text(e.data->'recipients' || coalesce(e.data->'on_call', '[]'::jsonb)) FROM ticket_events e
         WHERE e.ticket_id = $1 AND e.type = 'paged' AND e.at = (SELECT max(at) FROM ticket_events WHERE ticket_id = $1 AND type = 'paged')
           AND ($2::text[] IS NULL OR e.data->>'reason' = ANY($2::text[])))
       ORDER BY a.email`,
      [afterHours.ticketId, afterHours.reasons ?? null],
    );
    for (const p of paged) if (!held.some((h) => h.email === p.email)) held.push(p);
  }
  if (held.length > 0 && !afterHours?.breach) return held;
  const { rows } = await tx.query<{ email: string; time_zone: string | null }>(
    "SELECT email, time_zone FROM agents WHERE role IN ('manager', 'admin') AND deactivated_at IS NULL ORDER BY email",
  );
  return [...held, ...rows.filter((r) => !held.some((h) => h.email === r.email))];
}

/** The pages of a promise kept round the clock under no after-hours rule (after-hours.ts arrivalOf, handover.ts). */
const ROUND_THE_CLOCK_PAGES: readonly PageReason[] = ['promise_running', 'support_closed'];

/** The update cycles missed since the one a breach mail is about, recorded with it (a late sweep). */
function missedSince(later: readonly Temporal.Instant[], at: (i: Temporal.Instant) => string): string {
  if (later.length === 0) return '';
  if (later.length === 1) return ` The update due at ${at(later[0])} was missed too.`;
  return ` The ${later.length} updates due after it were missed too, the last at ${at(later[later.length - 1])}.`;
}

/** A hedged time as the breach mail names it: the vendor gave it approximately, or called it a goal. */
const HEDGE_WORDS: Record<Hedge, string> = { approximate: 'approximate time', goal: 'goal' };

/** One e-mail per responsible agent (the assignee, else managers and admins), deduplicated per signal; times in the reader's zone when they chose one, else the plan's. */
async function queueNotice(tx: Db, c: ClockRow, kind: Signal, mark: Temporal.Instant, now: Temporal.Instant, later: readonly Temporal.Instant[] = []): Promise<void> {
  type Facts = Pick<TicketRow, 'id' | 'number' | 'subject' | 'assignee_id' | 'severity' | 'plan_id' | 'status' | 'policy_version' | 'channel'> & { organization: string; holder: string | null; policy_id: string };
  // Under the terms the clock was owed under, its version's (a regrade or a new version since
  // changes the ticket's, not what was missed: OpenBack's Severity 1 hour, missed, then Minor).
  const { rows: t } = await tx.query<Facts>(
    `SELECT t.id, t.number, t.subject, t.assignee_id, t.severity, t.plan_id, t.status, pv.version AS policy_version, t.channel, o.name AS organization, a.name AS holder, pv.id AS policy_id
     FROM tickets t JOIN organizations o ON o.id = t.organization_id JOIN policy_versions pv ON pv.version = $2 LEFT JOIN agents a ON a.id = t.assignee_id AND a.deactivated_at IS NULL
     WHERE t.id = $1`,
    [c.ticket_id, c.policy_version],
  );
  const metric = c.metric.replace(/_/g, ' ');
  const policy = await versionModel(tx, { id: t[0].policy_id, version: t[0].policy_version });
  const owed = Number(c.owed_severity);
  // A time the policy gives approximately (OpenKey: "a response time of approximately 30 minutes")
  // or calls a goal (OfficeSpace: "Response Goal") was never a deadline: its passing is said as such.
  const hedge = kind === 'breach' ? hedgesOf(policy, t[0].plan_id, owed)[c.metric] : undefined;
  // A reminder names what is due: an update (OpenMethods' cadence), or the after-hours status notification (OPS-COM).
  const what = kind === 'reminder' ? (c.metric === 'status_notification' ? 'Status notification due soon' : 'Update due soon') : kind === 'warning' ? 'SLA warning' : hedge ? `SLA ${HEDGE_WORDS[hedge]} passed` : 'SLA breach';
  // What the reader needs to act without opening the ticket: whose it is, how grave, who holds it
  // (the recipients are its holder, or the managers when nobody on the team holds it).
  // The severity the clock was owed under, then the ticket's own when a regrade changed it since.
  const regradedSince = t[0].severity === owed ? '' : `; the ticket is ${severityName(policy, t[0].severity)} now`;
  const facts = `${t[0].organization}: ${ticketFactsText(policy, { ...t[0], severity: owed })}${regradedSince}`;
  // Without a zone of the reader's own, the zone of the plan's hours, which its deadlines are kept in.
  const planZone = policy.calendars.get(policy.plans.get(t[0].plan_id)?.calendar ?? '')?.time_zone ?? null;
  const breach = kind === 'breach';
  // Paged round the clock (on arrival, or as support closed on it) and nobody working its channel now: the one on call is working it.
  const paged = AFTER_HOURS_METRICS.has(c.metric) ? { ticketId: c.ticket_id, breach }
    : staffedAt(policy, t[0], now) ? null : { ticketId: c.ticket_id, breach, reasons: ROUND_THE_CLOCK_PAGES };
  for (const { email: recipient, time_zone } of await noticeRecipients(tx, t[0].assignee_id, paged)) {
    const zone = time_zone ?? planZone;
    const at = (i: Temporal.Instant) => (zone ? localText(i.epochMilliseconds, zone) : utcMinuteText(i));
    const said =
      kind === 'reminder'
        ? c.metric === 'status_notification'
          ? `The status notification on ticket #${t[0].number}, with an estimated time to resolution, is due at ${at(c.due_at!)}. Reply to the customer with the ETA before then.`
          : `A public status update on ticket #${t[0].number} is due at ${at(c.due_at!)}. Reply to the customer before then.`
        : hedge
          ? `The ${metric} clock of ticket #${t[0].number} passed its ${HEDGE_WORDS[hedge]}, ${at(mark)}.`
          : `The ${metric} clock of ticket #${t[0].number} ${kind === 'warning' ? 'reached its goal' : 'was due'} at ${at(mark)}.${missedSince(later, at)}`;
    const held = t[0].holder ? `Held by ${t[0].holder}.` : 'Nobody on the team holds it.';
    await queueMessage(tx, {
      kind: `sla_${kind}`, recipient, subject: `[${what}] Ticket #${t[0].number}: ${t[0].subject}`, body: `${said}\n${facts}. ${held}\n\n${REPLY_ANSWERS}`,
      payload: { ticket_id: c.ticket_id, clock_id: c.id, metric: c.metric, links: [deskLink(t[0])] },
      dedupeKey: `${kind}:${c.id}:${mark.toString()}:${recipient}`, createdAt: now,
    });
  }
}

/**
 * One sweep: hand over the tickets support closed on, then find and fire due clocks (the
 * hand-over first: it starts clocks of its own). Jobs fan this out; tests call it. `imapMailbox`:
 * the key of the IMAP mailbox the desk polls, if any (breachCutoff).
 */
export async function sweepSlaClocks({ ctx, imapMailbox = null }: { ctx: Ctx; imapMailbox?: string | null }): Promise<{ handovers: number; reminders: number; warnings: number; breaches: number }> {
  const handovers = await sweepHandovers({ ctx });
  const now = ctx.clock.now();
  const breachBy = await breachCutoff(ctx.db, now, imapMailbox);
  const ids = await findDueClocks(ctx.db, now, 500, breachBy);
  const count = { handovers, reminders: 0, warnings: 0, breaches: 0 };
  for (const clockId of ids) {
    for (const k of await fireClockSignals({ ctx, input: { clockId, breachBy } })) {
      if (k === 'reminder') count.reminders++;
      else if (k === 'warning') count.warnings++;
      else count.breaches++;
    }
  }
  return count;
}
