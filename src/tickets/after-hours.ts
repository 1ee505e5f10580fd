// After hours, as the policy's `after_hours` rules say (docs/adr/0006). A request the rules take
// outside support hours (OPS-COM: critical, by email) pages the on-call staff, and its triage and
// status notification clocks run from arrival. A mail of no known severity through a channel a
// rule takes pages them to triage it (its triage owed from arrival: sla/clocks.ts), and is
// acknowledged; one whose promise runs round the clock
// while nobody works its channel pages them (else the managers). Anything else that arrives while
// support is closed gets an automatic acknowledgement saying when work resumes, in the ticket's
// receipt (which meets no promise: only people do).
// A qualifying ticket still open when support closes, or regraded into a rule while it is closed,
// is handed to on-call then (handover_at, fired by handover.ts), and its after-hours clocks start then.
// Which rules concern a ticket: after-hours-rules.ts; promises kept round the clock under no rule,
// and the hours someone works a channel: round-the-clock.ts.
import { isOpen, nextClose, nextOpen } from '../calendar/index.ts';
import { messageInsert } from '../outbox/index.ts';
import { webhookEventInsert } from '../webhooks/index.ts';
import { webhookTicket } from './webhook-events.ts';
import { writeAll, type Db, type Write } from '../platform/index.ts';
import { clockOf, hoursNamed, hoursWord, planName, severityLabel, severityName, type PolicyModel } from '../policy/index.ts';
import { localText, type Applicable } from '../sla/index.ts';
import { afterHoursElsewhere, afterHoursRulesFor, handoverRulesFor, rulesOf, rulesThroughChannel, severityList } from './after-hours-rules.ts';
import { roundTheClockHandover, staffedHours, targetsOf } from './round-the-clock.ts';
import { deskLink, REPLY_ANSWERS } from './agent-notices.ts';
import { ticketHasSla } from './sla-applies.ts';
import { answeredNowText, outsideHoursText, resumesOutOfHoursText } from './arrival-words.ts';
import { eventsInsert, type NewEvent, type TicketRow } from './store.ts';
import { pageRecipients } from './page-recipients.ts';
import { vendorTime } from './reader-zone.ts';

const ms = (t: Temporal.Instant) => t.epochMilliseconds;
const instant = (n: number) => Temporal.Instant.fromEpochMilliseconds(n);

/**
 * When this ticket must be handed to on-call, or null: at the next closing of the plan's support
 * hours while it is open, qualifies for an after-hours rule and was not handed over yet (one the
 * rule took at arrival was: handed_over_at is its arrival); at once when support is already closed
 * (regraded to critical at night, whenever it arrived). A ticket only a rule's `hand_over:
 * any_channel` takes, through a channel nobody reads after hours, is handed over at a closing
 * only: the next one after support opens (the team has had it then), unless an agent regrades it
 * into the rule while support is closed (regradedHandover). A hand-over already due stays due: a
 * write between the closing and the sweep (the customer writing at 17:00:05) does not move it.
 */
export function handoverDue(policy: PolicyModel, t: TicketRow, now: Temporal.Instant): Temporal.Instant | null {
  if (t.handed_over_at || t.status === 'solved' || t.status === 'closed' || !ticketHasSla(policy, t)) return null;
  if (handoverRulesFor(policy, t).length === 0) return roundTheClockHandover(policy, t, now);
  if (t.handover_at && Temporal.Instant.compare(t.handover_at, now) <= 0) return t.handover_at;
  const support = clockOf(policy, policy.plans.get(t.plan_id)!.calendar);
  const atClosingOnly = afterHoursRulesFor(policy, t).length === 0;
  if (!isOpen(support, ms(now)) && !atClosingOnly) return now;
  const from = isOpen(support, ms(now)) ? ms(now) : nextOpen(support, ms(now));
  const closes = Number.isFinite(from) ? nextClose(support, from) : null;
  return closes === null ? null : instant(closes);
}

/**
 * A regrade (agents only) into an after-hours rule while the plan's support is closed: handed over
 * now, whatever channel the ticket came through. Someone at the vendor has just judged it one of the
 * rule's severities outside support hours (OpenKey: an "Emergency Tier 2 issue outside of business
 * hours", the After Hours Emergency Contact's), so it is not left to the next closing, a working day
 * on. Null when it is not due now (support open: handoverDue sets the closing).
 */
