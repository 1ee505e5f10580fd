// Group reading (ADR 0013): the same one-key read asked by concurrent requests goes to PostgreSQL
// as one statement over all their keys, while an earlier group of it is on its way. As with group
// writing (the same queue: grouping.ts), nothing waits on a timer: a read that finds none of its
// kind on its way is sent at once.
//
// A grouped read names its keys `{keys}`, which becomes `unnest($1::text[]) WITH ORDINALITY AS
// k(key, ord)`; it casts `k.key` to the column's type and returns `k.ord`, the request's place in
// the group, with each row. Each request gets its own rows (several requests may ask for the same
// key, and a row may differ between them: a sequence's next value). Each request sees a snapshot
// taken after it was asked, as an ungrouped read would: nothing is cached.
//
// A read PostgreSQL refuses (a key that does not cast, say) is one request's doing, so each request
// of the group is read again on its own and only the one at fault fails, as with group writing. A
// failure of the connection itself fails the whole group.
import type { Db } from './db.ts';
import { GROUP_DEFAULTS, Grouper, reportedByPostgres } from './grouping.ts';

/** A grouped read: its name (for metrics) and its SQL, which names its keys `{keys}`. */
export type GroupedRead = { name: string; sql: string };

type Pending<T> = { key: string; resolve: (rows: T[]) => void; reject: (error: unknown) => void };

class GroupReader<T extends { ord: number | string }> {
  private readonly db: Db;
  private readonly sql: string;
  private readonly grouper: Grouper<Pending<T>>;

  constructor(db: Db, read: GroupedRead) {
    this.db = db;
    this.sql = read.sql.replace('{keys}', 'unnest($1::text[]) WITH ORDINALITY AS k(key, ord)');
    this.grouper = new Grouper(`read:${read.name}`, GROUP_DEFAULTS, (group) => this.send(group));
  }

  read(key: string): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => this.grouper.add({ key, resolve, reject }));
  }

  private async send(group: Array<Pending<T>>): Promise<void> {
    let rows: T[];
    try {
      rows = (await this.db.query<T>(this.sql, [group.map((p) => p.key)])).rows;
    } catch (error) {
      if (group.length === 1 || !reportedByPostgres(error)) {
        for (const p of group) p.reject(error);
        return;
      }
      for (const p of group) await this.send([p]);
      return;
    }
    const byPlace: T[][] = group.map(() => []);
    for (const row of rows) byPlace[Number(row.ord) - 1]?.push(row);
    group.forEach((p, i) => p.resolve(byPlace[i]));
  }
}

const readers = new WeakMap<Db, Map<string, GroupReader<any>>>();

/**
 * The rows `read` returns for `key`, read together with the same read's concurrent requests on
 * `db`. Each row carries `ord`.
 * @example
 * const CONTACT = { name: 'contact', sql: 'SELECT k.ord, c.id FROM {keys} JOIN contacts c ON c.id = k.key::uuid' };
 * const rows = await groupRead<{ ord: number; id: string }>(db, CONTACT, contactId);
 */
export function groupRead<T extends { ord: number | string }>(db: Db, read: GroupedRead, key: string): Promise<T[]> {
  let byTemplate = readers.get(db);
  if (!byTemplate) {
    byTemplate = new Map();
    readers.set(db, byTemplate);
  }
  let reader = byTemplate.get(read.sql) as GroupReader<T> | undefined;
  if (!reader) {
    reader = new GroupReader<T>(db, read);
    byTemplate.set(read.sql, reader);
  }
  return reader.read(key);
}
