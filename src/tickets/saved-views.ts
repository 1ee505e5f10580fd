// Saved queue views (0049): a name for a set of work-queue filters. Every agent keeps their own;
// managers and admins write the team's, listed for every agent (as with canned responses: they
// speak for the whole team). "me" in a view's filters is whoever reads it, so a team view "Mine,
// breaching soon" is each agent's own work. Contacts never see any.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { mayWriteOwned } from '../customers/index.ts';
import { recordAudit } from '../platform/audit.ts';
import { ConflictError, ForbiddenError, LimitExceededError, NotFoundError, parseInput, type Ctx, type Db } from '../platform/index.ts';
import { isUuid } from '../platform/ids.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { queueChannel } from './queue-channels.ts';
import { CHANNELS, ListQueueInput, OPEN_STATUSES, QUEUE_SORTS, Tag } from './schemas.ts';
import { requireAgentPerson } from './store.ts';

/** How many views of their own an agent keeps, and how many the team has. */
export const MAX_SAVED_VIEWS = 50;

/** The queue's filters (and its order) as a view keeps them; `assignee` and `following` are relative to the reader. */
export const QueueFilters = z.strictObject({
  status: z.enum(OPEN_STATUSES).optional(),
  organizationId: z.uuid().optional(),
  severity: z.number().int().min(1).max(9).optional(),
  plan: z.string().trim().min(1).max(100).optional(),
  requestType: z.string().trim().min(1).max(100).optional(),
  channel: z.enum(CHANNELS).optional(),
  tag: Tag.optional(),
  /** "me": the reader's; "none": unassigned; else an agent's id. */
  assignee: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional(),
  /** Only tickets the reader follows. */
  following: z.boolean().optional(),
  afterHours: z.boolean().optional(),
  breachingWithinMinutes: z.number().int().min(0).max(525_600).optional(),
  /** The order the view lists them in (list-queue.ts); the queue's default when not given. */
  sort: z.enum(QUEUE_SORTS).optional(),
});
export type QueueFilters = z.infer<typeof QueueFilters>;

export const SaveViewInput = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(80),
  filters: QueueFilters,
  /** The team's (managers and admins), not the writer's own. */
  team: z.boolean().default(false),
});
export type SaveViewInput = z.input<typeof SaveViewInput>;

export type SavedView = { id: string; name: string; team: boolean; filters: QueueFilters; createdAt: Temporal.Instant };

type Row = { id: string; owner_id: string | null; name: string; filters: QueueFilters; created_at: Temporal.Instant };
const view = (r: Row): SavedView => ({ id: r.id, name: r.name, team: r.owner_id === null, filters: r.filters, createdAt: r.created_at });

/** The queue input a view's filters stand for, read by `agentId`. */
export function queueInputOf(filters: QueueFilters, agentId: string): ListQueueInput {
  const { assignee, following, ...rest } = filters;
  return {
    ...rest,
    ...(assignee ? { assigneeId: assignee === 'me' ? agentId : assignee } : {}),
    ...(following ? { followerId: agentId } : {}),
  };
}

/** Agents: the team's views and their own, the team's first, each by name. */
export async function listSavedViews({ ctx }: { ctx: Ctx }): Promise<SavedView[]> {
  requireAgentPerson(ctx.actor, 'keep queue views');
  const { rows } = await ctx.db.query<Row>(
    'SELECT * FROM saved_views WHERE owner_id IS NULL OR owner_id = $1 ORDER BY owner_id IS NOT NULL, lower(name), id',
    [ctx.actor.id],
  );
  return rows.map(view);
}

/** A view the reader may see (the team's or their own), or 404. */
export async function savedView(db: Db, agentId: string, id: string): Promise<SavedView & { ownerId: string | null }> {
  const { rows } = isUuid(id)
    ? await db.query<Row>('SELECT * FROM saved_views WHERE id = $1 AND (owner_id IS NULL OR owner_id = $2)', [id, agentId])
    : { rows: [] };
  if (!rows[0]) throw new NotFoundError('no such view', [{ path: 'viewId', message: 'no view of yours or of the team has this id' }]);
  return { ...view(rows[0]), ownerId: rows[0].owner_id };
}

/** Agents: save the filters under a name, as their own or (managers and admins) the team's. */
export async function saveView({ ctx, input }: { ctx: Ctx; input: SaveViewInput }): Promise<SavedView> {
  requireAgentPerson(ctx.actor, 'keep queue views');
  // A channel no queue knows is refused as the queue refuses it: by this desk's channels, not every kind.
  const channel = (input.filters as { channel?: unknown } | undefined)?.channel;
  if (typeof channel === 'string') {
    await queueChannel(ctx.db, (await activePolicy(ctx.db)).model, channel, { path: 'filters.channel', refusal: 'The view cannot be saved that way.' });
  }
  const value = parseInput(SaveViewInput, input);
  const owner = value.team ? null : ctx.actor.id;
  if (!mayWriteOwned(ctx.actor, owner)) throw new ForbiddenError('Only managers and admins may save a view for the team');
  const whose = value.team ? 'The team has' : 'You have';
  return ctx.db.transaction(async (tx) => {
    // The owner's views, locked by their agent row (the team's by none: a rare race ends at the unique index).
    if (owner) await tx.query('SELECT 1 FROM agents WHERE id = $1 FOR UPDATE', [owner]);
    const { rows } = await tx.query<{ name: string }>(
      'SELECT name FROM saved_views WHERE owner_id IS NOT DISTINCT FROM $1::uuid', [owner],
    );
    if (rows.some((r) => r.name.toLowerCase() === value.name.toLowerCase())) {
      throw new ConflictError(`${whose} a view named “${value.name}” already`, [{ path: 'name', message: 'is in use: choose another, or remove that view first' }]);
    }
    if (rows.length >= MAX_SAVED_VIEWS) {
      throw new LimitExceededError(`${whose} ${MAX_SAVED_VIEWS} views, the most kept: remove one first`);
    }
    const row: Row = { id: randomUUID(), owner_id: owner, name: value.name, filters: value.filters, created_at: ctx.clock.now() };
    await tx.query('INSERT INTO saved_views (id, owner_id, name, filters, created_at) VALUES ($1, $2, $3, $4, $5)',
      [row.id, row.owner_id, row.name, JSON.stringify(row.filters), row.created_at]);
    if (value.team) {
      await recordAudit(tx, { at: row.created_at, actor: ctx.actor, type: 'saved_view.created', subjectKind: 'saved_view', subjectId: row.id, data: { name: row.name } });
    }
    return view(row);
  });
}

/** Agents: remove a view of their own; managers and admins, one of the team's. */
export async function deleteSavedView({ ctx, input }: { ctx: Ctx; input: { viewId: string } }): Promise<void> {
  requireAgentPerson(ctx.actor, 'keep queue views');
  const actor = ctx.actor;
  await ctx.db.transaction(async (tx) => {
    const found = await savedView(tx, actor.id, input.viewId);
    if (!mayWriteOwned(actor, found.ownerId)) throw new ForbiddenError('Only managers and admins may remove a view of the team');
    await tx.query('DELETE FROM saved_views WHERE id = $1', [found.id]);
    if (found.ownerId === null) {
      await recordAudit(tx, { at: ctx.clock.now(), actor, type: 'saved_view.deleted', subjectKind: 'saved_view', subjectId: found.id, data: { name: found.name } });
    }
  });
}