export function regradedHandover(policy: PolicyModel, t: TicketRow, now: Temporal.Instant): Temporal.Instant | null {
  if (t.handed_over_at || t.status === 'solved' || t.status === 'closed' || !ticketHasSla(policy, t)) return null;
  if (handoverRulesFor(policy, t).length === 0) return null;
  return isOpen(clockOf(policy, policy.plans.get(t.plan_id)!.calendar), ms(now)) ? null : now;
}

/** Why on-call is paged: a request the after-hours rule takes arrived, support closed on one, one was regraded into it at night, the customer mailed on one at night, one of no known severity arrived through its channel, or one whose promise runs round the clock arrived while nobody works its channel. */
export type PageReason = 'after_hours_arrival' | 'support_closed' | 'regraded_after_hours' | 'mailed_after_hours' | 'after_hours_unclassified' | 'promise_running';

/**
 * What a page is about; `owed`: the ticket's clocks as they stand (projected or stored), whose
 * after-hours times the page gives; `loggedBy`: the agent who logged the ticket, never paged for it;
 * `regradedBy`: likewise the agent who regraded it into the rule at night (docs/adr/0024).
 */
export type PageInput = {
  reason: PageReason; ruleIds: string[]; at: Temporal.Instant; now: Temporal.Instant;
  owed?: ReadonlyArray<{ metric: string; state: string; dueAt: number | null }>; loggedBy?: string;
  /** The agent who regraded the ticket into the rule at night (handover.ts), spared as the one who logged it is. */
  regradedBy?: string;
};

/** Pages whoever is on call for the ticket (the managers when nobody is): outbox notices, a webhook and a timeline entry. */
export async function pageOnCall(tx: Db, policy: PolicyModel, t: TicketRow, input: PageInput): Promise<string[]> {
  const page = await pageWrites(tx, policy, t, input);
  await writeAll(tx, [...page.writes, eventsInsert([page.event]).write]);
  return page.recipients;
}

/**
 * What paging writes, decided before anything is written (who is on call is read here): the
 * notices and webhooks, and the timeline entry, which the caller writes with its other events.
 */
