// Listing and finding tickets with filters and keyset pagination (newest first), whatever their
// status. A contact's list is always limited to their own organization. `q` finds by number, by
// requester email, or by words of the subject and description or of a reply, note or request for
// guidance, and for agents of the organization's name (searchOf, wordsMatch).
import { conditions, decodeCursor, encodeCursor, InvalidInputError, parseInput, type Ctx, type Page } from '../platform/index.ts';
import { ListTicketsInput } from './schemas.ts';
import type { TicketRow } from './store.ts';
import { ticketViews, type TicketView } from './view.ts';

/** A ticket's searchable words: the expression of the index tickets_words (migration 0016), which the planner matches only if written the same. */
export const TICKET_WORDS = "to_tsvector('simple', t.subject || ' ' || t.description)";

/** A message's searchable words: the expression and predicate (MESSAGES) of the index ticket_events_words (migrations 0019, 0058, 0070). */
export const MESSAGE_WORDS = "to_tsvector('simple', e.body)";
/**
 * Replies, internal notes, side conversations' messages (internal too: tickets/side-conversations.ts)
 * and a customer's request for guidance beyond the knowledge base (public: tickets/ask-guidance.ts).
 */
export const MESSAGES = "e.type IN ('reply', 'note', 'side_message', 'side_reply', 'guidance_requested') AND e.body IS NOT NULL";

/**
 * Tickets whose subject and description hold all the words, or one of whose messages does (a
 * reply or a request for guidance, or for agents an internal note or a side conversation's message: a contact's search never
 * finds a ticket by words it may not read). A union of ids from the two indexes, not an OR, which no index could answer.
 */
export function wordsMatch(param: string, forContact: boolean): string {
  // Agents also find an organization's tickets by its name ("initech" finds Initech's): a desk
  // that serves many customers is asked about them by name. A contact sees only their own
  // organization's tickets, so for them the name would match all or nothing.
  const byOrganization = forContact ? '' : `
    UNION SELECT t.id FROM tickets t WHERE t.organization_id IN (SELECT o.id FROM organizations o WHERE to_tsvector('simple', o.name) @@ to_tsquery('simple', ${param}))`;
  return `t.id IN (SELECT t.id FROM tickets t WHERE ${TICKET_WORDS} @@ to_tsquery('simple', ${param})
    UNION SELECT e.ticket_id FROM ticket_events e WHERE ${MESSAGES}${forContact ? " AND e.visibility = 'public'" : ''} AND ${MESSAGE_WORDS} @@ to_tsquery('simple', ${param})${byOrganization})`;
}

export async function listTickets({ ctx, input }: { ctx: Ctx; input: ListTicketsInput }): Promise<Page<TicketView>> {
  const f = parseInput(ListTicketsInput, input);
  const params: unknown[] = [];
  const { where, add } = conditions(params);
  if (ctx.actor.kind === 'contact') add('t.organization_id = ?', ctx.actor.organizationId);
  if (f.organizationId) add('t.organization_id = ?', f.organizationId);
  if (f.status) add('t.status = ?', f.status);
  if (f.severity) add('t.severity = ?', f.severity);
  if (f.assigneeId) add('t.assignee_id = ?', f.assigneeId);
  if (f.requesterId) add('t.requester_id = ?', f.requesterId);
  if (f.involving) add('(t.requester_id = ? OR t.id IN (SELECT ticket_id FROM ticket_ccs WHERE contact_id = ?))', f.involving);
  if (f.tag !== undefined) {
    // Tags are internal (tags.ts): a customer may not learn them by filtering.
    if (ctx.actor.kind === 'contact') throw new InvalidInputError('Tags are the support team\'s', [{ path: 'tag', message: 'only agents filter by tag' }]);
    add('t.id IN (SELECT ticket_id FROM ticket_tags WHERE tag = ?)', f.tag);
  }
  const search = f.q ? searchOf(f.q) : null;
  if (search?.kind === 'number') add('t.number = ?', search.value);
  if (search?.kind === 'email') add(`t.requester_id IN (SELECT id FROM contacts WHERE email LIKE ? ESCAPE '\\')`, search.value);
  if (search?.kind === 'words') add(wordsMatch('?', ctx.actor.kind === 'contact'), search.value);
  if (search?.kind === 'nothing') where.push('false');
  if (f.breachingBefore) {
    add("EXISTS (SELECT 1 FROM sla_clocks c WHERE c.ticket_id = t.id AND c.state NOT IN ('cancelled', 'ended') AND c.met_at IS NULL AND c.due_at < ?)", Temporal.Instant.from(f.breachingBefore));
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
  const items = await ticketViews(ctx.db, rows.slice(0, f.limit), ctx.actor.kind === 'contact');
  // The row past the page is only there to see there is a next page.
  const last = items.at(-1);
  return { items, nextCursor: rows.length > f.limit && last ? encodeCursor(last) : null };
}

type Search = { kind: 'number'; value: number } | { kind: 'email'; value: string } | { kind: 'words'; value: string } | { kind: 'nothing' };

/**
 * What a search text asks for. A number, with or without "#", is a ticket number. Text with "@"
 * is a requester's email or its beginning (LIKE, its wildcards escaped; emails are stored lower
 * case). Anything else is words, each the beginning of a word, all of them required in the
 * subject and description together or in one message (wordsMatch): a tsquery built only from letters and digits (`word:*` joined by `&`), so nothing
 * typed is read as query syntax (a number may also be the signed one a hyphen before it makes). Text with no
 * letter or digit finds nothing.
 */
export function searchOf(text: string): Search {
  const number = /^#?\s*(\d{1,15})$/.exec(text);
  if (number) return { kind: 'number', value: Number(number[1]) };
  if (text.includes('@')) return { kind: 'email', value: `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.slice(0, 10) ?? [];
  // A number after a hyphen is stored signed (the parser reads "JIRA-4411" as "jira" and "-4411"), so a number is either.
  const term = (w: string) => (/^\d+$/.test(w) ? `(${w}:* | -${w}:*)` : `${w}:*`);
  return words.length ? { kind: 'words', value: words.map(term).join(' & ') } : { kind: 'nothing' };
}
