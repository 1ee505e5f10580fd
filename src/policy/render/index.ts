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

export { targetCell, targetsTable, targetLabel } from './targets.ts';
export { hoursText, remediationText, zoneText } from './document.ts';
export { promisedTimes, type PromisedLine } from './severities.ts';
export type { Block } from './blocks.ts';
