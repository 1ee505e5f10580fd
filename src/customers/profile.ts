// A person's own profile, agent or contact: who they are signed in as, the time zone they read
// times in, and an agent's signature. The pages show each time in that zone (UTC when none is
// set); a promise keeps being worded in its plan's zone beside it, since that is the zone the
// policy wrote it in. The signature goes under the agent's public replies in the customer's mail.
// An agent may be away (on leave, off shift): while away they are given no new ticket in turn
// (tickets/auto-assign.ts); what they hold stays theirs.
// Their name, as the desk shows and mails it (a contact's on their cases, an agent's on their
// replies): theirs to correct, audited as a manager's or admin's change is.
// Anyone signed in reads and sets their own; nobody sets another's.
import { z } from 'zod';
import { ForbiddenError, InvalidInputError } from '../platform/errors.ts';
import { recordAudit } from '../platform/audit.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import { mailUndeliveredTo } from './rows.ts';

export type Profile = {
  kind: 'agent' | 'contact';
  id: string;
  name: string;
  email: string;
  /** An agent's role; null for a contact. */
  role: string | null;
  /** A contact's organization; null for an agent. */
  organizationId: string | null;
  /** An IANA time zone ("Europe/Berlin"), or null for UTC. */
  timeZone: string | null;
  /** An agent's signature under their replies in the customer's mail; null for none (and for a contact). */
  signature: string | null;
  /** Since when an agent is away (given no new ticket in turn); null when here (and for a contact). */
  awaySince: Temporal.Instant | null;
  /**
   * When the latest mail to their own address was refused for good or came back, and which: they
   * may miss what we send (a full mailbox, an address that changed). Null when mail reaches them.
   */
  mailUndelivered: { how: 'bounced' | 'failed'; mailAt: Temporal.Instant } | null;
};

/** The zone's canonical name, or null if it is no IANA time zone Temporal knows. */
export function canonicalZone(zone: string): string | null {
  try {
    return Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone).timeZoneId;
  } catch {
    return null;
  }
}

export const UpdateProfileInput = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(200).regex(/^[^\p{Cc}]*$/u, 'must be one line, without control characters').optional(),
  timeZone: z.string().max(64).nullable().optional(),
  signature: z.string().max(2000).nullable().optional(),
  away: z.boolean().optional(),
});
export type UpdateProfileInput = z.input<typeof UpdateProfileInput>;

function self(ctx: Ctx): { table: 'agents' | 'contacts'; id: string } {
  if (ctx.actor.kind === 'system') throw new ForbiddenError('A profile is a person\'s own');
  return { table: ctx.actor.kind === 'agent' ? 'agents' : 'contacts', id: ctx.actor.id };
}

async function read(db: Db, table: 'agents' | 'contacts', id: string): Promise<Profile> {
  const { rows } = await db.query<{
    id: string; name: string; email: string; role: string | null; organization_id: string | null; time_zone: string | null; signature: string | null; away_since: Temporal.Instant | null;
    mail_undelivered: { how: 'bounced' | 'failed'; mail_at: string } | null;
  }>(
    table === 'agents'
      ? `SELECT id, name, email, role, NULL::uuid AS organization_id, time_zone, signature, away_since, ${mailUndeliveredTo('agents.email')} AS mail_undelivered FROM agents WHERE id = $1`
      : `SELECT id, name, email, NULL::text AS role, organization_id, time_zone, NULL::text AS signature, NULL::timestamptz AS away_since,
           ${mailUndeliveredTo('contacts.email')} AS mail_undelivered FROM contacts WHERE id = $1`,
    [id],
  );
  const r = rows[0];
  // Their own mail: how and when, not the server's words (those are for the team, rows.ts).
  const trouble = r.mail_undelivered;
  return {
    kind: table === 'agents' ? 'agent' : 'contact', id: r.id, name: r.name, email: r.email, role: r.role, organizationId: r.organization_id,
    timeZone: r.time_zone, signature: r.signature, awaySince: r.away_since,
    mailUndelivered: trouble ? { how: trouble.how, mailAt: Temporal.Instant.from(trouble.mail_at) } : null,
  };
}

