// A ticket's timeline as the agent's ticket page shows it (QA, 2026-12-05: entries were titled by
// their codes, "sla breach", "cc changed", and said "plan: enterprise", "source contact",
// "policy version: 1", while "assigned", "cc changed" and "requester changed" said nothing of who,
// their people being ids). Each entry is named in words and its data worded: people by name,
// severities, plans and clocks by the policy's names. Unlike the customer's timeline
// (customer-timeline.ts) nothing the team needs is left out; an entry of a kind not worded here
// keeps its data as it is, which the page shows without ids.
import { planName, type PolicyModel } from '../policy/index.ts';
import { CHANNEL_NAMES, STATUS_NAMES } from '../tickets/index.ts';
import { severityText } from './customer-timeline.ts';
import { METRIC_NAMES } from './format.ts';

const TITLES: Record<string, string> = {
  created: 'Opened', reply: 'Reply', note: 'Internal note', files_added: 'Files added', status_changed: 'Status changed', reopened: 'Reopened',
  assigned: 'Assignee changed', regraded: 'Severity changed', acknowledged: 'Received (automatic answer)', coverage_marked: 'Support coverage',
  escalation_requested: 'Escalation asked for by the customer', escalation_unwarranted: 'Escalation judged unwarranted', escalated: 'Escalated',
  merged_into: 'Merged', merged_from: 'Merged in', follow_up_of: 'Follow-up', followed_up: 'Followed up', cc_changed: 'People copied changed',
  rated: 'Rated by the customer', requester_changed: 'Requester changed', customer_reminded: 'Customer reminded', tags_changed: 'Tags changed',
  link_added: 'Engineering link added', qa_verified: 'QA verified', fix_released: 'Fix released', policy_changed: 'Support policy changed',
  handed_to_on_call: 'Handed to on-call', paged: 'On-call paged', sla_reminder: 'SLA reminder', sla_warning: 'SLA warning', sla_breach: 'SLA breached',
};

/** The people an agent's timeline names: agents and the organization's contacts, by id. */
export type TimelinePeople = { agentName: Map<string, string>; contactName: Map<string, string> };

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
const list = (v: unknown) => (Array.isArray(v) && v.length ? v.map(String).join(', ') : null);
const statusText = (v: unknown) => (typeof v === 'string' ? STATUS_NAMES[v as keyof typeof STATUS_NAMES] ?? v : null);
const metricText = (v: unknown) => (typeof v === 'string' ? METRIC_NAMES[v] ?? v : null);
const yesNo = (v: unknown) => (v === true ? 'yes' : v === false ? 'no' : null);
const agentText = (people: TimelinePeople, id: unknown) => (typeof id !== 'string' ? 'nobody (unassigned)' : people.agentName.get(id) ?? 'a former agent');
const contactText = (people: TimelinePeople, id: unknown) => (typeof id !== 'string' ? null : people.contactName.get(id) ?? 'a former contact');
const contactsText = (people: TimelinePeople, ids: unknown) => {
  const named = (Array.isArray(ids) ? ids : []).map((id) => contactText(people, id)).filter((n): n is string => n !== null);
  return named.length ? named.join(', ') : null;
};

/** An entry's data in words, label to text (null: nothing to say); undefined: a kind not worded here. */
function wordedData(policy: PolicyModel, people: TimelinePeople, type: string, data: Record<string, unknown>): Record<string, string | null> | undefined {
  switch (type) {
    case 'created': {
      const classified = (data.classified ?? {}) as { reason?: unknown };
      const plan = text(data.plan);
      const gated = text(data.gated_from_plan);
      return {
        Severity: severityText(policy, data.severity),
        'How the severity was decided': text(classified.reason),
        Channel: typeof data.channel === 'string' ? CHANNEL_NAMES[data.channel as keyof typeof CHANNEL_NAMES] ?? data.channel : null,
        Plan: plan ? planName(policy, plan) + (gated ? ` (not ${planName(policy, gated)} yet: ${text(data.reason) ?? 'technical onboarding not complete'})` : '') : null,
        'Support policy': typeof data.policy_version === 'number' ? `version ${data.policy_version}` : null,
      };
    }
    case 'assigned':
      return { From: agentText(people, data.from), To: agentText(people, data.to) };
    case 'regraded':
      return { From: severityText(policy, data.from), To: severityText(policy, data.to) };
    case 'status_changed':
    case 'reopened':
      return { From: statusText(data.from), To: statusText(data.to), Reason: text(data.reason) };
    case 'cc_changed':
      return { Copied: contactsText(people, data.added), 'No longer copied': contactsText(people, data.removed) };
    case 'requester_changed':
      return { From: contactText(people, data.from), To: contactText(people, data.to) };
    case 'tags_changed':
      return { Added: list(data.added), Removed: list(data.removed) };
    case 'link_added':
      return { URL: text(data.url), Title: text(data.title) };
    case 'reply':
      return { 'Estimated resolution': text(data.eta), Fix: data.fix_available === true ? 'available' : null };
    case 'sla_reminder':
    case 'sla_warning':
    case 'sla_breach':
      return { Clock: metricText(data.metric), Goal: text(data.goal), Due: text(data.due) };
    case 'policy_changed':
      return { From: typeof data.from === 'number' ? `version ${data.from}` : null, To: typeof data.to === 'number' ? `version ${data.to}` : null };
    case 'fix_released':
      return { Release: text(data.release), 'Customer told': yesNo(data.customer_told) };
    case 'rated':
      return { Rating: data.rating === 'good' ? 'Good' : data.rating === 'bad' ? 'Bad' : null };
    case 'customer_reminded':
      return { 'Waiting for their reply since': text(data.waiting_since), 'Marked solved without a reply by': text(data.solves_at) };
    // The entry's text says it (a note, a merge, the automatic answer); its link to another ticket is shown on its own.
    case 'note':
    case 'files_added':
    case 'acknowledged':
    case 'merged_into':
    case 'merged_from':
    case 'follow_up_of':
    case 'followed_up':
      return {};
    default:
      return undefined;
  }
}

type Event = { type: string; data: Record<string, unknown> };

/** The contacts an agent's timeline names (people copied, requesters), for the page to look up by id. */
export function timelineContactIds(events: Event[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.type === 'cc_changed') for (const id of [...(Array.isArray(e.data?.added) ? e.data.added : []), ...(Array.isArray(e.data?.removed) ? e.data.removed : [])]) ids.add(String(id));
    if (e.type === 'requester_changed') for (const id of [e.data?.from, e.data?.to]) if (typeof id === 'string') ids.add(id);
  }
  return [...ids];
}

/** The events of a ticket as an agent reads them: `title` names the entry, `worded` (when set) is the data the page shows. */
export function agentTimeline<E extends Event>(policy: PolicyModel, events: E[], people: TimelinePeople): Array<E & { title: string; worded?: Record<string, string | null> }> {
  return events.map((e) => {
    const worded = wordedData(policy, people, e.type, e.data ?? {});
    return { ...e, title: TITLES[e.type] ?? e.type.replace(/_/g, ' '), ...(worded ? { worded } : {}) };
  });
}
