// Listing tickets with filters and keyset pagination (newest first). A contact's list is
// always limited to their own organization.
import { decodeCursor, parseInput, toPage, type Ctx, type Page } from '../platform/index.ts';
import { ListTicketsInput } from './schemas.ts';
import type { TicketRow } from './store.ts';
import { baseView, CLOCK_COLUMNS, clockViews, type ClockRow, type TicketView } from './view.ts';

export async function listTickets({ ctx, input }: { ctx: Ctx; input: ListTicketsInput }): Promise<Page<TicketView>> {
  const f = parseInput(ListTicketsInput, input);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (ctx.actor.kind === 'contact') add('t.organization_id = ?', ctx.actor.organizationId);
  if (f.organizationId) add('t.organization_id = ?', f.organizationId);
  if (f.status) add('t.status = ?', f.status);
  if (f.severity) add('t.severity = ?', f.severity);
  if (f.assigneeId) add('t.assignee_id = ?', f.assigneeId);
  if (f.breachingBefore) {
    add("EXISTS (SELECT 1 FROM sla_clocks c WHERE c.ticket_id = t.id AND c.state <> 'cancelled' AND c.met_at IS NULL AND c.due_at < ?)", Temporal.Instant.from(f.breachingBefore));
  }
  if (f.cursor) {
    const key = decodeCursor(f.cursor);
    params.push(key.createdAt, key.id);
    where.push(`(t.created_at, t.id) < ($${params.length - 1}, $${params.length})`);
  }
  params.push(f.limit + 1);
  const { rows } = await ctx.db.query<TicketRow>(
    `SELECT t.* FROM tickets t ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.created_at DESC, t.id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, f.limit);
  const { rows: clocks } = page.length
    ? await ctx.db.query<ClockRow & { ticket_id: string }>(
        `SELECT ticket_id, ${CLOCK_COLUMNS} FROM sla_clocks WHERE ticket_id = ANY($1::uuid[])`,
        [page.map((t) => t.id)],
      )
    : { rows: [] };
  const items = rows.map((t) => ({ ...baseView(t), clocks: clockViews(clocks.filter((c) => c.ticket_id === t.id)) }));
  return toPage(items, f.limit);
}
