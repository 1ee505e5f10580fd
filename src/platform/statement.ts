// Writes decided before they are sent. A verb that knows every row it will write (opening a
// ticket does: ADR 0012) builds them as statements and sends them together as ONE statement of
// data-modifying CTEs: one round trip instead of one per row, and atomic without BEGIN/COMMIT.
//
// The parts of one statement run on one snapshot and do not see each other's rows, so a part may
// not read what another writes; foreign keys between them hold (they are checked at the end of
// the statement). Rows that must keep an order among themselves (a ticket's events, ordered by
// their sequence) go in one part as a multi-row INSERT, whose rows are inserted in order.
import type { Db } from './db.ts';

/** One SQL statement with its $1..$n parameters. */
export type Statement = { sql: string; params: unknown[] };

const PLACEHOLDER = /\$(\d+)/g;

/**
 * The statements as one: `WITH w1 AS (...), w2 AS (...) SELECT count(*) ...`. Each part's
 * placeholders are renumbered after the parts before it. Parts must be INSERT, UPDATE or DELETE
 * statements (the SQL here is the code's own: no `$` in literals).
 */
export function combineWrites(parts: readonly Statement[]): Statement {
  if (parts.length === 1) return parts[0];
  const params: unknown[] = [];
  for (const part of parts) params.push(...part.params);
  return { sql: combinedSql(parts), params };
}

// The combined text depends only on the parts' texts and parameter counts: built once per shape.
const shapes = new Map<string, string>();
const MAX_SHAPES = 1000;

function combinedSql(parts: readonly Statement[]): string {
  const key = parts.map((p) => `${p.params.length}:${p.sql}`).join('\u0000');
  let sql = shapes.get(key);
  if (sql === undefined) {
    let offset = 0;
    const ctes = parts.map((part, i) => {
      const at = offset;
      offset += part.params.length;
      return `w${i} AS (${part.sql.replace(PLACEHOLDER, (_, n: string) => `$${Number(n) + at}`)})`;
    });
    sql = `WITH ${ctes.join(',\n')}\nSELECT 1 AS written`;
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shapes.set(key, sql);
  }
  return sql;
}

/** Sends the writes in one round trip (nothing to send: no round trip). */
export async function writeAll(db: Db, parts: readonly Statement[]): Promise<void> {
  if (parts.length === 0) return;
  const one = combineWrites(parts);
  await db.query(one.sql, one.params);
}
