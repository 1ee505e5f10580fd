// `accord db import`: loads an export into an empty, migrated database (PGlite or PostgreSQL) in
// one transaction, then counts and checksums every table on the target and compares them with the
// export's: any difference is an error naming the table. Identity sequences (ticket numbers, event
// order) continue after the imported values.
import { ConflictError, InvalidInputError, type Db } from '../platform/index.ts';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportSummary } from './export-database.ts';
import { appliedMigrations, exportTables, quoteIdent, tableSum, type TableInfo, type TableSum } from './tables.ts';

const INSERT_ROWS = 500;

function bad(message: string): InvalidInputError {
  return new InvalidInputError(`not an Accord export: ${message}`, [{ path: 'file', message }]);
}

async function insertRows(tx: Db, t: TableInfo, columns: string[], rows: string[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = columns.map(quoteIdent).join(', ');
  const overriding = t.identity.some((c) => columns.includes(c)) ? ' OVERRIDING SYSTEM VALUE' : '';
  await tx.query(
    `INSERT INTO ${quoteIdent(t.name)} (${cols})${overriding} SELECT ${cols} FROM jsonb_populate_recordset(NULL::${quoteIdent(t.name)}, $1::jsonb)`,
    [`[${rows.join(',')}]`],
  );
}

export async function importDatabase(db: Db, lines: AsyncIterable<string>): Promise<ExportSummary> {
  const iterator = lines[Symbol.asyncIterator]();
  const next = async (): Promise<string | null> => {
    for (;;) {
      const r = await iterator.next();
      if (r.done) return null;
      if (r.value.trim() !== '') return r.value;
    }
  };
  const first = await next();
  let header: { format?: string; version?: number; migrations?: number[] };
  try {
    header = JSON.parse(first ?? 'null') ?? {};
  } catch {
    throw bad('the first line is not JSON');
  }
  if (header.format !== EXPORT_FORMAT || header.version !== EXPORT_VERSION || !Array.isArray(header.migrations)) throw bad(`the first line is not an ${EXPORT_FORMAT} version ${EXPORT_VERSION} header`);
  const applied = await appliedMigrations(db);
  if (applied.join(',') !== header.migrations.join(',')) {
    throw new ConflictError('the export and this database are at different migrations: upgrade the older one first', [
      { path: 'migrations', message: `export: ${header.migrations.join(', ')}; this database: ${applied.join(', ')}` },
    ]);
  }
  const tables = new Map((await exportTables(db)).map((t) => [t.name, t]));
  const expected: Record<string, TableSum> = {};

  await db.transaction(async (tx) => {
    const { rows: used } = await tx.query<{ name: string }>(
      [...tables.keys()].map((name) => `SELECT '${name}' AS name WHERE EXISTS (SELECT 1 FROM ${quoteIdent(name)})`).join(' UNION ALL '),
    );
    if (used.length > 0) throw new ConflictError('the target database is not empty: import only into a new one', used.map((u) => ({ path: u.name, message: 'has rows' })));
    for (let line = await next(); line !== null; line = await next()) {
      const [kind, name, columns] = JSON.parse(line) as [string, string, string[]];
      const t = kind === 'table' ? tables.get(name) : undefined;
      if (!t || !Array.isArray(columns)) throw bad(`expected a table line, got ${line.slice(0, 80)}`);
      const unknown = columns.filter((c) => !t.columns.includes(c));
      if (unknown.length > 0) throw bad(`table ${t.name} has no column ${unknown.join(', ')} here`);
      // A table that references itself, checked at once, goes in one statement: its foreign keys are checked at the statement's end.
      const limit = t.selfReferencing ? Infinity : INSERT_ROWS;
      let batch: string[] = [];
      for (;;) {
        const row = await next();
        if (row === null) throw bad(`the file ends inside table ${t.name}`);
        if (row.startsWith('[')) {
          await insertRows(tx, t, columns, batch);
          const [end, ended, rows, checksum] = JSON.parse(row) as [string, string, number, string];
          if (end !== 'end' || ended !== t.name) throw bad(`table ${t.name} ends with ${row.slice(0, 80)}`);
          expected[t.name] = { rows, checksum };
          break;
        }
        batch.push(row);
        if (batch.length >= limit) {
          await insertRows(tx, t, columns, batch);
          batch = [];
        }
      }
      for (const column of t.identity) {
        await tx.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), max(${quoteIdent(column)})) FROM ${quoteIdent(t.name)} HAVING max(${quoteIdent(column)}) IS NOT NULL`,
          [t.name, column],
        );
      }
    }
  });

  const found: Record<string, TableSum> = {};
  const wrong: Array<{ path: string; message: string }> = [];
  for (const t of tables.values()) {
    found[t.name] = await tableSum(db, t);
    const want = expected[t.name] ?? { rows: 0, checksum: 'd41d8cd98f00b204e9800998ecf8427e' };
    if (found[t.name].rows !== want.rows || found[t.name].checksum !== want.checksum) {
      wrong.push({ path: t.name, message: `export ${want.rows} rows ${want.checksum}, imported ${found[t.name].rows} rows ${found[t.name].checksum}` });
    }
  }
  if (wrong.length > 0) throw new ConflictError('the imported data differs from the export', wrong);
  return { migrations: applied, tables: found };
}
