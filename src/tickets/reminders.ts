// An agent's reminder on a ticket: "look at this again at ..." (a patch was promised by a third
// party, the customer said they would test tonight). One per agent and ticket: setting another
// replaces it; it is theirs alone, mailed to them when due (the reminder job sweeps every minute),
// and never on the timeline or shown to the customer. A reminder on a ticket that closed since is
// dropped, not sent. Each is sent once: claimed under its row lock (SKIP LOCKED) with the mail
// queued in the same transaction (and the outbox's dedupe key besides).
import { z } from 'zod';
import { ConflictError, InvalidInputError, parseInput, type Ctx, type Db } from '../platform/index.ts';
import { queueMessage } from '../outbox/index.ts';
import { ticketReference } from './customer-mail.ts';
import { deskLink, REPLY_ANSWERS } from './agent-notices.ts';
import { MAX_SHORT_NOTE_CHARS, STATUS_NAMES } from './schemas.ts';
import { requireAgentPerson, ticketForActor } from './store.ts';

export type Reminder = { ticketId: string; remindAt: Temporal.Instant; note: string | null; createdAt: Temporal.Instant };

export const SetReminderInput = z.strictObject({
  ticketId: z.string().max(100),
  /** When; null clears it. */
  at: z.iso.datetime({ offset: true }).nullable(),
  note: z.string().trim().max(MAX_SHORT_NOTE_CHARS).optional(),
});
export type SetReminderInput = z.input<typeof SetReminderInput>;

/** The acting agent's reminder on the ticket, or null. */
export async function reminderOf(db: Db, ticketId: string, agentId: string): Promise<Reminder | null> {
  const { rows } = await db.query<{ remind_at: Temporal.Instant; note: string | null; created_at: Temporal.Instant }>(
    'SELECT remind_at, note, created_at FROM ticket_reminders WHERE ticket_id = $1 AND agent_id = $2 AND sent_at IS NULL', [ticketId, agentId],
  );
  return rows[0] ? { ticketId, remindAt: rows[0].remind_at, note: rows[0].note, createdAt: rows[0].created_at } : null;
}

/** An agent's reminders still to come, soonest first (the queue page lists them), up to `limit`. */
export async function remindersOfAgent(db: Db, agentId: string, limit = 20): Promise<Array<Reminder & { number: number; subject: string }>> {
  const { rows } = await db.query<{ ticket_id: string; remind_at: Temporal.Instant; note: string | null; created_at: Temporal.Instant; number: string; subject: string }>(
    `SELECT r.ticket_id, r.remind_at, r.note, r.created_at, t.number::text AS number, t.subject FROM ticket_reminders r JOIN tickets t ON t.id = r.ticket_id
     WHERE r.agent_id = $1 AND r.sent_at IS NULL AND t.status <> 'closed' ORDER BY r.remind_at, t.number LIMIT $2`,
    [agentId, limit],
  );
  return rows.map((r) => ({ ticketId: r.ticket_id, remindAt: r.remind_at, note: r.note, createdAt: r.created_at, number: Number(r.number), subject: r.subject }));
}

/** Agents: their own reminders to come, soonest first (`limit` 1-200). */
export async function listMyReminders({ ctx, input }: { ctx: Ctx; input: { limit?: number } }): Promise<Array<Reminder & { number: number; subject: string }>> {
  requireAgentPerson(ctx.actor, 'have reminders');
  const limit = input.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new InvalidInputError('limit is 1 to 200', [{ path: 'limit', message: 'must be an integer from 1 to 200' }]);
  return remindersOfAgent(ctx.db, ctx.actor.id, limit);
}

/** Agents: set (or replace) their reminder on the ticket, or clear it (`at: null`); answers it. */
export async function setReminder({ ctx, input }: { ctx: Ctx; input: SetReminderInput }): Promise<Reminder | null> {
  return ctx.db.transaction(async (tx) => {
    // Looked up first: another organization's ticket is 404 for a contact, whatever they ask.
    const ticket = await ticketForActor(tx, ctx.actor, input.ticketId, false);
    requireAgentPerson(ctx.actor, 'set a reminder');
    const value = parseInput(SetReminderInput, input);
    if (value.at === null) {
      await tx.query('DELETE FROM ticket_reminders WHERE ticket_id = $1 AND agent_id = $2', [ticket.id, ctx.actor.id]);
      return null;
    }
    const at = Temporal.Instant.from(value.at);
    const now = ctx.clock.now();
    if (Temporal.Instant.compare(at, now) <= 0) throw new InvalidInputError('A reminder is for later', [{ path: 'at', message: 'must be in the future' }]);
    if (ticket.status === 'closed') throw new ConflictError('this ticket is closed; nothing is left to do on it');
    await tx.query(
      `INSERT INTO ticket_reminders (ticket_id, agent_id, remind_at, note, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (ticket_id, agent_id) DO UPDATE SET remind_at = EXCLUDED.remind_at, note = EXCLUDED.note, created_at = EXCLUDED.created_at, sent_at = NULL`,
      [ticket.id, ctx.actor.id, at, value.note || null, now],
    );
    return { ticketId: ticket.id, remindAt: at, note: value.note || null, createdAt: now };
  });
}

/** Sends the reminders due at `now` (up to `limit`), each once; answers how many were mailed. */
export async function sendDueReminders({ ctx, limit = 200 }: { ctx: Ctx; limit?: number }): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ ticket_id: string; agent_id: string; remind_at: Temporal.Instant; note: string | null; number: string; subject: string; status: string }>(
      `UPDATE ticket_reminders r SET sent_at = $1 FROM tickets t
       WHERE t.id = r.ticket_id AND (r.ticket_id, r.agent_id) IN (
         SELECT ticket_id, agent_id FROM ticket_reminders WHERE sent_at IS NULL AND remind_at <= $1 ORDER BY remind_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING r.ticket_id, r.agent_id, r.remind_at, r.note, t.number::text AS number, t.subject, t.status`,
      [now, limit],
    );
    let mailed = 0;
    for (const r of rows) {
      // Closed since: nothing is left to do; the reminder is dropped.
      if (r.status === 'closed') continue;
      // A reminder is asked for, so it is sent whatever the mail preferences; only to an active agent.
      const { rows: [to] } = await tx.query<{ email: string }>('SELECT email FROM agents WHERE id = $1 AND deactivated_at IS NULL', [r.agent_id]);
      if (!to) continue;
      await queueMessage(tx, {
        kind: 'agent_reminder', recipient: to.email, createdAt: now,
        subject: `${ticketReference(Number(r.number))} Reminder: ${r.subject}`,
        body: [`You asked to be reminded of ticket #${r.number} "${r.subject}" now.`, ...(r.note ? [`Your note: ${r.note}`] : []), `It is ${(STATUS_NAMES[r.status] ?? r.status).toLowerCase()}.`, REPLY_ANSWERS].join('\n\n'),
        payload: { ticket_id: r.ticket_id, automatic: true, links: [deskLink({ id: r.ticket_id, number: Number(r.number) })] },
        dedupeKey: `reminder:${r.ticket_id}:${r.agent_id}:${r.remind_at.toString()}`,
      });
      mailed++;
    }
    return mailed;
  });
}
