// What named support contacts are responsible for, as the vendor says it (OpenBack: "Named Support
// Contacts are responsible for: (i) reporting cases to OpenBack, (ii) ..., and (iii) ..."): the
// published page lists it under the policy's own lead (contacts.responsibilities_lead); a request
// held for not being one quotes it whole, since its first clause is what the hold rests on
// (contacts.only_named_contacts_open_tickets).
import type { PolicyFile } from './schema.ts';

/** Leads the list where the vendor gives no words of its own: what `responsibilities` means, no more. */
export const PLAIN_LEAD = 'Named support contacts are responsible for:';

const NUMERALS = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x'];

/**
 * The policy's lead and its responsibilities as one sentence, numbered as the seed numbers them
 * ("Named Support Contacts are responsible for: (i) a, (ii) b, and (iii) c."); null without any
 * (a policy without a lead of its own gets PLAIN_LEAD: it states only what the field means).
 */
/** The words that lead the list: the vendor's own, or PLAIN_LEAD. */
export function responsibilitiesLead(contacts: PolicyFile['contacts']): string {
  return contacts?.responsibilities_lead?.replace(/\s+/g, ' ').trim() || PLAIN_LEAD;
}

export function responsibilitiesSentence(contacts: PolicyFile['contacts']): string | null {
  const duties = (contacts?.responsibilities ?? []).map((d) => d.replace(/\s+/g, ' ').trim()).filter((d) => d !== '');
  const lead = responsibilitiesLead(contacts);
  if (duties.length === 0) return null;
  const numbered = duties.map((d, i) => (duties.length > 1 && i < NUMERALS.length ? `(${NUMERALS[i]}) ${d}` : d));
  const joined = numbered.length <= 2 ? numbered.join(' and ') : `${numbered.slice(0, -1).join(', ')}, and ${numbered.at(-1)}`;
  return `${lead} ${joined}${/[.!?]$/.test(joined) ? '' : '.'}`;
}
