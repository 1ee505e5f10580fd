// setComponentStatus: an agent sets a component's status outside any incident (e.g. back to
// operational after a quiet fix). The change is kept in the component's history (uptime bars), and,
// as every public change of the page ("Whenever there is an update to the status page, you will
// receive an email"), told to the confirmed subscribers of that component. Setting the status it
// already has changes nothing public and tells nobody.
import { parseInput, recordAudit, type Ctx } from '../platform/index.ts';
import { componentChangeNotice, enqueueNotification } from './notify.ts';
import { checkComponentIds, requireStatusPage } from './page-config.ts';
import { requireStatusWriter } from './permissions.ts';
import { SetComponentStatusInput, type AffectedComponent } from './schemas.ts';
import { applyComponentChanges, bumpRevision, statusWrite } from './store.ts';
import { randomUUID } from 'node:crypto';

export async function setComponentStatus({ ctx, input }: { ctx: Ctx; input: SetComponentStatusInput }): Promise<AffectedComponent> {
  requireStatusWriter(ctx.actor, 'set component statuses');
  const v = parseInput(SetComponentStatusInput, input);
  const page = await requireStatusPage(ctx.db);
  checkComponentIds(page, [v.componentId], 'component_id');
  const now = ctx.clock.now();
  return statusWrite(ctx.db, async (tx) => {
    const [change] = await applyComponentChanges(tx, page, [{ id: v.componentId, status: v.status }], now, null);
    if (change.oldStatus !== change.newStatus) {
      await enqueueNotification(tx, {
        list: 'status', event: 'component_status_changed', incidentId: null, componentIds: [change.code], ...componentChangeNotice(page, change),
      }, now);
    }
    await recordAudit(tx, {
      at: now, actor: ctx.actor, type: 'status_component.changed', subjectKind: 'status_component', subjectId: randomUUID(),
      data: { component: v.componentId, from: change.oldStatus, to: change.newStatus },
    });
    await bumpRevision(tx);
    return change;
  });
}
