// Rendering the human-readable support policy from the same file Accord enforces.
import type { PolicyModel } from '../model.ts';
import { toHtml, toMarkdown } from './blocks.ts';
import { policyDocument } from './document.ts';

export type RenderOptions = { year: number };

export function renderPolicy(policy: PolicyModel, format: 'md' | 'html', options: RenderOptions): string {
  const blocks = policyDocument(policy, options.year);
  return format === 'md' ? toMarkdown(blocks) : toHtml(blocks, policy.file.prose.title);
}

export { targetCell, targetsTable, targetLabel } from './targets.ts';
export { hoursText } from './document.ts';
export type { Block } from './blocks.ts';
