// A ticket's level as the pages say it, in the vendor's words (policy/names.ts): labelled with its
// word for a level ("Severity", OfficeSpace's "Support level", OpenKey's "Tier"), named "1: Critical"
// where it numbers them and by the name alone where it does not ("Critical Technical Support"),
// offered in the order it lists them. Passed to a view as `level`; the form's value stays the id.
import { InvalidInputError } from '../platform/index.ts';
import { listedSeverities, severitiesLabel, severityCode, severityLabel, severityPublished, severityText, type PolicyModel } from '../policy/index.ts';

/**
 * Levels (or anything carrying a level's id) in the order the vendor lists them
 * (classification.listed: OpenKey's Tier 1 Support first, Emergency Tier 2 last), a level the
 * vendor never names (OPS-COM's "Not critical") kept in its place: the desk's pickers and lists.
 */
export function inListedOrder<T extends { id: number }>(policy: PolicyModel, items: Iterable<T>): T[] {
  const order = listedSeverities(policy).map((s) => s.id);
  const rank = (id: number) => (order.includes(id) ? order.indexOf(id) : order.length + id);
  return [...items].sort((a, b) => rank(a.id) - rank(b.id));
}

export type LevelWords = {
  /** "Severity", "Support level", "Tier": a column's, a field's or a list's label. */
  label: string;
  /** The label inside a sentence: "severity", "support level". */
  word: string;
  /** Several levels inside a sentence: "severities", "support levels", "tiers". */
  words: string;
  /** "1: Critical", or the name alone: the desk's pages, the level the vendor's people read. */
  text: (id: number) => string;
  /** "Severity 1: Critical" as a form's choice, or the name alone. */
  choice: (id: number) => string;
  /** "S1" in a table's cell, or the name alone. */
  code: (id: number) => string;
  /**
   * A ticket's cell in a table: its level's code, or for a request type outside the SLA (OpenKey's
   * "Billing Questions", a type beside the tiers) the type's name, as the portal's list gives it.
   */
  codeOf: (t: { severity: number; requestType?: string | null }) => string;
  /** The request types outside the SLA, by name (OpenKey: Billing Questions, Training Needs, Sales): not given a level. */
  untiered: string[];
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
    words: severitiesLabel(policy).toLowerCase(),
    text: (id) => severityText(policy, id),
    choice: (id) => (policy.file.classification.numbered === false ? severityText(policy, id) : `${label} ${severityText(policy, id)}`),
    code: (id) => severityCode(policy, id),
    untiered: (policy.file.request_types ?? []).filter((r) => r.sla === false).map((r) => r.name),
    codeOf: (t) => {
      const type = t.requestType ? policy.file.request_types?.find((r) => r.id === t.requestType && r.sla === false) : undefined;
      return type ? type.name : severityCode(policy, t.severity);
    },
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

/**
 * Why a value is none of the policy's levels, listing them in the vendor's word, names and order:
 * "is not one of this policy's tiers (Tier 1 Support, Tier 2 Support, Emergency Tier 2)" (OpenKey),
 * "... severities (1: Critical, 2: Major, ...)" (OpenBack). Every level is listed, one the vendor
 * never names included: an agent may choose it.
 */
export function notALevel(policy: PolicyModel): string {
  const level = levelWords(policy);
  return `is not one of this policy's ${level.words} (${inListedOrder(policy, policy.severities.values()).map((s) => level.text(s.id)).join(', ')})`;
}

/**
 * The level an agent's form chose (its value is the id), refused beside the field as the form
 * labels it ("Tier", by the path `severity`) when the policy has no such level: the domain's own
 * refusal lists ids, which the agent never sees on the form.
 */
export function chosenLevel(policy: PolicyModel, value: string | undefined, refusal: string): number {
  const id = Number(value);
  if (value === undefined || !/^\d+$/.test(value.trim()) || !policy.severities.has(id)) {
    throw new InvalidInputError(refusal, [{ path: 'severity', message: notALevel(policy) }]);
  }
  return id;
}
