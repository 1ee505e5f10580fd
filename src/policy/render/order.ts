// The published page's sections in the vendor's order where the file gives one (prose.order):
// those it lists first, in its order, the others after them in Accord's own order.
import type { PAGE_PARTS } from '../schema.ts';
import type { Block } from './blocks.ts';

export type PagePart = (typeof PAGE_PARTS)[number];
export type Part = { key: PagePart; blocks: Block[] };

export function inVendorOrder(parts: readonly Part[], order: readonly PagePart[] = []): Block[] {
  const rank = (key: PagePart) => (order.includes(key) ? order.indexOf(key) : order.length);
  // A stable sort: parts of equal rank (those the vendor leaves unordered) keep Accord's order.
  return [...parts].sort((a, b) => rank(a.key) - rank(b.key)).flatMap((p) => p.blocks);
}
