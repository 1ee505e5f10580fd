// listTrainingEntries: an organization's ledger, grants and sessions in the order they were
// written. Agents for any organization; a contact for its own, without managers' override
// reasons (internal); another organization is not found.
import { decodeCursor, toPage } from '../platform/pagination.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import type { Page } from '../platform/pagination.ts';
import { hoursOf } from './ledger.ts';
import { ListTrainingEntriesInput } from './schemas.ts';
import type { TrainingEntry } from './schemas.ts';
import { organizationForActor } from './store.ts';

export async function listTrainingEntries({ ctx, input }: { ctx: Ctx; input: ListTrainingEntriesInput }): Promise<Page<TrainingEntry>> {
  const value = parseInput(ListTrainingEntriesInput, input);
  const after = value.cursor ? decodeCursor(value.cursor) : null;
  return ctx.db.transaction(async (tx) => {
    const organization = await organizationForActor(tx, ctx.actor, value.organizationId);
    const { rows } = await tx.query<any>(
      `SELECT * FROM (
         SELECT 'grant' AS kind, id, created_at, minutes, source, reason, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
           to_char(valid_until, 'YYYY-MM-DD') AS valid_until, NULL::text AS session_date, NULL::uuid AS agent_id,
           NULL::text AS notes, NULL::integer AS overdraft_minutes, NULL::text AS override_reason
         FROM training_grants WHERE organization_id = $1
         UNION ALL
         SELECT 'session', id, created_at, minutes, NULL, NULL, NULL, NULL, to_char(session_date, 'YYYY-MM-DD'), agent_id,
           notes, overdraft_minutes, override_reason
         FROM training_sessions WHERE organization_id = $1
       ) entries
       WHERE ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
       ORDER BY created_at, id LIMIT $4`,
      [organization.id, after?.createdAt ?? null, after?.id ?? null, value.limit + 1],
    );
    const contact = ctx.actor.kind === 'contact';
    return toPage(
      rows.map((row): TrainingEntry =>
        row.kind === 'grant'
          ? {
              kind: 'grant',
              id: row.id,
              createdAt: row.created_at,
              hours: hoursOf(row.minutes),
              source: row.source,
              reason: row.reason,
              validFrom: row.valid_from,
              validUntil: row.valid_until,
            }
          : {
              kind: 'session',
              id: row.id,
              createdAt: row.created_at,
              hours: hoursOf(row.minutes),
              date: row.session_date,
              agentId: row.agent_id,
              notes: row.notes,
              overdraftHours: hoursOf(row.overdraft_minutes),
              overrideReason: contact ? null : row.override_reason,
            },
      ),
      value.limit,
    );
  });
}
