// Tags on a ticket: the team's own words for sorting its work ("billing", "ios", "bug-4512").
// Internal, like a note: agents set and see them; customers never do (not on their view of the
// ticket, the portal, webhooks or mail), and a contact cannot filter by one. Agents filter the
// queue and the ticket list by a tag and tag several tickets at once from the queue. A change is an
// internal tags_changed event naming what was added and removed. A closed ticket may still be
// tagged: tags sort the record and change nothing the customer was promised.
import { z } from 'zod';
import { parseInput, type Actor, type Ctx, type Db } from '../platform/index.ts';
import { requireAgent, ticketForActor, touchTicket, writeEvent, type TicketRow } from './store.ts';
import { writeTime } from './write-context.ts';
// What a tag is, and how many a ticket holds, is the tickets' schemas' (a reply adds tags too).
import { MAX_TAGS, Tag } from './schemas.ts';

export { MAX_TAGS, Tag };

export const SetTagsInput = z.strictObject({ ticketId: z.string(), tags: z.array(Tag).max(MAX_TAGS, `at most ${MAX_TAGS} tags on a ticket`) });
export type SetTagsInput = z.input<typeof SetTagsInput>;

/** The ticket's tags, in order. */
export async function tagsOf(db: Db, ticketId: string): Promise<string[]> {
  const { rows } = await db.query<{ tag: string }>('SELECT tag FROM ticket_tags WHERE ticket_id = $1 ORDER BY tag', [ticketId]);
  return rows.map((r) => r.tag);
}

/** Tags of several tickets, by ticket (the queue's rows). */
export async function tagsByTicket(db: Db, ticketIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ticketIds.length === 0) return out;
  const { rows } = await db.query<{ ticket_id: string; tag: string }>('SELECT ticket_id, tag FROM ticket_tags WHERE ticket_id = ANY($1::uuid[]) ORDER BY tag', [ticketIds]);
  for (const r of rows) out.set(r.ticket_id, [...(out.get(r.ticket_id) ?? []), r.tag]);
  return out;
}

/**
 * Adds and removes tags on a locked ticket, at most MAX_TAGS in all (the first ones asked for, in
 * order), with one internal event when anything changed. Returns what was added and removed.
 */
export async function changeTags(tx: Db, ticket: Pick<TicketRow, 'id'>, change: { add: readonly string[]; remove: readonly string[] }, at: Temporal.Instant, actor: Actor): Promise<{ added: string[]; removed: string[] }> {
  const { rows: removedRows } = change.remove.length
    ? await tx.query<{ tag: string }>('DELETE FROM ticket_tags WHERE ticket_id = $1 AND tag = ANY($2::text[]) RETURNING tag', [ticket.id, [...change.remove]])
    : { rows: [] };
  const wanted = [...new Set(change.add)];
  const { rows: addedRows } = wanted.length
    ? await tx.query<{ tag: string }>(
        `INSERT INTO ticket_tags (ticket_id, tag, added_at)
         SELECT $1, w.tag, $3 FROM unnest($2::text[]) WITH ORDINALITY AS w(tag, ord)
         WHERE NOT EXISTS (SELECT 1 FROM ticket_tags k WHERE k.ticket_id = $1 AND k.tag = w.tag)
         ORDER BY w.ord
         LIMIT GREATEST(0, ${MAX_TAGS} - (SELECT count(*) FROM ticket_tags WHERE ticket_id = $1))
         ON CONFLICT DO NOTHING RETURNING tag`,
        [ticket.id, wanted, at],
      )
    : { rows: [] };
  const added = addedRows.map((r) => r.tag).sort();
  const removed = removedRows.map((r) => r.tag).sort();
  if (added.length + removed.length > 0) {
    await writeEvent(tx, { ticketId: ticket.id, at, actor, type: 'tags_changed', visibility: 'internal', data: { added, removed } });
    await touchTicket(tx, ticket.id, at);
  }
  return { added, removed };
}

/** Agents: the ticket's tags become exactly these. Answers the tags it now has. */
export async function setTicketTags({ ctx, input }: { ctx: Ctx; input: SetTagsInput }): Promise<string[]> {
  return ctx.db.transaction(async (tx) => {
    // Looked up first: another organization's ticket is 404 for a contact, whatever the body.
    const ticket = await ticketForActor(tx, ctx.actor, input.ticketId, true);
    requireAgent(ctx.actor, 'tag tickets');
    const { tags } = parseInput(SetTagsInput, input);
    const before = await tagsOf(tx, ticket.id);
    const wanted = [...new Set(tags)];
    await changeTags(tx, ticket, { add: wanted.filter((t) => !before.includes(t)), remove: before.filter((t) => !wanted.includes(t)) }, writeTime(ctx.clock, ticket), ctx.actor);
    return tagsOf(tx, ticket.id);
  });
}

/** How many of these tags the ticket has no room for (0: all fit), so a caller can refuse before writing anything. */
export async function tagsOverLimit(db: Db, ticketId: string, tags: readonly string[]): Promise<number> {
  const have = await tagsOf(db, ticketId);
  const fresh = [...new Set(tags)].filter((t) => !have.includes(t));
  return Math.max(0, have.length + fresh.length - MAX_TAGS);
}

/** Agents: adds these tags to the ticket, keeping the ones it has (tagging from the queue). */
export async function addTicketTags(ctx: Ctx, ticketId: string, tags: readonly string[]): Promise<string[]> {
  return ctx.db.transaction(async (tx) => {
    const ticket = await ticketForActor(tx, ctx.actor, ticketId, true);
    requireAgent(ctx.actor, 'tag tickets');
    return (await changeTags(tx, ticket, { add: tags, remove: [] }, writeTime(ctx.clock, ticket), ctx.actor)).added;
  });
}
