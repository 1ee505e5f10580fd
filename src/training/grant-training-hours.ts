// grantTrainingHours: hours added to an organization's ledger, valid for a period. Contract
// and negotiated hours are entered with their reason and dates; `source: 'plan'` grants the
// year's hours the plan states in the active policy (grantPlanTraining), and is refused when
// it states none. Managers and admins.
import { InvalidInputError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { grantPlanHours } from './grant-plan-training.ts';
import { MANAGERS, requireAgentRole } from '../customers/index.ts';
import { GrantTrainingHoursInput } from './schemas.ts';
import type { TrainingGrant } from './schemas.ts';
import { insertGrant, organizationForActor } from './store.ts';

/**
 * @example
 * await grantTrainingHours({ ctx, input: { organizationId, source: 'negotiated', hours: 6,
 *   reason: 'Sales: 6 extra hours', validFrom: '2026-01-01', validUntil: '2026-12-31' } });
 */
export async function grantTrainingHours({ ctx, input }: { ctx: Ctx; input: GrantTrainingHoursInput }): Promise<TrainingGrant> {
  requireAgentRole(ctx.actor, MANAGERS, 'grant training hours');
  const value = parseInput(GrantTrainingHoursInput, input);
  if (value.source === 'plan') {
    const { grant, planName } = await grantPlanHours(ctx, { organizationId: value.organizationId, year: value.year });
    if (grant) return grant;
    const message = `The ${planName} plan states no number of training hours in the active policy, so nothing is granted`;
    throw new InvalidInputError(message, [
      { path: 'source', message: 'enter the hours from the contract or as negotiated (source contract or negotiated)' },
    ]);
  }
  if (value.validUntil < value.validFrom) {
    throw new InvalidInputError('A grant must end on or after the day it starts', [
      { path: 'validUntil', message: 'must not be before the day the hours start' },
    ]);
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const organization = await organizationForActor(tx, ctx.actor, value.organizationId, true);
    return insertGrant(tx, ctx, now, organization.id, {
      minutes: Math.round(value.hours * 60), reason: value.reason, source: value.source, validFrom: value.validFrom, validUntil: value.validUntil,
    }, (g) => ({ source: g.source, hours: g.hours, validFrom: g.validFrom, validUntil: g.validUntil, reason: g.reason }));
  });
}
