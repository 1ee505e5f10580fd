// Which mail an agent takes about the work they hold: a ticket assigned to them by someone else,
// each thing its customer writes (a bad rating too), a new ticket of an organization they are designated to, an
// internal note a colleague asks them in (notify), an answer in a side conversation they wrote on or on a
// ticket they hold (tickets/side-conversations.ts), and (managers and admins) a customer's request
// the policy held for review and the morning digest (tickets/daily-digest.ts), at the hour of their
// day they choose (07:00 until they choose another).
// Each is on until the agent turns it off (their own choice, on the settings page or the API).
// SLA reminders, warnings, breaches and on-call pages are not here: they are the promise being
// kept, and nobody opts out of those.
import { z } from 'zod';
import { ForbiddenError } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';

export const MAIL_KINDS = ['assigned', 'customer_replied', 'designated_new_ticket', 'note_notify', 'side_reply', 'held_request', 'daily_digest'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
/** The local hour the morning digest goes at unless the agent chooses another. */
export const DEFAULT_DIGEST_HOUR = 7;
export type MailPreferences = Record<MailKind, boolean> & { digest_hour: number };

export const MailPreferencesInput = z.strictObject({
  assigned: z.boolean().optional(),
  customerReplied: z.boolean().optional(),
  designatedNewTicket: z.boolean().optional(),
  noteNotify: z.boolean().optional(),
  /** Someone the agent wrote to from a ticket (a side conversation) answered; also to the ticket's assignee. */
  sideReply: z.boolean().optional(),
  heldRequest: z.boolean().optional(),
  dailyDigest: z.boolean().optional(),
  /** The hour of the agent's day (their time zone) the morning digest goes at: 0 to 23. */
  digestHour: z.number().int().min(0).max(23).optional(),
});
export type MailPreferencesInput = z.input<typeof MailPreferencesInput>;

/** The stored digest hour, or the default when none (or none sensible) is stored. */
export const digestHourOf = (stored: unknown): number =>
  Number.isInteger(stored) && (stored as number) >= 0 && (stored as number) <= 23 ? (stored as number) : DEFAULT_DIGEST_HOUR;

const fromStored = (stored: Record<string, unknown>): MailPreferences => ({
  ...(Object.fromEntries(MAIL_KINDS.map((k) => [k, stored[k] !== false])) as Record<MailKind, boolean>),
  digest_hour: digestHourOf(stored.digest_hour),
});

function self(ctx: Ctx): string {
  if (ctx.actor.kind !== 'agent') throw new ForbiddenError('Mail preferences are an agent\'s own');
  return ctx.actor.id;
}

/** The signed-in agent's preferences. */
export async function getMailPreferences({ ctx }: { ctx: Ctx }): Promise<MailPreferences> {
  const { rows } = await ctx.db.query<{ mail_preferences: Record<string, unknown> }>('SELECT mail_preferences FROM agents WHERE id = $1', [self(ctx)]);
  return fromStored(rows[0]?.mail_preferences ?? {});
}

/** The signed-in agent turns kinds of mail on or off; answers all of them. */
export async function setMailPreferences({ ctx, input }: { ctx: Ctx; input: MailPreferencesInput }): Promise<MailPreferences> {
  const id = self(ctx);
  const value = parseInput(MailPreferencesInput, input);
  const change: Partial<MailPreferences> = {
    ...(value.assigned !== undefined ? { assigned: value.assigned } : {}),
    ...(value.customerReplied !== undefined ? { customer_replied: value.customerReplied } : {}),
    ...(value.designatedNewTicket !== undefined ? { designated_new_ticket: value.designatedNewTicket } : {}),
    ...(value.noteNotify !== undefined ? { note_notify: value.noteNotify } : {}),
    ...(value.sideReply !== undefined ? { side_reply: value.sideReply } : {}),
    ...(value.heldRequest !== undefined ? { held_request: value.heldRequest } : {}),
    ...(value.dailyDigest !== undefined ? { daily_digest: value.dailyDigest } : {}),
    ...(value.digestHour !== undefined ? { digest_hour: value.digestHour } : {}),
  };
  const { rows } = await ctx.db.query<{ mail_preferences: Record<string, unknown> }>(
    'UPDATE agents SET mail_preferences = mail_preferences || $2::jsonb WHERE id = $1 RETURNING mail_preferences',
    [id, JSON.stringify(change)],
  );
  return fromStored(rows[0].mail_preferences);
}

/** Of these agents, the active ones who take this kind of mail (the senders of agent notices and designated notices). */
export async function agentsTakingMail(db: Db, agentIds: readonly string[], kind: MailKind): Promise<Array<{ id: string; email: string; name: string }>> {
  if (agentIds.length === 0) return [];
  const { rows } = await db.query<{ id: string; email: string; name: string }>(
    `SELECT id, email, name FROM agents WHERE id = ANY($1::uuid[]) AND deactivated_at IS NULL AND coalesce((mail_preferences->>$2)::boolean, true)`,
    [[...agentIds], kind],
  );
  return rows;
}
