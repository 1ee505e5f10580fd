// An audit entry's details as the audit page says them: each key in people's words ("read only",
// "expires", "severity from"), never the code's (`readOnly`, `expiresAt`, `severity_from`); times in
// the reader's own zone, as every agent page shows them; people and organizations by name; lists
// joined; yes and no. The CSV and the API keep the entry as recorded (audit-pages.ts).

/** Keys whose words are not the key's parts: a time after its event ("expires"), an id by what it names. */
const KEY_WORDS: Record<string, string> = {
  readOnly: 'read only', namedContact: 'named contact', planId: 'plan', mentionedInNotesOf: 'mentioned in notes of',
  previousSecretExpiresAt: 'previous secret expires', afterHoursRuleIds: 'after-hours rules', after_hours_rules: 'after-hours rules',
  redeliveryOf: 'redelivery of', window_days: 'window (days)',
};

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A detail's key in words: camelCase and snake_case split into lower-case words, an `…At` time said
 * by its event ("expires", "erased"), an `…Id`/`…Ids` by what it names ("organization", "tickets").
 */
export function auditKeyText(key: string): string {
  const known = KEY_WORDS[key];
  if (known) return known;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase().trim();
  return words.replace(/ (at)$/, '').replace(/ id$/, '').replace(/ ids$/, 's') || words;
}

/**
 * A detail's value in words: people and organizations by name (`names`), a time by `when` (the
 * reader's zone), lists joined (an empty one "none"), true and false as yes and no; never JSON. A
 * value not given is "not set", not "none": a token's scopes or a rotation's rules left unset mean
 * no restriction (all of them), which "none" would say the opposite of.
 */
export function auditValueText(v: unknown, names: ReadonlyMap<string, string>, when: (instant: string) => string): string {
  if (v === null || v === undefined || v === '') return 'not set';
  if (typeof v === 'string') return names.get(v) ?? (INSTANT.test(v) ? when(v) : v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.map((x) => auditValueText(x, names, when)).join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.id === 'string' && names.has(o.id)) return names.get(o.id)!;
    return Object.entries(o).map(([k, x]) => `${auditKeyText(k)}: ${auditValueText(x, names, when)}`).join('; ');
  }
  return String(v);
}
