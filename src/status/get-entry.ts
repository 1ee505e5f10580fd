// getEntry / listEntries: incidents and maintenances as the agents' API shows them (with linked
// tickets); the public reads go through public-state.ts instead.
import { NotFoundError, parseInput, type Ctx } from '../platform/index.ts';
import { requireStatusPage } from './page-config.ts';
import { requireStatusWriter } from './permissions.ts';
import { ListEntriesInput, type Entry } from './schemas.ts';
import { loadEntries, loadEntry } from './store.ts';

export async function getEntry({ ctx, input }: { ctx: Ctx; input: { incidentId: string } }): Promise<Entry> {
  requireStatusWriter(ctx.actor, 'read the status page admin');
  await requireStatusPage(ctx.db);
  const entry = await loadEntry(ctx.db, input.incidentId);
  if (!entry) throw new NotFoundError('No such incident or maintenance');
  return entry;
}

export async function listEntries({ ctx, input }: { ctx: Ctx; input: ListEntriesInput }): Promise<Entry[]> {
  requireStatusWriter(ctx.actor, 'read the status page admin');
  const v = parseInput(ListEntriesInput, input);
  await requireStatusPage(ctx.db);
  return v.kind ? loadEntries(ctx.db, 'kind = $1', [v.kind], 'created_at DESC, id', v.limit) : loadEntries(ctx.db, 'true', [], 'created_at DESC, id', v.limit);
}