export async function pageWrites(
  tx: Db,
  policy: PolicyModel,
  t: TicketRow,
  input: PageInput,
): Promise<{ writes: Write[]; event: NewEvent; recipients: string[]; loggedByOnCall: boolean }> {
  // Whoever is on call now: a ticket read late (a mail that waited), or a hand-over swept after its
  // closing, goes to the person on call when the page is sent, not to one whose shift has ended.
  const who = await pageRecipients(tx, input.now, input.ruleIds, input.loggedBy ?? input.regradedBy ?? null);
  const did = input.loggedBy ? 'logged' : 'regraded';
  const agents = who.paged;
  const recipients = agents.map((a) => a.email);
  // The plan's hours by the vendor's name for them (OpenKey's "regular business hours"; OpenMethods'
  // are the hours of its remediation work, never called support hours).
  const hours = hoursNamed(policy, policy.plans.get(t.plan_id)?.calendar ?? '');
  const why = {
    after_hours_arrival: `arrived outside ${hours}`,
    after_hours_unclassified: `arrived outside ${hours} with no ${severityLabel(policy).toLowerCase()} given`,
    promise_running: `arrived outside ${hours} with a time promised round the clock running now`,
    support_closed: `is still open as ${hours} end`,
    regraded_after_hours: `became ${severityName(policy, t.severity)} outside ${hours}`,
    mailed_after_hours: `got an email from the customer outside ${hours}`,
  }[input.reason];
  // What the on-call person is there for, in the vendor's words (the rules that took the ticket).
  const promised = rulesOf(policy, input.ruleIds).map((r) => r.description.trim()).filter((d) => d !== '');
  // Each paged agent's own zone (their profile's), for their time beside the policy's.
  const zones = new Map((await tx.query<{ id: string; time_zone: string | null }>('SELECT id, time_zone FROM agents WHERE id = ANY($1::uuid[])', [agents.map((a) => a.id)])).rows
    .map((r) => [r.id, r.time_zone]));
  // Who reported it and for which customer: the one paged at night knows whom it is for, and whom to call back, without opening the desk.
  const { rows: [from] } = await tx.query<{ name: string; email: string; org: string }>(
    'SELECT c.name, c.email, o.name AS org FROM contacts c JOIN organizations o ON o.id = $2 WHERE c.id = $1', [t.requester_id, t.organization_id]);
  const bodyFor = (readerZone: string | null) => [
    `Ticket #${t.number} "${t.subject}" ${why} and is yours to triage.`,
    ...(input.reason === 'after_hours_unclassified'
      ? [`Its ${severityLabel(policy).toLowerCase()} below is the policy's default, not the customer's. If after-hours support takes it (${severityList(policy, rulesOf(policy, input.ruleIds))}), regrade it: its after-hours times run from its arrival. If not, it waits for ${hours}.${triageOwed(policy, input.ruleIds)}`]
      : []),
    `${severityName(policy, t.severity)}, ${planName(policy, t.plan_id)} plan.`,
    ...(from ? [`From ${from.name} <${from.email}> of ${from.org}.`] : []),
    ...owedText(policy, t, input, readerZone),
    ...(promised.length > 0 ? [`What the policy says after hours:\n${promised.join('\n\n')}`] : []),
    REPLY_ANSWERS,
  ].join('\n\n');
  const writes: Write[] = agents.map(({ id, email: recipient }) =>
    messageInsert({
      kind: 'oncall_page', recipient, createdAt: input.now,
      subject: `[On call] Ticket #${t.number}, ${severityName(policy, t.severity)}: ${t.subject}`,
      body: bodyFor(zones.get(id) ?? null),
      payload: { ticket_id: t.id, reason: input.reason, rules: input.ruleIds, links: [deskLink(t)] },
      dedupeKey: `page:${t.id}:${input.reason}:${input.at.toString()}:${recipient}`,
    }),
  );
  // One webhook per rule that took it; a page under no rule (a promise round the clock) sends one with
  // no rule. None when nobody was paged because the one on call logged it.
  for (const ruleId of who.loggedByOnCall ? [] : input.ruleIds.length > 0 ? input.ruleIds : [null]) {
    const rule = ruleId === null ? undefined : policy.file.after_hours?.find((r) => r.id === ruleId);
    writes.push(
      webhookEventInsert({
        type: 'oncall.paged', occurredAt: input.now,
        data: { ticket: webhookTicket(t), page: { ruleId, staffedBy: rule?.staffed_by ?? null, agentId: agents[0]?.id ?? null } },
      }).write,
    );
  }
  const event: NewEvent = {
    ticketId: t.id, at: input.now, actor: { kind: 'system' }, type: 'paged', visibility: 'internal',
    body: who.loggedByOnCall
      ? `Not paged: ${who.loggedByOnCall.email}, on call now, ${did} it. The ticket ${why}.`
      : `Paged ${recipients.join(', ') || 'nobody (no on-call staff or managers)'}: the ticket ${why}.`,
    // triage_owed: this page starts the triage owed from arrival (sla/clocks.ts). Pages written before
    // that promise was kept carry no mark, so a ticket of then is not owed a clock backdated to its
    // arrival (and breached, or met late, at its next recompute) for a promise the desk did not keep then.
    data: {
      reason: input.reason, rules: input.ruleIds, recipients, on_call: who.onCall.map((a) => a.email), at: input.at.toString(),
      ...(input.reason === 'after_hours_unclassified' ? { triage_owed: true } : {}),
      ...(who.loggedByOnCall ? { [`${did}_by_on_call`]: who.loggedByOnCall.email } : {}),
    },
  };
  return { writes, event, recipients, loggedByOnCall: who.loggedByOnCall !== null };
}

/**
 * "Owed: triage by Wed Dec 2 2026 11:25 PM EST; status notification, with an estimated time to
 * resolution, by Thu Dec 3 2026 12:10 AM EST.": the after-hours times running on the ticket as it is
 * paged, in the zone of the plan's hours (as the customer's receipt gives them), the paged agent's
 * own time beside each where their zone differs (reader-zone.ts vendorTime), so on call knows
 * when each falls due without opening the desk (OPS-COM: "Issues will be triaged within 15 minutes
 * and a status notification will be sent to you within 1 hour ... This notification will include an
 * estimated time to resolution").
 */
