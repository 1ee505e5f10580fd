// Group writing (ADR 0013). Writes decided before they are sent (statement.ts) are atomic as one
// statement, so the writes of several concurrent requests can go as one statement too: while one
// group is on its way to PostgreSQL, the requests that finish deciding meanwhile queue, and go
// together as the next group. Their `Rows` merge by template, so a group of thirty tickets is the
// same prepared statement as a group of one, sent in one round trip and committed once.
//
// Nothing waits on a timer: a request that finds no group on its way is sent at once, so a quiet
// desk pays nothing and a busy one pays one round trip per group instead of one per request.
//
// A group is atomic like any one statement: if it fails, nothing of it was written. A failure
// PostgreSQL reports (a constraint, a refused value) is then one request's, so each request of the
// group is sent again on its own and only the one at fault fails. A failure of the connection
// itself fails the whole group: whether it was written is unknown, as for a single request.
import type { Db } from './db.ts';
import { writeAll, type Write } from './statement.ts';
import { countGroup } from './group-read.ts';

type Pending = { writes: readonly Write[]; resolve: () => void; reject: (error: unknown) => void };

export type GroupWriterOptions = {
  /** Requests in one group at most. */
  maxGroup: number;
  /** Groups on their way at once (each holds one connection). */
  maxInFlight: number;
};

export const GROUP_DEFAULTS: GroupWriterOptions = { maxGroup: 64, maxInFlight: 1 };

export class GroupWriter {
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  private readonly db: Db;
  private readonly options: GroupWriterOptions;
  /** Groups sent and requests in them, since start (for tests and metrics). */
  readonly stats = { groups: 0, requests: 0, retried: 0 };

  constructor(db: Db, options: GroupWriterOptions = GROUP_DEFAULTS) {
    this.db = db;
    this.options = options;
  }

  /** Resolves once `writes` are committed (with the rest of its group). */
  write(writes: readonly Write[]): Promise<void> {
    if (writes.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ writes, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const group = this.queue.splice(0, this.options.maxGroup);
      this.inFlight++;
      void this.send(group).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async send(group: Pending[]): Promise<void> {
    this.stats.groups++;
    this.stats.requests += group.length;
    countGroup('write', group.length);
    try {
      await writeAll(this.db, group.flatMap((p) => p.writes));
    } catch (error) {
      if (group.length === 1 || !reportedByPostgres(error)) {
        for (const p of group) p.reject(error);
        return;
      }
      this.stats.retried += group.length;
      for (const p of group) await writeAll(this.db, p.writes).then(p.resolve, p.reject);
      return;
    }
    for (const p of group) p.resolve();
  }
}

/** An error with a SQLSTATE: the statement was refused, so nothing of it was written. */
function reportedByPostgres(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

const writers = new WeakMap<Db, GroupWriter>();

/** The group writer of `db` (one per Db: a transaction's Db has its own, which never groups). */
export function groupWriterOf(db: Db): GroupWriter {
  let w = writers.get(db);
  if (!w) {
    w = new GroupWriter(db);
    writers.set(db, w);
  }
  return w;
}

/** Writes `writes` atomically, grouped with concurrent requests' writes on the same Db. */
export function groupWrite(db: Db, writes: readonly Write[]): Promise<void> {
  return groupWriterOf(db).write(writes);
}
