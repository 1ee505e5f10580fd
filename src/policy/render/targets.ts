// How a target reads on the published page: the vendor's wording, never Accord's. The
// duration is published as written in the file ("24 Hours", "1 - 2 business days"), hedged
// when the file says so ("approximately 30 minutes"), followed by its clock only when the
// file names one other than the plan's hours ("6 hours, 24x7"); a `note` replaces it all.
import { resolveTarget, type PolicyModel } from '../model.ts';
import { listedSeverities, severityLabel } from '../names.ts';
import type { MetricId, SeveritySpec, TargetSpecT } from '../schema.ts';
import type { Block } from './blocks.ts';
import { SENTENCE_END } from '../sentence-end.ts';

/**
 * What a target is called where the policy gives it no label of its own. In sentence case, as the
 * seeds write these words in their sentences (OpenKey: "resolution time(s)"; OPS-COM: "a status
 * notification will be sent"), except first_response: its one seed without a label heads its
 * table "Initial Response Time" (OpenBack: "Severity 1: Critical - Initial Response Time | ..."),
 * and that heading is kept as written.
 */
export const METRIC_TITLES: Record<MetricId, string> = {
  first_response: 'Initial Response Time',
  update: 'Status update cadence',
  resolution: 'Resolution time',
  triage: 'Triage',
  status_notification: 'Status notification',
};

export type SeverityMetric = 'first_response' | 'update' | 'resolution';
export const SEVERITY_METRICS: readonly SeverityMetric[] = ['first_response', 'update', 'resolution'];

/** One target as published: "6 hours, 24x7", "approximately 30 minutes", "24 Hours", or the vendor's note. */
export function targetCell(policy: PolicyModel, planId: string, spec: TargetSpecT | undefined, metric: MetricId): string {
  if (!spec) return '-';
  if (spec.note !== undefined) return spec.note.replace(/\s+/g, ' ').trim();
  const plan = policy.plans.get(planId) ?? policy.file.plans[0];
  const t = resolveTarget(metric, spec, plan);
  if (!t.duration || spec.within === undefined) return '-';
  const text = `${t.approximate ? 'approximately ' : ''}${spec.within.replace(/\s+/g, ' ').trim()}`;
  if (spec.clock === undefined || spec.clock === plan.calendar) return text;
  return `${text}, ${spec.clock === '24x7' ? '24x7' : (policy.calendars.get(spec.clock)?.name ?? spec.clock)}`;
}

/** The name a target goes by on the page: the vendor's label, else the metric's title. */
export function targetLabel(spec: TargetSpecT | undefined, metric: MetricId): string {
  return spec?.label ?? METRIC_TITLES[metric];
}

/** Whether a severity metric is set per plan anywhere (then it is published as a plans-by-severities table). */
export function variesByPlan(policy: PolicyModel, metric: SeverityMetric): boolean {
  if (policy.file.plans.length < 2) return false;
  return policy.file.severities.some((s) => Object.keys(s.targets?.[metric] ?? {}).some((k) => k !== 'all'));
}

function specFor(s: SeveritySpec, metric: SeverityMetric, planId: string): TargetSpecT | undefined {
  return s.targets?.[metric]?.[planId] ?? s.targets?.[metric]?.all;
}

/** Rows are severities, columns plans, for one metric; null when no severity sets it. */
export function targetsTable(policy: PolicyModel, metric: SeverityMetric): Block | null {
  const plans = policy.file.plans;
  const severities = listedSeverities(policy).filter((s) => s.targets?.[metric] && s.published !== false);
  if (severities.length === 0) return null;
  const labels = new Set(severities.flatMap((s) => Object.values(s.targets?.[metric] ?? {}).map((spec) => targetLabel(spec, metric))));
  const title = labels.size === 1 ? [...labels][0] : METRIC_TITLES[metric];
  const rows = severities.map((s) => [
    policy.file.classification.numbered === false ? s.name : `${severityLabel(policy)} ${s.id}: ${s.name}`,
    ...plans.map((p) => targetCell(policy, p.id, specFor(s, metric, p.id), metric)),
  ]);
  return { kind: 'table', head: [title, ...plans.map((p) => p.name)], rows };
}

/** The metrics whose per-plan table is published as rows of the feature matrix (prose.targets_in_features). */
export function matrixMetrics(policy: PolicyModel): SeverityMetric[] {
  const f = policy.file;
  return f.prose.targets_in_features && f.features?.length ? SEVERITY_METRICS.filter((m) => variesByPlan(policy, m)) : [];
}

/** Those tables' rows as the vendor labels them in its matrix: "Severity 1: Critical - Initial Response Time". */
export function matrixTargetRows(policy: PolicyModel): string[][] {
  return matrixMetrics(policy).flatMap((m) => {
    const t = targetsTable(policy, m);
    return t?.kind === 'table' ? t.rows.map((r) => [`${r[0]} - ${t.head[0]}`, ...r.slice(1)]) : [];
  });
}

/**
 * A severity's own targets, for metrics that do not vary by plan: "Response Goal: 24 Hours".
 * A target worded as whole sentences is published as they are, without a label before them.
 */
export function severityTargetLines(policy: PolicyModel, s: SeveritySpec, metric: SeverityMetric): string[] {
  const spec = s.targets?.[metric]?.all ?? Object.values(s.targets?.[metric] ?? {})[0];
  if (!spec) return [];
  const text = targetCell(policy, policy.file.plans[0].id, spec, metric);
  return [SENTENCE_END.test(text) ? text : `${targetLabel(spec, metric)}: ${text}`];
}
