// A ticket's timeline in words, for its two readers: the agent's ticket page and the customer's case
// page. QA (2026-12-04 and 05) found entries titled by their codes ("sla breach", "cc changed"),
// data shown as stored ("plan: growth", "automatic: true", "policy version: 1", the classification
// rule's expression) and people as ids. Each entry is named in words and its data worded: people by
// name, severities, plans, statuses and clocks by the policy's names. The agent reads everything the
// team needs; the customer reads only what speaks to them (never a rule's expression, an internal
// flag or an id), and an entry of a kind not worded here shows the customer nothing of its data.
// Times stay ISO instants, for the page to show in the reader's zone.
import { channelName, filedName, planName, planNamePublished, severityLabel, severityPublished, severityText, type PolicyModel } from '../policy/index.ts';
import { UNDELIVERED_KINDS, coverageTitle } from '../tickets/index.ts';
import { instantText, ladderText, list, metricText, pageReasonText, staffText, statusText, text, yesNo } from './timeline-values.ts';
import { whyNot } from '../email/index.ts';

type Reader = 'agent' | 'customer';

const TITLES: Record<string, string> = {
  created: 'Opened', reply: 'Reply', note: 'Internal note', files_added: 'Files added', status_changed: 'Status changed', reopened: 'Reopened',
  assigned: 'Assignee changed', acknowledged: 'Received',
  escalation_requested: 'Escalation asked for', escalation_unwarranted: 'Escalation judged unwarranted', escalated: 'Escalated',
  merged_into: 'Merged', merged_from: 'Merged in', follow_up_of: 'Follow-up', followed_up: 'Followed up', cc_changed: 'People copied changed',
  cc_not_added: 'Copied but not added',
  rated: 'Rated', requester_changed: 'Requester changed', customer_reminded: 'Reminder sent', tags_changed: 'Tags changed',
  link_added: 'Engineering link added', qa_verified: 'QA verified', fix_released: 'Fix released', policy_changed: 'Support policy changed',
  guidance_requested: 'More guidance asked for',
  side_message: 'Side conversation: written to', side_reply: 'Side conversation: answer', mail_undelivered: 'Mail did not arrive', mail_resent: 'Mail sent again',
  handed_to_on_call: 'Handed to on-call', paged: 'On-call paged', sla_reminder: 'SLA reminder', sla_warning: 'SLA warning', sla_breach: 'SLA breached',
};
/** Where the team's reading of an entry says more than the customer's (whose own act it was, or what the desk did by itself). */
const AGENT_TITLES: Record<string, string> = {
  acknowledged: 'Received (automatic answer)', escalation_requested: 'Escalation asked for by the customer', rated: 'Rated by the customer',
  customer_reminded: 'Customer reminded', guidance_requested: 'More guidance asked for by the customer (beyond the knowledge base)',
};

/**
 * "1: Critical" (the name alone where the vendor numbers none), as the pages name a severity; the
 * customer reads nothing of a level the vendor never names (OPS-COM's "Not critical", published: false).
 */
function levelText(reader: Reader, policy: PolicyModel, v: unknown): string | null {
  if (typeof v !== 'number') return null;
  return reader === 'customer' && !severityPublished(policy, v) ? null : severityText(policy, v);
}

/** The created entry's labels for its level and how it was decided, in the vendor's word ("Support level"). */
export function levelLabels(policy: PolicyModel): { level: string; decided: string } {
  return { level: severityLabel(policy), decided: `How the ${severityLabel(policy).toLowerCase()} was decided` };
}

/**
 * The people a timeline names, by id: the organization's contacts and (for the team) the agents;
 * `me` is the contact reading, named "you". `channelName`: how the ticket came in, by the name the
 * policy it runs on (its version's) gives that channel (policy/channel-names.ts); without it, by the
 * timeline's policy, on the plan the ticket was opened on.
 */
export type People = { contactName: Map<string, string>; agentName?: Map<string, string>; me?: string | null; channelName?: (kind: string) => string };

/**
 * A contact by name ("you" for the reader). The team reads "a former contact" for one no longer
 * found; the customer reads nothing of a person the page cannot name.
 */
