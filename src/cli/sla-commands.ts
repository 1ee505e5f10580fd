// accord sla simulate
import { parseArgs } from 'node:util';
import { formatProblem, loadPolicyFile, METRIC_NAMES, STATUS_NAMES, type PolicyModel, type TicketStatus } from '../policy/index.ts';
import { channelChoices, findChannel } from '../sla/index.ts';
import { simulateRequest } from '../tickets/simulate-request.ts';
import { UsageError, type Io } from './main.ts';

/** An instant from ISO text; without an offset it is local time in `zone`. */
export function parseInstant(text: string, zone: string, what: string): number {
  try {
    return Temporal.Instant.from(text).epochMilliseconds;
  } catch {
    try {
      return Temporal.PlainDateTime.from(text).toZonedDateTime(zone).epochMilliseconds;
    } catch {
      throw new UsageError(`${what} "${text}" is not an ISO-8601 date-time (e.g. 2026-12-21T09:30:00Z)`);
    }
  }
}

export async function slaSimulate(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      policy: { type: 'string' },
      plan: { type: 'string' },
      severity: { type: 'string' },
      opened: { type: 'string' },
      channel: { type: 'string' },
      pause: { type: 'string', multiple: true },
      'pause-status': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  for (const k of ['policy', 'plan', 'severity', 'opened'] as const) if (!values[k]) throw new UsageError(`--${k} is required`);
  const loaded = await loadPolicyFile(values.policy!);
  if (!loaded.ok) {
    for (const p of loaded.problems) io.err(`${formatProblem(p)}\n`);
    return 1;
  }
  const policy: PolicyModel = loaded.policy;
  const plan = policy.plans.get(values.plan!);
  if (!plan) throw new UsageError(`unknown plan "${values.plan}" (plans: ${[...policy.plans.keys()].join(', ')})`);
  const severity = Number(values.severity);
  if (!Number.isInteger(severity) || !policy.severities.has(severity)) {
    throw new UsageError(`unknown severity "${values.severity}" (severities: ${[...policy.severities.keys()].join(', ')})`);
  }
  if (values.channel !== undefined && !findChannel(policy, values.channel)) {
    throw new UsageError(`unknown channel "${values.channel}" (channels: ${channelChoices(policy)})`);
  }
  const zone = policy.calendars.get(plan.calendar)!.time_zone;
  const openedAt = parseInstant(values.opened!, zone, '--opened');
  const pauses = (values.pause ?? []).map((p) => {
    const [from, to] = p.split('/');
    if (!from || !to) throw new UsageError(`--pause "${p}" must be FROM/TO`);
    const interval = { from: parseInstant(from, zone, '--pause start'), to: parseInstant(to, zone, '--pause end') };
    if (interval.to <= interval.from) throw new UsageError(`--pause "${p}" ends before it starts`);
    return interval;
  });
  // --pause stops what the policy's pause rules stop; --pause-status picks one rule.
  const pauseStatus = values['pause-status'] as TicketStatus | undefined;
  if (pauseStatus !== undefined) {
    if (pauses.length === 0) throw new UsageError('--pause-status needs at least one --pause FROM/TO');
    const statuses = [...policy.pauses.keys()];
    if (!policy.pauses.has(pauseStatus)) {
      const known = statuses.length ? `statuses with pause rules: ${statuses.map((s) => `${s} (${STATUS_NAMES[s]})`).join(', ')}` : 'this policy has no pause rules';
      throw new UsageError(`no pause rule for status "${pauseStatus}" (${known})`);
    }
  }
  const sim = simulateRequest(policy, { plan: plan.id, severity, openedAt, channel: values.channel, pauses, pauseStatus });
  if (values.json) {
    // A request not taken through --channel: no targets, and why (main.ts USAGE says so).
    io.out(`${JSON.stringify(sim.refusal === null ? { targets: sim.targets } : { targets: sim.targets, refusal: sim.refusal })}\n`);
    return 0;
  }
  for (const n of sim.notes) io.out(`${n}\n`);
  if (pauses.length > 0 && policy.pauses.size === 0) io.out('This policy has no pause rules: --pause stops no clock.\n');
  if (sim.targets.length === 0 && sim.refusal === null) io.out('No measured target applies to this request.\n');
  for (const t of sim.targets) {
    io.out(`\n${METRIC_NAMES[t.metric] ?? t.metric}: due ${t.due}${t.goal ? `, goal ${t.goal}` : ''} (clock ${t.clock})\n`);
    for (const line of t.explain.slice(sim.notes.length)) io.out(`  - ${line}\n`);
  }
  for (const u of sim.unmeasured) io.out(`\n${METRIC_NAMES[u.metric] ?? u.metric}: no measured target${u.note ? ` (${u.note})` : ''}\n`);
  return 0;
}
