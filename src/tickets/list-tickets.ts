// Listing and finding tickets with filters and keyset pagination (newest first), whatever their
// status. A contact's list is always limited to their own organization. `q` finds by number, by
// requester email, or by words of the subject and description (searchOf).
import { decodeCursor, parseInput, toPage, type Ctx, type Page } from '../platform/index.ts';
import { ListTicketsInput } from './schemas.ts';
import type { TicketRow } from './store.ts';
import { baseView, CLOCK_COLUMNS, clockViews, type ClockRow, type TicketView } from './view.ts';

/** A ticket's searchable words: the expression of the index tickets_words (migration 0016), which the planner matches only if written the same. */
export const TICKET_WORDS = "to_tsvector('simple', t.subject || ' ' || t.description)";

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
  if (f.requesterId) add('t.requester_id = ?', f.requesterId);
  const search = f.q ? searchOf(f.q) : null;
  if (search?.kind === 'number') add('t.number = ?', search.value);
  if (search?.kind === 'email') add(`t.requester_id IN (SELECT id FROM contacts WHERE email LIKE ? ESCAPE '\\')`, search.value);
  if (search?.kind === 'words') add(`${TICKET_WORDS} @@ to_tsquery('simple', ?)`, search.value);
  if (search?.kind === 'nothing') where.push('false');
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

type Search = { kind: 'number'; value: number } | { kind: 'email'; value: string } | { kind: 'words'; value: string } | { kind: 'nothing' };

/**
 * What a search text asks for. A number, with or without "#", is a ticket number. Text with "@"
 * is a requester's email or its beginning (LIKE, its wildcards escaped; emails are stored lower
 * case). Anything else is words, each the beginning of a word of the subject or description, all of them
 * required: a tsquery built only from letters and digits (`word:*` joined by `&`), so nothing
 * typed is read as query syntax. Text with no letter or digit finds nothing.
 */
export function searchOf(text: string): Search {
  const number = /^#?\s*(\d{1,15})$/.exec(text);
  if (number) return { kind: 'number', value: Number(number[1]) };
  if (text.includes('@')) return { kind: 'email', value: `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.slice(0, 10) ?? [];
  return words.length ? { kind: 'words', value: words.map((w) => `${w}:*`).join(' & ') } : { kind: 'nothing' };
}
