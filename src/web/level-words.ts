// A ticket's level as the pages say it, in the vendor's words (policy/names.ts): labelled with its
// word for a level ("Severity", OfficeSpace's "Support level", OpenKey's "Tier"), named "1: Critical"
// where it numbers them and by the name alone where it does not ("Critical Technical Support"),
// offered in the order it lists them. Passed to a view as `level`; the form's value stays the id.
import { listedSeverities, severityCode, severityLabel, severityPublished, severityText, type PolicyModel } from '../policy/index.ts';

export type LevelWords = {
  /** "Severity", "Support level", "Tier": a column's, a field's or a list's label. */
  label: string;
  /** The label inside a sentence: "severity", "support level". */
  word: string;
  /** "1: Critical", or the name alone: the desk's pages, the level the vendor's people read. */
  text: (id: number) => string;
  /** "Severity 1: Critical" as a form's choice, or the name alone. */
  choice: (id: number) => string;
  /** "S1" in a table's cell, or the name alone. */
  code: (id: number) => string;
  /**
   * What a customer reads: as `text`, but "—" for a level the vendor never names (published: false,
   * OPS-COM's "Not critical" is the desk's word): a dash, as the portal's other empty cells, rather
   * than a name the vendor never wrote or a blank that reads as a fault.
   */
  customer: (id: number) => string;
  /**
   * The heading over a level's definition on the case page: "What severity 1 means", "What Critical
   * Technical Support means" where none is numbered; null for a level the vendor never names
   * (OPS-COM's "Not critical": it defines nothing to show).
   */
  meaning: (id: number) => string | null;
  /** The levels the vendor names to its customers, in its order (classification.listed): the portal's choices. */
  listed: () => Array<{ id: number; name: string; text: string }>;
};

export function levelWords(policy: PolicyModel): LevelWords {
  const label = severityLabel(policy);
  return {
    label,
    word: label.toLowerCase(),
    text: (id) => severityText(policy, id),
    choice: (id) => (policy.file.classification.numbered === false ? severityText(policy, id) : `${label} ${severityText(policy, id)}`),
    code: (id) => severityCode(policy, id),
    customer: (id) => (severityPublished(policy, id) ? severityText(policy, id) : '—'),
    meaning: (id) => {
      const s = policy.severities.get(id);
      if (s?.published === false) return null;
      return policy.file.classification.numbered === false && s ? `What ${s.name} means` : `What ${label.toLowerCase()} ${id} means`;
    },
    listed: () =>
      listedSeverities(policy)
        .filter((s) => s.published !== false)
        .map((s) => ({ id: s.id, name: s.name, text: severityText(policy, s.id) })),
  };
}