function contactText(reader: Reader, people: People, id: unknown): string | null {
  if (typeof id !== 'string') return null;
  if (reader === 'customer' && id === people.me) return 'you';
  return people.contactName.get(id) ?? (reader === 'agent' ? 'a former contact' : null);
}
function contactsText(reader: Reader, people: People, ids: unknown): string | null {
  const named = (Array.isArray(ids) ? ids : []).map((id) => contactText(reader, people, id)).filter((n): n is string => n !== null);
  return named.length ? named.join(', ') : null;
}
const agentText = (people: People, id: unknown) => (typeof id !== 'string' ? 'nobody (unassigned)' : people.agentName?.get(id) ?? 'a former agent');

/**
 * The plan a ticket was opened on, and when that is not the organization's own, why: the reason its
 * created event recorded (tickets/intake.ts gateReason), or only the plan it was not on when the
 * event records none (tickets opened before the reason was recorded).
 */
function planText(policy: PolicyModel, data: Record<string, unknown>): string | null {
  const plan = text(data.plan);
  if (!plan) return null;
  const gated = text(data.gated_from_plan);
  if (!gated) return planName(policy, plan);
  const reason = text(data.reason);
  return `${planName(policy, plan)} (not ${planName(policy, gated)} yet${reason ? `: ${reason}` : ''})`;
}

/**
 * How the ticket came in, by the vendor's name for that channel ("Web Support"), not a kind ("web"); a portal
 * case filed through a channel that is not a web form says where it was written ("Email (filed in the portal)").
 */
function channelText(policy: PolicyModel, people: People, data: Record<string, unknown>): string | null {
  if (typeof data.channel !== 'string') return null;
  const name = people.channelName ? people.channelName(data.channel) : channelName(policy, data.channel, text(data.plan));
  return filedName(name, data.channel, data.portal === true);
}

