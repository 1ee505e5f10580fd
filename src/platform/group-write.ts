// Group writing (ADR 0013). Writes decided before they are sent (statement.ts) are atomic as one
// statement, so the writes of several concurrent requests can go as one statement too: while one
// group is on its way to PostgreSQL, the requests that finish deciding meanwhile queue, and go
// together as the next group (grouping.ts). Their `Rows` merge by template, so a group of thirty
// tickets is the same prepared statement as a group of one, sent in one round trip and committed once.
//
// A group is atomic like any one statement: if it fails, nothing of it was written. A failure
// PostgreSQL reports (a constraint, a refused value) is then one request's, so each request of the
// group is sent again on its own and only the one at fault fails. A failure of the connection
// itself fails the whole group: whether it was written is unknown, as for a single request.
import type { Db } from './db.ts';
import { GROUP_DEFAULTS, Grouper, reportedByPostgres, type GroupOptions } from './grouping.ts';
import { writeAll, type Write } from './statement.ts';

type Pending = { writes: readonly Write[]; resolve: () => void; reject: (error: unknown) => void };

export class GroupWriter {
  private readonly db: Db;
  private readonly grouper: Grouper<Pending>;
  /** Groups sent, requests in them, and requests sent again alone, by this writer (for tests). */
  readonly stats = { groups: 0, requests: 0, retried: 0 };

  constructor(db: Db, options: GroupOptions = GROUP_DEFAULTS) {
    this.db = db;
    this.grouper = new Grouper('write', options, (group) => this.send(group));
  }

  /** Resolves once `writes` are committed (with the rest of its group). */
  write(writes: readonly Write[]): Promise<void> {
    if (writes.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => this.grouper.add({ writes, resolve, reject }));
  }

  private async send(group: Pending[]): Promise<void> {
    this.stats.groups++;
    this.stats.requests += group.length;
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

const writers = new WeakMap<Db, GroupWriter>();

/** Writes `writes` atomically, grouped with concurrent requests' writes on the same Db (a transaction's Db has its own writer, which never groups). */
export function groupWrite(db: Db, writes: readonly Write[]): Promise<void> {
  let w = writers.get(db);
  if (!w) {
    w = new GroupWriter(db);
    writers.set(db, w);
  }
  return w.write(writes);
}
