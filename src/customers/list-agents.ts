// listAgents: the support team, visible to agents only.
import { decodeCursor, toPage } from '../platform/pagination.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import type { Page } from '../platform/pagination.ts';
import { requireAgent } from './permissions.ts';
import { AGENT_COLUMNS, toAgent } from './rows.ts';
import { ListAgentsInput } from './schemas.ts';
import type { Agent } from './schemas.ts';

export async function listAgents({ ctx, input }: { ctx: Ctx; input: ListAgentsInput }): Promise<Page<Agent>> {
  requireAgent(ctx.actor, 'list agents');
  const value = parseInput(ListAgentsInput, input);
  const after = value.cursor ? decodeCursor(value.cursor) : null;
  const { rows } = await ctx.db.query(
    `SELECT ${AGENT_COLUMNS} FROM agents
     WHERE ($1::timestamptz IS NULL OR (created_at, id) > ($1, $2::uuid))
       AND ($4::uuid[] IS NULL OR id = ANY($4))
     ORDER BY created_at, id LIMIT $3`,
    [after?.createdAt ?? null, after?.id ?? null, value.limit + 1, value.ids ?? null],
  );
  return toPage(rows.map(toAgent), value.limit);
}
