// What a customer is told of their case's support coverage (coverage.not_covered, an exclusion an
// agent marks; coverage.requirements, a term the organization does not meet), one way wherever
// they read it: the receipt (customer-mail.ts), the mail when an agent marks the case not covered
// or covered again (coverage-mail.ts), and the timeline's title (web/timeline.ts). The policy's
// words, whole, under its own heading for the list where it has one (OpenBack: "Issues Not Covered
// by Technical Support"): the bare item ("Non-OpenBack networks, systems, ...") read alone is
// readable as something covered.
import type { PolicyModel } from '../policy/index.ts';
import type { Coverage } from './store.ts';

/** The timeline's title of a coverage entry: "Not covered (Issues Not Covered by Technical Support)", "Not covered", "Covered by support". */
export function coverageTitle(policy: PolicyModel, coverage: Pick<Coverage, 'kind'> | null): string {
  if (!coverage) return 'Covered by support';
  const heading = coverage.kind === 'exclusion' ? policy.file.prose.headings?.not_covered : undefined;
  return heading ? `Not covered (${heading})` : 'Not covered';
}

/**
 * Why a case is not covered, in the policy's words: "Our support policy does not cover this case:
 * under “Issues Not Covered by Technical Support”, “Non-OpenBack networks, ...”", or the term it
 * does not meet quoted whole (OpenBack's SDK sentence, which says itself what it withholds).
 */
export function notCoveredText(policy: PolicyModel, coverage: Coverage): string {
  const heading = coverage.kind === 'exclusion' ? policy.file.prose.headings?.not_covered : undefined;
  const under = heading ? `under “${heading}”, ` : '';
  return `Our support policy does not cover this case: ${under}“${coverage.text}”`;
}

/** The event's body when an agent marks a case covered again: what changed, in Accord's words. */
export const COVERED_AGAIN = 'Covered by support after all.';
