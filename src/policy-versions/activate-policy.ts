// Validating and activating a new policy version. The activation stores the version and how many
// open tickets it has to move; the policy-reproject job (src/jobs/policy-reproject-job.ts) then
// re-projects them in small batches, keeping the time they have already used (ADR 0011). The
// stored version is the job's queue entry: nothing is lost if the process stops half-way.
import { randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, InvalidInputError, recordAudit, type Ctx } from '../platform/index.ts';
import { loadPolicySource, supportReductions } from '../policy/index.ts';
import { activePolicy } from './active-policy.ts';
import { reprojectionProgress, type Reprojecting } from './reprojection-progress.ts';

export type ActivatePolicyInput = { source: string };

const counted = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
/** "1 organization and 4 open tickets", naming only what there is. */
function heldBy(orgs: number, tickets: number): string {
  const parts = [orgs ? counted(orgs, 'organization') : '', tickets ? counted(tickets, 'open ticket') : ''];
  return parts.filter(Boolean).join(' and ');
}

export async function activatePolicy({ ctx, input }: { ctx: Ctx; input: ActivatePolicyInput }): Promise<{ version: number; reprojecting: Reprojecting | null }> {
  if (ctx.actor.kind === 'contact' || (ctx.actor.kind === 'agent' && ctx.actor.role !== 'admin')) {
    throw new ForbiddenError('only an admin can change the support policy');
  }
  const loaded = loadPolicySource(input.source, 'policy');
  if (!loaded.ok) {
    throw new InvalidInputError('the policy file is not valid', loaded.problems.map((p) => ({ path: p.path, message: `line ${p.line}, column ${p.column}: ${p.message}` })));
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // Plans and severities still in use cannot disappear: say what holds each, once.
    const { rows: inUse } = await tx.query<{ kind: 'plan' | 'severity'; value: string; orgs: number; tickets: number }>(
      `SELECT kind, value, sum(orgs)::int AS orgs, sum(tickets)::int AS tickets FROM (
         SELECT 'plan' AS kind, plan_id AS value, count(*) AS orgs, 0 AS tickets FROM organizations GROUP BY plan_id
         UNION ALL SELECT 'plan', plan_id, 0, count(*) FROM tickets WHERE status <> 'closed' GROUP BY plan_id
         UNION ALL SELECT 'severity', severity::text, 0, count(*) FROM tickets WHERE status <> 'closed'
           GROUP BY severity
       ) held GROUP BY kind, value ORDER BY kind, value`,
    );
    const missing = inUse.filter((u) => (u.kind === 'plan' ? !loaded.policy.plans.has(u.value) : !loaded.policy.severities.has(Number(u.value))));
    if (missing.length > 0) {
      throw new ConflictError('The new policy removes plans or severities still in use', missing.map((m) => ({
        path: m.kind === 'plan' ? 'plans' : 'severities',
        message: `${m.kind} "${m.value}" is held by ${heldBy(m.orgs, m.tickets)}`,
      })));
    }
    // A vendor who promised that changes will not reduce the level of support (the version in
    // force says so) cannot activate one that does: each reduction is named.
    const { rows: activated } = await tx.query('SELECT 1 FROM policy_versions WHERE activated_at IS NOT NULL LIMIT 1');
    if (activated.length > 0) {
      const inForce = await activePolicy(tx);
      // The very file in force (the editor's "No change"): activating it again would store a copy as a
      // new version and move every open ticket onto it for nothing. It is already in force: say so.
      if (inForce.model.source === input.source) return { version: inForce.version, reprojecting: await reprojectionProgress(tx) };
      const current = inForce.model;
      const reductions = current.file.changes?.never_reduce_support ? supportReductions(current, loaded.policy) : [];
      if (reductions.length > 0) {
        throw new ConflictError('the policy in force promises that changes will not reduce the level of support, and this version would', reductions);
      }
    }
    const { rows } = await tx.query<{ next: number }>('SELECT coalesce(max(version), 0) + 1 AS next FROM policy_versions');
    const version = Number(rows[0].next);
    const { rows: open } = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM tickets WHERE status <> 'closed' AND policy_version < $1", [version]);
    const total = Number(open[0].n);
    const id = randomUUID();
    await tx.query(
      `INSERT INTO policy_versions (id, version, source_yaml, policy, created_at, activated_at, activated_by, reproject_total, reprojected_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $5, $6, $7, $8)`,
      [id, version, input.source, JSON.stringify(loaded.file), now, ctx.actor.kind === 'agent' ? ctx.actor.id : null, total, total === 0 ? now : null],
    );
    // On the audit trail beside every other change of the desk's set-up (src/audit).
    await recordAudit(tx, { at: now, actor: ctx.actor, type: 'policy.activated', subjectKind: 'policy', subjectId: id, data: { version, openTickets: total } });
    return { version, reprojecting: total === 0 ? null : { done: 0, total } };
  });
}
