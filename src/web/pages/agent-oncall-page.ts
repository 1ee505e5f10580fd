// /agent/oncall: who is on call now in each rotation, until when, and who is next, for every agent
// (an agent handing over an after-hours issue needs the name). Read only: the rotations are changed
// at /admin/oncall, which only an admin may open, so only an admin is offered the link.
import type { FastifyInstance } from 'fastify';
import { AGENTS, ctxFor } from '../../http/route-kit.ts';
import { listOverrides, listRotations, listShifts, type Shift } from '../../oncall/index.ts';
import { formatters } from '../format.ts';
import { page, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';

/** A rotation as the page says it: who holds it now (null: nobody), the override's reason if one holds it, and the shift after. */
export type RotationNow = { id: string; name: string; now: Shift | null; reason: string | null; next: Shift | null };

export function registerAgentOncallPage(web: FastifyInstance, deps: WebDeps): void {
  web.get('/agent/oncall', page(AGENTS), async (request, reply) => {
    const ctx = ctxFor(request, deps);
    const at = ctx.clock.now();
    const [rotations, overrides] = await Promise.all([listRotations({ ctx, input: { limit: 200 } }), listOverrides({ ctx, input: {} })]);
    const reasons = new Map(overrides.map((o) => [o.id, o.reason]));
    const shown: RotationNow[] = await Promise.all(rotations.items.map(async (r) => {
      // The first shift holds this instant, or is the first to come (before the rotation starts, say).
      const [first, second] = await listShifts({ ctx, input: { rotationId: r.id, from: at.toString(), count: 2 } });
      const now = first && Temporal.Instant.compare(first.startsAt, at) <= 0 ? first : null;
      return { id: r.id, name: r.name, now, reason: now?.overrideId ? reasons.get(now.overrideId) ?? null : null, next: (now ? second : first) ?? null };
    }));
    return sendPage(request, reply, 'agent/oncall', {
      title: 'On call', rotations: shown,
      mayChange: ctx.actor.kind === 'agent' && ctx.actor.role === 'admin',
      f: formatters(at),
    });
  });
}
