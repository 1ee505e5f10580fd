// Intake rules, pure: are the answers valid for the policy's questions, what severity do they
// give and why, is the requester entitled to open this ticket through this channel now, and
// which queue and plan does it land on. create-ticket.ts applies them in its transaction.
import { isOpen, nextOpen } from '../calendar/index.ts';
import { InvalidInputError, type ErrorDetail } from '../platform/index.ts';
import { afterHoursChannels, classifySeverity, clockOf, requestChannelsOfKind, ruleHolds, severityName, type PolicyModel } from '../policy/index.ts';
import type { Classification, Coverage } from './store.ts';
import { insteadOfClosed, LIVE_KINDS, offeredNow, plansWith, type Moment } from './closed-channel-words.ts';
import { vendorTime } from './reader-zone.ts';

/** A number question's bounds in words: " from 0 to 100", " of at least 1", " of at most 10", or none. */
const numberBounds = (min: number | undefined, max: number | undefined) =>
  min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` of at least ${min}` : max !== undefined ? ` of at most ${max}` : '';

export function checkIntakeAnswers(policy: PolicyModel, answers: Record<string, unknown>): void {
  const details: ErrorDetail[] = [];
  const questions = new Map((policy.file.intake ?? []).map((q) => [q.id, q]));
  for (const [id, v] of Object.entries(answers)) {
    const q = questions.get(id);
    const path = `intake.${id}`;
    if (!q) details.push({ path, message: `unknown question (questions: ${[...questions.keys()].join(', ') || 'none'})` });
    else if (q.type === 'boolean' && typeof v !== 'boolean') details.push({ path, message: 'must be true or false' });
    else if (q.type === 'number' && (typeof v !== 'number' || (q.min !== undefined && v < q.min) || (q.max !== undefined && v > q.max))) {
      details.push({ path, message: `must be a number${numberBounds(q.min, q.max)}` });
    } else if (q.type === 'choice' && !q.choices?.includes(v as string)) details.push({ path, message: `must be one of ${q.choices?.join(', ')}` });
    else if (q.type === 'text' && typeof v !== 'string') details.push({ path, message: 'must be text' });
  }
  if (details.length) throw new InvalidInputError('The intake answers are not valid', details);
}

/**
 * The ticket's severity and why. The policy's rules decide when one holds for the answers; else
 * the severity an agent set (a phone call triaged on the spot); else the contact's own choice,
 * kept until an agent regrades; else the policy's default. A contact's choice is always kept
 * beside the result (requested_severity), whatever decided it.
 */
export function classifyRequest(
  policy: PolicyModel,
  answers: Record<string, unknown>,
  chosen: { by: 'contact' | 'agent' | 'system'; severity?: number },
): Classification {
  const byRules = classifySeverity(policy, answers);
  // The reason reaches the customer: a level the vendor never names (published: false) is not named in it.
  const name = (id: number) => (policy.severities.get(id)?.published === false ? '' : `: ${policy.severities.get(id)?.name ?? severityName(policy, id)}`);
  if (chosen.severity !== undefined && chosen.by !== 'contact') {
    return { source: 'agent', severity: chosen.severity, rule: null, reason: `Set by the support team${name(chosen.severity)}` };
  }
  if (byRules.rule !== null) return { source: 'rules', severity: byRules.severity, rule: byRules.rule, reason: byRules.reason };
  if (chosen.severity !== undefined) {
    return { source: 'contact', severity: chosen.severity, rule: null, reason: `Chosen by the customer${name(chosen.severity)}` };
  }
  return { source: 'default', severity: byRules.severity, rule: null, reason: byRules.reason };
}

/**
 * A request type outside support's SLA (OpenKey's "Billing Questions: Email Billing@OpenKey.co") is
 * no issue the policy "classifies into separate tiers": its answers and a level chosen for it decide
 * nothing. It carries the policy's default level only because every ticket has one, so that a billing
 * question whose form said "emergency" is not put above Tier 2 issues on the queue; its pages and
 * mail name its type instead of a level (answer-notes.ts outsideSlaType).
 */
export function outsideLevels(policy: PolicyModel, typeName: string): Classification {
  return { source: 'default', severity: policy.file.classification.default_severity, rule: null, reason: `${typeName}: a request type outside the policy's levels, not classified` };
}

/** `message` is said to the customer; `desk`, where it differs, to an agent whose request it was, to follow a colon (create-ticket.ts refusedError). */
export type Refusal = { code: 'not_named_contact' | 'channel_not_in_plan' | 'channel_closed' | 'unknown_channel'; message: string; desk?: string };


/**
 * Whether the plan lets this request in through this channel at `at`. Live channels (phone,
 * chat) must be staffed then, unless an after-hours rule takes this severity through them;
 * e-mail and web are always accepted and answered in support hours. A call or a chat an agent
 * records (`takenByAgent`) was answered: the channel was staffed, whatever its hours say, and
 * refusing it for them would hold the customer's request and stop its clock (OpenBack's "Severity
 * 1: Critical - Initial Response Time | 3 hours, 24x7" on a Pro call logged on a Saturday). The
 * plan must still include the channel ("Phone | Provided to our Pro and Enterprise Customers").
 * When a closed channel opens is said as the policy states its hours, with the requester's own time
 * beside it (`readerZone`, their profile's: reader-zone.ts). `now`: "then" for the simulator, whose
 * request is at its simulated time; a customer is told "now".
 */
