// accord token create --email E: a new API token for an agent or contact, printed once.
// Uses the same database as the service (DATABASE_URL, else the embedded one under
// ACCORD_DATA_DIR); with the embedded database, stop the service first.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTokenForEmail } from '../customers/index.ts';
import { loadConfig, migrate, openDb, systemClock } from '../platform/index.ts';
import { UsageError, type Io } from './main.ts';

export async function tokenCreate(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' } } });
  if (!values.email) throw new UsageError('--email is required');
  const config = loadConfig(process.env);
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') });
  try {
    await migrate({ db, clock: systemClock });
    const created = await createTokenForEmail(db, values.email, { name: values.name ?? 'cli' });
    io.out(`${created.token}\n`);
    return 0;
  } finally {
    await db.close();
  }
}
