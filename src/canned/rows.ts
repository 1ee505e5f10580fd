// Row-to-view mapping of canned responses, and the lookup every verb by id shares.
import { NotFoundError } from '../platform/errors.ts';
import { isUuid } from '../platform/ids.ts';
import type { Db } from '../platform/db.ts';
import type { Actor } from '../platform/context.ts';
import type { CannedResponse } from './schemas.ts';

export const CANNED_COLUMNS = 'id, title, body, set_status, add_tags, created_by, owner_id, created_at, updated_at';

export function toCannedResponse(row: any): CannedResponse {
  return { id: row.id, title: row.title, body: row.body, status: row.set_status ?? null, tags: row.add_tags ?? [], createdBy: row.created_by, ownerId: row.owner_id ?? null, createdAt: row.created_at, updatedAt: row.updated_at };
}

export const cannedNotFound = () => new NotFoundError('Canned response not found');

/** The agent whose own responses the actor sees besides the team's (null: the team's only). */
export const ownerOf = (actor: Actor): string | null => (actor.kind === 'agent' ? actor.id : null);

/** The canned response with this id the actor may see (the team's, or their own; locked for a change if asked), or "not found". */
export async function cannedById(db: Db, id: string, actor: Actor, forUpdate = false): Promise<CannedResponse> {
  if (!isUuid(id)) throw cannedNotFound();
  const { rows } = await db.query(
    `SELECT ${CANNED_COLUMNS} FROM canned_responses WHERE id = $1 AND (owner_id IS NULL OR owner_id = $2)${forUpdate ? ' FOR UPDATE' : ''}`,
    [id, ownerOf(actor)],
  );
  if (!rows[0]) throw cannedNotFound();
  return toCannedResponse(rows[0]);
}