export function channelRefusal(
  policy: PolicyModel,
  input: { planId: string; channelKind: string; severity: number; at: number; takenByAgent?: boolean; readerZone?: string | null; now?: Moment },
): Refusal | null {
  const plan = policy.plans.get(input.planId)!;
  // Not a channel only read (OpenBack's Documentation): no request comes in "by Documentation".
  const ofKind = requestChannelsOfKind(policy, input.channelKind);
  if (ofKind.length === 0) {
    if (input.channelKind === 'api') return null; // the vendor's own integrations: not a customer channel
    // What the plan does take, as a refusal of a channel it lacks says it (a mail to OpenMethods: "use Customer Care").
    const offered = offeredNow(policy, input.planId, input.at, input.readerZone ?? null, input.now);
    return { code: 'unknown_channel', message: `${policy.file.vendor.name} takes no requests by ${input.channelKind}${offered ? `; ${offered}` : ''}` };
  }
  const included = ofKind.filter((c) => plan.channels[c.id] !== undefined);
  if (included.length === 0) {
    const offered = offeredNow(policy, plan.id, input.at, input.readerZone ?? null, input.now);
    const others = plansWith(policy, input.channelKind);
    return {
      code: 'channel_not_in_plan',
      message: `The ${plan.name} plan does not include ${ofKind[0].name}${offered ? `; ${offered}` : ''}`,
      desk: `the ${plan.name} plan does not include ${ofKind[0].name}${others ? ` (the policy offers it to ${others})` : ''}`,
    };
  }
  if (!LIVE_KINDS.has(input.channelKind) || input.takenByAgent) return null;
  const staffed = included.some((c) => plan.channels[c.id] === '24x7' || isOpen(clockOf(policy, plan.channels[c.id]), input.at));
  if (staffed) return null;
  const afterHours = (policy.file.after_hours ?? []).some(
    (r) => (!r.plans || r.plans.includes(plan.id)) && r.severities.includes(input.severity) && included.some((c) => afterHoursChannels(r).includes(c.id)),
  );
  if (afterHours) return null;
  const when = plan.channels[included[0].id];
  const zone = policy.calendars.get(when)?.time_zone ?? policy.calendars.get(plan.calendar)!.time_zone;
  const opens = vendorTime(nextOpen(clockOf(policy, when), input.at), zone, input.readerZone);
  const instead = insteadOfClosed(policy, plan.id, input.channelKind, input.at, input.readerZone ?? null, input.now);
  return { code: 'channel_closed', message: `${included[0].name} is closed ${input.now ?? 'now'}; it opens ${opens}${instead}` };
}

/** The queue a request type routes to; null (the general queue) without one. */
export function queueOf(policy: PolicyModel, requestType: string | null): string | null {
  if (!requestType) return null;
  return policy.file.request_types?.find((r) => r.id === requestType)?.queue ?? null;
}

export type Organization = { plan_id: string; onboarding_state: string; existing_customer: boolean; unmet_requirements: string[] };

/**
 * The plan a ticket is served on and whether support covers it: onboarding gating (a new customer
 * gets another plan's support until onboarding is complete; an existing customer is not gated when
 * the rule is for new customers only), and unmet requirements (OpenBack: no technical support
 * without the SDK; a request type without SLA, such as billing, is not technical support).
 * `gatedBy` says what put the ticket on another plan than the organization's own, with the
 * policy's own words for it, so a page or an event never has to guess the reason.
 */
export type Gate = { kind: 'onboarding'; text: string } | { kind: 'requirement'; id: string; text: string };
/** Why a ticket is on another plan than its organization's, as its created event records it. */
export function gateReason(gate: Gate | null): string | null {
  if (!gate) return null;
  return gate.kind === 'onboarding' ? 'onboarding not complete' : `requirement not met: ${gate.text}`;
}
export function entitlement(policy: PolicyModel, org: Organization, requestType: string | null, answers: Record<string, unknown> = {}): { plan: string; gatedFrom: string | null; gatedBy: Gate | null; coverage: Coverage | null } {
  const words = (t: string) => t.replace(/\s+/g, ' ').trim();
  const gate = policy.file.onboarding;
  const gated = gate && org.onboarding_state !== 'complete' && !(gate.applies_to === 'new_customers' && org.existing_customer);
  let plan = gated ? gate!.until_complete_plan : org.plan_id;
  let gatedBy: Gate | null = gated ? { kind: 'onboarding', text: words(gate!.text) } : null;
  const technical = !requestType || (policy.file.request_types?.find((r) => r.id === requestType)?.sla ?? true);
  let coverage: Coverage | null = null;
  for (const req of policy.file.coverage?.requirements ?? []) {
    if (!org.unmet_requirements.includes(req.id)) continue;
    if (req.unmet === 'treat_as_plan' && req.plan) {
      plan = req.plan;
      gatedBy = { kind: 'requirement', id: req.id, text: words(req.text) };
    }
    // "No technical support": a request the requirement's not_technical rule holds for (OpenBack: a
    // billing or account question) is not technical support, and stays covered.
    const spared = req.not_technical !== undefined && ruleHolds(req.not_technical, answers);
    if (req.unmet === 'no_technical_support' && technical && !spared) coverage = { kind: 'requirement', id: req.id, text: words(req.text) };
  }
  const gatedFrom = plan !== org.plan_id ? org.plan_id : null;
  return { plan, gatedFrom, gatedBy: gatedFrom ? gatedBy : null, coverage };
}
