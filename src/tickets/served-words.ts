// Why a ticket is served on another plan than its organization's own (intake.ts entitlement), said
// one way wherever a customer reads it: the portal (web/pages/portal-pages.ts servedOn), the
// receipt (customer-mail.ts) and a refusal of a channel that plan lacks (create-ticket.ts).
import { planName, type PolicyModel } from '../policy/index.ts';
import type { Gate } from './intake.ts';

/** The plan a ticket is served on and, when it is another than the organization's own, why. */
export type Served = { plan: string; gatedFrom: string | null; gatedBy: Gate | null };

/**
 * "Until the OpenBack Technical On-boarding is complete, new cases are served as Standard Support
 * (the Growth plan), not Enterprise": `who` says whose (with its verb: "new cases are", "this case
 * is"). The seed's own names where the policy gives them (onboarding.served_as, .name): "Growth"
 * is the file's reading of OpenBack's "Standard Support", never said alone as if OpenBack had.
 * `times`: the times that follow are the plan's. `quote`: the policy's words, whole. Null when
 * the ticket is on its organization's own plan.
 */
export function servedOnText(policy: PolicyModel, served: Served, who: string, options: { times?: boolean; quote?: boolean } = {}): string | null {
  if (!served.gatedFrom || !served.gatedBy) return null;
  const plan = planName(policy, served.plan);
  const onboarding = policy.file.onboarding;
  const byOnboarding = served.gatedBy.kind === 'onboarding';
  const until = !byOnboarding
    ? 'While a requirement of our support policy is not met'
    : onboarding?.name ? `Until the ${onboarding.name} is complete` : 'Until onboarding is complete';
  const as = byOnboarding && onboarding?.served_as ? `as ${onboarding.served_as} (the ${plan} plan)` : `on the ${plan} plan`;
  return [
    `${until}, ${who} served ${as}, not ${planName(policy, served.gatedFrom)}`,
    options.times ? `: the times below are the ${plan} plan's` : '',
    options.quote ? `. Our support policy: “${served.gatedBy.text}”` : '',
  ].join('');
}
