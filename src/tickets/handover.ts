// Handing tickets to on-call when support closes, or when one is regraded into an after-hours rule
// while it is closed: tickets whose handover_at has come are handed over once (claimed under the
// ticket's row lock, so two sweeps cannot both do it). The after-hours clocks (triage, status
// notification) then run from that instant, and on-call is paged. A customer's mail on an open
// ticket outside support hours, through a channel a rule takes its severity by, hands it over as of
// the mail (handOverOnMail, called as the reply is written).
import { isOpen, nextOpen } from '../calendar/index.ts';
import type { Ctx, Db } from '../platform/index.ts';
import { clockOf, hoursNamed, severityName, type PolicyFile, type PolicyModel } from '../policy/index.ts';
import { findChannel } from '../sla/index.ts';
import { policyVersion } from '../policy-versions/index.ts';
import { handoverDue, pageOnCall } from './after-hours.ts';
import { handoverRulesFor, rulesTakingMailedReply } from './after-hours-rules.ts';
import { ticketHasSla } from './sla-applies.ts';
import { pageRecipients } from './page-recipients.ts';
import { keptUntilSolvedRoundTheClock, roundTheClockHandover } from './round-the-clock.ts';
import { recomputeClocks } from './recompute-clocks.ts';
import { writeEvent, type TicketRow } from './store.ts';
import { writeTime } from './write-context.ts';

type AfterHoursRule = NonNullable<PolicyFile['after_hours']>[number];

/** Tickets whose hand-over is due at `now`, oldest first. */
export async function findDueHandovers(db: Db, now: Temporal.Instant, limit = 200): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM tickets WHERE handover_at <= $1 AND handed_over_at IS NULL ORDER BY handover_at LIMIT $2',
    [now, limit],
  );
  return rows.map((r) => r.id);
}

/** Hands one ticket over if it is still due; safe to run any number of times, concurrently. */
export async function fireHandover({ ctx, input }: { ctx: Ctx; input: { ticketId: string } }): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<TicketRow>('SELECT * FROM tickets WHERE id = $1 FOR UPDATE', [input.ticketId]);
    const t = rows[0];
    if (!t || !t.handover_at || t.handed_over_at) return false;
    const now = writeTime(ctx.clock, t);
    if (Temporal.Instant.compare(t.handover_at, now) > 0) return false;
    const policy = await policyVersion(tx, t.policy_version);
    const rules = handoverRulesFor(policy, t);
    // Under no rule, a promise kept round the clock (after-hours.ts): paged each evening it is still
    // owed, handed_over_at left alone, the next evening's hand-over set.
    if (rules.length === 0) return roundTheClockPage(tx, policy, t, now);
    // Still qualifying at the closing instant (not solved, still critical)? Else it is simply not due.
    if (handoverDue(policy, t, t.handover_at) === null) {
      await tx.query('UPDATE tickets SET handover_at = NULL WHERE id = $1', [t.id]);
      return false;
    }
    await handOver(tx, policy, t, { at: t.handover_at, now, rules });
    return true;
  });
}

/**
 * Hands the ticket to on call as of `at` (its after-hours clocks run from then) and pages them: at
 * the closing instant, at night when regraded into a rule, or (`byMail`) when the customer's mail on
 * it arrived outside support hours through a channel a rule takes (handOverOnMail).
 */
