// A new PGlite cluster comes from the installed PGlite's template (src/platform/pglite-template.ts,
// ADR 0016) instead of initdb. The template must give the same cluster initdb gives, owner-only on
// disk; a damaged one must not stop a start (initdb instead, with a warning); and unpacking never
// writes outside the data directory. Every template here is made by the test, in a temp folder.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createTar } from 'nanotar';
import { openPgliteDb, preparePgliteDir } from '../../src/platform/db-pglite.ts';
import type { OpenedDb } from '../../src/platform/db.ts';
import { defaultTemplatePath, pgliteVersion, unpackTemplate, writeTemplate } from '../../src/platform/pglite-template.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'accord-template-'));
const template = path.join(dir, 'cluster.tar.gz');

/** What tells two clusters apart, short of their system identifiers and timestamps. */
async function catalog(db: OpenedDb) {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS shared_buffers,
            current_setting('server_encoding') AS encoding, (SELECT datcollate FROM pg_database WHERE datname = current_database()) AS collate,
            (SELECT catalog_version_no FROM pg_control_system()) AS catalog_version,
            (SELECT count(*)::int FROM pg_class) AS classes, (SELECT count(*)::int FROM pg_proc) AS functions,
            (SELECT count(*)::int FROM pg_type) AS types, (SELECT count(*)::int FROM pg_collation) AS collations,
            (SELECT count(*)::int FROM pg_ts_dict) AS dictionaries, (SELECT string_agg(datname, ',' ORDER BY datname) FROM pg_database) AS databases`,
  );
  return rows[0];
}

/** Runs `fn` and returns the warnings the process emitted meanwhile. */
async function warningsDuring(fn: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const listen = (w: Error) => seen.push(w.message);
  process.on('warning', listen);
  try {
    await fn();
    await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
  } finally {
    process.off('warning', listen);
  }
  return seen;
}

/** The tar `archive` with the entry whose header is at `offset` turned into a symbolic link. */
function asSymlink(archive: Uint8Array, offset: number): Uint8Array {
  const tar = Buffer.from(archive);
  tar[offset + 156] = '2'.charCodeAt(0); // typeflag: symbolic link
  tar.fill(' ', offset + 148, offset + 156); // the checksum counts its own field as spaces
  let sum = 0;
  for (let i = offset; i < offset + 512; i++) sum += tar[i];
  tar.write(`${sum.toString(8).padStart(6, '0')}\0 `, offset + 148, 'latin1');
  return tar;
}

function ownerOnly(root: string): string[] {
  const loose: string[] = [];
  for (const name of ['', ...readdirSync(root, { recursive: true }).map(String)]) {
    if ((statSync(path.join(root, name)).mode & 0o077) !== 0) loose.push(name || '.');
  }
  return loose;
}

describe('the PGlite cluster template', () => {
  before(async () => {
    const { bytes } = await writeTemplate(template);
    assert.ok(bytes > 100_000, `a whole cluster, gzipped (${bytes} bytes)`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lives in node_modules/.cache/accord under the installed PGlite version', () => {
    const version = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../node_modules/@electric-sql/pglite/package.json'), 'utf8')).version;
    assert.equal(pgliteVersion(), version);
    assert.equal(defaultTemplatePath(), path.resolve(import.meta.dirname, '../../node_modules/.cache/accord', `pglite-${version}-cluster.tar.gz`));
  });

  it('gives on disk the cluster initdb gives, owner-only, that keeps what is written across a reopen', async () => {
    const fromTemplate = await openPgliteDb({ dataDir: path.join(dir, 'unpacked'), template });
    const fromInitdb = await openPgliteDb({ dataDir: path.join(dir, 'initdb'), template: null });
    try {
      const made = await catalog(fromInitdb);
      assert.equal(made.shared_buffers, '16MB', 'the settings of db-pglite.ts are applied');
      assert.deepEqual(await catalog(fromTemplate), made);
      await fromTemplate.exec('CREATE TABLE kept (note text)');
      await fromTemplate.query('INSERT INTO kept VALUES ($1)', ['survives']);
    } finally {
      await fromTemplate.close();
      await fromInitdb.close();
    }
    assert.deepEqual(ownerOnly(path.join(dir, 'unpacked')), [], 'no file or directory is readable by others');
    const reopened = await openPgliteDb({ dataDir: path.join(dir, 'unpacked'), template: null });
    try {
      assert.deepEqual((await reopened.query('SELECT note FROM kept')).rows, [{ note: 'survives' }]);
    } finally {
      await reopened.close();
    }
  });

  it('gives in memory the cluster initdb gives', async () => {
    const fromTemplate = await openPgliteDb({ template });
    const onDisk = await openPgliteDb({ dataDir: path.join(dir, 'initdb'), template: null });
    try {
      assert.deepEqual(await catalog(fromTemplate), await catalog(onDisk));
    } finally {
      await fromTemplate.close();
      await onDisk.close();
    }
  });

  it('damaged, is reported and the cluster made by initdb instead, on disk and in memory', async () => {
    const damaged = path.join(dir, 'damaged.tar.gz');
    writeFileSync(damaged, readFileSync(template).subarray(0, 50_000));
    const onDisk = path.join(dir, 'after-damage');
    const warnings = await warningsDuring(async () => {
      const db = await openPgliteDb({ dataDir: onDisk, template: damaged });
      assert.deepEqual((await db.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
      await db.close();
      const memory = await openPgliteDb({ template: damaged });
      assert.deepEqual((await memory.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
      await memory.close();
    });
    assert.equal(warnings.length, 2, warnings.join('\n'));
    for (const w of warnings) assert.match(w, new RegExp(`the PGlite template ${damaged} could not be used .*initdb instead`));
    assert.deepEqual(ownerOnly(onDisk), []);
  });

  it('replaces what a killed first start left half-made (no PG_VERSION yet)', async () => {
    const dataDir = path.join(dir, 'half-made');
    mkdirSync(path.join(dataDir, 'base', '1'), { recursive: true });
    writeFileSync(path.join(dataDir, 'base', '1', '1259'), 'torn');
    writeFileSync(path.join(dataDir, 'leftover'), 'x');
    const db = await openPgliteDb({ dataDir, template });
    try {
      assert.deepEqual((await db.query('SELECT count(*)::int AS n FROM pg_class WHERE relname = $1', ['pg_class'])).rows, [{ n: 1 }]);
    } finally {
      await db.close();
    }
    assert.equal(existsSync(path.join(dataDir, 'leftover')), false);
  });

  it('missing, makes the cluster by initdb without a warning', async () => {
    const warnings = await warningsDuring(async () => {
      const db = await openPgliteDb({ template: path.join(dir, 'no-such-template.tar.gz') });
      await db.close();
    });
    assert.deepEqual(warnings, []);
  });

  it('is never unpacked outside the data directory, nor as anything but files and directories', () => {
    const target = path.join(dir, 'escape', 'data');
    mkdirSync(target, { recursive: true });
    const escaping = path.join(dir, 'escaping.tar.gz');
    writeFileSync(escaping, gzipSync(createTar([{ name: 'PG_VERSION', data: '17\n' }, { name: '../outside', data: 'x' }, { name: '/etc/absolute', data: 'y' }])));
    assert.equal(unpackTemplate(escaping, target), true);
    assert.equal(existsSync(path.join(dir, 'escape', 'outside')), false, 'nothing written beside the data directory');
    assert.deepEqual(readdirSync(target, { recursive: true }).map(String).sort(), ['PG_VERSION', 'etc', 'etc/absolute', 'outside'], 'every name is taken inside it');

    const linked = path.join(dir, 'linked.tar.gz');
    writeFileSync(linked, gzipSync(asSymlink(createTar([{ name: 'PG_VERSION', data: '17\n' }, { name: 'base', data: '/etc' }]), 1024)));
    assert.throws(() => unpackTemplate(linked, path.join(dir, 'escape', 'linked')), /holds a symbolicLink \(base\); a cluster template holds files and directories only/);
    const notACluster = path.join(dir, 'not-a-cluster.tar.gz');
    writeFileSync(notACluster, gzipSync(createTar([{ name: 'README', data: 'hello' }])));
    assert.throws(() => unpackTemplate(notACluster, path.join(dir, 'escape', 'other')), /holds no cluster \(no PG_VERSION\)/);
    assert.equal(unpackTemplate(null, target), false, 'no template: nothing unpacked');
    assert.equal(unpackTemplate(path.join(dir, 'absent.tar.gz'), target), false);
  });

  it('is begun before the service loads (preparePgliteDir), and openPgliteDb then takes the directory over', async () => {
    const dataDir = path.join(dir, 'prepared');
    assert.equal(await preparePgliteDir(dataDir, { template }), true, 'a new cluster');
    assert.equal(await preparePgliteDir(dataDir, { template }), true, 'preparing twice is the same preparation');
    assert.equal(readFileSync(`${dataDir}.lock`, 'utf8').trim(), String(process.pid), 'the directory is taken at once');
    const db = await openPgliteDb({ dataDir, template: null });
    assert.deepEqual((await db.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
    await db.close();
    assert.equal(existsSync(`${dataDir}.lock`), false, 'and given back on close');
    assert.equal(await preparePgliteDir(dataDir, { template: null }), false, 'an existing cluster');
    const again = await openPgliteDb({ dataDir });
    await again.close();
  });
});
