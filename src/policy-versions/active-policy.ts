// The active policy version, loaded once per version: a PolicyModel holds compiled
// calendars, which are caches, so each version is parsed once per process.
import { NotFoundError, UnavailableError, type Db } from '../platform/index.ts';
import { loadPolicySource, type PolicyModel } from '../policy/index.ts';

export type PolicyVersion = { version: number; model: PolicyModel; activatedAt: Temporal.Instant };

// Keyed by the version row's id: a test database and a demo database may both have a "version 1".
const models = new Map<string, PolicyModel>();

async function modelOf(db: Db, id: string, version: number): Promise<PolicyModel> {
  let m = models.get(id);
  if (!m) {
    const { rows } = await db.query<{ source_yaml: string }>('SELECT source_yaml FROM policy_versions WHERE id = $1', [id]);
    const r = loadPolicySource(rows[0].source_yaml, `policy version ${version}`);
    if (!r.ok) throw new UnavailableError(`stored policy version ${version} no longer loads: ${r.problems[0].message}`);
    m = r.policy;
    models.set(id, m);
  }
  return m;
}

/** The active version's row (id, version, activated_at), for a read that fetches it with other rows in one statement. */
export const ACTIVE_VERSION_SQL = 'SELECT id, version, activated_at FROM policy_versions WHERE activated_at IS NOT NULL ORDER BY activated_at DESC, version DESC LIMIT 1';

/** A version row read with ACTIVE_VERSION_SQL, with its model (parsed the first time the version is seen). */
export async function loadedVersion(db: Db, row: { id: string; version: number; activated_at: Temporal.Instant }): Promise<PolicyVersion> {
  return { version: row.version, model: await modelOf(db, row.id, row.version), activatedAt: row.activated_at };
}

/** A version's model from its row (read with other rows in one statement): no query once the version was seen. */
export function versionModel(db: Db, row: { id: string; version: number }): Promise<PolicyModel> {
  return modelOf(db, row.id, row.version);
}

/** The version activated last; the YAML source is read only the first time a version is seen. */
export async function activePolicy(db: Db): Promise<PolicyVersion> {
  const { rows } = await db.query<{ id: string; version: number; activated_at: Temporal.Instant }>(ACTIVE_VERSION_SQL);
  if (rows.length === 0) throw new UnavailableError('no policy has been activated yet');
  return loadedVersion(db, rows[0]);
}

export async function policyVersion(db: Db, version: number): Promise<PolicyModel> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM policy_versions WHERE version = $1', [version]);
  if (rows.length === 0) throw new NotFoundError(`policy version ${version} not found`);
  return modelOf(db, rows[0].id, version);
}
