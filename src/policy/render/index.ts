// Rendering the human-readable support policy from the same file Accord enforces.
import type { PolicyModel } from '../model.ts';
import { toHtml, toMarkdown } from './blocks.ts';
import { policyDocument } from './document.ts';

/** `year`: whose holidays are listed; `throughYear`: and each year after it up to this one. */
export type RenderOptions = { year: number; throughYear?: number };

export function renderPolicy(policy: PolicyModel, format: 'md' | 'html', options: RenderOptions): string {
  const blocks = policyDocument(policy, options.year, options.throughYear ?? options.year);
  return format === 'md' ? toMarkdown(blocks) : toHtml(blocks, policy.file.prose.title);
}

/**
 * The day a page published at `now` is published on, where the vendor is (the zone of its first plan's
 * hours), not in UTC: it decides whose holidays the page lists. At 21:00 on 31 December in OfficeSpace's
 * GMT-6 (03:00 UTC on New Year's Day) the vendor's year is still the old one, and so are its holidays.
 */
export function publishedOn(policy: PolicyModel, now: Temporal.Instant): Temporal.PlainDate {
  const plan = policy.plans.values().next().value;
  const zone = (plan && policy.calendars.get(plan.calendar)?.time_zone) ?? 'UTC';
  return now.toZonedDateTimeISO(zone).toPlainDate();
}

export { targetCell, targetsTable, targetLabel } from './targets.ts';
export { hoursText, remediationText, zoneText } from './document.ts';
export { promisedTimes, type PromisedLine } from './severities.ts';
export type { Block } from './blocks.ts';
