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
function severityText(policy: PolicyModel, v: unknown): string | null {
  if (typeof v !== 'number') return null;
  const s = policy.severities.get(v);
  return s ? `${v}: ${s.name}` : String(v);
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
const statusText = (v: unknown) => (typeof v === 'string' ? STATUS_NAMES[v as keyof typeof STATUS_NAMES] ?? v : null);

/** The facts of one entry, label to worded value (null values are left out); an instant stays an ISO string for the page to show in the reader's zone. */
function wordedData(policy: PolicyModel, type: string, data: Record<string, unknown>): Record<string, string | null> {
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
    // The entry's text, or its link to the other case, says it all; copied people and requesters are ids.
    default:
      return {};
  }
}

export type CustomerEvent<E> = E & { title: string; worded: Record<string, string | null> };

/** The events of a case as its customer reads them: `title` names the entry, `worded` is the data the page shows. */
export function customerTimeline<E extends { type: string; data: Record<string, unknown> }>(policy: PolicyModel, events: E[]): Array<CustomerEvent<E>> {
  return events.map((e) => ({ ...e, title: TITLES[e.type] ?? e.type.replace(/_/g, ' '), worded: wordedData(policy, e.type, e.data ?? {}) }));
}
