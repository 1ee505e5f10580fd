// Classification: the most urgent severity whose rules hold for the intake answers wins;
// none holding gives the policy's default severity. The result says why in plain words,
// from the policy's own question labels and the answers given.
import { evaluateRule, fieldsOf, parseRule, type Answers } from './rules.ts';
import type { PolicyModel } from './model.ts';

export type ClassificationResult = {
  severity: number;
  /** The rule that held, as the policy writes it; null for the default. */
  rule: string | null;
  /** e.g. "What percentage of agents cannot log in to the media bar? 35%: System Outage". */
  reason: string;
};

function answerText(id: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return /percent/.test(id) ? `${value}%` : String(value);
  return String(value);
}

export function classifySeverity(policy: PolicyModel, answers: Answers): ClassificationResult {
  const ordered = [...policy.severities.values()].sort((a, b) => a.id - b.id);
  const labels = new Map((policy.file.intake ?? []).map((q) => [q.id, q.label]));
  for (const sev of ordered) {
    const i = sev.parsedRules.findIndex((r) => evaluateRule(r, answers));
    if (i < 0) continue;
    const facts = fieldsOf(sev.parsedRules[i])
      .map((f) => f.field)
      .filter((field, k, all) => all.indexOf(field) === k && field in answers)
      .map((field) => `${labels.get(field) ?? field} ${answerText(field, answers[field])}`);
    return { severity: sev.id, rule: sev.rules?.[i] ?? null, reason: `${facts.join('; ')}: ${sev.name}` };
  }
  const fallback = policy.severities.get(policy.file.classification.default_severity);
  // The reason reaches the customer (their ticket's classification): a level the vendor never names
  // (published: false, OPS-COM's "Not critical" is the desk's word) is not named in it.
  const named = fallback && fallback.published !== false ? `: ${fallback.name}` : fallback ? '' : ': default severity';
  return { severity: policy.file.classification.default_severity, rule: null, reason: `No rule of the policy matched the answers${named}` };
}

/** Whether a rule the policy writes outside its severities (a requirement's not_technical) holds for the intake answers. */
export function ruleHolds(rule: string, answers: Answers): boolean {
  return evaluateRule(parseRule(rule), answers);
}
