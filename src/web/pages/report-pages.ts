// SLA reports for managers: attainment per metric, plan and severity over time, with a chart
// per view and CSV exports (attainment, and the breached clocks); satisfaction; the team's work by agent. The numbers are the tickets
// domain's (slaAttainment, listBreaches); this file groups and draws them. Plans and severities are
// said by the active policy's names; the CSVs keep their columns (ids) and add the plan's name last.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ctxFor, MANAGERS } from '../../http/route-kit.ts';
import {
  agentActivity, listBreaches, listRatings, responseTimes, satisfaction, slaAttainment, slaAttainmentByTag, timeSpentReport, type SatisfactionRow, type TimeReportRow,
} from '../../tickets/index.ts';
import { InvalidInputError, isAccordError } from '../../platform/index.ts';
import { hoursWord, planName, severityLabel, severityName, type PolicyModel } from '../../policy/index.ts';
import { activePolicy, policyVersion } from '../../policy-versions/index.ts';
import { percentChart, type Series } from '../charts.ts';
import { toCsv } from '../csv.ts';
import { formatters, METRIC_NAMES, minutesText } from '../format.ts';
import { page, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';

type ReportQuery = { from?: string; to?: string; period?: 'day' | 'week' | 'month' };
const DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const reportQuery = {
  querystring: {
    type: 'object', additionalProperties: false,
    properties: { from: { type: 'string', pattern: DATE }, to: { type: 'string', pattern: DATE }, period: { type: 'string', enum: ['day', 'week', 'month'] } },
  },
};
// The page's own form: a date typed wrong comes back in the form, refused beside it (day() below), not on an error page.
const reportPageQuery = {
  querystring: {
    type: 'object', additionalProperties: false,
    properties: { from: { type: 'string', maxLength: 40 }, to: { type: 'string', maxLength: 40 }, period: { type: 'string', enum: ['day', 'week', 'month'] } },
  },
};
// The default window: the last 12 weeks up to today.
const DEFAULT_DAYS = 84;

/** A day typed in the form; text that is none, or one the calendar has not (2026-02-30), is refused with the field's label, not a 500. */
function day(text: string, label: string): Temporal.PlainDate {
  try {
    if (new RegExp(DATE).test(text)) return Temporal.PlainDate.from(text, { overflow: 'reject' });
  } catch {
    // refused below
  }
  throw new InvalidInputError('That date is not on the calendar', [{ path: label, message: `${text} is not a date (for example 2026-12-01)` }]);
}

function window(q: ReportQuery, now: Temporal.Instant) {
  const today = now.toZonedDateTimeISO('UTC').toPlainDate();
  const to = q.to ? day(q.to, 'To') : today;
  const from = q.from ? day(q.from, 'From') : to.subtract({ days: DEFAULT_DAYS });
  if (Temporal.PlainDate.compare(from, to) > 0) {
    const detail = { path: 'To', message: `must be on or after From (${from})` };
    throw new InvalidInputError('The dates are the wrong way round', [detail]);
  }
  const at = (d: Temporal.PlainDate) => d.toZonedDateTime('UTC').toInstant().toString();
  return { from: from.toString(), to: to.toString(), input: { from: at(from), to: at(to.add({ days: 1 })), period: q.period ?? 'week' } };
}

type Tally = { met: number; breached: number; open: number };
const rate = (t: Tally) => (t.met + t.breached === 0 ? null : (100 * t.met) / (t.met + t.breached));

type PeriodTally = Tally & { period: string };

/** Sums rows by one dimension: name -> tally, and name -> period -> tally. */
function byDimension<R extends PeriodTally>(rows: R[], key: (r: R) => string) {
  const total = new Map<string, Tally>();
  const over = new Map<string, Map<string, Tally>>();
  for (const r of rows) {
    const k = key(r);
    const t = total.get(k) ?? { met: 0, breached: 0, open: 0 };
    t.met += r.met; t.breached += r.breached; t.open += r.open;
    total.set(k, t);
    const per = over.get(k) ?? new Map<string, Tally>();
    const p = per.get(r.period) ?? { met: 0, breached: 0, open: 0 };
    p.met += r.met; p.breached += r.breached; p.open += r.open;
    per.set(r.period, p);
    over.set(k, per);
  }
  return { total, over };
}

/** One view of attainment: by `column` (its table's first heading), a row and a line per name. */
function view<R extends PeriodTally>(column: string, rows: R[], periods: string[], key: (r: R) => string) {
  const title = `By ${column.toLowerCase()}`;
  const { total, over } = byDimension(rows, key);
  const names = [...total.keys()].sort();
  const series: Series[] = names.map((n) => ({ name: n, points: periods.map((p) => { const t = over.get(n)?.get(p); return t ? rate(t) : null; }) }));
  return { title, column, chart: percentChart(`chart-${title.toLowerCase().replace(/\W+/g, '-')}`, `${title}: attainment by period`, periods, series), rows: names.map((n) => ({ name: n, ...total.get(n)!, rate: rate(total.get(n)!) })) };
}

/** Customer satisfaction in the window: the share of ratings that were good, overall, per period (a chart) and per plan. */
function satisfactionView(rows: SatisfactionRow[], policy: PolicyModel) {
  const share = (good: number, bad: number) => (good + bad === 0 ? null : (100 * good) / (good + bad));
  const sum = (of: SatisfactionRow[]) => of.reduce((t, r) => ({ good: t.good + r.good, bad: t.bad + r.bad }), { good: 0, bad: 0 });
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const plans = [...new Set(rows.map((r) => r.plan))].sort();
  const overall = sum(rows);
  const points = periods.map((p) => { const t = sum(rows.filter((r) => r.period === p)); return share(t.good, t.bad); });
  return {
    overall: { ...overall, share: share(overall.good, overall.bad) },
    chart: percentChart('chart-satisfaction', 'Customer satisfaction: good ratings by period', periods, [{ name: 'Good ratings', points }]),
    plans: plans.map((plan) => { const t = sum(rows.filter((r) => r.plan === plan)); return { name: planName(policy, plan), ...t, share: share(t.good, t.bad) }; })
      .sort((a, b) => a.name.localeCompare(b.name)),
    // Who held the ticket when it was rated; "Unassigned" last.
    agents: [...new Set(rows.map((r) => r.agent))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b))).map((agent) => {
      const t = sum(rows.filter((r) => r.agent === agent));
      return { name: agent ?? 'Unassigned', ...t, share: share(t.good, t.bad) };
    }),
  };
}

