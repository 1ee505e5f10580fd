// What a new version of a policy takes away from the support the current one gives: for a
// vendor who promises that changes "will not adversely affect the Services or reduce the level of
// support provided to our customers" (OfficeSpace; `changes.never_reduce_support`), activating
// such a version is refused, naming each reduction (policy-versions/activate-policy.ts).
// Pure: two models in, reductions out. Counted as a reduction: a plan, severity or channel gone;
// a target gone, or longer; support hours a plan runs on that are no longer open (weekday minutes,
// holidays added, or a change of time zone); a severity's definition no longer including what it
// listed (fewer problems qualify for it), or a step of its handling ("details") dropped; an
// after-hours rule gone, or covering fewer plans, severities or channels, or its targets gone or
// longer; a status that now stops a measured clock it did not; the status page gone, or what it
// publishes, or a notice it promised. A target written in other units or on another clock cannot be compared, nor can a
// definition written as one paragraph that changes: each is named too, so a person decides,
// rather than let a reduction through unseen. Intake questions and other wording are not support
// levels, and are not compared.
import { afterHoursChannels, calendarModel, severityTargets, type PolicyModel, type Target } from './model.ts';
import { daysOfKey } from '../calendar/index.ts';
import { parseDuration, type Amount } from './duration.ts';
import type { PolicyFile } from './schema.ts';

export type Reduction = { path: string; message: string };

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** -1, 0 or 1; null when the two cannot be compared (business days against hours). */
function compareAmount(a: Amount, b: Amount): number | null {
  if (a.kind === 'time' && b.kind === 'time') return Math.sign(a.ms - b.ms);
  if (a.kind === 'days' && b.kind === 'days') return Math.sign(a.days - b.days);
  return null;
}

function targetReduction(path: string, was: Target, now: Target | undefined): Reduction | null {
  if (!was.duration) return null; // nothing measured before (a note only), nothing to reduce
  if (!now || !now.duration) return { path, message: `"${was.duration.text}" is no longer promised` };
  const sameClock = was.clockId === now.clockId;
  const order = sameClock ? compareAmount(now.duration.due, was.duration.due) : null;
  if (order === null) return { path, message: `"${was.duration.text}" becomes "${now.duration.text}"${sameClock ? '' : ` on the ${now.clockId} clock`}: not comparable, so not shown to be no less` };
  if (order > 0) return { path, message: `"${was.duration.text}" becomes "${now.duration.text}": longer` };
  // The same time told with a hedge it did not have is a softer promise: customers are told a time aimed for, not one kept.
  if (now.goal && !was.goal) return { path, message: `"${was.duration.text}" becomes a goal, no longer a promised time` };
  if (now.approximate && !was.approximate) return { path, message: `"${was.duration.text}" becomes approximate` };
  return null;
}

/** The hours key of `hours` that covers a day (0 Monday), the most specific first ("mon" before "mon-fri" before "daily"). */
function dayKey(hours: Record<string, unknown>, day: number): string | null {
  const keys = Object.keys(hours).filter((k) => daysOfKey(k).includes(day));
  return keys.sort((x, y) => daysOfKey(x).length - daysOfKey(y).length)[0] ?? null;
}

/**
 * Where a calendar's hours shrink, each at the field of the new version that changed (the hours of that
 * day, the time zone, the holiday added), so a refusal points at that line, not at the calendar's id:
 * the first minute of each open range of `was` that `now` does not open, and the days it closes on more.
 */
function hoursLost(was: PolicyModel, now: PolicyModel, calendarId: string): Array<{ at: string; what: string }> {
  const a = was.calendars.get(calendarId);
  const b = now.calendars.get(calendarId);
  const path = `calendars.${calendarId}`;
  if (!a) return [];
  if (!b) return [{ at: path, what: 'has no support hours any more' }];
  if (a.time_zone !== b.time_zone) return [{ at: `${path}.time_zone`, what: `moves from the ${a.time_zone} time zone to ${b.time_zone}` }];
  const [wa, wb] = [calendarModel(a).week, calendarModel(b).week];
  const lost: Array<{ at: string; what: string }> = [];
  wa.forEach((ranges, day) => {
    for (const [start, end] of ranges) {
      for (let m = start; m < end; m++) {
        if (!wb[day].some(([from, to]) => from <= m && m < to)) {
          // The new version's hours for that day; its old key where that day has none now (the deepest line found is shown).
          const key = dayKey(b.hours, day) ?? dayKey(a.hours, day);
          const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
          lost.push({ at: `${path}.hours${key ? `.${key}` : ''}`, what: `is no longer open at ${DAY_NAMES[day]} ${time}` });
          break;
        }
      }
    }
  });
  // Closed on more days: holiday regions, dates or yearly days the old hours did not close on, each at its own line.
  const [ha, hb] = [a.holidays ?? {}, b.holidays ?? {}];
  const at = `${path}.holidays`;
  const closed: Array<{ at: string; what: string }> = [
    ...(hb.regions ?? []).flatMap((r, i) => ((ha.regions ?? []).includes(r) ? [] : [{ at: `${at}.regions.${i}`, what: `the holidays of ${r}` }])),
    ...(hb.dates ?? []).flatMap((d, i) => ((ha.dates ?? []).some((o) => o.date === d.date) ? [] : [{ at: `${at}.dates.${i}`, what: `${d.date} (${d.name})` }])),
    ...(hb.yearly ?? []).flatMap((d, i) =>
      (ha.yearly ?? []).some((o) => o.month === d.month && o.day === d.day) ? [] : [{ at: `${at}.yearly.${i}`, what: `every ${d.month}/${d.day} (${d.name})` }]),
  ];
  if (ha.observed_only && !hb.observed_only) closed.push({ at: `${at}.observed_only`, what: 'holidays on their actual day as well as the observed one' });
  if ((ha.except ?? []).some((e) => !(hb.except ?? []).includes(e))) closed.push({ at: `${at}.except`, what: 'holidays it used to stay open on' });
  return [...lost, ...closed.map((c) => ({ at: c.at, what: `is now closed on ${c.what}` }))];
}

