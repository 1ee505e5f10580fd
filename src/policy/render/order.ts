// The published page's sections in the vendor's order where the file gives one (prose.order):
// those it lists first, in its order, the others after them in Accord's own order. A section of
// the vendor's prose it names by its id is placed on its own; the others stay with `sections`.
import type { PAGE_PARTS } from '../schema.ts';
import type { Block } from './blocks.ts';

export type PagePart = (typeof PAGE_PARTS)[number];
/** A part of the page: one of Accord's (`key`), or a section of the vendor's prose (`key` its id, `within: 'sections'`). */
export type Part = { key: string; within?: PagePart; blocks: Block[] };

export function inVendorOrder(parts: readonly Part[], order: readonly string[] = []): Block[] {
  const rank = (p: Part) => {
    if (order.includes(p.key)) return order.indexOf(p.key);
    return p.within !== undefined && order.includes(p.within) ? order.indexOf(p.within) : order.length;
  };
  // A stable sort: parts of equal rank (those the vendor leaves unordered) keep Accord's order.
  return [...parts].sort((a, b) => rank(a) - rank(b)).flatMap((p) => p.blocks);
}