/** The time logged in the window: per organization (with each agent's part), most first. */
function timeView(rows: TimeReportRow[], policy: PolicyModel) {
  const orgs = new Map<string, { name: string; plan: string; minutes: number; agents: Array<{ name: string; minutes: number; tickets: number }> }>();
  for (const r of rows) {
    const o = orgs.get(r.organizationId) ?? { name: r.organization, plan: planName(policy, r.plan), minutes: 0, agents: [] };
    o.minutes += r.minutes;
    o.agents.push({ name: r.agent, minutes: r.minutes, tickets: r.tickets });
    orgs.set(r.organizationId, o);
  }
  return { total: rows.reduce((t, r) => t + r.minutes, 0), organizations: [...orgs.values()].sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name)) };
}

/** The plans' hours by the vendor's word for them where every plan's says the same ("regular business hours": OpenKey), else "support hours". */
function plansHoursWord(policy: PolicyModel): string {
  const words = new Set([...policy.plans.values()].map((p) => hoursWord(policy, p.calendar)));
  return words.size === 1 ? [...words][0] : 'support hours';
}

/** The report's window, the SLA attainment in it, and the active policy that names its plans and severities. */
async function load(request: FastifyRequest<{ Querystring: ReportQuery }>, deps: WebDeps) {
  const ctx = ctxFor(request, deps);
  const w = window(request.query, ctx.clock.now());
  const [rows, { model: policy }] = await Promise.all([slaAttainment({ ctx, input: w.input }), activePolicy(ctx.db)]);
  return { ctx, w, rows, policy };
}

/** The window and the active policy, for an export of one report. */
async function exportOf(request: FastifyRequest<{ Querystring: ReportQuery }>, deps: WebDeps) {
  const ctx = ctxFor(request, deps);
  return { ctx, w: window(request.query, ctx.clock.now()), policy: (await activePolicy(ctx.db)).model };
}

