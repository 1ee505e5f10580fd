// Loads the example policies once per test file.
import { readFileSync } from 'node:fs';
import { loadPolicySource, type PolicyModel } from '../../src/policy/index.ts';
import { simulateSla, type Simulation } from '../../src/sla/index.ts';

const cache = new Map<string, PolicyModel>();

export function examplePolicy(name: string): PolicyModel {
  let p = cache.get(name);
  if (!p) {
    const path = new URL(`../../examples/policies/${name}.yaml`, import.meta.url);
    const result = loadPolicySource(readFileSync(path, 'utf8'), `${name}.yaml`);
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.problems)}`);
    p = result.policy;
    cache.set(name, p);
  }
  return p;
}

export function simulate(name: string, plan: string, severity: number, opened: string, channel?: string): Simulation {
  return simulateSla(examplePolicy(name), { plan, severity, openedAt: Temporal.Instant.from(opened).epochMilliseconds, channel });
}

/** metric -> [due, goal] for compact assertions. */
export function dues(sim: Simulation): Record<string, [string, string | null]> {
  return Object.fromEntries(sim.targets.map((t) => [t.metric, [t.due, t.goal]]));
}