const quoted = (items: readonly string[]) => items.map((i) => `"${i}"`).join(', ');

/** A severity's definition and handling: what it lists no more (a paragraph that changes cannot be compared). */
function severityWording(id: number, was: PolicyFile['severities'][number], now: PolicyFile['severities'][number]): Reduction[] {
  const out: Reduction[] = [];
  const path = `severities.${id}`;
  if (typeof was.definition === 'string' || typeof now.definition === 'string') {
    if (was.definition !== undefined && JSON.stringify(was.definition) !== JSON.stringify(now.definition)) {
      out.push({ path: `${path}.definition`, message: `the definition of ${was.name} changes: not comparable, so not shown to be no less` });
    }
  } else if (was.definition) {
    const gone = was.definition.filter((item) => !(now.definition ?? []).includes(item));
    if (gone.length > 0) out.push({ path: `${path}.definition`, message: `${was.name} no longer includes ${quoted(gone)}` });
  }
  const dropped = (was.details ?? []).filter((step) => !(now.details ?? []).includes(step));
  if (dropped.length > 0) out.push({ path: `${path}.details`, message: `${was.name} no longer says ${quoted(dropped)}` });
  // Given to the engineers (OfficeSpace: "Assign engineer to determine and correct the error") and now to
  // anyone else in turn: less support, even with the step's words kept.
  if (was.handled_by === 'escalation' && now.handled_by !== 'escalation') {
    out.push({ path: `${path}.handled_by`, message: `${was.name} is no longer given to the escalation agents only` });
  }
  return out;
}

type AfterHours = NonNullable<PolicyFile['after_hours']>[number];

/** An after-hours rule's reach and targets, against the same rule (by id) in the new version. */
function afterHoursReductions(was: AfterHours, now: AfterHours | undefined, allPlans: readonly string[]): Reduction[] {
  const path = `after_hours.${was.id}`;
  if (!now) return [{ path, message: `the after-hours rule ${was.id} is gone` }];
  const out: Reduction[] = [];
  const plansBefore = was.plans ?? allPlans;
  const plansNow = now.plans ?? allPlans;
  const lost = (label: string, before: readonly (string | number)[], after: readonly (string | number)[]) => {
    const gone = before.filter((x) => !after.includes(x));
    if (gone.length > 0) out.push({ path: `${path}.${label}`, message: `the after-hours rule ${was.id} no longer covers ${label} ${gone.join(', ')}` });
  };
  lost('plans', plansBefore, plansNow);
  lost('severities', was.severities, now.severities);
  // The channels it takes through, published or not (also_through: a reading, enforced all the same).
  lost('channels', afterHoursChannels(was), afterHoursChannels(now));
  if (was.hand_over === 'any_channel' && now.hand_over !== 'any_channel') {
    out.push({ path: `${path}.hand_over`, message: `the after-hours rule ${was.id} no longer takes over open tickets that came through other channels` });
  }
  for (const metric of ['triage', 'status_notification'] as const) {
    const a = was.targets?.[metric]?.within;
    if (!a) continue;
    const b = now.targets?.[metric]?.within;
    const at = `${path}.targets.${metric}`;
    if (!b) {
      out.push({ path: at, message: `"${a}" is no longer promised` });
      continue;
    }
    const [da, db] = [parseDuration(a), parseDuration(b)];
    const sameClock = (was.targets?.[metric]?.clock ?? null) === (now.targets?.[metric]?.clock ?? null);
    const order = 'error' in da || 'error' in db || !sameClock ? null : compareAmount(db.due, da.due);
    if (order === null) out.push({ path: at, message: `"${a}" becomes "${b}": not comparable, so not shown to be no less` });
    else if (order > 0) out.push({ path: at, message: `"${a}" becomes "${b}": longer` });
  }
  return out;
}

