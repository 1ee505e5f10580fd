// The demo's on-call rotation: the front-line, escalation and manager agents take a week each,
// handing over on Mondays at 09:00 in the time zone of the policy's main calendar (its first
// plan's support hours), for every after-hours rule. The current week is the front line's.
import type { Ctx } from '../platform/index.ts';
import { createRotation, type Rotation } from '../oncall/index.ts';
import { activePolicy } from '../policy-versions/index.ts';

export async function seedOncall({ ctx, agents }: { ctx: Ctx; agents: Record<string, Ctx['actor']> }): Promise<Rotation> {
  const { model } = await activePolicy(ctx.db);
  const timeZone = model.calendars.get(model.file.plans[0].calendar)!.time_zone;
  const idOf = (role: string) => {
    const actor = agents[role];
    if (actor?.kind !== 'agent') throw new Error(`the demo has no ${role} agent`);
    return actor.id;
  };
  // The last Monday 09:00 (local) at or before now, so someone is on call from the start.
  const now = ctx.clock.now();
  const today = now.toZonedDateTimeISO(timeZone).toPlainDate();
  let monday = today.subtract({ days: today.dayOfWeek - 1 });
  const handover = monday.toZonedDateTime({ timeZone, plainTime: Temporal.PlainTime.from('09:00') }).toInstant();
  if (Temporal.Instant.compare(handover, now) > 0) monday = monday.subtract({ days: 7 });
  return createRotation({
    ctx,
    input: {
      name: 'Demo on-call',
      timeZone,
      handoverTime: '09:00',
      cadence: 'weekly',
      handoverWeekday: 'mon',
      startDate: monday.toString(),
      members: ['front_line', 'escalation', 'manager'].map(idOf),
    },
  });
}
