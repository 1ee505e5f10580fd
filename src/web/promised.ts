// What a customer is promised for a severity on its plan, in the words the published policy uses
// (policy/render's targetLabel, targetCell and remediationText): the same text /policy shows, never re-worded.
import { caseTargets, hoursWord, wordsGiveAddresses, type PolicyModel, type PromisedLine } from '../policy/index.ts';
import { targetLabel } from '../policy/render/index.ts';

// The list itself is the policy's (policy/render/severities.ts): the receipt says the same.
export { promisedTimes } from '../policy/index.ts';
export type Promise = PromisedLine;

// The hedged times of a case by metric (policy/hedges.ts): the portal's clocks say "aimed for" or
// "around" them, not "Due", as the receipt does (tickets/customer-mail.ts) and the API's clocks do to a contact.
export { hedgesOf, type Hedge } from '../policy/index.ts';

/**
 * A case's targets by the names the published policy gives them, by metric: the vendor's label
 * (OfficeSpace's "Response Goal", OpenMethods' "Response time"), else the page's title for it
 * (OpenBack's "Initial Response Time"): the customer's clocks name them so, not "First response".
 */
export function targetNamesOf(policy: PolicyModel, planId: string, severityId: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of caseTargets(policy, planId, severityId)) out[t.metric] ??= targetLabel(t.label === null ? undefined : { label: t.label }, t.metric);
  return out;
}

/** A severity's definition as one paragraph or a list, as the policy file states it. */
export function definitionOf(policy: PolicyModel, severityId: number): string[] {
  const d = policy.severities.get(severityId)?.definition;
  return d === undefined ? [] : Array.isArray(d) ? d : [d.replace(/\s+/g, ' ').trim()];
}

/** A severity's examples and details, as the policy lists them (the published policy shows them under its definition). */
export function examplesOf(policy: PolicyModel, severityId: number): { examples: string[]; details: string[] } {
  const s = policy.severities.get(severityId);
  return { examples: s?.examples ?? [], details: s?.details ?? [] };
}

/**
 * `outside`: the heading, outside the plan's hours by the vendor's word for them ("Outside regular
 * business hours": OpenKey). `channels`: null where the rule's own words already give each
 * channel's address (OpenKey's two numbers), which a list beside them would say twice.
 */
export type AfterHours = { outside: string; paragraphs: string[]; channels: string | null };

/**
 * What the policy says of support outside the support hours for a severity on a plan (its
 * after_hours rules): the vendor's own words and the channels it names (with their addresses; an
 * email channel without one, the desk's support address), so a customer
 * with an emergency at night learns, where they open the case, which line answers then.
 */
export function afterHoursOf(policy: PolicyModel, planId: string, severityId: number, supportAddress: string | null = null): AfterHours[] {
  const f = policy.file;
  const calendar = policy.plans.get(planId)?.calendar;
  const outside = `Outside ${calendar ? hoursWord(policy, calendar) : 'support hours'}`;
  return (f.after_hours ?? [])
    .filter((r) => r.severities.includes(severityId) && (!r.plans || r.plans.includes(planId)))
    .map((r) => {
      const paragraphs = r.description.split(/\n+/).map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p !== '');
      const named = r.channels.map((id) => f.channels.find((x) => x.id === id)).filter((c) => c !== undefined);
      return { outside, paragraphs, channels: wordsGiveAddresses(paragraphs.join(' '), named) ? null : channelList(r.channels) };
    });

  // Not those it also takes on a reading (also_through): enforced, not published, as on the policy page.
  function channelList(ids: string[]): string {
    return ids.map((id) => {
      const c = f.channels.find((x) => x.id === id);
      // An email channel the policy gives no address is the desk's own support address (OPS-COM: "provided by email").
      const address = c?.address ?? (c?.kind === 'email' ? supportAddress : null);
      return c ? (address ? `${c.name} (${address})` : c.name) : id;
    }).join('; ');
  }
}

/**
 * Whether the policy ever promises the customer an estimated time to resolution: a target that
 * requires one (OPS-COM's after-hours status notification, "This notification will include an
 * estimated time to resolution") or an escalation level that does (OPS-COM: "The client will be
 * advised on estimated time to resolution"). Where none does (OfficeSpace), the case page shows no
 * "Estimated resolution — Not given yet": that would hint at a promise the vendor never made.
 */
export function promisesEta(policy: PolicyModel): boolean {
  const f = policy.file;
  const specs = [
    ...f.severities.flatMap((s) => Object.values(s.targets ?? {}).flatMap((byPlan) => Object.values(byPlan ?? {}))),
    ...(f.after_hours ?? []).flatMap((r) => Object.values(r.targets ?? {})),
  ];
  return specs.some((s) => s?.requires_eta === true) || (f.escalation?.levels ?? []).some((l) => l.requires_eta === true);
}
