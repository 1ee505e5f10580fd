// What an export holds and how both sides are compared: Accord's tables (the public schema,
// without schema_migrations), their columns (generated ones are recomputed, never copied), an
// order that puts every referenced table before the tables that reference it, and a checksum per
// table that reads the same on PGlite and PostgreSQL: the md5 of the sorted md5s of each row as
// jsonb text (canonical key order, UTC times) without its generated columns.
import type { Db } from '../platform/index.ts';

export type TableInfo = { name: string; columns: string[]; generated: string[]; identity: string[]; selfReferencing: boolean };
export type TableSum = { rows: number; checksum: string };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
export { quote as quoteIdent };

/** The tables in dependency order (a table after every table it references). */
export async function exportTables(db: Db): Promise<TableInfo[]> {
  const { rows: tables } = await db.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY table_name",
  );
  const { rows: columns } = await db.query<{ table: string; name: string; generated: string; identity: string }>(
    `SELECT table_name AS table, column_name AS name, is_generated AS generated, is_identity AS identity
     FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const { rows: refs } = await db.query<{ child: string; parent: string; deferred: boolean }>(
    `SELECT c.relname AS child, p.relname AS parent, k.condeferred AS deferred FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype = 'f' AND n.nspname = 'public'`,
  );
  const info = new Map<string, TableInfo>();
  for (const t of tables) {
    const cols = columns.filter((c) => c.table === t.name);
    info.set(t.name, {
      name: t.name,
      columns: cols.filter((c) => c.generated !== 'ALWAYS').map((c) => c.name),
      generated: cols.filter((c) => c.generated === 'ALWAYS').map((c) => c.name),
      identity: cols.filter((c) => c.identity === 'YES').map((c) => c.name),
      // A reference checked at commit (INITIALLY DEFERRED) lets the import insert in any order.
      selfReferencing: refs.some((r) => r.child === t.name && r.parent === t.name && !r.deferred),
    });
  }
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  while (ordered.length < info.size) {
    const ready = [...info.values()].filter(
      (t) => !placed.has(t.name) && refs.filter((r) => r.child === t.name && r.parent !== t.name).every((r) => placed.has(r.parent) || !info.has(r.parent)),
    );
    if (ready.length === 0) throw new Error(`tables reference each other in a cycle: ${[...info.keys()].filter((n) => !placed.has(n)).join(', ')}`);
    for (const t of ready) {
      ordered.push(t);
      placed.add(t.name);
    }
  }
  return ordered;
}

/** A row as the export writes it: jsonb text without generated columns. */
export function rowJsonSql(t: TableInfo, alias = 't'): string {
  const minus = t.generated.length ? ` - ARRAY[${t.generated.map((g) => `'${g}'`).join(', ')}]::text[]` : '';
  return `(to_jsonb(${alias})${minus})::text`;
}

export async function tableSum(db: Db, t: TableInfo): Promise<TableSum> {
  const { rows } = await db.query<{ n: number; sum: string | null }>(
    `SELECT count(*)::int AS n, md5(string_agg(h, '' ORDER BY h)) AS sum FROM (SELECT md5(${rowJsonSql(t)}) AS h FROM ${quote(t.name)} t) x`,
  );
  return { rows: Number(rows[0].n), checksum: rows[0].sum ?? md5OfNothing };
}

// md5('') : the checksum of an empty table, the same on both sides.
const md5OfNothing = 'd41d8cd98f00b204e9800998ecf8427e';

export async function appliedMigrations(db: Db): Promise<number[]> {
  const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((r) => Number(r.version));
}
