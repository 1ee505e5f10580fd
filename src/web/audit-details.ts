// An audit entry's details as the audit page says them: each key in people's words ("read only",
// "expires", "severity from"), never the code's (`readOnly`, `expiresAt`, `severity_from`); times in
// the reader's own zone, as every agent page shows them; people and organizations by name; lists
// joined; yes and no; codes (a status, a role, a level, a channel, a plan) in the words the agent pages
// use for them. The CSV and the API keep the entry as recorded (audit-pages.ts).
import { channelName, planName, severityName, STATUS_NAMES, type PolicyModel } from '../policy/index.ts';
import { ROLE_NAMES } from './format.ts';

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

/** How the page reads a detail's values: people and organizations by name, times by `when` (the reader's zone), codes by the active policy. */
export type AuditReading = { names: ReadonlyMap<string, string>; when: (instant: string) => string; policy: PolicyModel };

type Coded = 'status' | 'role' | 'severity' | 'channel' | 'plan';
/** Keys whose values are codes the agent pages name: a ticket's status, an agent's role, a level, a channel's kind, a plan's id. */
const CODED_KEYS: Record<string, Coded> = {
  status: 'status', role: 'role', severity: 'severity', severity_from: 'severity', severity_to: 'severity', severityFrom: 'severity',
  severityTo: 'severity', channel: 'channel', planId: 'plan', plan_id: 'plan', plan: 'plan',
};
// A change's sides ({ from, to }) read as the key that holds them: "role: from: Front line; to: Manager".
const SIDES = new Set(['from', 'to', 'before', 'after']);
// The database keeps a change's keys in its own order ("to" before "from"): a change is said from what it was.
const laterSide = (k: string) => (k === 'to' || k === 'after' ? 1 : 0);

/**
 * A code by the words the agent pages use for it (the queue's statuses, the team page's roles, the
 * policy's names of its levels, channels and plans); the code itself when it names none. Levels,
 * channels and plans by the active policy: the audit page is read now, by the names the desk uses now.
 */
function codedText(kind: Coded, v: string | number, policy: PolicyModel): string {
  if (kind === 'severity') return typeof v === 'number' ? severityName(policy, v) : String(v);
  if (typeof v !== 'string') return String(v);
  if (kind === 'status') return STATUS_NAMES[v] ?? v;
  if (kind === 'role') return ROLE_NAMES[v] ?? v;
  return kind === 'channel' ? channelName(policy, v) : planName(policy, v);
}

/**
 * A detail's value in words: people and organizations by name, a time in the reader's zone, a code
 * by its key's words (`key`: the detail's, or the one holding a change's from and to), lists joined
 * (an empty one "none"), true and false as yes and no; never JSON. A value not given is "not set",
 * not "none": a token's scopes or a rotation's rules left unset mean no restriction (all of them),
 * which "none" would say the opposite of.
 */
export function auditValueText(v: unknown, reading: AuditReading, key = ''): string {
  const { names, when, policy } = reading;
  if (v === null || v === undefined || v === '') return 'not set';
  const coded = CODED_KEYS[key];
  if (coded && (typeof v === 'string' || typeof v === 'number')) return codedText(coded, v, policy);
  if (typeof v === 'string') return names.get(v) ?? (INSTANT.test(v) ? when(v) : v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.map((x) => auditValueText(x, reading, key)).join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.id === 'string' && names.has(o.id)) return names.get(o.id)!;
    return Object.entries(o).sort(([a], [b]) => laterSide(a) - laterSide(b)).map(([k, x]) => `${auditKeyText(k)}: ${auditValueText(x, reading, coded && SIDES.has(k) ? key : k)}`).join('; ');
  }
  return String(v);
}
