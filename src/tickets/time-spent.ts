// Time accounting: the minutes the team spent on a ticket, logged by an agent with a public reply
// or an internal note (`timeSpentMinutes`), or on its own (a call, a remote session, reading logs).
// Whole minutes, 1 to 1,440 an entry; a ticket closed since may still get the time its wrap-up took.
// The team's own record: never on the customer's timeline, never shown to a contact. The managers'
// reports sum it per organization and agent over a window (by when it was logged), which is what a
// vendor bills extra hours against or sizes the team by.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { parseInput, type Ctx, type Db } from '../platform/index.ts';
import { MAX_SHORT_NOTE_CHARS, TimeSpentMinutes } from './schemas.ts';
import { reportWindow, type SlaAttainmentInput } from './sla-attainment.ts';
import { requireAgent, requireAgentPerson, ticketForActor } from './store.ts';


export const LogTimeInput = z.strictObject({
  ticketId: z.string().max(100),
  minutes: TimeSpentMinutes,
  note: z.string().trim().max(MAX_SHORT_NOTE_CHARS).optional(),
});
export type LogTimeInput = z.input<typeof LogTimeInput>;

export type TimeEntry = {
  id: string; ticketId: string; agentId: string; agentName: string; minutes: number; note: string | null;
  eventId: string | null; loggedAt: Temporal.Instant;
};
/** What `corrections` lists: who changed an entry (null: the service itself), from what to what, when. */
export type TimeCorrection = {
  id: string; entryId: string; action: 'corrected' | 'removed'; agentId: string | null; agentName: string | null;
  minutesBefore: number; minutesAfter: number | null; noteBefore: string | null; noteAfter: string | null;
  at: Temporal.Instant;
};
export type TimeSpent = { totalMinutes: number; entries: TimeEntry[]; corrections: TimeCorrection[] };

/** Writes an entry in the caller's transaction (with a reply or note: `eventId`). */
export async function writeTimeEntry(
  tx: Db,
  entry: { ticketId: string; agentId: string; minutes: number; note?: string | null; eventId?: string | null; now: Temporal.Instant },
): Promise<string> {
  const id = randomUUID();
  await tx.query(
    'INSERT INTO ticket_time_entries (id, ticket_id, agent_id, minutes, note, event_id, logged_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [id, entry.ticketId, entry.agentId, entry.minutes, entry.note || null, entry.eventId ?? null, entry.now],
  );
  return id;
}

/** Agents: log time spent on the ticket, on its own; answers the ticket's time. */
export async function logTime({ ctx, input }: { ctx: Ctx; input: LogTimeInput }): Promise<TimeSpent> {
  return ctx.db.transaction(async (tx) => {
    // Looked up first: another organization's ticket is 404 for a contact, whatever they ask.
    const ticket = await ticketForActor(tx, ctx.actor, input.ticketId, false);
    requireAgentPerson(ctx.actor, 'log time spent');
    const value = parseInput(LogTimeInput, input);
    await writeTimeEntry(tx, { ticketId: ticket.id, agentId: ctx.actor.id, minutes: value.minutes, note: value.note ?? null, now: ctx.clock.now() });
    return timeOn(tx, ticket.id);
  });
}

/** Agents: the time spent on the ticket, newest entry first. */
export async function timeSpentOn({ ctx, input }: { ctx: Ctx; input: { ticketId: string } }): Promise<TimeSpent> {
  const ticket = await ticketForActor(ctx.db, ctx.actor, input.ticketId, false);
  requireAgent(ctx.actor, 'read the time spent on tickets');
  return timeOn(ctx.db, ticket.id);
}

/** The ticket's time: its entries not removed, their total, every correction and removal (newest first). */
export async function timeOn(db: Db, ticketId: string): Promise<TimeSpent> {
  const { rows } = await db.query<{
    id: string; agent_id: string; name: string; minutes: number; note: string | null; event_id: string | null;
    logged_at: Temporal.Instant;
  }>(
    `SELECT e.id, e.agent_id, a.name, e.minutes, e.note, e.event_id, e.logged_at
     FROM ticket_time_entries e JOIN agents a ON a.id = e.agent_id
     WHERE e.ticket_id = $1 AND e.removed_at IS NULL ORDER BY e.logged_at DESC, e.id`,
    [ticketId],
  );
  const entries = rows.map((r) => ({
    id: r.id, ticketId, agentId: r.agent_id, agentName: r.name, minutes: r.minutes, note: r.note, eventId: r.event_id,
    loggedAt: r.logged_at,
  }));
  const totalMinutes = entries.reduce((sum, e) => sum + e.minutes, 0);
  return { totalMinutes, entries, corrections: await correctionsOn(db, ticketId) };
}

async function correctionsOn(db: Db, ticketId: string): Promise<TimeCorrection[]> {
  const { rows } = await db.query<{
    id: string; entry_id: string; action: 'corrected' | 'removed'; agent_id: string | null; name: string | null;
    minutes_before: number;
    minutes_after: number | null; note_before: string | null; note_after: string | null; at: Temporal.Instant;
  }>(
    `SELECT c.id, c.entry_id, c.action, c.agent_id, a.name, c.minutes_before, c.minutes_after, c.note_before,
            c.note_after, c.at
     FROM ticket_time_corrections c LEFT JOIN agents a ON a.id = c.agent_id
     WHERE c.ticket_id = $1 ORDER BY c.seq DESC`,
    [ticketId],
  );
  return rows.map((r) => ({
    id: r.id, entryId: r.entry_id, action: r.action, agentId: r.agent_id, agentName: r.name,
    minutesBefore: r.minutes_before,
    minutesAfter: r.minutes_after, noteBefore: r.note_before, noteAfter: r.note_after, at: r.at,
  }));
}

export type TimeReportRow = { organizationId: string; organization: string; plan: string; agentId: string; agent: string; minutes: number; tickets: number };

/** Managers: the minutes logged in the window, per organization (its plan today) and agent, most first. */
export async function timeSpentReport({ ctx, input }: { ctx: Ctx; input: SlaAttainmentInput }): Promise<TimeReportRow[]> {
  const w = reportWindow(ctx, input);
  const { rows } = await ctx.db.query<{ organization_id: string; organization: string; plan: string; agent_id: string; agent: string; minutes: number; tickets: number }>(
    `SELECT o.id AS organization_id, o.name AS organization, o.plan_id AS plan, a.id AS agent_id, a.name AS agent,
            sum(e.minutes)::int AS minutes, count(DISTINCT e.ticket_id)::int AS tickets
     FROM ticket_time_entries e JOIN tickets t ON t.id = e.ticket_id JOIN organizations o ON o.id = t.organization_id JOIN agents a ON a.id = e.agent_id
     WHERE e.logged_at >= $1 AND e.logged_at < $2 AND e.removed_at IS NULL
     GROUP BY o.id, o.name, o.plan_id, a.id, a.name ORDER BY o.name, o.id, sum(e.minutes) DESC, a.name`,
    [w.from, w.to],
  );
  return rows.map((r) => ({ organizationId: r.organization_id, organization: r.organization, plan: r.plan, agentId: r.agent_id, agent: r.agent, minutes: r.minutes, tickets: r.tickets }));
}
