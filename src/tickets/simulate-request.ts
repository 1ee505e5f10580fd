// The simulator (`accord sla simulate`, POST /api/v1/sla/simulate, the policy editor's) as intake would
// take the request: through a channel the plan lacks it is not taken (OpenBack's Growth by phone), and
// is said so in intake's own words (intake.ts channelRefusal), with no target shown as if it were.
import type { PolicyModel } from '../policy/index.ts';
import { findChannel, simulateSla, type Simulation, type SimulationRequest } from '../sla/index.ts';
import { channelRefusal } from './intake.ts';

export function simulateRequest(policy: PolicyModel, req: SimulationRequest): Simulation {
  const channel = req.channel === undefined ? undefined : findChannel(policy, req.channel);
  const plan = policy.plans.get(req.plan);
  if (!channel || !plan || plan.channels[channel.id] !== undefined) return simulateSla(policy, req);
  // Refused by its kind, as intake refuses it: not when the plan has another channel of that kind.
  const refusal = channelRefusal(policy, { planId: plan.id, channelKind: channel.kind, severity: req.severity, at: req.openedAt });
  if (refusal?.code !== 'channel_not_in_plan') return simulateSla(policy, req);
  return simulateSla(policy, { ...req, refused: `Not taken by ${channel.name}: ${refusal.message}.` });
}