function owedText(policy: PolicyModel, t: TicketRow, input: PageInput, readerZone: string | null): string[] {
  const zone = policy.calendars.get(policy.plans.get(t.plan_id)?.calendar ?? '')?.time_zone ?? 'UTC';
  const withEta = rulesOf(policy, input.ruleIds).some((r) => r.targets?.status_notification?.requires_eta);
  const parts = (['triage', 'status_notification'] as const).flatMap((metric) => {
    const c = input.owed?.find((o) => o.metric === metric && o.state === 'running' && o.dueAt !== null);
    if (!c) return [];
    const what = metric === 'triage' ? 'triage' : `status notification${withEta ? ', with an estimated time to resolution,' : ''}`;
    return [`${what} by ${vendorTime(c.dueAt!, zone, readerZone)}`];
  });
  return parts.length === 0 ? [] : [`Owed: ${parts.join('; ')}.`];
}

/** " Its triage is owed within 15 minutes of its arrival ...": what a page to triage a mail of no known severity starts (sla/clocks.ts), or nothing. */
function triageOwed(policy: PolicyModel, ruleIds: string[]): string {
  const within = rulesOf(policy, ruleIds).find((r) => r.targets?.triage?.within)?.targets?.triage?.within;
  return within ? ` Its triage is owed within ${within} of its arrival: any action on it, or a reply, meets it.` : '';
}

/** When work on a request that waits resumes, in the words of its hours' zone (also the portal's form while support is closed: web/promised.ts closedNow). */
export function resumption(policy: PolicyModel, t: Pick<TicketRow, 'plan_id' | 'channel'>, opened: number): { resumes: string; at: number; zone: string } {
  const staffed = staffedHours(policy, t);
  const at = nextOpen(clockOf(policy, staffed), opened);
  const zone = policy.calendars.get(staffed)!.time_zone;
  return { resumes: localText(at, zone), at, zone };
}

/**
 * What the customer is told of a request after-hours support took as it arrived (on call was paged):
 * who has it, in the policy's words (staffed_by), and what the rules say, in the vendor's own
 * words (OpenKey's gives the numbers to call; its times "will vary"), so a business-hours time on
 * the receipt does not read as "nobody looks before Monday".
 */
export function takenAfterHoursText(policy: PolicyModel, ruleIds: readonly string[], options: { alerted: boolean; withStaff?: boolean; rulesWords: boolean }): string {
  const rules = rulesOf(policy, ruleIds);
  const staff = [...new Set(rules.map((r) => r.staffed_by))].join(' and ');
  // A folded YAML description keeps a line break only between paragraphs: each goes as one.
  const words = rules.flatMap((r) => r.description.split(/\n+/).map((p) => p.replace(/\s+/g, ' ').trim())).filter((d) => d !== '');
  // Who was alerted, in the rule's words alone (staffed_by): OpenKey's seed offers "emergency
  // assistance during off hours" and asks to "speak to the Openkey After Hours Emergency Contact";
  // "After-hours support takes it" was Accord's heading, not the vendor's.
  // Logged by the one on call (nobody alerted: they have it), it is with them.
  const taken = options.alerted ? `We have alerted ${staff}.` : options.withStaff ? `It is with ${staff}.` : 'After-hours support takes it.';
  return [taken, ...(options.rulesWords ? words : [])].join('\n\n');
}

/** When work resumes and the zone of the hours it is said in: a mail puts its reader's own time beside it (reader-zone.ts). */
export type Resumes = { at: number; zone: string };

/** What the hour does to a new ticket: page on-call, acknowledge, schedule a hand-over, or nothing. */
export type Arrival =
  | { kind: 'page'; ruleIds: string[] }
  /** Arrived with no severity given through a channel after-hours support takes: on-call is asked to look, the customer is told both ways it can go. */
  | { kind: 'triage'; ruleIds: string[]; body: string; resumes: string; resumesAt: Resumes }
  /** A promise whose clock runs now, and nobody works the channel: on-call (else the managers) is paged. */
  | { kind: 'alert' }
  | { kind: 'acknowledge'; body: string; resumes: string; resumesAt: Resumes }
  | { kind: 'handover'; at: Temporal.Instant }
  | { kind: 'none' };

