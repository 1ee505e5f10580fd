// The validated policy turned into what enforcement needs: compiled calendars (clocks),
// parsed durations and rules, and targets looked up by plan, severity and metric.
import { buildWeek, calendarClock, CLOCK_24X7, parseIsoDate, parseTimeRange, type BusinessClock, type CalendarModel } from '../calendar/index.ts';
import { parseDuration, type Duration } from './duration.ts';
import { parseRule, type Expr } from './rules.ts';
import type { CalendarSpec, MetricId, PlanSpec, PolicyFile, SeveritySpec, TargetSpecT, TicketStatus } from './schema.ts';

export type Target = {
  metric: MetricId;
  duration: Duration | null;
  clockId: string;
  /** Whether the file names the clock (`clock:`), as the published page then says it ("6 hours, 24x7"). */
  clockNamed?: boolean;
  note: string | null;
  requiresEta: boolean;
  /** Published as "approximately ..."; measured exactly all the same. */
  approximate: boolean;
  /** The vendor's name for the target ("Response Goal"), or null for the metric's title. */
  label: string | null;
  /** The vendor calls it a goal ("Response Goal"): told as the time aimed for, never as a deadline; measured exactly all the same. */
  goal: boolean;
  /** The time in the vendor's own words, as the file gives it ("4 Hours"), where it gives one. */
  within?: string | null;
};

export type PolicyModel = {
  file: PolicyFile;
  source: string;
  clocks: Map<string, BusinessClock>;
  calendars: Map<string, CalendarSpec>;
  plans: Map<string, PlanSpec>;
  severities: Map<number, SeveritySpec & { parsedRules: Expr[] }>;
  /** Statuses that stop clocks, with the metrics they stop. */
  pauses: Map<TicketStatus, MetricId[]>;
  /** Days after which a solved ticket nobody answered is closed; null: never (tickets/close-solved.ts). */
  closeSolvedAfterDays: number | null;
  /** A ticket waiting on the customer: days to the reminder and to solving it; null: never (tickets/waiting-on-customer.ts). */
  waitingOnCustomer: { remindAfterDays: number | null; solveAfterDays: number | null };
};

/** The file's lifecycle.close_solved_after_days: absent is 7 days, 0 is never. */
export const DEFAULT_CLOSE_SOLVED_AFTER_DAYS = 7;

export function calendarModel(spec: CalendarSpec): CalendarModel {
  const ranges = (v: string | string[]) => (Array.isArray(v) ? v : [v]).map(parseTimeRange);
  const { week } = buildWeek(Object.entries(spec.hours).map(([key, v]) => ({ key, ranges: ranges(v) })));
  const h = spec.holidays ?? {};
  return {
    id: spec.id,
    name: spec.name,
    timeZone: spec.time_zone,
    week,
    holidays: {
      regions: h.regions ?? [],
      except: h.except ?? [],
      observedOnly: h.observed_only ?? false,
      wholeNights: h.whole_nights ?? false,
      dates: (h.dates ?? []).map((d) => ({ day: parseIsoDate(d.date), name: d.name, closed: d.closed ? ranges(d.closed) : null })),
      yearly: (h.yearly ?? []).map((d) => ({ month: d.month, day: d.day, name: d.name, closed: d.closed ? ranges(d.closed) : null })),
    },
  };
}

export function buildPolicy(file: PolicyFile, source: string): PolicyModel {
  const clocks = new Map<string, BusinessClock>([['24x7', CLOCK_24X7]]);
  for (const c of file.calendars) clocks.set(c.id, calendarClock(calendarModel(c)));
  const pauses = new Map<TicketStatus, MetricId[]>();
  for (const p of file.pauses ?? []) pauses.set(p.status, [...(pauses.get(p.status) ?? []), ...p.metrics]);
  return {
    file,
    source,
    clocks,
    calendars: new Map(file.calendars.map((c) => [c.id, c])),
    plans: new Map(file.plans.map((p) => [p.id, p])),
    severities: new Map(file.severities.map((s) => [s.id, { ...s, parsedRules: (s.rules ?? []).map(parseRule) }])),
    pauses,
    closeSolvedAfterDays: (file.lifecycle?.close_solved_after_days ?? DEFAULT_CLOSE_SOLVED_AFTER_DAYS) || null,
    waitingOnCustomer: {
      remindAfterDays: file.lifecycle?.waiting_on_customer?.remind_after_days ?? null,
      solveAfterDays: file.lifecycle?.waiting_on_customer?.solve_after_days ?? null,
    },
  };
}

/** A target spec resolved for one plan: its duration parsed and its clock chosen. */
export function resolveTarget(metric: MetricId, spec: TargetSpecT, plan: PlanSpec): Target {
  const parsed = spec.within === undefined ? null : parseDuration(spec.within);
  const duration = parsed && !('error' in parsed) ? parsed : null;
  // Business units run on the plan's support hours unless the target names its own clock.
  const clockId = spec.clock ?? (duration?.business ? plan.calendar : '24x7');
  return {
    metric, duration, clockId, clockNamed: spec.clock !== undefined, note: spec.note ?? null, requiresEta: spec.requires_eta ?? false,
    approximate: spec.approximate ?? false, label: spec.label ?? null, goal: spec.goal ?? false,
    within: spec.within === undefined ? null : spec.within.replace(/\s+/g, ' ').trim(),
  };
}

/** The first_response / update / resolution targets of a severity on a plan. */
export function severityTargets(policy: PolicyModel, planId: string, severityId: number): Target[] {
  const plan = policy.plans.get(planId);
  const sev = policy.severities.get(severityId);
  if (!plan || !sev) return [];
  const out: Target[] = [];
  for (const metric of ['first_response', 'update', 'resolution'] as const) {
    const byPlan = sev.targets?.[metric];
    const spec = byPlan?.[planId] ?? byPlan?.all;
    if (spec) out.push(resolveTarget(metric, spec, plan));
  }
  return out;
}

export function clockOf(policy: PolicyModel, id: string): BusinessClock {
  const c = policy.clocks.get(id);
  if (!c) throw new Error(`unknown clock "${id}"`);
  return c;
}

/**
 * The channels an after-hours rule takes requests through: those the vendor named (`channels`,
 * published) and those a reading of its words adds (`also_through`, enforced, not published).
 */
export function afterHoursChannels(rule: { channels: string[]; also_through?: string[] }): string[] {
  return [...rule.channels, ...(rule.also_through ?? [])];
}
