// Cross-checks of what the published page says: a key that moves a promise elsewhere on the page
// (or leaves it out of one place) must find it there, else the page would drop it silently or say
// it twice. The page is built in render/document.ts; these mirror its choices.
import type { PolicyFile } from './schema.ts';

type Add = (path: PropertyKey[], message: string) => void;

const squash = (t: string) => t.replace(/\s+/g, ' ').trim();

/**
 * Whether `within` says `term`: whitespace squashed, the final full stop aside, and a lead the two
 * share (OpenBack: "Notwithstanding the support package level ... purchased by a customer, ") said
 * once at the start of `within` for all the terms it joins ("... customer, (1) OpenBack will only
 * provide Standard Support ...; and (2) OpenBack will not provide any technical support ...").
 * The shared lead ends at a comma: words shared past the last comma must still be said in place.
 */
function says(within: string, term: string): boolean {
  const w = squash(within);
  const t = squash(term).replace(/\.$/, '');
  if (t === '') return true;
  if (w.includes(t)) return true;
  let common = 0;
  while (common < t.length && t[common] === w[common]) common++;
  const lead = common < 2 ? -1 : t.lastIndexOf(', ', common - 2);
  if (lead < 0) return false;
  const rest = t.slice(lead + 2);
  return rest !== '' && w.slice(lead + 2).includes(rest);
}

export function publishedIssues(p: PolicyFile, add: Add): void {
  // One sentence for the onboarding term and the requirements flagged to go with it
  // (coverage.requirements[].published_with_onboarding): it is what the page publishes of them.
  const joint = p.onboarding?.published_text;
  p.coverage?.requirements?.forEach((r, i) => {
    if (r.published_with_onboarding) {
      if (joint === undefined) add(['coverage', 'requirements', i, 'published_with_onboarding'], 'give onboarding.published_text, the sentence that states this term with the onboarding term: without it the term would not be published');
      else if (!says(joint, r.text)) add(['coverage', 'requirements', i, 'published_with_onboarding'], 'onboarding.published_text does not say this term\'s text: the page would not publish it');
    } else if (joint !== undefined && says(joint, r.text)) {
      add(['coverage', 'requirements', i, 'text'], 'is said in onboarding.published_text too: set published_with_onboarding, or the page publishes the term twice');
    }
  });
  if (p.onboarding && joint !== undefined && !says(joint, p.onboarding.text)) {
    add(['onboarding', 'published_text'], 'does not say the onboarding text: the page publishes this in its place');
  }

  // A channel's description published elsewhere (publish_description: false) must be: in the note
  // of a calendar whose hours are published (a plan's, publish_hours not false) or a section's (or subsection's) body.
  const used = new Set(p.plans.map((x) => x.calendar));
  const elsewhere = [
    ...p.calendars.filter((c) => used.has(c.id) && c.publish_hours !== false).map((c) => c.note),
    ...(p.prose.sections ?? []).flatMap((s) => [s.body, ...(s.subsections ?? []).map((u) => u.body)]),
  ].filter((t): t is string => t !== undefined).map(squash);
  p.channels.forEach((c, i) => {
    if (c.publish_description !== false || c.description === undefined) return;
    const said = squash(c.description);
    if (!elsewhere.some((t) => t.includes(said))) add(['channels', i, 'publish_description'], 'the description is said in no published calendar note or section body: the page would drop it');
  });

  // The sentence on how to reach a channel stands in for its row: with an address the row is
  // published and the sentence is not; the row's hours go with it (render/document.ts contactSection).
  p.channels.forEach((c, i) => {
    if (c.reach === undefined) return;
    if (c.address !== undefined) add(['channels', i, 'reach'], 'a channel with an address is published in the table, and this sentence never: give one or the other');
    else if (c.publish_hours !== false) add(['channels', i, 'reach'], 'the channel is published as this sentence alone, without its hours: set publish_hours: false');
  });

  // The vendor's order of the page's sections (prose.order).
  const order = p.prose.order ?? [];
  order.forEach((part, i) => {
    if (order.indexOf(part) !== i) add(['prose', 'order', i], `"${part}" is named twice`);
    else if (part === 'severities' && p.classification.position === 'last') add(['prose', 'order', i], 'the severities are published last (classification.position: last): take them out of the order');
    else if (part === 'products' && !p.prose.headings?.products) add(['prose', 'order', i], 'the products are published unheaded after the introduction: give prose.headings.products to place them');
  });
}
