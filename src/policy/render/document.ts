// The published policy as a document: every table is generated from the policy model,
// so what the vendor publishes is what Accord enforces.
import { DAY_LABELS, formatMinutes, holidaysOfYear, isoDate, type MinuteRange } from '../../calendar/index.ts';
import { formatDuration } from '../duration.ts';
import { calendarModel, resolveTarget, type PolicyModel } from '../model.ts';
import type { MetricId, TargetSpecT } from '../schema.ts';
import type { Block } from './blocks.ts';

const METRIC_TITLES: Record<MetricId, string> = {
  first_response: 'Initial Response Time',
  update: 'Status Update Cadence',
  resolution: 'Resolution Time',
  triage: 'Triage',
  status_notification: 'Status Notification',
};

/** One cell of a targets table: "6 hours, 24x7", "1 - 2 business days", or the policy's note. */
export function targetCell(policy: PolicyModel, planId: string, spec: TargetSpecT | undefined, metric: MetricId): string {
  if (!spec) return '-';
  const plan = policy.plans.get(planId) ?? policy.file.plans[0];
  const t = resolveTarget(metric, spec, plan);
  if (!t.duration) return t.note ?? '-';
  const text = formatDuration(t.duration);
  if (t.clockId === '24x7') return `${text}, 24x7`;
  // Business units already say they follow the plan's hours; another clock is named.
  if (t.duration.business && t.clockId === plan.calendar) return text;
  return `${text}, ${policy.calendars.get(t.clockId)?.name ?? t.clockId}`;
}

/** Rows are severities, columns plans, for one metric; null when no severity sets it. */
export function targetsTable(policy: PolicyModel, metric: 'first_response' | 'update' | 'resolution'): Block | null {
  const plans = policy.file.plans;
  const rows = policy.file.severities
    .filter((s) => s.targets?.[metric])
    .map((s) => [`Severity ${s.id}: ${s.name}`, ...plans.map((p) => targetCell(policy, p.id, s.targets?.[metric]?.[p.id] ?? s.targets?.[metric]?.all, metric))]);
  if (rows.length === 0) return null;
  return { kind: 'table', head: [METRIC_TITLES[metric], ...plans.map((p) => p.name)], rows };
}

function rangesText(ranges: readonly MinuteRange[]): string {
  return ranges.map((r) => `${formatMinutes(r[0])}-${formatMinutes(r[1] % 1440 === 0 && r[1] > 0 ? 1440 : r[1])}${r[1] > 1440 ? ' (next day)' : ''}`).join(', ');
}

function hoursText(policy: PolicyModel, calendarId: string): string {
  const cal = policy.calendars.get(calendarId);
  if (!cal) return calendarId;
  const week = calendarModel(cal).week;
  const parts: string[] = [];
  for (let d = 0; d < 7; d++) {
    if (week[d].length === 0) continue;
    const text = rangesText(week[d]);
    let e = d;
    while (e + 1 < 7 && rangesText(week[e + 1]) === text && week[e + 1].length > 0) e++;
    parts.push(`${DAY_LABELS[d].slice(0, 3)}${e > d ? `-${DAY_LABELS[e].slice(0, 3)}` : ''} ${text}`);
    d = e;
  }
  return `${parts.join('; ')} (${cal.time_zone})`;
}

function mark(v: boolean | 'optional' | undefined): string {
  return v === 'optional' ? 'Optional' : v ? '✓' : '-';
}