/**
 * Decided from the new ticket alone, before it is written: a request the after-hours rules take
 * pages on-call; anything else arriving while support is closed is acknowledged with when work
 * resumes; a qualifying ticket that arrives in hours is handed over when support closes.
 */
export function arrivalOf(policy: PolicyModel, t: TicketRow, now: Temporal.Instant, facts: Applicable = targetsOf(policy, t), byAgent = false): Arrival {
  const opened = ms(t.created_at);
  // Taken by a rule whether or not it sets times of its own (OpenKey's emergency line sets none:
  // its After Hours Emergency Contact is paged all the same). Logged by an agent (a call taken at
  // night), it is the vendor's already, judged of the rule's severity outside support hours: taken
  // as a regrade into the rule is (regradedHandover), whatever channel it came through (docs/adr/0024).
  const taking = byAgent ? handoverRulesFor(policy, t) : afterHoursRulesFor(policy, t);
  if (facts.afterHours && ticketHasSla(policy, t) && taking.length > 0) return { kind: 'page', ruleIds: taking.map((r) => r.id) };
  // A mail says no severity (nor answers the intake questions), so the default one it got says
  // nothing of how grave it is. Where
  // after-hours support is given through its channel (OPS-COM: "This support is provided by email
  // and is staffed by on-call personnel"), the people on call triage it: they regrade it if the
  // rule takes it (then it is handed to them, handover.ts), else it waits for support hours.
  const unknown = t.classification.source === 'default' && Object.keys(t.intake_answers).length === 0;
  const through = facts.afterHours && ticketHasSla(policy, t) && unknown ? rulesThroughChannel(policy, t) : [];
  if (through.length > 0) {
    const { resumes, at, zone } = resumption(policy, t, opened);
    // What after-hours support takes, in the vendor's own words (no promise of Accord's making).
    const rules = through.map((r) => r.description.replace(/\s+/g, ' ').trim()).join('\n\n');
    return {
      kind: 'triage', ruleIds: through.map((r) => r.id), resumes, resumesAt: { at, zone },
      body: `We received your request outside our ${hoursWord(policy, staffedHours(policy, t))}. Work on it resumes ${resumes}, unless it is one that after-hours support takes:\n\n${rules}`,
    };
  }
  // A promise whose clock runs now (OpenBack's Severity 1: a first response within hours, round the
  // clock) does not wait for support hours: "work resumes Monday" would contradict it. Nobody
  // working the channel now (OpenBack's overnight email is; its Sunday daytime is not), the people
  // on call, else the managers, are paged: a promise round the clock needs someone to keep it.
  const running = ticketHasSla(policy, t) && facts.targets.some((x) => x.duration !== null && isOpen(clockOf(policy, x.clockId), opened));
  if (facts.afterHours && running && !isOpen(clockOf(policy, staffedHours(policy, t)), opened)) return { kind: 'alert' };
  if (facts.afterHours && !running) {
    const plan = policy.plans.get(t.plan_id)!;
    const staffed = staffedHours(policy, t);
    if (staffed === plan.calendar || !isOpen(clockOf(policy, staffed), opened)) {
      const { resumes, at, zone } = resumption(policy, t, opened);
      // A request outside the SLA (OpenKey's billing or sales question, or one support does not
      // cover) has no tier: where graver ones go after hours is nothing to it.
      const elsewhere = ticketHasSla(policy, t) ? afterHoursElsewhere(policy, t) : null;
      const body = [outsideHoursText(policy, t, staffed, resumes, opened), resumesOutOfHoursText(policy, t, staffed, at), answeredNowText(policy, t, opened), elsewhere]
        .filter((p) => p !== null).join('\n\n');
      return { kind: 'acknowledge', body, resumes, resumesAt: { at, zone } };
    }
  }
  const due = handoverDue(policy, t, now);
  return due === null ? { kind: 'none' } : { kind: 'handover', at: due };
}
