// The platform layer's public surface: config, clock, logging, errors, database, migrations, jobs, wire JSON.
export { loadConfig, ConfigError, DEFAULT_TRUSTED_RELAYS } from './config.ts';
export { networkMatcher } from './networks.ts';
export type { Config } from './config.ts';
export { systemClock, TestClock, utcMinuteText } from './clock.ts';
export type { Clock } from './clock.ts';
export { createLogger, silentLogger } from './logger.ts';
export type { Logger } from './logger.ts';
export {
  AccordError,
  NotFoundError,
  ForbiddenError,
  InvalidInputError,
  ConflictError,
  LimitExceededError,
  UnavailableError,
  UnauthenticatedError,
  isAccordError,
  detailsFromIssues,
} from './errors.ts';
export type { ErrorCode, ErrorDetail } from './errors.ts';
export { isUniqueViolation, holdTransaction } from './db.ts';
export type { Db, OpenedDb, QueryResult, JobsBackend, HeldTransaction } from './db.ts';
export { combineWrites, writeAll } from './statement.ts';
export type { Statement, Rows, Write } from './statement.ts';
export { conditions } from './conditions.ts';
export { groupWrite } from './group-write.ts';
export { groupRead } from './group-read.ts';
export { groupStats } from './grouping.ts';
export type { GroupedRead } from './group-read.ts';
export { openDb } from './open-db.ts';
export { openPgliteDb } from './db-pglite.ts';
export { openPostgresDb } from './db-postgres.ts';
export { migrate, pendingMigrations, readMigrationFiles, MIGRATIONS_DIR } from './migrate.ts';
export { startJobs, stopJobs, jobsDbFor } from './jobs.ts';
export type { PgBoss, StartJobsOptions } from './jobs.ts';
export { actorKey, actorId } from './context.ts';
export type { Actor, AgentRole, Ctx, Reader, ReadCtx } from './context.ts';
export { recordAudit } from './audit.ts';
export type { AuditEntry } from './audit.ts';
export { parseInput, LocalDate } from './validation.ts';
export { encodeCursor, decodeCursor, encodeKey, decodeKey, StoredInstant, toPage, PageInput } from './pagination.ts';
export { toWire, camelToSnake, snakeToCamel } from './wire.ts';
export { camelRow, type Camel } from './rows.ts';
export type { Page, PageKey } from './pagination.ts';
export { claimIdempotencyKey, storeIdempotentAnswer, pruneIdempotencyKeys, isKeyBusy, IDEMPOTENCY_RETENTION, keepAnswerOnce, takeAnswerOnce } from './idempotency-store.ts';
export { lockDataDir, DataDirInUseError } from './data-dir-lock.ts';