export function registerReportPages(web: FastifyInstance, deps: WebDeps): void {
  web.get<{ Querystring: ReportQuery }>('/reports', page(MANAGERS, reportPageQuery), async (request, reply) => {
    let loaded;
    try {
      loaded = await load(request, deps);
    } catch (error) {
      if (!isAccordError(error) || error.code !== 'invalid_input') throw error;
      const q = request.query;
      return sendPage(request, reply, 'reports/index', {
        title: 'SLA reports', from: q.from ?? '', to: q.to ?? '', period: q.period ?? 'week', refused: { message: error.message, details: error.details },
      }, 400);
    }
    const { ctx, w, rows, policy } = loaded;
    const [ratingRows, tagRows, agents, timeRows, taken] = await Promise.all([
      satisfaction({ ctx, input: w.input }), slaAttainmentByTag({ ctx, input: w.input }), agentActivity({ ctx, input: w.input }), timeSpentReport({ ctx, input: w.input }),
      // Each clock on the policy it was worked out under (its version).
      responseTimes({ ctx, input: w.input, policyOf: (version) => policyVersion(ctx.db, version) }),
    ]);
    // How long meeting took, in the target's own hours, as a person says a span.
    const span = (ms: number) => minutesText(Math.round(ms / 60000));
    const times = taken.map((r) => ({ metric: METRIC_NAMES[r.metric] ?? r.metric, plan: planName(policy, r.plan), met: r.met, half: span(r.halfWithinMs), nineInTen: span(r.nineInTenWithinMs) }));
    const ratings = satisfactionView(ratingRows, policy);
    const periods = [...new Set(rows.map((r) => r.period))].sort();
    const overall = byDimension(rows, () => 'all').total.get('all') ?? { met: 0, breached: 0, open: 0 };
    const qs = new URLSearchParams({ from: w.from, to: w.to, period: w.input.period }).toString();
    return sendPage(request, reply, 'reports/index', {
      title: 'SLA reports', from: w.from, to: w.to, period: w.input.period, qs, overall: { ...overall, rate: rate(overall) }, ratings, agents, times, time: timeView(timeRows, policy), f: formatters(ctx.clock.now()),
      // The plans' hours by the vendor's word for them where all say one ("regular business hours": OpenKey).
      hoursWord: plansHoursWord(policy),
      views: [
        view('Metric', rows, periods, (r) => METRIC_NAMES[r.metric] ?? r.metric),
        view('Plan', rows, periods, (r) => planName(policy, r.plan)),
        view(severityLabel(policy), rows, periods, (r) => severityName(policy, r.severity)),
        // The team's tags (a ticket with two counts under each); shown once some ticket has one.
        ...(tagRows.length ? [view('Tag', tagRows, periods, (r) => r.tag)] : []),
      ],
    });
  });

  web.get<{ Querystring: ReportQuery }>('/reports/attainment.csv', page(MANAGERS, reportQuery), async (request, reply) => {
    const { w, rows, policy } = await load(request, deps);
    const body = toCsv(['period_start', 'metric', 'plan', 'severity', 'met', 'breached', 'open', 'attainment_percent', 'plan_name'],
      rows.map((r) => [r.period, r.metric, r.plan, r.severity, r.met, r.breached, r.open, rate(r)?.toFixed(1) ?? '', planName(policy, r.plan)]));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="sla-attainment-${w.from}-${w.to}.csv"`).send(body);
  });

  web.get<{ Querystring: ReportQuery }>('/reports/breaches.csv', page(MANAGERS, reportQuery), async (request, reply) => {
    const { ctx, w, policy } = await exportOf(request, deps);
    const rows = await listBreaches({ ctx, input: w.input });
    const body = toCsv(['ticket', 'subject', 'organization', 'plan', 'severity', 'metric', 'due', 'met_at', 'plan_name'],
      rows.map((r) => [r.number, r.subject, r.organization, r.plan, r.severity, r.metric, r.due.toString(), r.metAt?.toString() ?? '', planName(policy, r.plan)]));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="sla-breaches-${w.from}-${w.to}.csv"`).send(body);
  });

  web.get<{ Querystring: ReportQuery }>('/reports/ratings.csv', page(MANAGERS, reportQuery), async (request, reply) => {
    const { ctx, w, policy } = await exportOf(request, deps);
    const rows = await listRatings({ ctx, input: w.input });
    const body = toCsv(['ticket', 'subject', 'organization', 'plan', 'agent', 'rating', 'comment', 'rated_by', 'rated_at', 'plan_name'],
      rows.map((r) => [r.number, r.subject, r.organization, r.plan, r.agent ?? '', r.rating, r.comment ?? '', r.ratedBy, r.ratedAt.toString(), planName(policy, r.plan)]));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="ratings-${w.from}-${w.to}.csv"`).send(body);
  });

  web.get<{ Querystring: ReportQuery }>('/reports/agents.csv', page(MANAGERS, reportQuery), async (request, reply) => {
    const ctx = ctxFor(request, deps);
    const w = window(request.query, ctx.clock.now());
    const rows = await agentActivity({ ctx, input: w.input });
    const body = toCsv(['agent', 'holding_now', 'replies', 'notes', 'solved', 'first_responses_in_time', 'first_responses_late', 'breaches_while_holding'],
      rows.map((r) => [r.name, r.holding, r.replies, r.notes, r.solved, r.firstResponsesMet, r.firstResponsesLate, r.breachesHolding]));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="agents-${w.from}-${w.to}.csv"`).send(body);
  });

  web.get<{ Querystring: ReportQuery }>('/reports/time.csv', page(MANAGERS, reportQuery), async (request, reply) => {
    const { ctx, w, policy } = await exportOf(request, deps);
    const rows = await timeSpentReport({ ctx, input: w.input });
    const body = toCsv(['organization', 'plan', 'agent', 'minutes', 'tickets', 'plan_name'], rows.map((r) => [r.organization, r.plan, r.agent, r.minutes, r.tickets, planName(policy, r.plan)]));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="time-spent-${w.from}-${w.to}.csv"`).send(body);
  });
}
