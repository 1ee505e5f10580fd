// listShifts: a rotation's schedule, the next `count` shifts from an instant (now by default),
// overrides applied. Agents only.
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { shiftsFrom } from './on-call-at.ts';
import { requireAgent } from '../customers/index.ts';
import { ListShiftsInput } from './schemas.ts';
import type { Shift } from './schemas.ts';
import { agentsById, overridesAround, rotationById, toShift } from './store.ts';

export async function listShifts({ ctx, input }: { ctx: Ctx; input: ListShiftsInput }): Promise<Shift[]> {
  requireAgent(ctx.actor, 'see on-call schedules');
  const value = parseInput(ListShiftsInput, input);
  const from = value.from ?? ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rotation = await rotationById(tx, value.rotationId);
    const shifts = shiftsFrom(rotation, await overridesAround(tx, rotation, from), from, value.count);
    const agents = await agentsById(tx, shifts.map((s) => s.agentId));
    return shifts.map((shift) => toShift(rotation, shift, agents));
  });
}
