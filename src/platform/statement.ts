// Writes decided before they are sent. A verb that knows every row it will write (opening a
// ticket does: ADR 0012) builds them as statements and sends them together as ONE statement of
// data-modifying CTEs: one round trip instead of one per row, and atomic without BEGIN/COMMIT.
//
// The parts of one statement run on one snapshot and do not see each other's rows, so a part may
// not read what another writes; foreign keys between them hold (they are checked at the end of
// the statement). Rows that must keep an order among themselves (a ticket's events, ordered by
// their sequence) go in one part as a multi-row INSERT, whose rows are inserted in order.
//
// Rows for one table can also be given as `Rows`: a template whose source is a set of text arrays,
// unnested. Parts with the same template (the rows of several tickets written together: see
// group-write.ts) merge into one, and the statement's text does not depend on how many rows it
// carries, so PostgreSQL prepares it once (ADR 0013).
import { toParam, type Db } from './db.ts';

/** One SQL statement with its $1..$n parameters. */
export type Statement = { sql: string; params: unknown[] };

/**
 * Rows to insert, each an array of column values. `sql` names its source `{rows}`, which becomes
 * `unnest($a::text[], ...) WITH ORDINALITY AS u(c1, ..., cN, ord)`: every value is sent as text (or
 * NULL), so the template casts each column (`c3::timestamptz`, `c9::jsonb`), and a part whose rows
 * must keep their order says `ORDER BY ord`. Values: strings, numbers, booleans, Temporal.Instants,
 * or null; JSON goes in as its text.
 */
export type Rows = { rows: unknown[][]; sql: string; columns: number };

export type Write = Statement | Rows;

const isRows = (w: Write): w is Rows => 'rows' in w;

function rowsSource(first: number, columns: number): string {
  const arrays = Array.from({ length: columns }, (_, i) => `$${first + i}::text[]`);
  const names = Array.from({ length: columns }, (_, i) => `c${i + 1}`);
  return `unnest(${arrays.join(', ')}) WITH ORDINALITY AS u(${names.join(', ')}, ord)`;
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const v = toParam(value);
  return typeof v === 'string' ? v : String(v);
}

const NEEDS_ESCAPE = /[\\"]/;
const ESCAPED = /[\\"]/g;

/**
 * Column `c` of the rows as a PostgreSQL array literal (`{"a","b \\"c\\"",NULL}`), built here
 * rather than by the driver: the same text node-postgres would send for the array, at a fraction
 * of its cost (one scan per value, and none for the many values without a quote or backslash).
 */
function textArray(rows: readonly unknown[][], c: number): string {
  let out = '{';
  for (let i = 0; i < rows.length; i++) {
    if (i > 0) out += ',';
    const text = asText(rows[i][c]);
    if (text === null) out += 'NULL';
    else out += `"${NEEDS_ESCAPE.test(text) ? text.replace(ESCAPED, '\\$&') : text}"`;
  }
  return `${out}}`;
}

// A template's text with its source: built once per template (the templates are the code's own).
const rowsTexts = new Map<string, string>();

function rowsSql(part: Rows): string {
  const key = `${part.columns}:${part.sql}`;
  let sql = rowsTexts.get(key);
  if (sql === undefined) {
    sql = part.sql.replace('{rows}', rowsSource(1, part.columns));
    rowsTexts.set(key, sql);
  }
  return sql;
}

/** The parts with their `Rows` merged by template (first appearance keeps its place), as statements. */
function statementsOf(parts: readonly Write[]): Statement[] {
  const out: Array<Statement | Rows> = [];
  const byTemplate = new Map<string, Rows>();
  for (const part of parts) {
    if (!isRows(part)) {
      out.push(part);
      continue;
    }
    if (part.rows.length === 0) continue;
    const key = `${part.columns}:${part.sql}`;
    const merged = byTemplate.get(key);
    if (merged) merged.rows.push(...part.rows);
    else {
      const own: Rows = { sql: part.sql, columns: part.columns, rows: [...part.rows] };
      byTemplate.set(key, own);
      out.push(own);
    }
  }
  return out.map((part) => {
    if (!isRows(part)) return part;
    const wrong = part.rows.find((row) => row.length !== part.columns);
    if (wrong) throw new Error(`a row of ${wrong.length} values for a template of ${part.columns} columns`);
    const params: unknown[] = Array.from({ length: part.columns }, (_, c) => textArray(part.rows, c));
    return { sql: rowsSql(part), params };
  });
}

const PLACEHOLDER = /\$(\d+)/g;

/**
 * The statements as one: `WITH w1 AS (...), w2 AS (...) SELECT count(*) ...`. Each part's
 * placeholders are renumbered after the parts before it. Parts must be INSERT, UPDATE or DELETE
 * statements (the SQL here is the code's own: no `$` in literals).
 */
export function combineWrites(writes: readonly Write[]): Statement | null {
  const parts = statementsOf(writes);
  if (parts.length === 0) return null;
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
export async function writeAll(db: Db, parts: readonly Write[]): Promise<void> {
  const one = combineWrites(parts);
  if (one === null) return;
  await db.query(one.sql, one.params);
}
