// Writes sent as one statement (platform/statement.ts): renumbered placeholders, atomicity
// without a transaction, foreign keys between parts, order within a multi-row part; both backends.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { combineWrites, writeAll } from '../../src/platform/statement.ts';
import { openTestDb } from '../support/test-db.ts';
import type { TestDb } from '../support/test-db.ts';

describe('writes as one statement', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb({ migrated: false });
    await t.db.exec(`
      CREATE TABLE parents (id integer PRIMARY KEY, name text NOT NULL);
      CREATE TABLE children (seq bigint GENERATED ALWAYS AS IDENTITY, parent_id integer NOT NULL REFERENCES parents (id), label text NOT NULL, doc jsonb);`);
  });
  after(() => t.close());

  it('renumbers each part after the parts before it', () => {
    const one = combineWrites([
      { sql: 'INSERT INTO parents (id, name) VALUES ($1, $2)', params: [1, 'a'] },
      { sql: 'INSERT INTO children (parent_id, label, doc) VALUES ($1, $2, $3::jsonb), ($1, $4, NULL)', params: [1, 'x', '{}', 'y'] },
    ])!;
    assert.equal(
      one.sql,
      'WITH w0 AS (INSERT INTO parents (id, name) VALUES ($1, $2)),\n' +
        'w1 AS (INSERT INTO children (parent_id, label, doc) VALUES ($3, $4, $5::jsonb), ($3, $6, NULL))\nSELECT 1 AS written',
    );
    assert.deepEqual(one.params, [1, 'a', 1, 'x', '{}', 'y']);
  });

  it('a single part is sent as it is', () => {
    const part = { sql: 'INSERT INTO parents (id, name) VALUES ($1, $2)', params: [9, 'z'] };
    assert.equal(combineWrites([part]), part);
  });

  it('writes a parent and its children in one statement: the foreign key holds, the children keep their order', async () => {
    await writeAll(t.db, [
      { sql: 'INSERT INTO children (parent_id, label, doc) VALUES ($1, $2, $3::jsonb), ($1, $4, $5::jsonb), ($1, $6, NULL)', params: [10, 'first', '{"n":1}', 'second', '{"n":2}', 'third'] },
      { sql: 'INSERT INTO parents (id, name) VALUES ($1, $2)', params: [10, 'ten'] },
    ]);
    const { rows } = await t.db.query<{ label: string; doc: { n: number } | null }>('SELECT label, doc FROM children WHERE parent_id = 10 ORDER BY seq');
    assert.deepEqual(rows, [
      { label: 'first', doc: { n: 1 } },
      { label: 'second', doc: { n: 2 } },
      { label: 'third', doc: null },
    ]);
  });

  it('is atomic without a transaction: a failing part leaves none of the others written', async () => {
    await assert.rejects(
      writeAll(t.db, [
        { sql: 'INSERT INTO parents (id, name) VALUES ($1, $2)', params: [20, 'twenty'] },
        { sql: 'INSERT INTO children (parent_id, label) VALUES ($1, $2)', params: [20, 'kept?'] },
        { sql: 'INSERT INTO children (parent_id, label) VALUES ($1, $2)', params: [404, 'no such parent'] },
      ]),
      /foreign key/,
    );
    const { rows } = await t.db.query<{ n: number }>('SELECT (SELECT count(*) FROM parents WHERE id = 20) + (SELECT count(*) FROM children WHERE parent_id = 20) AS n');
    assert.equal(Number(rows[0].n), 0);
  });

  it('joins the transaction it is given, and goes with it on rollback', async () => {
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await writeAll(tx, [
          { sql: 'INSERT INTO parents (id, name) VALUES ($1, $2)', params: [30, 'thirty'] },
          { sql: 'INSERT INTO children (parent_id, label) VALUES ($1, $2)', params: [30, 'child'] },
        ]);
        const { rows } = await tx.query<{ n: number }>('SELECT count(*) AS n FROM children WHERE parent_id = 30');
        assert.equal(Number(rows[0].n), 1, 'visible inside the transaction');
        throw new Error('undo');
      }),
      /undo/,
    );
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM parents WHERE id = 30');
    assert.equal(Number(rows[0].n), 0);
  });

  it('sends nothing when there is nothing to write', async () => {
    let sent = 0;
    await writeAll({ ...t.db, query: async () => ((sent++), { rows: [] }) }, []);
    assert.equal(sent, 0);
  });

  describe('rows given as arrays (Rows)', () => {
    const childRows = (rows: unknown[][]) => ({
      sql: 'INSERT INTO children (parent_id, label, doc) SELECT c1::integer, c2, c3::jsonb FROM {rows} ORDER BY ord',
      columns: 3,
      rows,
    });

    it('parts with the same template merge into one, whose text does not depend on the number of rows', () => {
      const two = combineWrites([childRows([[1, 'a', '{}']]), childRows([[2, 'b', null]])])!;
      const five = combineWrites([childRows([[1, 'a', '{}'], [1, 'b', null]]), childRows([[2, 'c', null], [2, 'd', null], [2, 'e', null]])])!;
      assert.equal(
        two.sql,
        'INSERT INTO children (parent_id, label, doc) SELECT c1::integer, c2, c3::jsonb FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS u(c1, c2, c3, ord) ORDER BY ord',
      );
      assert.equal(five.sql, two.sql);
      // One array literal per column, the rows in the order given, every value as quoted text or NULL.
      assert.deepEqual(two.params, ['{"1","2"}', '{"a","b"}', '{"{}",NULL}']);
      assert.deepEqual(five.params[1], '{"a","b","c","d","e"}');
    });

    it('keeps its place among the other parts, numbered after those before it', () => {
      const one = combineWrites([
        { sql: 'INSERT INTO parents (id, name) VALUES ($1, $2)', params: [7, 'seven'] },
        childRows([[7, 'x', null]]),
      ])!;
      assert.equal(
        one.sql,
        'WITH w0 AS (INSERT INTO parents (id, name) VALUES ($1, $2)),\n' +
          'w1 AS (INSERT INTO children (parent_id, label, doc) SELECT c1::integer, c2, c3::jsonb FROM unnest($3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS u(c1, c2, c3, ord) ORDER BY ord)\n' +
          'SELECT 1 AS written',
      );
      assert.deepEqual(one.params, [7, 'seven', '{"7"}', '{"x"}', '{NULL}']);
    });

    it('writes the merged rows in order, with their JSON, NULLs and instants', async () => {
      await t.db.exec('CREATE TABLE stamps (seq bigint GENERATED ALWAYS AS IDENTITY, at timestamptz, flag boolean)');
      await writeAll(t.db, [
        { sql: 'INSERT INTO parents (id, name) VALUES ($1, $2)', params: [40, 'forty'] },
        childRows([[40, 'one', '{"n":1,"s":"quote \\" and, comma {}"}'], [40, 'two', null]]),
        childRows([[40, 'three', '[1,2]']]),
        { sql: 'INSERT INTO stamps (at, flag) SELECT c1::timestamptz, c2::boolean FROM {rows} ORDER BY ord', columns: 2, rows: [[Temporal.Instant.from('2026-12-02T09:30:00Z'), true], [null, false]] },
      ]);
      const { rows } = await t.db.query<{ label: string; doc: unknown }>('SELECT label, doc FROM children WHERE parent_id = 40 ORDER BY seq');
      assert.deepEqual(rows, [
        { label: 'one', doc: { n: 1, s: 'quote " and, comma {}' } },
        { label: 'two', doc: null },
        { label: 'three', doc: [1, 2] },
      ]);
      const stamps = await t.db.query<{ at: Temporal.Instant | null; flag: boolean }>('SELECT at, flag FROM stamps ORDER BY seq');
      assert.deepEqual(stamps.rows.map((r) => [r.at?.toString() ?? null, r.flag]), [['2026-12-02T09:30:00Z', true], [null, false]]);
    });

    it('escapes quotes and backslashes in the array literal, and nothing else; the text comes back as it went', async () => {
      const texts = ['plain', 'say "hi"', 'back\\slash', '\\"', '', 'NULL', '{braces}, commas', 'ünïcødé ✓', ' spaced ', 'line\nbreak'];
      const part = childRows(texts.map((label) => [50, label, null]));
      const { params } = combineWrites([part])!;
      assert.equal(params[1], '{"plain","say \\"hi\\"","back\\\\slash","\\\\\\"","","NULL","{braces}, commas","ünïcødé ✓"," spaced ","line\nbreak"}');
      await writeAll(t.db, [{ sql: 'INSERT INTO parents (id, name) VALUES ($1, $2)', params: [50, 'fifty'] }, part]);
      const { rows } = await t.db.query<{ label: string }>('SELECT label FROM children WHERE parent_id = 50 ORDER BY seq');
      assert.deepEqual(rows.map((r) => r.label), texts);
    });

    it('refuses a row of the wrong width', () => {
      assert.throws(() => combineWrites([childRows([[1, 'a']])]), /a row of 2 values for a template of 3 columns/);
    });
  });
});
