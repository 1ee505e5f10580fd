// A case's timeline as its customer reads it on the portal (QA, 2026-12-04: the portal showed
// "plan: growth", "classified: rule production and all_customers_affected ...; source rules" and
// "automatic: true"). Each entry is named in words ("Opened", "Severity changed"), and of its data
// only what speaks to the customer, worded: severity and plan by the policy's names, how the
// severity was decided in the policy's own words (never the rule's expression), statuses by name.
// Times stay instants, so the page shows them in the reader's zone. Ids, flags and what the
// entry's text already says (the receipt's "work resumes", the coverage text) are left out.
import { planName, type PolicyModel } from '../policy/index.ts';
import { CHANNEL_NAMES, STATUS_NAMES } from '../tickets/index.ts';

const TITLES: Record<string, string> = {
  created: 'Opened', reply: 'Reply', files_added: 'Files added', status_changed: 'Status changed', reopened: 'Reopened',
  regraded: 'Severity changed', acknowledged: 'Received', coverage_marked: 'Support coverage', escalation_requested: 'Escalation asked for',
  merged_into: 'Merged', merged_from: 'Merged in', follow_up_of: 'Follow-up', followed_up: 'Followed up', cc_changed: 'People copied changed',
  rated: 'Rated', requester_changed: 'Requester changed', customer_reminded: 'Reminder sent',
};

/** "1: Critical", as the case page names its severity; the number alone when the policy has no such severity. */
export function severityText(policy: PolicyModel, v: unknown): string | null {
  if (typeof v !== 'number') return null;
  const s = policy.severities.get(v);
  return s ? `${v}: ${s.name}` : String(v);
}

/** The people a timeline names, by contact id (the organization's own contacts), and the reader. */
export type People = { names: Map<string, string>; me: string | null };

const nameOf = (people: People, id: unknown) => (typeof id !== 'string' ? null : id === people.me ? 'you' : people.names.get(id) ?? null);
const namesOf = (people: People, ids: unknown) => {
  const named = (Array.isArray(ids) ? ids : []).map((id) => nameOf(people, id)).filter((n): n is string => n !== null);
  return named.length ? named.join(', ') : null;
};

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
const statusText = (v: unknown) => (typeof v === 'string' ? STATUS_NAMES[v as keyof typeof STATUS_NAMES] ?? v : null);

/** The facts of one entry, label to worded value (null values are left out); an instant stays an ISO string for the page to show in the reader's zone. */
function wordedData(policy: PolicyModel, people: People, type: string, data: Record<string, unknown>): Record<string, string | null> {
  switch (type) {
    case 'created': {
      const classified = (data.classified ?? {}) as { reason?: unknown };
      const gated = text(data.gated_from_plan);
      const plan = text(data.plan);
      return {
        Severity: severityText(policy, data.severity),
        'How the severity was decided': text(classified.reason),
        Channel: typeof data.channel === 'string' ? CHANNEL_NAMES[data.channel as keyof typeof CHANNEL_NAMES] ?? data.channel : null,
        Plan: plan ? planName(policy, plan) + (gated ? ` (not ${planName(policy, gated)} yet: technical onboarding not complete)` : '') : null,
      };
    }
    case 'reply':
      return { 'Estimated resolution': text(data.eta), Fix: data.fix_available === true ? 'available' : null };
    case 'status_changed':
    case 'reopened':
      return { From: statusText(data.from), To: statusText(data.to), Reason: text(data.reason) };
    case 'regraded':
      return { From: severityText(policy, data.from), To: severityText(policy, data.to) };
    case 'rated':
      return { Rating: data.rating === 'good' ? 'Good' : data.rating === 'bad' ? 'Bad' : null };
    case 'customer_reminded':
      return { 'Waiting for your reply since': text(data.waiting_since), 'Marked solved without a reply by': text(data.solves_at) };
    case 'cc_changed':
      return { Copied: namesOf(people, data.added), 'No longer copied': namesOf(people, data.removed) };
    case 'requester_changed':
      return { From: nameOf(people, data.from), To: nameOf(people, data.to) };
    // The entry's text, or its link to the other case, says it all.
    default:
      return {};
  }
}

export type CustomerEvent<E> = E & { title: string; by: string; worded: Record<string, string | null> };

type Event = { type: string; actor: { kind: string; id: string | null }; data: Record<string, unknown> };

/** Who wrote an entry, as the customer reads it: you, a colleague by name, the support team, or the desk itself. */
function byText(people: People, actor: Event['actor']): string {
  if (actor.kind === 'contact') return nameOf(people, actor.id) ?? 'a colleague';
  return actor.kind === 'agent' ? 'support' : 'the support desk, automatically';
}

/** The contacts a timeline names (writers, people copied, requesters), for the page to look up by id. */
export function contactIdsOf(events: Event[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.actor.kind === 'contact' && e.actor.id) ids.add(e.actor.id);
    if (e.type === 'cc_changed') for (const id of [...(Array.isArray(e.data.added) ? e.data.added : []), ...(Array.isArray(e.data.removed) ? e.data.removed : [])]) ids.add(String(id));
    if (e.type === 'requester_changed') for (const id of [e.data.from, e.data.to]) if (typeof id === 'string') ids.add(id);
  }
  return [...ids];
}

/** The events of a case as its customer reads them: `title` names the entry, `by` its writer, `worded` is the data the page shows. */
export function customerTimeline<E extends Event>(policy: PolicyModel, events: E[], people: People = { names: new Map(), me: null }): Array<CustomerEvent<E>> {
  return events.map((e) => ({
    ...e, title: TITLES[e.type] ?? e.type.replace(/_/g, ' '), by: byText(people, e.actor), worded: wordedData(policy, people, e.type, e.data ?? {}),
  }));
}
