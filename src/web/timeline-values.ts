// A timeline entry's stored values in words (web/timeline.ts): text and lists as given, statuses and
// clocks by their names, why on-call was paged, who takes it after hours and an escalation level by
// the policy's words, an id no longer in the policy as stored.
import { severityLabel, type PolicyModel } from '../policy/index.ts';
import { STATUS_NAMES, type PageReason } from '../tickets/index.ts';
import { METRIC_NAMES } from './format.ts';

export const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
export const list = (v: unknown) => (Array.isArray(v) && v.length ? v.map(String).join(', ') : null);
export const statusText = (v: unknown) => (typeof v === 'string' ? STATUS_NAMES[v as keyof typeof STATUS_NAMES] ?? v : null);
export const metricText = (v: unknown) => (typeof v === 'string' ? METRIC_NAMES[v] ?? v : null);
export const instantText = (v: unknown, at: (iso: string) => string) => (typeof v === 'string' && v !== '' ? at(v) : null);
export const yesNo = (v: unknown) => (v === true ? 'yes' : v === false ? 'no' : null);

/** Why on-call was paged (tickets/after-hours.ts PageReason), as an agent says it; the entry's text names the hours. */
export function pageReasonText(policy: PolicyModel, reason: unknown): string | null {
  const level = severityLabel(policy).toLowerCase();
  // Every reason a page is sent for (the type makes a new one fail the type check until it is worded here).
  const words: Record<PageReason, string> = {
    after_hours_arrival: 'arrived after hours',
    after_hours_unclassified: `arrived after hours with no ${level} given`,
    promise_running: 'arrived after hours with a time promised round the clock running',
    support_closed: 'still open as support hours ended',
    regraded_after_hours: `regraded after hours to a ${level} after-hours support takes`,
    mailed_after_hours: 'the customer wrote by email after hours',
  };
  return typeof reason === 'string' ? words[reason as PageReason] ?? reason.replace(/_/g, ' ') : null;
}
/** Who takes it after hours, by the policy's words for its rules (staffed_by), not their ids; an id no longer in the policy as is. */
export function staffText(policy: PolicyModel, rules: unknown): string | null {
  const ids = Array.isArray(rules) ? rules.map(String) : [];
  const staff = ids.map((id) => policy.file.after_hours?.find((r) => r.id === id)?.staffed_by ?? id);
  return staff.length ? [...new Set(staff)].join(', ') : null;
}

/** An escalation level by the policy's name for it; one no longer in the policy by its id, as stored. */
export const ladderText = (policy: PolicyModel, id: unknown) => (typeof id === 'string' ? policy.file.escalation?.levels.find((l) => l.id === id)?.name ?? id : null);
