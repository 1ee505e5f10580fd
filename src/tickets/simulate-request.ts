// The simulator (`accord sla simulate`, POST /api/v1/sla/simulate, the policy editor's) as intake would
// take the request: through a channel the plan lacks (OpenBack's Growth by phone), or a live one closed
// at the simulated time that no after-hours rule takes this severity through (OPS-COM's Premium
// telephone at night: "This support is provided by email"), it is not taken, and is said so in intake's
// own words (intake.ts channelRefusal), with no target shown as if it were. Intake tells a customer
// what is closed or answered "now"; the simulator says "then", the request's own simulated time.
import type { PolicyModel } from '../policy/index.ts';
import { findChannel, simulateSla, type Simulation, type SimulationRequest } from '../sla/index.ts';
import { channelRefusal } from './intake.ts';

/** What the simulator shows as not taken; a channel no request comes in by (unknown_channel) is simulated as before. */
const REFUSED: ReadonlySet<string> = new Set(['channel_not_in_plan', 'channel_closed']);

export function simulateRequest(policy: PolicyModel, req: SimulationRequest): Simulation {
  const channel = req.channel === undefined ? undefined : findChannel(policy, req.channel);
  const plan = policy.plans.get(req.plan);
  if (!channel || !plan) return simulateSla(policy, req);
  // Refused by its kind, as intake refuses it: not when the plan has another channel of that kind, open then.
  const refusal = channelRefusal(policy, { planId: plan.id, channelKind: channel.kind, severity: req.severity, at: req.openedAt, now: 'then' });
  if (!refusal || !REFUSED.has(refusal.code)) return simulateSla(policy, req);
  return simulateSla(policy, { ...req, refused: `Not taken by ${channel.name}: ${refusal.message}.` });
}
