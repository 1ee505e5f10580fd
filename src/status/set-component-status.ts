// setComponentStatus: an agent sets a component's status outside any incident (e.g. back to
// operational after a quiet fix). The change is kept in the component's history (uptime bars).
import { parseInput, recordAudit, type Ctx } from '../platform/index.ts';
import { checkComponentIds, requireStatusPage } from './page-config.ts';
import { requireStatusWriter } from './permissions.ts';
import { SetComponentStatusInput, type AffectedComponent } from './schemas.ts';
import { applyComponentChanges, bumpRevision } from './store.ts';
import { randomUUID } from 'node:crypto';

export async function setComponentStatus({ ctx, input }: { ctx: Ctx; input: SetComponentStatusInput }): Promise<AffectedComponent> {
  requireStatusWriter(ctx.actor, 'set component statuses');
  const v = parseInput(SetComponentStatusInput, input);
  const page = await requireStatusPage(ctx.db);
  checkComponentIds(page, [v.componentId], 'component_id');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [change] = await applyComponentChanges(tx, page, [{ id: v.componentId, status: v.status }], now, null);
    await recordAudit(tx, {
      at: now, actor: ctx.actor, type: 'status_component.changed', subjectKind: 'status_component', subjectId: randomUUID(),
      data: { component: v.componentId, from: change.oldStatus, to: change.newStatus },
    });
    await bumpRevision(tx);
    return change;
  });
}
