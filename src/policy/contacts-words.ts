// What named support contacts are responsible for, as the vendor says it (OpenBack: "Named Support
// Contacts are responsible for: (i) reporting cases to OpenBack, (ii) ..., and (iii) ..."): the
// published page says it as that one sentence, led by the policy's own words
// (contacts.responsibilities_lead); a request held for not being one quotes it whole, since its
// first clause is what the hold rests on (contacts.only_named_contacts_open_tickets).
import type { PolicyFile } from './schema.ts';
import { endedSentence } from './sentence-end.ts';

/** Leads the list where the vendor gives no words of its own: what `responsibilities` means, no more. */
export const PLAIN_LEAD = 'Named support contacts are responsible for:';

const NUMERALS = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x'];

/** The words that lead the list: the vendor's own, or PLAIN_LEAD. */
function responsibilitiesLead(contacts: PolicyFile['contacts']): string {
  return ownLead(contacts) ?? PLAIN_LEAD;
}

const ownLead = (contacts: PolicyFile['contacts']): string | null => contacts?.responsibilities_lead?.replace(/\s+/g, ' ').trim() || null;

/** The responsibilities numbered as the seed numbers them ("(i) a, (ii) b, and (iii) c."); null without any. */
function dutiesList(contacts: PolicyFile['contacts']): string | null {
  const duties = (contacts?.responsibilities ?? []).map((d) => d.replace(/\s+/g, ' ').trim()).filter((d) => d !== '');
  if (duties.length === 0) return null;
  const numbered = duties.map((d, i) => (duties.length > 1 && i < NUMERALS.length ? `(${NUMERALS[i]}) ${d}` : d));
  const joined = numbered.length <= 2 ? numbered.join(' and ') : `${numbered.slice(0, -1).join(', ')}, and ${numbered.at(-1)}`;
  return endedSentence(joined);
}

/**
 * The policy's lead and its responsibilities as one sentence ("Named Support Contacts are
 * responsible for: (i) a, (ii) b, and (iii) c."); null without any. A policy without a lead of its
 * own gets PLAIN_LEAD, which states only what the field means.
 */
export function responsibilitiesSentence(contacts: PolicyFile['contacts']): string | null {
  const list = dutiesList(contacts);
  return list ? `${responsibilitiesLead(contacts)} ${list}` : null;
}

/**
 * The same, quoted as the vendor's words: the whole sentence within “…” where the lead is the
 * vendor's own (`before`, the policy's words it follows, inside the same quote); the list alone
 * where it is not, PLAIN_LEAD outside the quote, so no words of Accord's read as the vendor's.
 * @example
 * quotedResponsibilities({ ..., responsibilities: ['reporting cases'] }) // 'Named support contacts are responsible for: “reporting cases.”'
 */
export function quotedResponsibilities(contacts: PolicyFile['contacts'], before = ''): string | null {
  const list = dutiesList(contacts);
  const own = ownLead(contacts);
  const lead = before ? `${before} ` : '';
  if (!list) return before ? `“${before}”` : null;
  return own ? `“${lead}${own} ${list}”` : `${before ? `“${before}” ` : ''}${PLAIN_LEAD} “${list}”`;
}
