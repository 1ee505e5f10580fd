// whoIsOnCall: the agent on call in each rotation at an instant (now by default), optionally
// only rotations answering for one after_hours rule of the active policy. Agents only.
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { requireAgent } from '../customers/index.ts';
import { WhoIsOnCallInput } from './schemas.ts';
import type { Shift } from './schemas.ts';

export type OnCallNow = { at: Temporal.Instant; onCall: Shift[] };
import { assertAfterHoursRules, shiftsAt } from './store.ts';

export async function whoIsOnCall({ ctx, input }: { ctx: Ctx; input: WhoIsOnCallInput }): Promise<OnCallNow> {
  requireAgent(ctx.actor, 'see who is on call');
  const value = parseInput(WhoIsOnCallInput, input);
  const at = value.at ?? ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    if (value.afterHoursRuleId) await assertAfterHoursRules(tx, [value.afterHoursRuleId], () => 'afterHoursRuleId');
    return { at, onCall: await shiftsAt(tx, at, value.afterHoursRuleId) };
  });
}
