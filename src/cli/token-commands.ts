// accord token create|list|revoke: API tokens from the command line, on the same database as
// the service (DATABASE_URL, else the embedded one under ACCORD_DATA_DIR). The embedded
// database is one process's at a time: while the service runs, these refuse and say to use
// the API instead (platform/data-dir-lock.ts).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTokenForEmail, listTokensForEmail, revokeTokenById } from '../customers/index.ts';
import { loadConfig, migrate, openDb, systemClock, type Db } from '../platform/index.ts';
import { UsageError, type Io } from './main.ts';

async function withDatabase<T>(fn: (db: Db, lifetimes: { contact: number; agent: number }) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') });
  try {
    await migrate({ db, clock: systemClock });
    return await fn(db, config.tokenLifetimes);
  } finally {
    await db.close();
  }
}

export async function tokenCreate(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' }, days: { type: 'string' }, 'read-only': { type: 'boolean' }, scope: { type: 'string', multiple: true } } });
  if (!values.email) throw new UsageError('--email is required');
  const days = values.days === undefined ? undefined : Number(values.days);
  if (days !== undefined && !(Number.isInteger(days) && days > 0)) throw new UsageError('--days must be a whole number of days');
  const created = await withDatabase((db, lifetimes) =>
    createTokenForEmail(db, values.email!, { name: values.name ?? 'cli', expiresInDays: days, lifetimes, readOnly: values['read-only'] === true, ...(values.scope ? { scopes: values.scope } : {}) }),
  );
  io.out(`${created.token}\n`);
  io.err(`token ${created.id} for ${created.email}${created.readOnly ? ', read only' : ''}${created.scopes ? `, scopes ${created.scopes.join(' ')}` : ''}, expires ${created.expiresAt.toString()}\n`);
  return 0;
}

export async function tokenList(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, json: { type: 'boolean' } } });
  if (!values.email) throw new UsageError('--email is required');
  const tokens = await withDatabase((db) => listTokensForEmail(db, values.email!));
  if (values.json) {
    io.out(`${JSON.stringify(tokens.map((t) => ({ ...t, createdAt: t.createdAt.toString(), expiresAt: t.expiresAt.toString(), lastUsedAt: t.lastUsedAt?.toString() ?? null, revokedAt: t.revokedAt?.toString() ?? null })))}\n`);
    return 0;
  }
  for (const t of tokens) {
    const state = t.revokedAt ? `revoked ${t.revokedAt.toString()}` : `expires ${t.expiresAt.toString()}`;
    io.out(`${t.id}  ${t.prefix}…  ${(t.name ?? '').padEnd(12)}  ${state}\n`);
  }
  return 0;
}

export async function tokenRevoke(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { id: { type: 'string' } } });
  if (!values.id) throw new UsageError('--id is required (see accord token list --email E)');
  const revoked = await withDatabase((db) => revokeTokenById(db, values.id!));
  io.out(`revoked ${revoked.id} (${revoked.prefix}…)\n`);
  return 0;
}