/** An entry's data in words, label to text (null: nothing to say); undefined: a kind not worded here. */
function wordedData(reader: Reader, policy: PolicyModel, people: People, type: string, data: Record<string, unknown>, at: (iso: string) => string = (iso) => iso): Record<string, string | null> | undefined {
  const team = reader === 'agent';
  switch (type) {
    case 'created': {
      const classified = (data.classified ?? {}) as { reason?: unknown };
      const labels = levelLabels(policy);
      const level = levelText(reader, policy, data.severity);
      return {
        [labels.level]: level,
        // The reason names the level it gave: said only where the level is.
        [labels.decided]: level === null ? null : text(classified.reason),
        Channel: channelText(policy, people, data),
        ...(team && data.answered_live === true ? { Answered: 'on the call, as it was opened (its first response)' } : {}),
        // Not to the customer where the published policy never names it (OfficeSpace's one plan, "Support").
        Plan: team || planNamePublished(policy, text(data.plan) ?? '') ? planText(policy, data) : null,
        ...(team ? { 'Support policy': typeof data.policy_version === 'number' ? `version ${data.policy_version}` : null } : {}),
      };
    }
    case 'reply':
      return { 'Estimated resolution': text(data.eta), Fix: data.fix_available === true ? 'available' : null };
    case 'status_changed':
    case 'reopened':
      return { From: statusText(data.from), To: statusText(data.to), Reason: text(data.reason) };
    case 'regraded': {
      // A level the customer is not told the name of reads as the case page shows it: "—", not a From without a To.
      const level = (v: unknown) => levelText(reader, policy, v) ?? (typeof v === 'number' ? '—' : null);
      return { From: level(data.from), To: level(data.to) };
    }
    // Who asked, where an agent recorded it for them (tickets/request-escalation.ts); the entry's own writer otherwise.
    case 'escalation_requested':
      return { 'Asked by': contactText(reader, people, data.asked_by) };
    // The policy's offer it was asked under (OpenKey: "Additional guidance will be provided upon request ...").
    case 'guidance_requested':
      return { 'As our support policy says': text(data.offer) };
    case 'rated':
      return { Rating: data.rating === 'good' ? 'Good' : data.rating === 'bad' ? 'Bad' : null };
    case 'customer_reminded':
      return { [team ? 'Waiting for their reply since' : 'Waiting for your reply since']: text(data.waiting_since), 'Marked solved without a reply by': text(data.solves_at) };
    case 'cc_changed':
      return { Copied: contactsText(reader, people, data.added), 'No longer copied': contactsText(reader, people, data.removed) };
    case 'requester_changed':
      return { From: contactText(reader, people, data.from), To: contactText(reader, people, data.to) };
    // The entry's text, or its link to another ticket, says it all.
    case 'note':
    case 'files_added':
    case 'acknowledged':
    case 'merged_into':
    case 'merged_from':
    case 'follow_up_of':
    case 'followed_up':
      return {};
  }
  if (!team) return undefined;
  switch (type) {
    case 'assigned':
      return { From: agentText(people, data.from), To: agentText(people, data.to) };
    case 'tags_changed':
      return { Added: list(data.added), Removed: list(data.removed) };
    case 'link_added':
      return { URL: text(data.url), Title: text(data.title) };
    // Escalation levels by the policy's names, not their ids ("to: escalation from: front-line role: Escalation").
    case 'escalated':
      return { From: ladderText(policy, data.from), To: ladderText(policy, data.to) ?? text(data.level) };
    case 'qa_verified':
      return { Level: ladderText(policy, data.level) };
    case 'sla_reminder':
    case 'sla_warning':
    case 'sla_breach':
      return { Clock: metricText(data.metric), Goal: instantText(data.goal, at), Due: instantText(data.due, at) };
    // Paged and handed over by the desk itself: why, when and to whom in words, not the stored
    // keys ("reason: after_hours_arrival", "rules: critical-on-call", "triage owed: true").
    case 'paged':
      return {
        Why: pageReasonText(policy, data.reason), When: instantText(data.at, at), 'Taken by': staffText(policy, data.rules),
        Paged: list(data.recipients), ...(data.logged_by_on_call || data.regraded_by_on_call ? { 'On call': list(data.on_call) } : {}), ...(data.triage_owed === true ? { 'Triage owed': 'from its arrival' } : {}),
      };
    case 'handed_to_on_call':
      return { When: instantText(data.at, at), 'Taken by': staffText(policy, data.rules) };
    case 'policy_changed':
      return { From: typeof data.from === 'number' ? `version ${data.from}` : null, To: typeof data.to === 'number' ? `version ${data.to}` : null };
    case 'fix_released':
      return { Release: text(data.release), 'Customer told': yesNo(data.customer_told) };
    // Someone who is not the customer, written to from the ticket (tickets/side-conversations.ts).
    case 'side_message':
      return {
        To: text(data.to), 'Also to': list(data.also_to), 'Taken in now': list(data.taken_in), Subject: text(data.subject),
      };
    case 'side_reply':
      return { Subject: text(data.subject) };
    // Mail about the ticket that did not reach its reader (tickets/undelivered-mail.ts).
    case 'mail_undelivered':
      return {
        To: text(data.recipient), Mail: text(UNDELIVERED_KINDS[String(data.kind)]) ?? text(data.kind),
        What: data.how === 'bounced' ? 'sent back' : data.how === 'failed' ? 'refused by their mail server' : null, Why: text(data.reason),
      };
    // A copy of such mail, sent again (tickets/resend-mail.ts), to their corrected address if it changed.
    // Addresses the customer's mail copied that are not contacts of the organization (tickets/ccs.ts copyFromMail).
    case 'cc_not_added': {
      const who = Array.isArray(data.addresses) ? data.addresses.map(String) : [];
      const org = text(data.organization);
      const former = Array.isArray(data.former) ? data.former.map(String) : [];
      return { Who: who.length ? who.join(', ') : null, Why: org ? whyNot(who, former, `of ${org}`).replace(/^they are /, '') : null };
    }
    case 'mail_resent':
      return { To: text(data.recipient), Mail: text(UNDELIVERED_KINDS[String(data.kind)]) ?? text(data.kind), 'First sent to': text(data.before) };
    default:
      return undefined;
  }
}

type Event = { type: string; actor?: { kind: string; id?: string | null }; data: Record<string, unknown> };

/** The contacts a timeline names (writers, people copied, requesters), for the page to look up by id. */
export function timelineContactIds(events: Event[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.actor?.kind === 'contact' && e.actor.id) ids.add(e.actor.id);
    const d = e.data ?? {};
    if (e.type === 'cc_changed') for (const id of [...(Array.isArray(d.added) ? d.added : []), ...(Array.isArray(d.removed) ? d.removed : [])]) ids.add(String(id));
    if (e.type === 'requester_changed') for (const id of [d.from, d.to]) if (typeof id === 'string') ids.add(id);
    if (e.type === 'escalation_requested' && typeof d.asked_by === 'string') ids.add(d.asked_by);
  }
  return [...ids];
}

/** A coverage entry's mark, as its data records it (null: covered again). */
const coverageOf = (data: Record<string, unknown>): { kind: 'exclusion' | 'requirement' } | null => {
  const kind = (data.coverage as { kind?: unknown } | null | undefined)?.kind;
  return kind === 'exclusion' || kind === 'requirement' ? { kind } : null;
};

