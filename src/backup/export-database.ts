// `accord db export`: every row of every Accord table, as JSON lines, from one consistent
// snapshot. Line 1 is the header (format, migrations applied); each table is a line
// `["table", name, columns]`, its rows (jsonb objects, generated columns left out), and a line
// `["end", name, rows, checksum]` (tables.ts): markers are arrays, rows objects, never confused. pg-boss's queue is not exported: jobs are derived from the rows
// (the sweeps find due clocks and deliveries again).
import type { Db } from '../platform/index.ts';
import { appliedMigrations, exportTables, quoteIdent, rowJsonSql, tableSum, type TableSum } from './tables.ts';

export const EXPORT_FORMAT = 'accord-export';
export const EXPORT_VERSION = 1;
const FETCH_ROWS = 1_000;

export type ExportSummary = { migrations: number[]; tables: Record<string, TableSum> };

export async function exportDatabase(db: Db, write: (line: string) => Promise<void> | void, exportedAt: Temporal.Instant): Promise<ExportSummary> {
  return db.transaction(async (tx) => {
    // One snapshot for the whole file, on PostgreSQL (PGlite has a single connection anyway).
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const migrations = await appliedMigrations(tx);
    const tables = await exportTables(tx);
    await write(JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exported_at: exportedAt.toString(), migrations }));
    const summary: ExportSummary = { migrations, tables: {} };
    for (const t of tables) {
      await write(JSON.stringify(['table', t.name, t.columns]));
      await tx.query(`DECLARE accord_export NO SCROLL CURSOR FOR SELECT ${rowJsonSql(t)} AS row FROM ${quoteIdent(t.name)} t`);
      let rows = 0;
      for (;;) {
        const batch = await tx.query<{ row: string }>(`FETCH ${FETCH_ROWS} FROM accord_export`);
        for (const r of batch.rows) await write(r.row);
        rows += batch.rows.length;
        if (batch.rows.length < FETCH_ROWS) break;
      }
      await tx.query('CLOSE accord_export');
      const sum = await tableSum(tx, t);
      if (sum.rows !== rows) throw new Error(`table ${t.name}: ${rows} rows read but ${sum.rows} counted`);
      summary.tables[t.name] = sum;
      await write(JSON.stringify(['end', t.name, sum.rows, sum.checksum]));
    }
    return summary;
  });
}
