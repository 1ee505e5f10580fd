// Data portability and backups: every Accord table to JSON lines and back, between PGlite and
// PostgreSQL, with row counts and checksums compared on both sides (docs/operations.md).
export { exportDatabase, EXPORT_FORMAT } from './export-database.ts';
export type { ExportSummary } from './export-database.ts';
export { importDatabase } from './import-database.ts';
export { exportTables, tableSum } from './tables.ts';
export type { TableInfo, TableSum } from './tables.ts';