const titleOf = (reader: Reader, policy: PolicyModel, type: string, data: Record<string, unknown>) =>
  // An escalation request an agent recorded for the customer (they called): by that agent, for whom it says.
  (type === 'escalation_requested' && typeof data.asked_by === 'string' ? (reader === 'agent' ? 'Escalation asked for by the customer, recorded' : 'Escalation asked for, recorded') : undefined) ??
  // A regrade is titled in the vendor's word for its levels ("Support level changed").
  (type === 'regraded' ? `${severityLabel(policy)} changed` : undefined) ??
  // Logged by the one on call: nobody paged (tickets/page-recipients.ts).
  (type === 'paged' && data.logged_by_on_call ? 'On-call not paged: logged by the one on call' : undefined) ??
  (type === 'paged' && data.regraded_by_on_call ? 'On-call not paged: regraded by the one on call' : undefined) ??
  // The item marked, said to be not covered and under the policy's heading for its list ("Not covered
  // (Issues Not Covered by Technical Support)"): alone, "Non-OpenBack networks, ..." reads as covered.
  (type === 'coverage_marked' ? coverageTitle(policy, coverageOf(data)) : undefined) ??
  (reader === 'agent' ? AGENT_TITLES[type] : undefined) ?? TITLES[type] ?? type.replace(/_/g, ' ');

/**
 * What a clock's signal says on the timeline, its time in the page's zone: the sweep stores it in
 * UTC ("update breached at 2026-12-05 08:20 UTC", tickets/sweep.ts), which an agent in New York
 * would have to convert. Null for an entry of another kind, or one without its time.
 */
function signalText(type: string, data: Record<string, unknown>, at: (iso: string) => string): string | null {
  const metric = metricText(data.metric);
  const mark = text(type === 'sla_warning' ? data.goal : data.due);
  if (!metric || !mark) return null;
  if (type === 'sla_reminder') return `${metric} falls due at ${at(mark)}`;
  if (type === 'sla_warning') return `${metric} reached its goal at ${at(mark)}`;
  return type === 'sla_breach' ? `${metric} breached at ${at(mark)}` : null;
}

/**
 * The events of a ticket as an agent reads them: `title` names the entry; `worded` (when set) is
 * the data the page shows, and an entry of a kind not worded keeps its data, which the page shows
 * without ids. `at`: how the page says an instant (the agent's zone, else the plan's: ticket-view.ts);
 * a clock's signal says its times so, its text included. Without it they stay ISO instants.
 */
export function agentTimeline<E extends Event & { body?: string | null }>(
  policy: PolicyModel, events: E[], people: People, at?: (iso: string) => string,
): Array<E & { title: string; by?: string; worded?: Record<string, string | null> }> {
  return events.map((e) => {
    // A mailed answer read after other writes: written after them, counted as of its arrival (tickets/write-context.ts).
    const received = instantText(e.data?.received_at, at ?? ((iso) => iso));
    const own = wordedData('agent', policy, people, e.type, e.data ?? {}, at);
    const worded = own && received ? { ...own, 'Received by mail': received } : own;
    // An answer in a side conversation is written by the one answering, whom the desk knows by address only.
    const by = e.type === 'side_reply' ? text(e.data?.from) : null;
    const signal = at ? signalText(e.type, e.data ?? {}, at) : null;
    return { ...e, title: titleOf('agent', policy, e.type, e.data ?? {}), ...(worded ? { worded } : {}), ...(by ? { by } : {}), ...(signal ? { body: signal } : {}) };
  });
}

export type CustomerEvent<E> = E & { title: string; by: string; worded: Record<string, string | null> };

/** Who wrote an entry, as the customer reads it: you, a colleague by name, the support team, or the desk itself. */
function byText(people: People, actor: Event['actor']): string {
  if (actor?.kind === 'contact') return contactText('customer', people, actor.id) ?? 'a colleague';
  return actor?.kind === 'agent' ? 'support' : 'the support desk, automatically';
}

/** The events of a case as its customer reads them: `title` names the entry, `by` its writer, `worded` is the data the page shows. */
export function customerTimeline<E extends Event>(policy: PolicyModel, events: E[], people: People = { contactName: new Map(), me: null }): Array<CustomerEvent<E>> {
  return events.map((e) => ({
    ...e, title: titleOf('customer', policy, e.type, e.data ?? {}), by: byText(people, e.actor), worded: wordedData('customer', policy, people, e.type, e.data ?? {}) ?? {},
  }));
}
