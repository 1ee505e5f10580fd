// Loads the example policies once per test file, and test-local variants of them.
import { readFileSync } from 'node:fs';
import { loadPolicySource, type PolicyModel, type TicketStatus } from '../../src/policy/index.ts';
import { simulateSla, type Simulation } from '../../src/sla/index.ts';

const cache = new Map<string, PolicyModel>();

export function exampleSource(name: string): string {
  return readFileSync(new URL(`../../examples/policies/${name}.yaml`, import.meta.url), 'utf8');
}

/** A policy from YAML text; throws with the problems when it is not valid. */
export function policyFrom(source: string, name = 'test.yaml'): PolicyModel {
  const result = loadPolicySource(source, name);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.problems)}`);
  return result.policy;
}

export function examplePolicy(name: string): PolicyModel {
  let p = cache.get(name);
  if (!p) {
    p = policyFrom(exampleSource(name), `${name}.yaml`);
    cache.set(name, p);
  }
  return p;
}

/**
 * An example with pause rules of the test's own (the seeds state none), e.g.
 * `withPauses('openmethods', [{ status: 'pending_customer', metrics: ['update', 'resolution'] }])`.
 */
export function withPauses(name: string, pauses: Array<{ status: TicketStatus; metrics: string[] }>): PolicyModel {
  const yaml = pauses.map((p) => `  - { status: ${p.status}, metrics: [${p.metrics.join(', ')}] }`).join('\n');
  return policyFrom(`${exampleSource(name).replace(/^pauses:\n(  .*\n)*/m, '')}\npauses:\n${yaml}\n`, `${name}+pauses.yaml`);
}

export function simulate(name: string, plan: string, severity: number, opened: string, channel?: string): Simulation {
  return simulateSla(examplePolicy(name), { plan, severity, openedAt: Temporal.Instant.from(opened).epochMilliseconds, channel });
}

/** metric -> [due, goal] for compact assertions. */
export function dues(sim: Simulation): Record<string, [string, string | null]> {
  return Object.fromEntries(sim.targets.map((t) => [t.metric, [t.due, t.goal]]));
}
