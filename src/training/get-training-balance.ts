// getTrainingBalance: what an organization's grants valid on a date (today by default, in the
// time zone of its plan's hours) still hold. Agents for any organization; a contact for its own.
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { balanceOn, hoursOf } from './ledger.ts';
import { GetTrainingBalanceInput } from './schemas.ts';
import type { TrainingBalance } from './schemas.ts';
import { lotsOn, organizationForActor, todayFor } from './store.ts';

export async function getTrainingBalance({ ctx, input }: { ctx: Ctx; input: GetTrainingBalanceInput }): Promise<TrainingBalance> {
  const value = parseInput(GetTrainingBalanceInput, input);
  return ctx.db.transaction(async (tx) => {
    const organization = await organizationForActor(tx, ctx.actor, value.organizationId);
    const on = value.on ?? (await todayFor(tx, organization, ctx.clock.now()));
    const lots = await lotsOn(tx, organization.id, on);
    const expiringFirst = [...lots].sort((a, b) => a.validUntil.localeCompare(b.validUntil) || a.validFrom.localeCompare(b.validFrom));
    return {
      organizationId: organization.id,
      on,
      balanceHours: hoursOf(balanceOn(lots, on)),
      grants: expiringFirst.map((lot) => ({
        grantId: lot.id,
        source: lot.grant.source,
        validFrom: lot.validFrom,
        validUntil: lot.validUntil,
        hours: lot.grant.hours,
        remainingHours: hoursOf(lot.remainingMinutes),
      })),
    };
  });
}
