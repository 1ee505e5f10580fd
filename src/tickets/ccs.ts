// People copied on a ticket: contacts of its organization (never anyone else: a ticket's words
// stay within the customer) who hear of it as its requester does (a person's reply, the
// resolution) and may write on it by mail. Agents set them; the To and Cc of the customer's
// mail add them; a merge adds the merged ticket's requester and copies (merge-ticket.ts).
import { z } from 'zod';
import { ConflictError, ForbiddenError, InvalidInputError, parseInput, type Actor, type Ctx, type Db } from '../platform/index.ts';
import { writeEvent, type TicketRow } from './store.ts';
import { emitCcsChanged } from './webhook-events.ts';
import { writeOnTicket } from './write-context.ts';

export const MAX_CCS = 20;

export type Cc = { id: string; name: string; email: string };

/** The ticket's requester or a contact copied on it: the people its mail goes to, who rate it and mark it solved. */
export async function isReader(db: Db, ticket: Pick<TicketRow, 'id' | 'requester_id'>, contactId: string): Promise<boolean> {
  if (contactId === ticket.requester_id) return true;
  const { rows } = await db.query('SELECT 1 FROM ticket_ccs k JOIN contacts c ON c.id = k.contact_id WHERE k.ticket_id = $1 AND k.contact_id = $2 AND c.deactivated_at IS NULL', [ticket.id, contactId]);
  return rows.length > 0;
}

/** The ticket's copied contacts, by name. */
export async function ccsOf(db: Db, ticketId: string): Promise<Cc[]> {
  const { rows } = await db.query<Cc>(
    // A contact who left the customer (deactivated) is copied no more.
    'SELECT c.id, c.name, c.email FROM ticket_ccs k JOIN contacts c ON c.id = k.contact_id WHERE k.ticket_id = $1 AND c.deactivated_at IS NULL ORDER BY c.name, c.email',
    [ticketId],
  );
  return rows;
}

/**
 * Copies these contacts on the ticket, those of its organization that are not its requester and
 * not copied yet (others are passed over: the caller decides whether that is an error), with a
 * public `cc_changed` event naming who was added. Returns the ids added.
 */
export async function addCcs(tx: Db, ticket: Pick<TicketRow, 'id' | 'organization_id' | 'requester_id'>, contactIds: readonly string[], at: Temporal.Instant, actor: Actor): Promise<string[]> {
  const wanted = [...new Set(contactIds)].filter((id) => id !== ticket.requester_id);
  if (wanted.length === 0) return [];
  // In the order given, up to MAX_CCS on the ticket in all.
  const { rows } = await tx.query<{ contact_id: string }>(
    `INSERT INTO ticket_ccs (ticket_id, contact_id, added_at)
     SELECT $1, c.id, $3 FROM unnest($2::uuid[]) WITH ORDINALITY AS w(id, ord)
       JOIN contacts c ON c.id = w.id AND c.organization_id = $4 AND c.deactivated_at IS NULL
     WHERE NOT EXISTS (SELECT 1 FROM ticket_ccs k WHERE k.ticket_id = $1 AND k.contact_id = c.id)
     ORDER BY w.ord
     LIMIT GREATEST(0, ${MAX_CCS} - (SELECT count(*) FROM ticket_ccs WHERE ticket_id = $1))
     ON CONFLICT DO NOTHING RETURNING contact_id`,
    [ticket.id, wanted, at, ticket.organization_id],
  );
  const added = rows.map((r) => r.contact_id);
  if (added.length > 0) {
    await writeEvent(tx, { ticketId: ticket.id, at, actor, type: 'cc_changed', visibility: 'public', data: { added, removed: [] } });
    await emitCcsChanged(tx, ticket.id, { added, removed: [] }, at);
  }
  return added;
}

export const SetCcsInput = z.strictObject({
  ticketId: z.string(),
  contactIds: z.array(z.uuid()).max(MAX_CCS, `at most ${MAX_CCS} people copied`),
});
export type SetCcsInput = z.input<typeof SetCcsInput>;

/**
 * Agents, or the ticket's requester (copying colleagues on their own request, as their mail's Cc
 * does): the ticket's copied contacts become exactly these (each an active contact of its
 * organization, not its requester). A person copied does not choose who else is.
 */
