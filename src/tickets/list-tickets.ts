// Listing tickets with filters and keyset pagination (newest first). A contact's list is
// always limited to their own organization.
import { InvalidInputError, type Ctx } from '../platform/index.ts';
import { parseInput } from './parse.ts';
import { ListTicketsInput } from './schemas.ts';
import type { TicketRow } from './store.ts';
import { baseView, clockViews, type TicketView } from './view.ts';

function encodeCursor(t: TicketRow): string {
  return Buffer.from(`${t.created_at.toString()}|${t.id}`).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  let year = 0;
  try {
    year = Temporal.Instant.from(at).toZonedDateTimeISO('UTC').year;
  } catch {
    // handled below
  }
  // Only instants Accord could have written (PostgreSQL's range is narrower than Temporal's).
  if (year < 1970 || year > 2200) throw new InvalidInputError('invalid cursor', [{ path: 'cursor', message: 'use the next_cursor of a previous page' }]);
  if (!/^[0-9a-f-]{36}$/.test(id ?? '')) throw new InvalidInputError('invalid cursor', [{ path: 'cursor', message: 'use the next_cursor of a previous page' }]);
  return [at, id];
}

export async function listTickets({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ items: TicketView[]; next_cursor: string | null }> {
  const f = parseInput(ListTicketsInput, input);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (ctx.actor.kind === 'contact') add('t.organization_id = ?', ctx.actor.organizationId);
  if (f.organization_id) add('t.organization_id = ?', f.organization_id);
  if (f.status) add('t.status = ?', f.status);
  if (f.severity) add('t.severity = ?', f.severity);
  if (f.assignee_id) add('t.assignee_id = ?', f.assignee_id);
  if (f.breaching_before) {
    add("EXISTS (SELECT 1 FROM sla_clocks c WHERE c.ticket_id = t.id AND c.state <> 'cancelled' AND c.met_at IS NULL AND c.due_at < ?)", Temporal.Instant.from(f.breaching_before));
  }
  if (f.cursor) {
    const [at, id] = decodeCursor(f.cursor);
    params.push(Temporal.Instant.from(at), id);
    where.push(`(t.created_at, t.id) < ($${params.length - 1}, $${params.length})`);
  }
  params.push(f.limit + 1);
  const { rows } = await ctx.db.query<TicketRow>(
    `SELECT t.* FROM tickets t ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.created_at DESC, t.id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, f.limit);
  const { rows: clocks } = page.length
    ? await ctx.db.query<Parameters<typeof clockViews>[0][number] & { ticket_id: string }>(
        'SELECT ticket_id, metric, state, goal_at, due_at, met_at, breached_at, warned_at FROM sla_clocks WHERE ticket_id = ANY($1::uuid[])',
        [page.map((t) => t.id)],
      )
    : { rows: [] };
  const items = page.map((t) => ({ ...baseView(t), clocks: clockViews(clocks.filter((c) => c.ticket_id === t.id)) }));
  return { items, next_cursor: rows.length > f.limit ? encodeCursor(page[page.length - 1]) : null };
}
