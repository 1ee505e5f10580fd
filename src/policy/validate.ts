// Cross-reference checks the JSON Schema cannot express: ids that must exist, time zones,
// overlapping hours, rule expressions, target durations and clocks.
import { buildWeek, isKnownRegion, parseTimeRange, civilDate, parseIsoDate, DAY_NAMES } from '../calendar/index.ts';
import { parseDuration } from './duration.ts';
import { fieldsOf, parseRule, RuleError } from './rules.ts';
import { forbiddenHostOf } from './links.ts';
import { publishedIssues } from './validate-published.ts';
import { PAGE_PARTS, type PolicyFile, type TargetSpecT } from './schema.ts';

export type PathIssue = { path: PropertyKey[]; message: string; at?: 'key'; column?: number };

export function validatePolicy(p: PolicyFile): PathIssue[] {
  const issues: PathIssue[] = [];
  const add = (path: PropertyKey[], message: string, extra: Partial<PathIssue> = {}) => issues.push({ path, message, ...extra });

  const unique = (name: string, items: Array<{ id: string | number }> | undefined) => {
    const seen = new Set<string | number>();
    items?.forEach((it, i) => {
      if (seen.has(it.id)) add([name, i, 'id'], `duplicate id "${it.id}"`);
      seen.add(it.id);
    });
  };
  for (const key of ['calendars', 'channels', 'features', 'plans', 'severities', 'after_hours', 'queues', 'request_types', 'intake'] as const) {
    unique(key, p[key] as Array<{ id: string }> | undefined);
  }

  const calendarIds = new Set(p.calendars.map((c) => c.id));
  const clockOk = (id: string) => id === '24x7' || calendarIds.has(id);
  p.calendars.forEach((c, i) => {
    if (c.id === '24x7') add(['calendars', i, 'id'], '"24x7" is reserved for the round-the-clock clock');
    try {
      Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(c.time_zone);
    } catch {
      add(['calendars', i, 'time_zone'], `unknown time zone "${c.time_zone}" (use an IANA zone like "America/Chicago" or an offset like "-06:00")`);
    }
    const entries = Object.entries(c.hours).map(([key, v]) => ({ key, ranges: (Array.isArray(v) ? v : [v]).map(parseTimeRange) }));
    const { week, overlaps } = buildWeek(entries);
    for (const o of overlaps) {
      add(['calendars', i, 'hours', o.key], `overlapping intervals on ${DAY_NAMES[o.day]}`, { at: 'key' });
    }
    if (week.every((d) => d.length === 0)) add(['calendars', i, 'hours'], 'the calendar is never open');
    c.holidays?.regions?.forEach((r, j) => {
      if (!isKnownRegion(r)) add(['calendars', i, 'holidays', 'regions', j], `unknown holiday region "${r}"`);
    });
    c.holidays?.dates?.forEach((d, j) => {
      const back = civilDate(parseIsoDate(d.date));
      if (`${back.year}-${String(back.month).padStart(2, '0')}-${String(back.day).padStart(2, '0')}` !== d.date) {
        add(['calendars', i, 'holidays', 'dates', j, 'date'], `"${d.date}" is not a calendar date`);
      }
    });
    c.holidays?.yearly?.forEach((d, j) => {
      if (d.day > [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][d.month - 1]) add(['calendars', i, 'holidays', 'yearly', j, 'day'], 'no such day in that month');
    });
  });

  const channelIds = new Set(p.channels.map((c) => c.id));
  const featureIds = new Set((p.features ?? []).map((f) => f.id));
  const planIds = new Set(p.plans.map((x) => x.id));
  p.plans.forEach((plan, i) => {
    if (plan.id === 'all') add(['plans', i, 'id'], '"all" is reserved (it means every plan in targets)');
    if (!calendarIds.has(plan.calendar)) add(['plans', i, 'calendar'], `unknown calendar "${plan.calendar}"`);
    for (const [ch, when] of Object.entries(plan.channels)) {
      if (!channelIds.has(ch)) add(['plans', i, 'channels', ch], `unknown channel "${ch}"`, { at: 'key' });
      if (!clockOk(when)) add(['plans', i, 'channels', ch], `unknown calendar "${when}" (use "24x7" or a calendar id)`);
    }
    for (const f of Object.keys(plan.features ?? {})) {
      if (!featureIds.has(f)) add(['plans', i, 'features', f], `unknown feature "${f}" (declare it under features)`, { at: 'key' });
    }
  });

  p.channels.forEach((c, i) => {
    if (!Array.isArray(c.publish_hours)) return;
    c.publish_hours.forEach((id, j) => planIds.has(id) || add(['channels', i, 'publish_hours', j], `unknown plan "${id}"`));
  });

  const sectionIds = new Set<string>();
  p.prose.sections?.forEach((sec, i) => {
    if (sec.body === undefined && !sec.items?.length && !sec.subsections?.length) add(['prose', 'sections', i], 'give a "body", "items" or "subsections"');
    if (sec.id === undefined) return;
    if (sectionIds.has(sec.id) || (PAGE_PARTS as readonly string[]).includes(sec.id)) add(['prose', 'sections', i, 'id'], `"${sec.id}" already names a section of the page`);
    sectionIds.add(sec.id);
  });
  // prose.order names the page's parts, or one of the vendor's sections by its id.
  p.prose.order?.forEach((key, j) => {
    if (!(PAGE_PARTS as readonly string[]).includes(key) && !sectionIds.has(key)) add(['prose', 'order', j], `unknown section "${key}" (a part of the page, or the id of one of prose.sections)`);
  });

  // The lead of the named contacts' responsibilities is the vendor's own sentence where it has one
  // ("Named Support Contacts are responsible for:" is OpenBack's). It stays optional: a policy
  // stored before the field existed must still load (active-policy.ts refuses one that does not),
  // and without it the list is led by the plain words of what the field means (contacts-words.ts).
  const c = p.contacts;
  if (c?.responsibilities_lead !== undefined && !c.responsibilities?.length) add(['contacts', 'responsibilities_lead'], 'leads no responsibilities: give "responsibilities" too');

  const questions = new Map((p.intake ?? []).map((q) => [q.id, q]));
  p.intake?.forEach((q, i) => {
    for (const answer of Object.keys(q.notes ?? {})) {
      if (q.type !== 'choice') add(['intake', i, 'notes'], 'notes by answer are for choice questions');
      else if (!q.choices?.includes(answer)) add(['intake', i, 'notes', answer], `"${answer}" is not one of the choices`, { at: 'key' });
    }
  });
  const severityIds = new Set(p.severities.map((s) => s.id));
  const checkTarget = (path: PropertyKey[], spec: TargetSpecT, planCalendar: string | null) => {
    if (spec.within === undefined && spec.note === undefined) add(path, 'give "within" (a duration) or a "note"');
    if (spec.clock !== undefined && !clockOk(spec.clock)) add([...path, 'clock'], `unknown calendar "${spec.clock}" (use "24x7" or a calendar id)`);
    if (spec.within === undefined) return;
    const d = parseDuration(spec.within);
    if ('error' in d) return add([...path, 'within'], d.error);
    const clock = spec.clock ?? (d.business ? planCalendar : '24x7');
    if (d.business && clock === '24x7') add([...path, 'clock'], 'business units need a calendar clock, not "24x7"');
    // A note is published instead of the duration: it must state the same numbers.
    if (spec.note !== undefined) {
      const said = new Set((spec.note.match(/\d+(\.\d+)?/g) ?? []).map(Number));
      const missing = [d.lower, d.upper].filter((n): n is number => n !== null && !said.has(n));
      if (missing.length > 0) add([...path, 'note'], `the note is published instead of "${spec.within}": it must state ${missing.join(' and ')}`);
    }
  };
  /** A rule over the intake answers: it parses, and each field it reads is a question of the right type. */
  const checkRule = (path: (string | number)[], rule: string) => {
    try {
      for (const f of fieldsOf(parseRule(rule))) {
        const q = questions.get(f.field);
        if (!q) add(path, `unknown intake field "${f.field}" (declare it under intake)`);
        else if (f.uses === 'number' && q.type !== 'number') add(path, `"${f.field}" is a ${q.type} question, compared to a number`);
        else if (f.uses === 'boolean' && q.type !== 'boolean') add(path, `"${f.field}" is a ${q.type} question, used as yes/no`);
      }
    } catch (e) {
      if (e instanceof RuleError) add(path, e.message, { column: e.column });
      else throw e;
    }
  };
  p.severities.forEach((s, i) => {
    s.rules?.forEach((rule, j) => checkRule(['severities', i, 'rules', j], rule));
    if (s.status_reports !== undefined && !(s.details ?? []).includes(s.status_reports)) {
      add(['severities', i, 'status_reports'], `"${s.status_reports}" is not a step of this level's details: name the step in its exact words`);
    }
    // Guidance beyond the knowledge base is offered on a referral, and is the vendor's own sentence,
    // published in the level's definition: the customer is quoted what the page says.
    if (s.guidance_on_request !== undefined) {
      const said = (t: string) => t.replace(/\s+/g, ' ').trim();
      const definition = said([s.definition ?? []].flat().join(' '));
      if (s.refer_to_knowledge_base !== true) add(['severities', i, 'guidance_on_request'], 'guidance on request is offered on a referral to the knowledge base: set refer_to_knowledge_base');
      else if (!definition.includes(said(s.guidance_on_request))) add(['severities', i, 'guidance_on_request'], 'is not said in this level\'s definition: quote the vendor\'s sentence in its exact words');
    }
    // A target is a promise: a level that sets one is published with it.
    if (s.published === false && s.targets) add(['severities', i, 'published'], 'a severity with targets is published: they are promises');
    if (s.published === false && s.remediation) add(['severities', i, 'published'], 'a severity with remediation hours is published: they are a promise');
    for (const [metric, byPlan] of Object.entries(s.targets ?? {})) {
      for (const [planId, spec] of Object.entries(byPlan ?? {})) {
        const path = ['severities', i, 'targets', metric, planId];
        if (planId !== 'all' && !planIds.has(planId)) add(path, `unknown plan "${planId}"`, { at: 'key' });
        const plan = p.plans.find((x) => x.id === planId);
        checkTarget(path, spec, plan ? plan.calendar : planId === 'all' ? p.plans[0].calendar : null);
      }
    }
  });
  if (!severityIds.has(p.classification.default_severity)) add(['classification', 'default_severity'], `unknown severity ${p.classification.default_severity}`);

  p.after_hours?.forEach((r, i) => {
    r.plans?.forEach((id, j) => planIds.has(id) || add(['after_hours', i, 'plans', j], `unknown plan "${id}"`));
    r.severities.forEach((id, j) => {
      if (!severityIds.has(id)) add(['after_hours', i, 'severities', j], `unknown severity ${id}`);
      // After-hours support for a level is a promise, published with the level's name.
      else if (p.severities.find((x) => x.id === id)?.published === false) add(['after_hours', i, 'severities', j], `severity ${id} is not published (published: false): after-hours support for it is a promise`);
    });
    r.channels.forEach((id, j) => channelIds.has(id) || add(['after_hours', i, 'channels', j], `unknown channel "${id}"`));
    r.also_through?.forEach((id, j) => channelIds.has(id) || add(['after_hours', i, 'also_through', j], `unknown channel "${id}"`));
    for (const [metric, spec] of Object.entries(r.targets ?? {})) if (spec) checkTarget(['after_hours', i, 'targets', metric], spec, p.plans[0].calendar);
  });
  const queueIds = new Set((p.queues ?? []).map((q) => q.id));
  p.request_types?.forEach((r, i) => queueIds.has(r.queue) || add(['request_types', i, 'queue'], `unknown queue "${r.queue}"`));
  if (p.onboarding && !planIds.has(p.onboarding.until_complete_plan)) add(['onboarding', 'until_complete_plan'], `unknown plan "${p.onboarding.until_complete_plan}"`);
  // Its names are quoted to customers as the vendor's words: they must be words of its text.
  const onboardingWords = p.onboarding?.text.replace(/\s+/g, ' ') ?? '';
  for (const key of ['served_as', 'name'] as const) {
    const said = p.onboarding?.[key]?.replace(/\s+/g, ' ').trim();
    if (said !== undefined && !onboardingWords.includes(said)) add(['onboarding', key], `"${said}" is not in the onboarding text: give the vendor's own words`);
  }
  p.coverage?.requirements?.forEach((r, i) => {
    if (r.unmet === 'treat_as_plan' && (!r.plan || !planIds.has(r.plan))) add(['coverage', 'requirements', i, 'plan'], 'name an existing plan to treat the customer as');
    if (r.not_technical !== undefined) {
      if (r.unmet !== 'no_technical_support') add(['coverage', 'requirements', i, 'not_technical'], 'only a requirement whose unmet is no_technical_support spares requests that are not technical');
      else checkRule(['coverage', 'requirements', i, 'not_technical'], r.not_technical);
    }
  });
  const waiting = p.lifecycle?.waiting_on_customer;
  if (waiting?.remind_after_days !== undefined && waiting.solve_after_days !== undefined && waiting.remind_after_days >= waiting.solve_after_days) {
    add(['lifecycle', 'waiting_on_customer', 'remind_after_days'], 'must be fewer days than solve_after_days: the reminder comes before the ticket is solved');
  }
  if (p.status_page?.onboarding_notice && !p.status_page.url) add(['status_page', 'onboarding_notice'], 'give the status page its url: the notice sends it');
  if (p.status_page?.maintenance?.email_customers) {
    if (p.status_page.publishes && !p.status_page.publishes.includes('maintenance')) add(['status_page', 'maintenance', 'email_customers'], 'the status page publishes no maintenance: add maintenance to publishes');
    else if (!p.status_page.notify?.includes('maintenance_scheduled')) add(['status_page', 'maintenance', 'email_customers'], 'mailing customers the scheduling notice is a promise: add maintenance_scheduled to notify');
  }
  p.escalation?.internal_links?.forbidden?.forEach((f, i) => {
    if (forbiddenHostOf(f.host) === null) add(['escalation', 'internal_links', 'forbidden', i, 'host'], `"${f.host}" is not a host name (write it like "sentry.io")`);
  });
  publishedIssues(p, add);
  return issues;
}
