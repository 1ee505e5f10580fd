// Time logged, corrected or removed: the agent who logged an entry corrects its minutes or note or
// removes it; managers and admins anyone's; a contact never. Nothing is overwritten silently: each
// change leaves a ticket_time_corrections row (0048: who, what from and to, when) in the same
// transaction. A removed entry stays, marked removed_at, so it is traceable, but no total or report
// counts it. Why that table, not the audit trail: audit_events records writes outside a ticket and
// only admins read it, while every agent on a ticket reads its time's history (GET .../time-entries,
// the ticket page), and the ticket's erasure takes the notes quoted there by the ticket's id.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { MANAGERS } from '../customers/index.ts';
import { isUuid } from '../platform/ids.ts';
import {
  ForbiddenError, InvalidInputError, NotFoundError, parseInput, type Actor, type Ctx, type Db,
} from '../platform/index.ts';
import { MAX_SHORT_NOTE_CHARS, TimeSpentMinutes } from './schemas.ts';
import { requireAgent, ticketForActor } from './store.ts';
import { timeOn, type TimeSpent } from './time-spent.ts';

const EntryRef = { ticketId: z.string().max(100), entryId: z.string().max(100) };

export const CorrectTimeInput = z.strictObject({
  ...EntryRef,
  minutes: TimeSpentMinutes.optional(),
  // Empty text or null clears the note.
  note: z.string().trim().max(MAX_SHORT_NOTE_CHARS).nullable().optional(),
});
export type CorrectTimeInput = z.input<typeof CorrectTimeInput>;
export const RemoveTimeInput = z.strictObject(EntryRef);
export type RemoveTimeInput = z.input<typeof RemoveTimeInput>;

type EntryRow = { id: string; agent_id: string; minutes: number; note: string | null };

/** The entry, locked; a removed one, another ticket's or no such id is not found. */
async function entryForUpdate(tx: Db, ticketId: string, entryId: string): Promise<EntryRow> {
  if (!isUuid(entryId)) throw new NotFoundError('time entry not found');
  const { rows } = await tx.query<EntryRow>(
    `SELECT id, agent_id, minutes, note FROM ticket_time_entries
     WHERE id = $1 AND ticket_id = $2 AND removed_at IS NULL FOR UPDATE`,
    [entryId, ticketId],
  );
  if (!rows[0]) throw new NotFoundError('time entry not found');
  return rows[0];
}

/** Its own agent, a manager or an admin (or the service itself); contacts were refused before. */
function mayChange(actor: Actor, entry: EntryRow, what: string): void {
  if (mayChangeTime(actor, entry.agent_id)) return;
  throw new ForbiddenError(`You may not ${what}: only the agent who logged it, a manager or an admin can`);
}

/** The entry, on a ticket the actor sees, if the actor may change it (404 before 403, as tickets do). */
async function changeable(tx: Db, actor: Actor, ref: { ticketId: string; entryId: string }, what: string) {
  const ticket = await ticketForActor(tx, actor, ref.ticketId, false);
  requireAgent(actor, what);
  const entry = await entryForUpdate(tx, ticket.id, ref.entryId);
  mayChange(actor, entry, what);
  return { ticket, entry };
}

async function recordCorrection(
  tx: Db,
  c: {
    entry: EntryRow; ticketId: string; actor: Actor; action: 'corrected' | 'removed';
    minutes: number | null; note: string | null; at: Temporal.Instant;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO ticket_time_corrections
       (id, entry_id, ticket_id, agent_id, action, minutes_before, minutes_after, note_before, note_after, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      randomUUID(), c.entry.id, c.ticketId, c.actor.kind === 'agent' ? c.actor.id : null, c.action,
      c.entry.minutes, c.minutes, c.entry.note, c.note, c.at,
    ],
  );
}

/** Corrects an entry's minutes and/or note; a change leaves a correction row. Answers the ticket's time. */
export async function correctTimeEntry({ ctx, input }: { ctx: Ctx; input: CorrectTimeInput }): Promise<TimeSpent> {
  return ctx.db.transaction(async (tx) => {
    const { ticket, entry } = await changeable(tx, ctx.actor, input, 'correct this time entry');
    const value = parseInput(CorrectTimeInput, input);
    if (value.minutes === undefined && value.note === undefined) {
      const detail = { path: 'minutes', message: 'give minutes or a note' };
      throw new InvalidInputError('Say what to correct: the minutes, the note, or both', [detail]);
    }
    const minutes = value.minutes ?? entry.minutes;
    const note = value.note === undefined ? entry.note : value.note || null;
    // The same values again change nothing, and are no correction.
    if (minutes !== entry.minutes || note !== entry.note) {
      await tx.query('UPDATE ticket_time_entries SET minutes = $2, note = $3 WHERE id = $1', [entry.id, minutes, note]);
      const at = ctx.clock.now();
      await recordCorrection(tx, {
        entry, ticketId: ticket.id, actor: ctx.actor, action: 'corrected', minutes, note, at,
      });
    }
    return timeOn(tx, ticket.id);
  });
}

/**
 * Removes an entry: it stays, marked, counted nowhere; a correction row says who removed it. Answers
 * the time. `confirm`: the caller's own last check (the page's "Yes, remove" box), once it is known
 * the actor may remove it, so a colleague who may not is refused as such.
 */
export async function removeTimeEntry({ ctx, input, confirm }: { ctx: Ctx; input: RemoveTimeInput; confirm?: () => void }): Promise<TimeSpent> {
  return ctx.db.transaction(async (tx) => {
    const { ticket, entry } = await changeable(tx, ctx.actor, input, 'remove this time entry');
    confirm?.();
    parseInput(RemoveTimeInput, input);
    const now = ctx.clock.now();
    await tx.query('UPDATE ticket_time_entries SET removed_at = $2 WHERE id = $1', [entry.id, now]);
    await recordCorrection(tx, {
      entry, ticketId: ticket.id, actor: ctx.actor, action: 'removed', minutes: null, note: null, at: now,
    });
    return timeOn(tx, ticket.id);
  });
}

/** Whether the actor may correct or remove an entry `agentId` logged (the ticket page shows its forms by it). */
export function mayChangeTime(actor: Actor, agentId: string): boolean {
  return actor.kind === 'system' || (actor.kind === 'agent' && (actor.id === agentId || MANAGERS.includes(actor.role)));
}