export async function setTicketCcs({ ctx, input }: { ctx: Ctx; input: SetCcsInput }): Promise<Cc[]> {
  return writeOnTicket(ctx, input.ticketId, async ({ tx, ticket, now }) => {
    if (ctx.actor.kind === 'contact' && ctx.actor.id !== ticket.requester_id) throw new ForbiddenError('only the requester and the support team choose who is copied');
    if (ticket.status === 'closed') throw new ConflictError('this ticket is closed; open a new ticket instead');
    const data = parseInput(SetCcsInput, input);
    const wanted = [...new Set(data.contactIds)];
    const { rows: found } = await tx.query<{ id: string }>('SELECT id FROM contacts WHERE id = ANY($1::uuid[]) AND organization_id = $2 AND deactivated_at IS NULL', [wanted, ticket.organization_id]);
    const ours = new Set(found.map((r) => r.id));
    const problems = data.contactIds.flatMap((id, i) =>
      id === ticket.requester_id ? [{ path: `contactIds.${i}`, message: 'is the requester, who hears of the ticket already' }]
        : ours.has(id) ? [] : [{ path: `contactIds.${i}`, message: "is not an active contact of the ticket's organization" }]);
    if (problems.length > 0) throw new InvalidInputError('Only contacts of the ticket\'s organization are copied', problems);
    const before = (await ccsOf(tx, ticket.id)).map((c) => c.id);
    const removed = before.filter((id) => !ours.has(id));
    const added = wanted.filter((id) => !before.includes(id));
    if (removed.length > 0) await tx.query('DELETE FROM ticket_ccs WHERE ticket_id = $1 AND contact_id = ANY($2::uuid[])', [ticket.id, removed]);
    if (added.length > 0) await tx.query('INSERT INTO ticket_ccs (ticket_id, contact_id, added_at) SELECT $1, unnest($2::uuid[]), $3', [ticket.id, added, now]);
    if (added.length + removed.length > 0) {
      await writeEvent(tx, { ticketId: ticket.id, at: now, actor: ctx.actor, type: 'cc_changed', visibility: 'public', data: { added, removed } });
      await emitCcsChanged(tx, ticket.id, { added, removed }, now);
    }
    return ccsOf(tx, ticket.id);
  });
}

/**
 * The customer's mail copied colleagues (To, Cc): those who are contacts of the ticket's
 * organization are copied on it, by the sender. Addresses of no contact, or of another
 * organization's, are passed over (a ticket's words stay within the customer), and named: to the
 * caller, and to the team on the timeline (an internal `cc_not_added` entry by the desk; internal,
 * since an address the sender wrote is not for the rest of the customer's people to read there).
 * `organization`: the ticket's organization's name, which those passed over are not contacts of;
 * `former`: those passed over who were contacts of it and were deactivated (no longer contacts);
 * `firstTime`: those passed over whom no earlier mail on the ticket copied (its sender is told once).
 */
export async function copyFromMail(
  tx: Db, input: { ticketId: string; emails: readonly string[]; at: Temporal.Instant; actor: Actor },
): Promise<{ copied: string[]; passedOver: string[]; former: string[]; firstTime: string[]; organization: string | null }> {
  const emails = [...new Set(input.emails.map((e) => e.toLowerCase()))];
  if (emails.length === 0) return { copied: [], passedOver: [], former: [], firstTime: [], organization: null };
  const { rows } = await tx.query<Pick<TicketRow, 'id' | 'organization_id' | 'requester_id'> & {
    organization: string; contacts: Array<{ id: string; email: string }> | null; former: string[] | null; noted: string[] | null;
  }>(
    `SELECT t.id, t.organization_id, t.requester_id, o.name AS organization,
       (SELECT jsonb_agg(jsonb_build_object('id', c.id, 'email', c.email)) FROM contacts c
         WHERE c.organization_id = t.organization_id AND c.email = ANY($2::text[]) AND c.deactivated_at IS NULL) AS contacts,
       (SELECT jsonb_agg(c.email) FROM contacts c
         WHERE c.organization_id = t.organization_id AND c.email = ANY($2::text[]) AND c.deactivated_at IS NOT NULL) AS former,
       (SELECT jsonb_agg(a) FROM ticket_events e, jsonb_array_elements_text(e.data->'addresses') a
         WHERE e.ticket_id = t.id AND e.type = 'cc_not_added') AS noted
     FROM tickets t JOIN organizations o ON o.id = t.organization_id WHERE t.id = $1`,
    [input.ticketId, emails],
  );
  const t = rows[0];
  if (!t) return { copied: [], passedOver: emails, former: [], firstTime: emails, organization: null };
  const theirs = t.contacts ?? [];
  const added = new Set(await addCcs(tx, t, theirs.map((c) => c.id), input.at, input.actor));
  const passedOver = emails.filter((e) => !theirs.some((c) => c.email === e));
  // Colleagues who left the organization (deactivated) are no longer contacts of it, not strangers to it.
  const former = passedOver.filter((e) => (t.former ?? []).includes(e));
  if (passedOver.length > 0) {
    await writeEvent(tx, {
      ticketId: t.id, at: input.at, actor: { kind: 'system' }, type: 'cc_not_added', visibility: 'internal',
      data: { addresses: passedOver, organization: t.organization, ...(former.length > 0 ? { former } : {}) },
    });
  }
  return {
    copied: theirs.filter((c) => added.has(c.id)).map((c) => c.email), passedOver, former,
    // Not passed over on this ticket before: what its sender has not been told of yet.
    firstTime: passedOver.filter((e) => !(t.noted ?? []).includes(e)), organization: t.organization,
  };
}
