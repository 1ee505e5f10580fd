// Run as a child process by db-pglite.ts when a new cluster on disk has no template to come from
// (pglite-template.ts): makes it in the data directory argv[2] with PGlite's initdb, with the
// settings argv[3]. A child, because PGlite's WebAssembly memory never shrinks: initdb's code and
// memory would otherwise stay in the service for good (about 125 MB of its idle RSS, measured
// with bench/start.bench.ts).
import { PGlite } from '@electric-sql/pglite';

const [dataDir, conf] = process.argv.slice(2);
process.umask(0o077);
const pg = await PGlite.create({ dataDir, postgresqlconf: JSON.parse(conf) as string[] });
await pg.close();