async function handOver(
  tx: Db, policy: PolicyModel, t: TicketRow,
  { at, now, rules, byMail }: { at: Temporal.Instant; now: Temporal.Instant; rules: AfterHoursRule[]; byMail?: { id: string; name: string } },
): Promise<void> {
  const ruleIds = rules.map((r) => r.id);
  // At the closing instant (support was open just before it), or at night: regraded into the rule while support was closed.
  const support = clockOf(policy, policy.plans.get(t.plan_id)!.calendar);
  const closing = !byMail && isOpen(support, at.epochMilliseconds - 1);
  // A mail of no known severity that on call was paged at its arrival to triage (after-hours.ts,
  // 'triage'), regraded into the rule before support opened: on call had it from its arrival,
  // and the rule's times run from then, as the customer sent it (OPS-COM: "triaged within 15
  // minutes and a status notification ... within 1 hour"). A triage at 23:40 of a mail of 23:10
  // is late; one regraded the next night owes nothing from the night before.
  const triagedFromArrival = !closing && !byMail && nextOpen(support, t.created_at.epochMilliseconds) >= at.epochMilliseconds && (await pagedToTriageAtArrival(tx, t));
  await tx.query('UPDATE tickets SET handover_at = $3, handed_over_at = $2 WHERE id = $1', [t.id, triagedFromArrival ? t.created_at : at, at]);
  const staff = [...new Set(rules.map((r) => r.staffed_by))].join(' and ');
  // The timeline says who takes it in the policy's words (staffed_by), not the rule's id (kept in data).
  // The plan's hours by the vendor's name for them (OpenKey: "regular business hours").
  const hours = hoursNamed(policy, policy.plans.get(t.plan_id)!.calendar);
  const body = byMail
    ? `The customer wrote on this ${severityName(policy, t.severity)} ticket by ${byMail.name.toLowerCase()} outside ${hours}: handed to ${staff} for after-hours support.`
    : closing
      ? `${hours[0].toUpperCase()}${hours.slice(1)} ended with this ticket open: handed to ${staff} for after-hours support.`
      : `Now ${severityName(policy, t.severity)} outside ${hours}: handed to ${staff} for after-hours support.`;
  // `channel`: the channel the rule took it through (the mail's), whose after-hours times it owes (sla/clocks.ts).
  await writeEvent(tx, {
    ticketId: t.id, at: now, actor: { kind: 'system' }, type: 'handed_to_on_call', visibility: 'internal',
    body,
    data: { at: at.toString(), rules: ruleIds, ...(byMail ? { channel: byMail.id } : {}) },
  });
  // Its clocks from the hand-over first, so the page gives the times owed from it.
  const { rows: current } = await tx.query<TicketRow>('SELECT * FROM tickets WHERE id = $1', [t.id]);
  await recomputeClocks(tx, current[0], policy, now);
  const { rows: owed } = await tx.query<{ metric: string; state: string; due_at: Temporal.Instant | null }>('SELECT metric, state, due_at FROM sla_clocks WHERE ticket_id = $1', [t.id]);
  // Regraded into the rule at night: never paged to the agent who regraded it, nobody when they are on call (docs/adr/0024).
  const regradedBy = !byMail && !closing ? await regrader(tx, t.id, at) : null;
  await pageOnCall(tx, policy, t, {
    reason: byMail ? 'mailed_after_hours' : closing ? 'support_closed' : 'regraded_after_hours', ruleIds, at, now,
    owed: owed.map((c) => ({ metric: c.metric, state: c.state, dueAt: c.due_at?.epochMilliseconds ?? null })),
    ...(regradedBy ? { regradedBy } : {}),
  });
}

/**
 * A customer's mail on an open ticket, arriving outside the plan's support hours through a channel
 * an after-hours rule takes requests of the ticket's severity by (OPS-COM: a critical online ticket
 * of Saturday afternoon, answered by email as its receipt asks: "This support is provided by email
 * and is staffed by on-call personnel"), is a request that rule takes: the ticket is handed to on
 * call as of the mail, and they are paged. Once: a ticket already handed over (a second mail, or
 * one taken at arrival or at closing) is left as it is. Whether it was handed over.
 */
export async function handOverOnMail(tx: Db, policy: PolicyModel, t: TicketRow, now: Temporal.Instant): Promise<boolean> {
  if (t.status === 'solved' || t.status === 'closed' || !ticketHasSla(policy, t)) return false;
  // A closing hand-over already due stays as it is: the sweep hands it over as of the closing, its
  // times running from then, not from this later mail (after-hours.ts: "A hand-over already due stays due").
  if (t.handover_at && Temporal.Instant.compare(t.handover_at, now) <= 0) return false;
  if (isOpen(clockOf(policy, policy.plans.get(t.plan_id)!.calendar), now.epochMilliseconds)) return false;
  const rules = rulesTakingMailedReply(policy, t);
  const mail = findChannel(policy, 'email');
  if (rules.length === 0 || !mail) return false;
  await handOver(tx, policy, t, { at: now, now, rules, byMail: { id: mail.id, name: mail.name } });
  return true;
}