export function policyDocument(policy: PolicyModel, year: number): Block[] {
  const f = policy.file;
  const b: Block[] = [{ kind: 'heading', level: 1, text: f.prose.title }, { kind: 'paragraph', text: f.prose.introduction }];
  if (f.vendor.products?.length) b.push({ kind: 'paragraph', text: `${f.vendor.name} offers the following products:` }, { kind: 'list', items: f.vendor.products });

  b.push({ kind: 'heading', level: 2, text: 'How to contact support' });
  b.push({
    kind: 'table',
    head: ['Channel', 'Address', 'Details', ...f.plans.map((p) => p.name)],
    rows: f.channels.map((c) => [
      c.name,
      c.address ?? '',
      c.description ?? '',
      ...f.plans.map((p) => {
        const when = p.channels[c.id];
        return when === undefined ? '-' : when === '24x7' ? '24x7' : hoursText(policy, when);
      }),
    ]),
  });

  b.push({ kind: 'heading', level: 2, text: 'Support hours' });
  for (const cal of f.calendars) {
    b.push({ kind: 'heading', level: 3, text: cal.name }, { kind: 'paragraph', text: hoursText(policy, cal.id) });
    if (cal.note) b.push({ kind: 'paragraph', text: cal.note });
    const hols = [...holidaysOfYear(calendarModel(cal).holidays, year)].sort((x, y) => x[0] - y[0]);
    if (hols.length > 0) {
      b.push({ kind: 'paragraph', text: `Closed on these holidays in ${year}:` });
      b.push({ kind: 'list', items: hols.map(([day, h]) => `${isoDate(day)} ${h.name}${h.closed ? ` (closed ${rangesText(h.closed)})` : ''}`) });
    }
  }

  b.push({ kind: 'heading', level: 2, text: 'Support levels' });
  for (const p of f.plans) if (p.description) b.push({ kind: 'heading', level: 3, text: p.name }, { kind: 'paragraph', text: p.description });
  const featureRows = (f.features ?? []).map((feat) => [feat.name, ...f.plans.map((p) => mark(p.features?.[feat.id]))]);
  featureRows.push(['Named Support Contacts', ...f.plans.map((p) => (p.named_contacts === null ? '-' : String(p.named_contacts)))]);
  featureRows.push(['Support Hours of Operation', ...f.plans.map((p) => hoursText(policy, p.calendar))]);
  if (f.plans.some((p) => p.training)) featureRows.push(['Training', ...f.plans.map((p) => [p.training?.hours !== undefined ? `${p.training.hours} hours` : '', p.training?.note ?? ''].filter(Boolean).join('. ') || '-')]);
  b.push({ kind: 'table', head: ['Support Feature', ...f.plans.map((p) => p.name)], rows: featureRows });

  b.push({ kind: 'heading', level: 2, text: 'Severity definitions' });
  for (const s of f.severities) {
    b.push({ kind: 'heading', level: 3, text: `Severity ${s.id} - ${s.name}` }, { kind: 'paragraph', text: s.definition });
    if (s.examples?.length) b.push({ kind: 'paragraph', text: 'Examples:' }, { kind: 'list', items: s.examples });
    if (s.remediation) b.push({ kind: 'paragraph', text: `Remediation work: ${f.calendars.find((c) => c.id === s.remediation)?.name ?? s.remediation}.` });
  }
  if (f.classification.regrading) b.push({ kind: 'paragraph', text: f.classification.regrading });

  b.push({ kind: 'heading', level: 2, text: 'Service level targets' });
  for (const metric of ['first_response', 'update', 'resolution'] as const) {
    const table = targetsTable(policy, metric);
    if (table) b.push({ kind: 'heading', level: 3, text: METRIC_TITLES[metric] }, table);
  }
  b.push({ kind: 'paragraph', text: 'Business hours and business days count only the support hours of the plan, skipping nights, weekends and holidays. For a range, the lower bound is our goal and the upper bound our commitment.' });
  if (f.pauses?.length) {
    b.push({ kind: 'paragraph', text: 'Clocks stop while we wait on others:' });
    b.push({ kind: 'list', items: f.pauses.map((p) => `${p.status.replace(/_/g, ' ')}: stops ${p.metrics.map((m) => METRIC_TITLES[m].toLowerCase()).join(', ')}${p.note ? ` (${p.note})` : ''}`) });
  }

  if (f.after_hours?.length) {
    b.push({ kind: 'heading', level: 2, text: 'After-hours support' });
    for (const r of f.after_hours) {
      b.push({ kind: 'paragraph', text: r.description });
      const items = [
        `Severities: ${r.severities.map((id) => `${id} (${policy.severities.get(id)?.name ?? id})`).join(', ')}`,
        `Channels: ${r.channels.map((id) => f.channels.find((c) => c.id === id)?.name ?? id).join(', ')}`,
        `Staffed by: ${r.staffed_by}`,
      ];
      for (const m of ['triage', 'status_notification'] as const) {
        const spec = r.targets?.[m];
        if (spec) items.push(`${METRIC_TITLES[m]}: ${targetCell(policy, f.plans[0].id, spec, m)}${spec.requires_eta ? ', with an estimated time to resolution' : ''}`);
      }
      b.push({ kind: 'list', items });
    }
  }

  if (f.request_types?.length) {
    b.push({ kind: 'heading', level: 2, text: 'Where to send each kind of request' });
    b.push({
      kind: 'table',
      head: ['Request', 'Send to', 'How it is handled'],
      rows: f.request_types.map((r) => [r.name, r.address ?? f.queues?.find((q) => q.id === r.queue)?.address ?? '', r.handling ?? (r.sla ? 'Severity targets apply' : 'No response target')]),
    });
  }

  if (f.coverage) {
    b.push({ kind: 'heading', level: 2, text: 'Technical support coverage' });
    if (f.coverage.covered?.length) b.push({ kind: 'paragraph', text: 'Covered:' }, { kind: 'list', items: f.coverage.covered });
    if (f.coverage.not_covered?.length) b.push({ kind: 'paragraph', text: 'Not covered:' }, { kind: 'list', items: f.coverage.not_covered.map((x) => x.text) });
    for (const r of f.coverage.requirements ?? []) b.push({ kind: 'paragraph', text: r.text });
  }
  if (f.onboarding) b.push({ kind: 'heading', level: 2, text: 'Onboarding' }, { kind: 'paragraph', text: f.onboarding.text });
  if (f.contacts) {
    b.push({ kind: 'heading', level: 2, text: 'Named support contacts' });
    if (f.contacts.responsibilities?.length) b.push({ kind: 'paragraph', text: 'Named Support Contacts are responsible for:' }, { kind: 'list', items: f.contacts.responsibilities });
    if (f.contacts.change_process) b.push({ kind: 'paragraph', text: f.contacts.change_process });
  }
  if (f.escalation?.levels.length) {
    b.push({ kind: 'heading', level: 2, text: 'Escalation' });
    b.push({ kind: 'list', items: f.escalation.levels.map((l) => `${l.name}${l.tracker ? ` (${l.tracker.name})` : ''}${l.description ? `: ${l.description}` : ''}`) });
  }
  if (f.status_page?.enabled) {
    b.push({ kind: 'heading', level: 2, text: f.status_page.title ?? 'Status page' });
    if (f.status_page.url) b.push({ kind: 'paragraph', text: `Current status, incidents and maintenance: ${f.status_page.url}` });
    if (f.status_page.notify?.length) b.push({ kind: 'paragraph', text: `Subscribers are e-mailed when: ${f.status_page.notify.map((n) => n.replace(/_/g, ' ')).join(', ')}.` });
    if (f.status_page.maintenance?.notice) b.push({ kind: 'paragraph', text: f.status_page.maintenance.notice });
  }
  for (const l of f.notification_lists ?? []) b.push({ kind: 'heading', level: 2, text: l.name }, { kind: 'paragraph', text: l.description });
  if (f.monitoring?.length) {
    b.push({ kind: 'heading', level: 2, text: 'Continuous monitoring' });
    b.push({ kind: 'list', items: f.monitoring.map((m) => `${m.name}: ${m.description}`) });
  }
  for (const s of f.prose.sections ?? []) b.push({ kind: 'heading', level: 2, text: s.title }, { kind: 'paragraph', text: s.body });
  if (f.abuse && !(f.prose.sections ?? []).some((s) => s.body === f.abuse?.text)) {
    b.push({ kind: 'heading', level: 2, text: 'Support request abuse' }, { kind: 'paragraph', text: f.abuse.text });
  }
  return b;
}