/** The signed-in person's profile. */
export async function getProfile({ ctx }: { ctx: Ctx }): Promise<Profile> {
  const me = self(ctx);
  return read(ctx.db, me.table, me.id);
}

/** The signed-in person sets their name, their time zone (null: back to UTC) and, an agent, their signature (null or empty: none) and whether they are away; answers the profile. */
export async function updateProfile({ ctx, input }: { ctx: Ctx; input: UpdateProfileInput }): Promise<Profile> {
  const me = self(ctx);
  const value = parseInput(UpdateProfileInput, input);
  // Every field checked before anything is written: a refusal changes nothing.
  const zone = value.timeZone === undefined || value.timeZone === null || value.timeZone.trim() === '' ? null : canonicalZone(value.timeZone.trim());
  if (value.timeZone !== undefined && value.timeZone !== null && value.timeZone.trim() !== '' && zone === null) {
    throw new InvalidInputError('The input is not valid', [{ path: 'timeZone', message: 'is not a time zone (an IANA name such as Europe/Berlin)' }]);
  }
  if (value.signature !== undefined && me.table !== 'agents') throw new InvalidInputError('The input is not valid', [{ path: 'signature', message: "is an agent's, under their replies" }]);
  if (value.away !== undefined && me.table !== 'agents') throw new InvalidInputError('The input is not valid', [{ path: 'away', message: "is an agent's: away, they are given no new ticket in turn" }]);
  await ctx.db.transaction(async (tx) => {
    if (value.name !== undefined) {
      const { rows: [before] } = await tx.query<{ name: string; organization_id: string | null }>(
        `SELECT name, ${me.table === 'contacts' ? 'organization_id' : 'NULL::uuid AS organization_id'} FROM ${me.table} WHERE id = $1 FOR UPDATE`, [me.id],
      );
      if (before.name !== value.name) {
        await tx.query(`UPDATE ${me.table} SET name = $2 WHERE id = $1`, [me.id, value.name]);
        const kind = me.table === 'agents' ? 'agent' : 'contact';
        await recordAudit(tx, {
          at: ctx.clock.now(), actor: ctx.actor, type: `${kind}.updated`, subjectKind: kind, subjectId: me.id, organizationId: before.organization_id,
          data: { name: { from: before.name, to: value.name } },
        });
      }
    }
    if (value.timeZone !== undefined) await tx.query(`UPDATE ${me.table} SET time_zone = $2 WHERE id = $1`, [me.id, zone]);
    if (value.signature !== undefined) {
      // Line endings as typed in a browser (CRLF) become one kind; an empty signature is none.
      const text = value.signature?.replace(/\r\n?/g, '\n').trim() ?? '';
      await tx.query('UPDATE agents SET signature = $2 WHERE id = $1', [me.id, text === '' ? null : text]);
    }
    // Away since the first time they said so; here again clears it.
    if (value.away !== undefined) await tx.query('UPDATE agents SET away_since = CASE WHEN $2::boolean THEN coalesce(away_since, $3) ELSE NULL END WHERE id = $1', [me.id, value.away, ctx.clock.now()]);
  });
  return read(ctx.db, me.table, me.id);
}

/**
 * The agent's signature as it goes under their words in a mail: "-- " on its own line (mail clients
 * know what follows is a signature and leave it out of quotes); empty when they have none.
 */
export async function mailSignature(db: Db, agentId: string): Promise<string> {
  const { rows } = await db.query<{ signature: string | null }>('SELECT signature FROM agents WHERE id = $1', [agentId]);
  return rows[0]?.signature ? `\n\n-- \n${rows[0].signature}` : '';
}
