// The vendor's text as blocks: whitespace squashed, one paragraph per line of a folded YAML value.
import type { Block } from './blocks.ts';

export const squash = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** A text field as paragraphs: one per line of the value (folded YAML keeps blank lines as line breaks). */
export function paragraphs(text: string | undefined): Block[] {
  return (text ?? '')
    .split('\n')
    .map(squash)
    .filter((t) => t !== '')
    .map((t) => ({ kind: 'paragraph', text: t }));
}

export const list = (items: string[], numbered = false): Block => ({ kind: 'list', items: items.map(squash), ...(numbered ? { numbered } : {}) });