export function supportReductions(was: PolicyModel, now: PolicyModel): Reduction[] {
  const out: Reduction[] = [];
  for (const [planId, plan] of was.plans) {
    const next = now.plans.get(planId);
    if (!next) {
      out.push({ path: `plans.${planId}`, message: `the ${plan.name} plan is gone` });
      continue;
    }
    for (const channel of Object.keys(plan.channels ?? {})) {
      if (!(channel in (next.channels ?? {}))) out.push({ path: `plans.${planId}.channels.${channel}`, message: `the ${channel} channel is no longer offered on ${plan.name}` });
    }
    // "support on the Support plan is no longer open at Monday 05:00" (OfficeSpace's one plan), not "Support's support hours".
    for (const lost of hoursLost(was, now, plan.calendar)) out.push({ path: lost.at, message: `support on the ${plan.name} plan ${lost.what}` });
    if (next.calendar !== plan.calendar) out.push({ path: `plans.${planId}.calendar`, message: `${plan.name} moves from the ${plan.calendar} to the ${next.calendar} hours: not comparable, so not shown to be no less` });
  }
  for (const [severityId, severity] of was.severities) {
    if (!now.severities.has(severityId)) {
      out.push({ path: `severities.${severityId}`, message: `severity ${severityId} (${severity.name}) is gone` });
      continue;
    }
    out.push(...severityWording(severityId, severity, now.severities.get(severityId)!));
    for (const planId of was.plans.keys()) {
      if (!now.plans.has(planId)) continue;
      const next = severityTargets(now, planId, severityId);
      for (const target of severityTargets(was, planId, severityId)) {
        const r = targetReduction(`severities.${severityId}.targets.${target.metric}.${planId}`, target, next.find((t) => t.metric === target.metric));
        if (r) out.push(r);
      }
    }
  }
  const allPlans = [...was.plans.keys()];
  for (const rule of was.file.after_hours ?? []) {
    out.push(...afterHoursReductions(rule, (now.file.after_hours ?? []).find((r) => r.id === rule.id), allPlans));
  }
  out.push(...pauseReductions(was, now), ...statusPageReductions(was.file.status_page, now.file.status_page));
  return out;
}

/** A status that now stops a clock it did not: the time promised runs less of the time (a measured metric only). */
function pauseReductions(was: PolicyModel, now: PolicyModel): Reduction[] {
  // The metrics the current version measures: a pause on one it does not measure takes nothing away.
  const measured = new Set<string>();
  for (const planId of was.plans.keys()) {
    for (const severityId of was.severities.keys()) for (const t of severityTargets(was, planId, severityId)) if (t.duration) measured.add(t.metric);
  }
  for (const rule of was.file.after_hours ?? []) for (const metric of Object.keys(rule.targets ?? {})) measured.add(metric);
  const out: Reduction[] = [];
  for (const [status, metrics] of now.pauses) {
    const before = new Set(was.pauses.get(status) ?? []);
    for (const metric of metrics) {
      if (measured.has(metric) && !before.has(metric)) out.push({ path: `pauses.${status}`, message: `a ticket ${status.replace(/_/g, ' ')} now stops its ${metric.replace(/_/g, ' ')} clock: the time promised runs less of the time` });
    }
  }
  return out;
}

type StatusPage = PolicyFile['status_page'];
const ALL_PUBLISHED = ['incidents', 'maintenance'] as const;

/** The status page taken away, or what it publishes, or a notice it promised subscribers (OfficeSpace: notice of scheduled outages). */
function statusPageReductions(was: StatusPage, now: StatusPage): Reduction[] {
  if (!was?.enabled) return [];
  if (!now?.enabled) return [{ path: 'status_page.enabled', message: 'the status page is no longer published' }];
  const out: Reduction[] = [];
  const published = new Set(now.publishes ?? ALL_PUBLISHED);
  for (const what of was.publishes ?? ALL_PUBLISHED) {
    if (!published.has(what)) out.push({ path: 'status_page.publishes', message: `the status page no longer publishes ${what}` });
  }
  const notified = new Set(now.notify ?? []);
  for (const event of was.notify ?? []) {
    if (!notified.has(event)) out.push({ path: 'status_page.notify', message: `subscribers are no longer promised the ${event.replace(/_/g, ' ')} notice` });
  }
  if (was.maintenance?.email_customers && !now.maintenance?.email_customers) {
    out.push({ path: 'status_page.maintenance.email_customers', message: 'customers are no longer mailed the notice of scheduled maintenance' });
  }
  return out;
}
