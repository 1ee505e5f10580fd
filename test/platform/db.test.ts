import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { holdTransaction, isUniqueViolation } from '../../src/platform/db.ts';
import { openTestDb, testBackend } from '../support/test-db.ts';
import type { TestDb } from '../support/test-db.ts';

describe('Db', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb({ migrated: false });
    await t.db.exec('CREATE TABLE items (id integer PRIMARY KEY, at timestamptz, n bigint, doc jsonb)');
  });
  after(() => t.close());

  it("hands pg-boss the driver's own types, not ours: a timestamptz is a Date there (no 'Invalid input for date type')", async () => {
    const backend = t.db.jobsBackend();
    if (backend.kind === 'pglite') {
      const { rows } = await backend.pglite.query<{ at: unknown }>("SELECT '2025-03-30T01:30:00Z'::timestamptz AS at");
      assert.ok(rows[0].at instanceof Date, `pg-boss got ${Object.prototype.toString.call(rows[0].at)}`);
    } else {
      assert.equal(typeof backend.connectionString, 'string', 'pg-boss opens its own pool with the default types');
    }
    const ours = await t.db.query<{ at: unknown }>("SELECT '2025-03-30T01:30:00Z'::timestamptz AS at");
    assert.ok(ours.rows[0].at instanceof Temporal.Instant);
  });

  it('a held transaction commits or rolls back as asked, and refuses work once it is over', async () => {
    const kept = await holdTransaction(t.db);
    await kept.tx.query('INSERT INTO items (id) VALUES (100)');
    await kept.commit();
    await assert.rejects(kept.tx.query('SELECT 1'), /transaction is over/);
    const dropped = await holdTransaction(t.db);
    await dropped.tx.query('INSERT INTO items (id) VALUES (101)');
    await dropped.rollback();
    const { rows } = await t.db.query<{ id: number }>('SELECT id FROM items WHERE id >= 100 ORDER BY id');
    assert.deepEqual(rows.map((r) => r.id), [100]);
  });

  it('reads timestamptz as Temporal.Instant and int8 as number on both backends', async () => {
    const at = Temporal.Instant.from('2025-03-30T01:30:00.123Z');
    await t.db.query('INSERT INTO items (id, at, n, doc) VALUES ($1, $2, $3, $4::jsonb)', [
      1,
      at,
      42,
      JSON.stringify([1, { a: 2 }]),
    ]);
    const { rows } = await t.db.query<{ at: Temporal.Instant; n: number; doc: unknown }>(
      'SELECT at, n, doc FROM items WHERE id = $1',
      [1],
    );
    assert.ok(rows[0].at instanceof Temporal.Instant);
    assert.equal(rows[0].at.toString(), '2025-03-30T01:30:00.123Z');
    assert.equal(rows[0].n, 42);
    assert.deepEqual(rows[0].doc, [1, { a: 2 }]);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await t.db.transaction(async (tx) => {
      await tx.query('INSERT INTO items (id) VALUES ($1)', [2]);
    });
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await tx.query('INSERT INTO items (id) VALUES ($1)', [3]);
        throw new Error('boom');
      }),
      /boom/,
    );
    const { rows } = await t.db.query<{ id: number }>('SELECT id FROM items WHERE id IN (2, 3) ORDER BY id');
    assert.deepEqual(
      rows.map((r) => r.id),
      [2],
    );
  });

  it('joins an outer transaction when transaction() is called on a tx', async () => {
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await tx.transaction((inner) => inner.query('INSERT INTO items (id) VALUES ($1)', [4]));
        throw new Error('outer fails');
      }),
    );
    const { rows } = await t.db.query('SELECT 1 FROM items WHERE id = 4');
    assert.equal(rows.length, 0);
  });

  it('keeps concurrent transactions apart (serialised on PGlite, pooled on PostgreSQL)', async () => {
    await t.db.exec('CREATE TABLE counter (n integer NOT NULL); INSERT INTO counter VALUES (0);');
    await Promise.all(
      Array.from({ length: 10 }, () =>
        t.db.transaction(async (tx) => {
          const { rows } = await tx.query<{ n: number }>('SELECT n FROM counter FOR UPDATE');
          await tx.query('UPDATE counter SET n = $1', [rows[0].n + 1]);
        }),
      ),
    );
    const { rows } = await t.db.query<{ n: number }>('SELECT n FROM counter');
    assert.equal(rows[0].n, 10);
  });

  it('recognises a unique violation the same way on both backends', async () => {
    await assert.rejects(t.db.query('INSERT INTO items (id) VALUES ($1)', [2]), (error) => isUniqueViolation(error));
  });

  it('is usable after a failed statement inside a rolled-back transaction', async () => {
    await assert.rejects(t.db.transaction((tx) => tx.query('SELECT * FROM no_such_table')));
    const { rows } = await t.db.query<{ one: number }>('SELECT 1 AS one');
    assert.equal(rows[0].one, 1);
  });

  it('answers the same statement before and after a column is added under it (prepared statements on PostgreSQL)', async () => {
    await t.db.exec('CREATE TABLE shapes (id integer PRIMARY KEY, a text)');
    await t.db.query('INSERT INTO shapes (id, a) VALUES ($1, $2)', [1, 'one']);
    const read = () => t.db.query<Record<string, unknown>>('SELECT * FROM shapes WHERE id = $1', [1]).then((r) => r.rows[0]);
    // Several times: PostgreSQL settles on a generic plan after the fifth execution.
    for (let i = 0; i < 6; i++) assert.deepEqual(await read(), { id: 1, a: 'one' });
    await t.db.exec("ALTER TABLE shapes ADD COLUMN b text NOT NULL DEFAULT 'two'");
    assert.deepEqual(await read(), { id: 1, a: 'one', b: 'two' });
    assert.deepEqual(await read(), { id: 1, a: 'one', b: 'two' });
  });

  it('inside a transaction, a statement whose shape changed under it fails that transaction once, then works', async () => {
    await t.db.exec('CREATE TABLE shapes_tx (id integer PRIMARY KEY, a text)');
    await t.db.query('INSERT INTO shapes_tx (id, a) VALUES ($1, $2)', [1, 'one']);
    const read = () => t.db.transaction((tx) => tx.query<Record<string, unknown>>('SELECT * FROM shapes_tx WHERE id = $1', [1])).then((r) => r.rows[0]);
    for (let i = 0; i < 6; i++) assert.deepEqual(await read(), { id: 1, a: 'one' });
    await t.db.exec("ALTER TABLE shapes_tx ADD COLUMN b text NOT NULL DEFAULT 'two'");
    // PostgreSQL refuses the prepared form once (PGlite prepares nothing and answers at once).
    if (testBackend === 'postgres') await assert.rejects(read(), /cached plan must not change result type/);
    else assert.deepEqual(await read(), { id: 1, a: 'one', b: 'two' });
    assert.deepEqual(await read(), { id: 1, a: 'one', b: 'two' });
  });
});

