// `accord sla simulate`: every target that applies to a hypothetical request, with due
// instants and the explanation of how each was reached.
import { clockOf, type PolicyModel } from '../policy/index.ts';
import type { Interval } from '../calendar/index.ts';
import { applicableTargets, type RequestFacts } from './applicable.ts';
import { isoUtc } from './format.ts';
import { projectTarget } from './project.ts';

export type SimulatedTarget = { metric: string; due: string; goal: string | null; clock: string; explain: string[] };
export type Simulation = { targets: SimulatedTarget[]; notes: string[]; unmeasured: Array<{ metric: string; note: string }> };

export function simulateSla(policy: PolicyModel, req: RequestFacts & { pauses?: Interval[] }): Simulation {
  const { targets, notes } = applicableTargets(policy, req);
  const plan = policy.plans.get(req.plan)!;
  const zone = policy.calendars.get(plan.calendar)!.time_zone;
  const out: SimulatedTarget[] = [];
  const unmeasured: Simulation['unmeasured'] = [];
  for (const t of targets) {
    if (!t.duration) {
      unmeasured.push({ metric: t.metric, note: t.note ?? '' });
      continue;
    }
    clockOf(policy, t.clockId);
    const p = projectTarget(policy, t, req.openedAt, req.pauses ?? [], zone);
    const explain = [...notes, ...p.explain];
    if (t.note) explain.push(`Policy note: ${t.note}`);
    if (t.requiresEta) explain.push('This notification must include an estimated time to resolution.');
    out.push({ metric: p.metric, due: isoUtc(p.due), goal: p.goal === null ? null : isoUtc(p.goal), clock: p.clock, explain });
  }
  return { targets: out, notes, unmeasured };
}
