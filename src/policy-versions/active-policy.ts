// The active policy version, loaded once per version: a PolicyModel holds compiled
// calendars, which are caches, so each version is parsed once per process.
import { NotFoundError, UnavailableError, type Db } from '../platform/index.ts';
import { loadPolicySource, type PolicyModel } from '../policy/index.ts';

export type PolicyVersion = { version: number; model: PolicyModel; activatedAt: Temporal.Instant };

const models = new Map<string, PolicyModel>();

function modelOf(version: number, source: string): PolicyModel {
  // Keyed by source too: a test database and a demo database may both have a "version 1".
  const key = `${version}\u0000${source}`;
  let m = models.get(key);
  if (!m) {
    const r = loadPolicySource(source, `policy version ${version}`);
    if (!r.ok) throw new UnavailableError(`stored policy version ${version} no longer loads: ${r.problems[0].message}`);
    m = r.policy;
    models.set(key, m);
  }
  return m;
}

export async function activePolicy(db: Db): Promise<PolicyVersion> {
  const { rows } = await db.query<{ version: number; source_yaml: string; activated_at: Temporal.Instant }>(
    'SELECT version, source_yaml, activated_at FROM policy_versions WHERE activated_at IS NOT NULL ORDER BY activated_at DESC, version DESC LIMIT 1',
  );
  if (rows.length === 0) throw new UnavailableError('no policy has been activated yet');
  return { version: rows[0].version, model: modelOf(rows[0].version, rows[0].source_yaml), activatedAt: rows[0].activated_at };
}

export async function policyVersion(db: Db, version: number): Promise<PolicyModel> {
  const { rows } = await db.query<{ source_yaml: string }>('SELECT source_yaml FROM policy_versions WHERE version = $1', [version]);
  if (rows.length === 0) throw new NotFoundError(`policy version ${version} not found`);
  return modelOf(version, rows[0].source_yaml);
}
