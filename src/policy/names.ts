// Plans and severities as people read them: by the names the policy gives them ("Growth",
// "Severity 1 (Critical)"), with the id when the policy no longer has it (an old ticket's plan).
import type { PolicyModel } from './model.ts';
import type { MetricId, TicketStatus } from './schema.ts';

/** The metrics as the pages say them ("First response", not first_response). */
export const METRIC_NAMES: Record<MetricId, string> & Record<string, string> = {
  first_response: 'First response',
  update: 'Update',
  resolution: 'Resolution',
  triage: 'Triage',
  status_notification: 'Status notification',
};

/** The statuses as people read them (pages, mail to the vendor's people, the CLI). */
export const STATUS_NAMES: Record<TicketStatus, string> & Record<string, string> = {
  open: 'Open',
  pending_customer: 'Waiting on customer',
  pending_third_party: 'Waiting on third party',
  solved: 'Solved',
  closed: 'Closed',
};

/** The plan's name in the policy, or its id when the policy has no such plan. */
export function planName(policy: PolicyModel, id: string): string {
  return policy.plans.get(id)?.name ?? id;
}

/** "Severity 1 (Critical)"; "Severity 7" when the policy has no such severity. */
export function severityName(policy: PolicyModel, id: number): string {
  const severity = policy.severities.get(id);
  return severity ? `Severity ${id} (${severity.name})` : `Severity ${id}`;
}
