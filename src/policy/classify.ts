// Classification: the most urgent severity whose rules hold for the intake answers wins;
// none holding gives the policy's default severity.
import { evaluateRule, type Answers } from './rules.ts';
import type { PolicyModel } from './model.ts';

export function classifySeverity(policy: PolicyModel, answers: Answers): { severity: number; rule: string | null } {
  const ordered = [...policy.severities.values()].sort((a, b) => a.id - b.id);
  for (const sev of ordered) {
    const i = sev.parsedRules.findIndex((r) => evaluateRule(r, answers));
    if (i >= 0) return { severity: sev.id, rule: sev.rules?.[i] ?? null };
  }
  return { severity: policy.file.classification.default_severity, rule: null };
}
