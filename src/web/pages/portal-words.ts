// What the portal says of a case and of the cases to come beyond what the verbs return: the plan new
// cases are served on and why, a request named instead of a severity it has nothing to do with, and a
// level the customer asked for that the policy's rules decided otherwise, and why a request was held
// for review. portal-pages.ts and chat-pages.ts show them.
import type { Organization } from '../../customers/index.ts';
import type { AccordError } from '../../platform/index.ts';
import type { PolicyModel } from '../../policy/index.ts';
import { entitlement, servedOnText, type TicketView } from '../../tickets/index.ts';
import { levelWords } from '../level-words.ts';
import { levelLabels } from '../timeline.ts';

/**
 * The plan the organization's new cases are served on, as opening one decides it (tickets/intake.ts
 * entitlement): another plan while onboarding is incomplete (OpenBack: Growth) or a requirement
 * unmet that the policy serves on another plan, and what
 * support does not cover while a requirement is unmet, each with the policy's own words. The form's
 * times are those of the plan served, never more than a case will get (none while support does
 * not cover the organization: its cases carry no clocks, tickets/sla-applies.ts).
 */
export function servedOn(policy: PolicyModel, org: Organization) {
  const e = entitlement(policy, { plan_id: org.planId, onboarding_state: org.onboardingState, existing_customer: org.existingCustomer, unmet_requirements: org.unmetRequirements }, null);
  return {
    plan: e.plan,
    // As the receipt and a refusal say it (tickets/served-words.ts); the form adds that its times are the plan's.
    gated: e.gatedFrom && e.gatedBy
      ? { words: servedOnText(policy, e, 'new cases are', { quote: true }), withTimes: servedOnText(policy, e, 'new cases are', { times: true, quote: true }) }
      : null,
    coverage: e.coverage?.text ?? null,
  };
}

/**
 * The severity the customer chose when the policy's rules decided another from their answers
 * (tickets/intake.ts: the rules come first), while the ticket still has that severity: the case
 * page says so, with the rules' reason, rather than dropping the choice without a word.
 */
export function overruledChoice(policy: PolicyModel, t: TicketView): { asked: string; reason: string } | null {
  const c = t.classification;
  if (t.requestedSeverity === null || !c || c.source !== 'rules' || c.severity === t.requestedSeverity || t.severity !== c.severity) return null;
  return { asked: levelWords(policy).customer(t.requestedSeverity), reason: c.reason };
}

/**
 * A case of a request type outside the SLA (OpenKey's "Billing Questions") opened at some severity:
 * its opening entry names the type, as the page's facts do, not a severity definition it has nothing to do with.
 */
export function requestNotSeverity<E extends { type: string; worded?: Record<string, string | null> }>(policy: PolicyModel, events: E[], typeName: string | null): E[] {
  if (typeName === null) return events;
  const labels = levelLabels(policy);
  return events.map((e) => {
    if (e.type !== 'created' || !e.worded) return e;
    const { [labels.level]: _s, [labels.decided]: _h, ...rest } = e.worded;
    return { ...e, worded: { Request: typeName, ...rest } };
  });
}

/**
 * Why the policy held a request the customer sent (tickets/create-ticket.ts refusedError), in its
 * words and without the held request's id, or null when the refusal held nothing: the new-case form
 * and the chat say it is kept, instead of offering to send it again.
 */
export function heldReasonOf(error: AccordError | null): string | null {
  if (!error?.details.some((d) => d.path === 'heldRequestId')) return null;
  return error.details.find((d) => d.path !== 'heldRequestId')?.message ?? error.message;
}
