// The vendor's text as blocks: whitespace squashed, one paragraph per line of a folded YAML value.
import type { Block } from './blocks.ts';
import { SENTENCE_END } from '../sentence-end.ts';

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


/**
 * Whether `within` says `text` as a sentence of its own, or a run of them: word for word, starting
 * where one of its sentences starts and ending where one ends. "Critical is defined as ..." is said by
 * "... limited to critical issues. Critical is defined as ... This support ...", not by "Here, Critical
 * is defined as ...", another sentence; text that is no sentence ("Response time: 2 hours") never is.
 */
export function saysSentence(within: string, text: string): boolean {
  const w = squash(within);
  const t = squash(text);
  if (!SENTENCE_END.test(t)) return false;
  for (let at = w.indexOf(t); at !== -1; at = w.indexOf(t, at + 1)) {
    const starts = at === 0 || (w[at - 1] === ' ' && SENTENCE_END.test(w.slice(0, at - 1)));
    const ends = at + t.length === w.length || w[at + t.length] === ' ';
    if (starts && ends) return true;
  }
  return false;
}
