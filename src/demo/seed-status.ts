// The demo's status page, when the active policy has one: a resolved incident with its postmortem,
// a hotfix documented as a postmortem, a completed maintenance and an upcoming one, so a newcomer
// sees a lived-in page (uptime bars with a red and a blue day) rather than an empty one.
import type { Clock, Ctx } from '../platform/index.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { createIncident, postUpdate, publishPostmortem, recordHotfix, scheduleMaintenance, statusPageOf } from '../status/index.ts';

function at(ctx: Ctx, clock: Clock, ago: Temporal.DurationLike): Ctx {
  const instant = clock.now().subtract(ago);
  return { ...ctx, clock: { now: () => instant } };
}

/** Seeds the page; returns how many entries it wrote (0 for a policy without a page). */
export async function seedStatus({ ctx }: { ctx: Ctx }): Promise<number> {
  const page = statusPageOf((await activePolicy(ctx.db)).model);
  if (!page) return 0;
  const ids = page.components.map((c) => c.id);
  const first = ids.slice(0, 1);
  const last = ids.slice(-1);
  let n = 0;
  if (page.publishes.incidents) {
    const incident = await createIncident({
      ctx: at(ctx, ctx.clock, { hours: 24 * 12 }),
      input: { name: 'Delayed routing (demo)', body: 'We are investigating reports of delays.', impact: 'major', components: first.map((id) => ({ id, status: 'partial_outage' as const })) },
    });
    await postUpdate({ ctx: at(ctx, ctx.clock, { hours: 24 * 12 - 1 }), input: { incidentId: incident.id, status: 'identified', body: 'An overloaded queue worker was identified and restarted.' } });
    await postUpdate({ ctx: at(ctx, ctx.clock, { hours: 24 * 12 - 3 }), input: { incidentId: incident.id, status: 'resolved', body: 'Routing has been normal for two hours.' } });
    await publishPostmortem({
      ctx: at(ctx, ctx.clock, { hours: 24 * 10 }),
      input: { incidentId: incident.id, body: 'A burst of traffic exhausted the queue workers. We added capacity and an alert on queue depth.' },
    });
    await recordHotfix({
      ctx: at(ctx, ctx.clock, { hours: 24 * 3 }),
      input: { name: 'Hotfix without downtime (demo)', body: 'A fix was applied without downtime.', postmortem: 'A display error was corrected; no data was affected.', components: ids.slice(1, 2) },
    });
    n += 2;
  }
  if (page.publishes.maintenance) {
    const past = await scheduleMaintenance({
      ctx: at(ctx, ctx.clock, { hours: 24 * 25 }),
      input: {
        name: 'Platform upgrade (demo)', body: 'A planned upgrade.', components: last, reminderMinutes: null,
        scheduledFor: ctx.clock.now().subtract({ hours: 24 * 20 }).toString(), scheduledUntil: ctx.clock.now().subtract({ hours: 24 * 20 - 2 }).toString(),
      },
    });
    await postUpdate({ ctx: at(ctx, ctx.clock, { hours: 24 * 20 }), input: { incidentId: past.id, status: 'in_progress', body: 'The upgrade is in progress.' } });
    await postUpdate({ ctx: at(ctx, ctx.clock, { hours: 24 * 20 - 2 }), input: { incidentId: past.id, status: 'completed', body: 'The upgrade is complete.' } });
    const start = ctx.clock.now().add({ hours: 24 * 5 }).round({ smallestUnit: 'hour', roundingMode: 'floor' });
    await scheduleMaintenance({
      ctx,
      input: { name: 'Scheduled maintenance (demo)', body: 'A planned maintenance window.', components: last, scheduledFor: start.toString(), scheduledUntil: start.add({ hours: 2 }).toString() },
    });
    n += 2;
  }
  return n;
}