/**
 * Who hears a customer's words on a ticket nobody holds or follows (agent-notices.ts mailCustomerReplied):
 * outside the plan's support hours, on a ticket on call has (handed over, its severity still one a rule
 * hands over), the people on call now for those rules, else the managers and admins, as a page goes
 * (page-recipients.ts). OPS-COM: "This support is provided by email and is staffed by on-call
 * personnel": on call answers by mail, away from the queue, so the customer's next mail reaches them
 * there. In support hours, nobody: the ticket is on the queue. Their agent ids.
 */
export async function onCallHearing(tx: Db, policy: PolicyModel, t: TicketRow, now: Temporal.Instant): Promise<string[]> {
  if (!t.handed_over_at || t.status === 'closed' || !ticketHasSla(policy, t)) return [];
  if (isOpen(clockOf(policy, policy.plans.get(t.plan_id)!.calendar), now.epochMilliseconds)) return [];
  const rules = handoverRulesFor(policy, t);
  if (rules.length === 0) return [];
  return (await pageRecipients(tx, now, rules.map((r) => r.id), null)).paged.map((a) => a.id);
}

/** A promise kept round the clock under no rule, with nobody at work now: the people on call are paged, and the next evening is set. */
async function roundTheClockPage(tx: Db, policy: PolicyModel, t: TicketRow, now: Temporal.Instant): Promise<boolean> {
  const at = t.handover_at!;
  if (!keptUntilSolvedRoundTheClock(policy, t)) {
    await tx.query('UPDATE tickets SET handover_at = NULL WHERE id = $1', [t.id]);
    return false;
  }
  await writeEvent(tx, {
    ticketId: t.id, at: now, actor: { kind: 'system' }, type: 'handed_to_on_call', visibility: 'internal',
    body: `Nobody works this ticket's channel now, and its ${severityName(policy, t.severity)} promise runs round the clock until it is solved: the people on call were paged.`,
    data: { at: at.toString(), rules: [] },
  });
  await pageOnCall(tx, policy, t, { reason: 'support_closed', ruleIds: [], at, now });
  await tx.query('UPDATE tickets SET handover_at = $2 WHERE id = $1', [t.id, roundTheClockHandover(policy, t, at.add({ milliseconds: 1 }))]);
  return true;
}

/**
 * Whether on call was paged at the ticket's arrival to triage a mail of no known severity, and the
 * regrade was their first look at it: one they looked at before (a note "not critical") and
 * regraded later, as the incident grew, owes the rule's times from the regrade.
 */
async function pagedToTriageAtArrival(tx: Db, t: TicketRow): Promise<boolean> {
  const { rows } = await tx.query(
    `SELECT 1 FROM ticket_events p WHERE p.ticket_id = $1 AND p.type = 'paged' AND p.data->>'reason' = 'after_hours_unclassified'
       AND NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = $1 AND e.actor_kind = 'agent'
         AND e.at < (SELECT max(r.at) FROM ticket_events r WHERE r.ticket_id = $1 AND r.type = 'regraded'))
     LIMIT 1`, [t.id],
  );
  return rows.length > 0;
}

/** The agent whose regrade, at `at` (regradedHandover sets the hand-over at the regrade), made the ticket due; null for none. */
async function regrader(tx: Db, ticketId: string, at: Temporal.Instant): Promise<string | null> {
  const { rows } = await tx.query<{ actor_kind: string; actor_id: string | null }>(
    "SELECT actor_kind, actor_id FROM ticket_events WHERE ticket_id = $1 AND type = 'regraded' AND at <= $2 ORDER BY at DESC, seq DESC LIMIT 1", [ticketId, at],
  );
  return rows[0]?.actor_kind === 'agent' ? rows[0].actor_id : null;
}

export async function sweepHandovers({ ctx }: { ctx: Ctx }): Promise<number> {
  let handed = 0;
  for (const ticketId of await findDueHandovers(ctx.db, ctx.clock.now())) if (await fireHandover({ ctx, input: { ticketId } })) handed++;
  return handed;
}
