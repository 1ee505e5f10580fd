// The severity section of the published page: the vendor's introduction, each level with its
// definition, examples and targets in the vendor's words, and the tables of targets set per plan.
import type { PolicyModel } from '../model.ts';
import { listedSeverities, severityLabel } from '../names.ts';
import type { SeveritySpec } from '../schema.ts';
import type { Block } from './blocks.ts';
import { matrixMetrics, METRIC_TITLES, SEVERITY_METRICS, severityTargetLines, targetCell, targetLabel, targetsTable, variesByPlan } from './targets.ts';
import { list, paragraphs } from './text.ts';

/**
 * When a severity's remediation work happens, as published ("Remediation work: ..."): a calendar
 * by its name ("6am-4pm U.S. Eastern Standard Time"), else the policy's own text ("24/7 until resolved").
 */
export function remediationText(policy: PolicyModel, remediation: string): string {
  return policy.calendars.get(remediation)?.name ?? remediation;
}

/** One thing the policy says of a severity's times: "Response time" / "2 hours". */
export type PromisedLine = { label: string; text: string };

/**
 * What a customer is promised for a severity on its plan, in the words the published page uses
 * (targetLabel, targetCell, remediationText), whether or not a clock measures it: OpenMethods'
 * "Communication cadence: when material updates or progress is made" and "Remediation work: 6am-4pm
 * U.S. Eastern Standard Time" are its promises as much as the response time. The portal's lists and
 * the receipt (tickets/receipt-targets.ts) say these, never re-worded.
 */
export function promisedTimes(policy: PolicyModel, planId: string, severityId: number): PromisedLine[] {
  const severity = policy.severities.get(severityId);
  if (!severity) return [];
  const out: PromisedLine[] = [];
  for (const metric of SEVERITY_METRICS) {
    const byPlan = severity.targets?.[metric];
    const spec = byPlan?.[planId] ?? byPlan?.all;
    if (spec) out.push({ label: targetLabel(spec, metric), text: targetCell(policy, planId, spec, metric) });
    // Where the published page puts it: after the response time (OpenMethods: "Remediation work: 24/7 until resolved").
    if (metric === 'first_response' && severity.remediation) {
      out.push({ label: 'Remediation work', text: remediationText(policy, severity.remediation) });
    }
  }
  return out;
}

/** Whether the page already publishes a text in the vendor's words elsewhere than the severities' section. */
export type SaidElsewhere = (text: string) => boolean;

function severityBlocks(policy: PolicyModel, s: SeveritySpec, inline: Set<string>, said: SaidElsewhere): Block[] {
  const f = policy.file;
  // By name alone where the vendor numbers no levels (OfficeSpace: "Critical Technical Support").
  const numbered = f.classification.numbered !== false;
  const b: Block[] = [{ kind: 'heading', level: 3, text: numbered ? `${severityLabel(policy)} ${s.id} - ${s.name}` : s.name }];
  if (Array.isArray(s.definition)) b.push(list(s.definition));
  else b.push(...paragraphs(s.definition));
  // Not listed again where the page already says it in the vendor's sentence (publish_examples: false).
  if (s.examples?.length && s.publish_examples !== false) b.push({ kind: 'paragraph', text: 'Examples:' }, list(s.examples));
  if (s.details?.length) b.push({ kind: 'paragraph', text: 'Details:' }, list(s.details));
  const lines: string[] = [];
  for (const metric of SEVERITY_METRICS) {
    if (inline.has(metric)) lines.push(...severityTargetLines(policy, s, metric));
    if (metric === 'first_response' && s.remediation) {
      lines.push(`Remediation work: ${remediationText(policy, s.remediation)}`);
    }
  }
  b.push(...lines.map((text): Block => ({ kind: 'paragraph', text })));
  b.push(...paragraphs(s.closing));
  // A sentence the vendor wrote once, where the page publishes it (OPS-COM's "Critical is defined as
  // ..." in its after-hours answer, OpenKey's "Off hours emergency issues resolution times will vary
  // ..." under "Tier 2 Support Issues"), is not said again here; a level left with nothing to say
  // is not published, nor its heading.
  const own = b.filter((x) => !(x.kind === 'paragraph' && said(x.text)));
  return own.length > 1 ? own : [];
}

export function severitiesSection(policy: PolicyModel, said: SaidElsewhere = () => false): Block[] {
  const f = policy.file;
  // A metric set per plan is a table, or rows of the feature matrix where the vendor prints it there
  // (OpenBack's); one set for every plan is stated under each severity.
  const inline = new Set(SEVERITY_METRICS.filter((m) => !variesByPlan(policy, m)));
  const tables = SEVERITY_METRICS.filter((m) => !inline.has(m) && !matrixMetrics(policy).includes(m));
  // Headed in the vendor's word for its levels where the file gives it (OfficeSpace: "Support Levels");
  // a level the vendor never names (published: false) is enforced, not published.
  const b: Block[] = [{ kind: 'heading', level: 2, text: f.classification.heading ?? 'Severity definitions' }, ...paragraphs(f.classification.introduction)];
  // In the order the vendor lists them (OfficeSpace: Basic Product Support first; classification.listed).
  for (const s of listedSeverities(policy)) if (s.published !== false) b.push(...severityBlocks(policy, s, inline, said));
  b.push(...paragraphs(f.classification.regrading));
  const tableBlocks = tables.flatMap((m) => {
    const t = targetsTable(policy, m);
    return t ? [{ kind: 'heading', level: 3, text: t.kind === 'table' ? t.head[0] : METRIC_TITLES[m] } as Block, t] : [];
  });
  if (tableBlocks.length > 0) b.push({ kind: 'heading', level: 2, text: 'Service level targets' }, ...tableBlocks);
  // Nothing under the heading (OPS-COM: its one level said in its after-hours answer): no section.
  return b.length > 1 ? b : [];
}
