// Group writing and group reading (platform/group-write.ts, group-read.ts; ADR 0013): concurrent
// requests share round trips, and each still gets its own answer and its own failure. Both backends.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../src/platform/index.ts';
import { GroupWriter } from '../../src/platform/group-write.ts';
import { groupRead } from '../../src/platform/group-read.ts';
import { openTestDb, type TestDb } from '../support/test-db.ts';

/** `db` with the statements it is sent counted. */
function counting(db: Db): { db: Db; sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    db: { query: (sql, params) => (sent.push(sql), db.query(sql, params)), exec: (sql) => db.exec(sql), transaction: (fn) => db.transaction(fn) },
  };
}

const parent = (id: number, name: string) => ({ sql: 'INSERT INTO parents (id, name) VALUES ($1, $2)', params: [id, name] });
const children = (rows: unknown[][]) => ({
  sql: 'INSERT INTO children (parent_id, label) SELECT c1::integer, c2 FROM {rows} ORDER BY ord',
  columns: 2,
  rows,
});

describe('group writing', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb({ migrated: false });
    await t.db.exec(`
      CREATE TABLE parents (id integer PRIMARY KEY, name text NOT NULL);
      CREATE TABLE children (seq bigint GENERATED ALWAYS AS IDENTITY, parent_id integer NOT NULL REFERENCES parents (id), label text NOT NULL);
      CREATE SEQUENCE numbers START 100;`);
  });
  after(() => t.close());

  it('sends a lone request at once, and the requests that come while it is on its way as one group', async () => {
    const c = counting(t.db);
    const writer = new GroupWriter(c.db, { maxGroup: 64, maxInFlight: 1 });
    // The first is sent at once; the next three queue behind it (one group on its way at most).
    const done = [
      writer.write([parent(1, 'one'), children([[1, '1a'], [1, '1b']])]),
      writer.write([parent(2, 'two'), children([[2, '2a']])]),
      writer.write([parent(3, 'three')]),
      writer.write([parent(4, 'four'), children([[4, '4a'], [4, '4b'], [4, '4c']])]),
    ];
    await Promise.all(done);
    assert.deepEqual(writer.stats, { groups: 2, requests: 4, retried: 0 });
    assert.equal(c.sent.length, 2);
    // The second group: three parents' statements, and their children as one part.
    assert.equal((c.sent[1].match(/INSERT INTO children/g) ?? []).length, 1);
    const { rows } = await t.db.query<{ parent_id: number; label: string }>('SELECT parent_id, label FROM children ORDER BY seq');
    assert.deepEqual(rows.map((r) => `${r.parent_id}:${r.label}`), ['1:1a', '1:1b', '2:2a', '4:4a', '4:4b', '4:4c']);
  });

  it('a group never holds more requests than maxGroup', async () => {
    const writer = new GroupWriter(t.db, { maxGroup: 2, maxInFlight: 1 });
    await Promise.all([10, 11, 12, 13, 14].map((id) => writer.write([parent(id, `p${id}`)])));
    // 10 alone, then 11+12, then 13+14.
    assert.deepEqual(writer.stats, { groups: 3, requests: 5, retried: 0 });
  });

  it('a request PostgreSQL refuses fails alone: the others of its group are written', async () => {
    const writer = new GroupWriter(t.db, { maxGroup: 64, maxInFlight: 1 });
    const first = writer.write([parent(20, 'twenty')]);
    const results = await Promise.allSettled([
      first,
      writer.write([parent(21, 'twenty-one'), children([[21, 'kept']])]),
      writer.write([children([[404, 'no such parent']])]),
      writer.write([parent(22, 'twenty-two')]),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    assert.match(String((results[2] as PromiseRejectedResult).reason), /foreign key/);
    // The group of three failed as a whole, then each of its requests was sent on its own.
    assert.deepEqual(writer.stats, { groups: 2, requests: 4, retried: 3 });
    const { rows } = await t.db.query<{ id: number }>('SELECT id FROM parents WHERE id BETWEEN 20 AND 29 ORDER BY id');
    assert.deepEqual(rows.map((r) => r.id), [20, 21, 22]);
    const kids = await t.db.query<{ label: string }>("SELECT label FROM children WHERE parent_id IN (21, 404)");
    assert.deepEqual(kids.rows.map((r) => r.label), ['kept']);
  });

  it('a failure of the connection fails the whole group: nothing is sent again', async () => {
    let calls = 0;
    const broken: Db = { ...t.db, query: async () => { calls++; throw new Error('Connection terminated unexpectedly'); } };
    const writer = new GroupWriter(broken, { maxGroup: 64, maxInFlight: 1 });
    const results = await Promise.allSettled([writer.write([parent(30, 'a')]), writer.write([parent(31, 'b')]), writer.write([parent(32, 'c')])]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected', 'rejected']);
    // The first alone, then the other two as one group; neither sent again one by one.
    assert.equal(calls, 2);
    assert.equal(writer.stats.retried, 0);
  });
});

describe('group reading', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb({ migrated: false });
    await t.db.exec(`
      CREATE TABLE people (id integer PRIMARY KEY, name text NOT NULL);
      INSERT INTO people VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger');
      CREATE SEQUENCE tickets_seq START 500;`);
  });
  after(() => t.close());

  const PEOPLE = { name: 'people', sql: `SELECT k.ord, p.name, nextval('tickets_seq') AS number FROM {keys} JOIN people p ON p.id = k.key::integer ORDER BY k.ord` };

  it('reads concurrent keys in one statement, each request getting its own rows', async () => {
    const c = counting(t.db);
    const answers = await Promise.all(['1', '2', '9', '2', '3'].map((key) => groupRead<{ ord: number; name: string; number: number }>(c.db, PEOPLE, key)));
    // The first alone, the other four as one group.
    assert.equal(c.sent.length, 2);
    assert.match(c.sent[0], /FROM unnest\(\$1::text\[\]\) WITH ORDINALITY AS k\(key, ord\)/);
    assert.deepEqual(answers.map((rows) => rows.map((r) => r.name)), [['Ada'], ['Grace'], [], ['Grace'], ['Edsger']]);
    // The same key asked twice is two requests: each has its own number (500 for the first read,
    // then 501, 502, 503 in the group's order; the unknown key 9 takes none).
    assert.deepEqual(answers.map((rows) => rows.map((r) => Number(r.number))), [[500], [501], [], [502], [503]]);
  });

  it('a read PostgreSQL refuses fails only the request at fault; the rest of its group is read again alone', async () => {
    const c = counting(t.db);
    const first = groupRead(c.db, PEOPLE, '1');
    const group = ['not a number', '2', '3'].map((key) => groupRead<{ ord: number; name: string }>(c.db, PEOPLE, key));
    await first;
    const results = await Promise.allSettled(group);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'fulfilled', 'fulfilled']);
    assert.equal((results[0] as PromiseRejectedResult).reason.code, '22P02'); // invalid_text_representation
    assert.deepEqual(results.slice(1).map((r) => (r as PromiseFulfilledResult<Array<{ ord: number; name: string }>>).value.map((row) => row.name)), [['Grace'], ['Edsger']]);
    // The first alone, the group of three (refused), then each of the three alone.
    assert.equal(c.sent.length, 5);
  });
});
