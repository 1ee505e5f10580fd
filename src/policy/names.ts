// Plans and severities as people read them: by the names the policy gives them ("Growth",
// "Severity 1 (Critical)"), with the id when the policy no longer has it (an old ticket's plan).
// A vendor that numbers no levels (classification.numbered: false) has each named by its name
// alone, as it writes them ("Critical Technical Support", "Tier 2 Support", "Critical"), under its
// own word for a level (classification.label: "Support level", "Tier") and in the order it lists
// them (classification.listed), on its page, its customers' mail and portal, and the desk's pages
// and notices. Ids stay ids wherever a machine reads them (API, webhooks, CLI flags).
import type { PolicyModel } from './model.ts';
import type { MetricId, SeveritySpec, TicketStatus } from './schema.ts';

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

/**
 * A name's possessive as its owner writes it: "OpenKey's", and "OpenMethods'" for a name ending in
 * s (the seed writes "OpenMethods’ Customer Support team"), never "OpenMethods's".
 */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

/** The plan's name in the policy, or its id when the policy has no such plan. */
export function planName(policy: PolicyModel, id: string): string {
  return policy.plans.get(id)?.name ?? id;
}

/**
 * Whether the published policy names this plan: where there are several (each heads a column), or
 * where the plan is described or has features (its heading and column). A vendor with no plans
 * (OfficeSpace, OpenKey) has one holding its terms whose name it never wrote ("Support",
 * "Standard"): the page heads its column "Hours", and no page a customer reads names it.
 */
export function planNamePublished(policy: PolicyModel, id: string): boolean {
  const f = policy.file;
  return f.plans.length > 1 || Boolean(f.plans.find((p) => p.id === id)?.description) || Boolean(f.features?.length);
}

/**
 * Whether the vendor states a channel's hours on this plan: not when its `publish_hours` is false, or
 * a list of other plans (OPS-COM states email hours for Standard Plus only). Hours it does not state
 * are a reading of the policy (OpenKey's email and support page, taken in the regular business
 * hours), enforced, never said as the vendor's.
 */
export function channelHoursStated(publish: boolean | readonly string[] | undefined, planId: string): boolean {
  return Array.isArray(publish) ? publish.includes(planId) : publish !== false;
}

/** What the vendor calls a calendar's hours in a sentence: its `hours_word` ("regular business hours"), else "support hours". */
export function hoursWord(policy: PolicyModel, calendarId: string): string {
  return policy.calendars.get(calendarId)?.hours_word ?? 'support hours';
}

/**
 * A calendar's hours named in a sentence to the team (pages, timeline): its `hours_word` (OpenKey:
 * "regular business hours"); where the vendor calls them no support hours but the hours of a
 * severity's remediation work (OpenMethods: "Remediation work: 6am-4pm U.S. Eastern Standard Time";
 * its System Outage is worked "24/7 until resolved"), by their name, as a clock's explanation says
 * them (sla/project.ts): the hours "6am-4pm U.S. Eastern Standard Time"; else "support hours".
 */
export function hoursNamed(policy: PolicyModel, calendarId: string): string {
  const cal = policy.calendars.get(calendarId);
  if (cal?.hours_word) return cal.hours_word;
  const remediation = [...policy.severities.values()].some((s) => s.remediation === calendarId);
  return cal && remediation ? `the hours "${cal.name}"` : 'support hours';
}

const numbered = (policy: PolicyModel) => policy.file.classification.numbered !== false;

/** The vendor's word for one level, as a field's label: "Severity" (the default), "Support level", "Tier". */
export function severityLabel(policy: PolicyModel): string {
  return policy.file.classification.label ?? 'Severity';
}

/** The label for several levels, as a list's label: "Severities", "Support levels", "Tiers". */
export function severitiesLabel(policy: PolicyModel): string {
  const label = severityLabel(policy);
  return /[^aeiou]y$/i.test(label) ? `${label.slice(0, -1)}ies` : /(s|x|ch|sh)$/i.test(label) ? `${label}es` : `${label}s`;
}

/**
 * "Severity 1 (Critical)" (in the vendor's word: "Priority 1 (Urgent)"), or the name alone where the vendor numbers no levels ("Critical
 * Technical Support"); "Severity 7" ("Tier 7") when the policy has no such severity.
 */
export function severityName(policy: PolicyModel, id: number): string {
  const severity = policy.severities.get(id);
  if (!numbered(policy)) return severity?.name ?? `${severityLabel(policy)} ${id}`;
  return severity ? `${severityLabel(policy)} ${id} (${severity.name})` : `${severityLabel(policy)} ${id}`;
}

/** "severity 1 (Critical)" inside a sentence (the team's notices, the customer's refusals); the name alone where none is numbered. */
export function severityPhrase(policy: PolicyModel, id: number): string {
  const severity = policy.severities.get(id);
  if (!numbered(policy)) return severity?.name ?? `${severityLabel(policy).toLowerCase()} ${id}`;
  return `${severityLabel(policy).toLowerCase()} ${id}${severity ? ` (${severity.name})` : ''}`;
}

/** "1: Critical", as the pages name a severity beside its label; the name alone where none is numbered; the number alone when the policy has no such severity. */
export function severityText(policy: PolicyModel, id: number): string {
  const severity = policy.severities.get(id);
  if (!severity) return String(id);
  return numbered(policy) ? `${id}: ${severity.name}` : severity.name;
}

/** "S1" in a table's cell; the name alone where none is numbered (no vendor of those writes "S1"). */
export function severityCode(policy: PolicyModel, id: number): string {
  const severity = policy.severities.get(id);
  return numbered(policy) || !severity ? `S${id}` : severity.name;
}

/** Whether the vendor names this level to its customers (published: false: a level of the desk's own, OPS-COM's "Not critical"). */
export function severityPublished(policy: PolicyModel, id: number): boolean {
  return policy.severities.get(id)?.published !== false;
}

/**
 * The severities in the order the vendor lists them (classification.listed): the most urgent first,
 * or the least (OfficeSpace); as the file lists them when it says neither.
 */
export function listedSeverities(policy: PolicyModel): SeveritySpec[] {
  const listed = policy.file.classification.listed;
  if (!listed) return [...policy.file.severities];
  const byId = [...policy.file.severities].sort((a, b) => a.id - b.id);
  return listed === 'least_urgent_first' ? byId.reverse() : byId;
}

/**
 * The release notes' page by the vendor's name for it (OPS-COM: "Release notes are always available on
 * the Upcoming Release page"), so the page a customer is sent to is found under that name; else Accord's.
 */
export function releasesTitle(model: PolicyModel): string {
  return model.file.prose.headings?.releases ?? RELEASES_TITLE;
}

/** Accord's name for the help centre's page of release notes, where the policy gives none. */
export const RELEASES_TITLE = 'Release notes';
