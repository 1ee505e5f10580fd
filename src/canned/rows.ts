// Row-to-view mapping of canned responses, and the lookup every verb by id shares.
import { NotFoundError } from '../platform/errors.ts';
import { isUuid } from '../platform/ids.ts';
import type { Db } from '../platform/db.ts';
import type { CannedResponse } from './schemas.ts';

export const CANNED_COLUMNS = 'id, title, body, created_by, created_at, updated_at';

export function toCannedResponse(row: any): CannedResponse {
  return { id: row.id, title: row.title, body: row.body, createdBy: row.created_by, createdAt: row.created_at, updatedAt: row.updated_at };
}

export const cannedNotFound = () => new NotFoundError('Canned response not found');

/** The canned response with this id (locked for a change if asked), or "not found". */
export async function cannedById(db: Db, id: string, forUpdate = false): Promise<CannedResponse> {
  if (!isUuid(id)) throw cannedNotFound();
  const { rows } = await db.query(`SELECT ${CANNED_COLUMNS} FROM canned_responses WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  if (!rows[0]) throw cannedNotFound();
  return toCannedResponse(rows[0]);
}
