// eraseContact (ADR 0020): a person at a customer asks to be forgotten (GDPR art. 17), and an admin erases
// their personal data. What a support desk holds of a person is not only their contact row: it is
// what they wrote (tickets, replies, files, mail as it arrived), what was written to them (mail sent,
// webhook bodies), and traces (sign-in attempts, status page subscriptions, the audit trail), under
// their address and any address they had before it was corrected. All of it goes, in one
// transaction, so an erasure is whole or not at all.
//
// What stays, naming nobody: the contact's row (id, organization, when it was created) and the
// tickets they opened, with their times, plan, severity, status history and SLA clocks, so the
// vendor's reports of promises kept and missed stay true. On those tickets every text anyone wrote
// (subject, description, replies, notes, the words of system events) becomes ERASED, files are
// deleted, and event data that quotes text (a subject, a link's title and address, file names) is
// dropped; the structured history (status, severity, times) is kept. On other tickets only what the
// person wrote themselves (replies as a copied contact, ratings' comments, their files) is erased.
//
// Refused while a ticket they opened is still open (it is owed an answer under the policy: solve
// or close it first) and unless the contact's email is given back as a confirmation. Free text
// others wrote about the person on other tickets is the vendor's working record and is not
// rewritten by guesswork: the answer lists the tickets whose words still name the person's email
// or name, for the admin to read and edit. Copies of such words (mail sent, webhook bodies) that
// quote the person's address are erased with the rest.
import { z } from 'zod';
import { recordAudit } from '../platform/audit.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../platform/errors.ts';
import { isUuid } from '../platform/ids.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import { ADMINS, requireAgentRole } from '../customers/permissions.ts';
import { emitWebhookEvent } from '../webhooks/index.ts';
import { countWritten, ERASE_WORDS_SQL, ERASED, eraseAuditQuotes, eraseWords, takeFormerAddresses, type WordsErased } from './erase-words.ts';

export const EraseContactInput = z.strictObject({
  contactId: z.string().max(100),
  /** The contact's email, typed again: an erasure cannot be undone. */
  confirmEmail: z.string().max(254),
});
export type EraseContactInput = z.input<typeof EraseContactInput>;

/** What an erasure did: the words of the tickets they opened and theirs anywhere (erase-words.ts), and the rest of them. */
export type Erasure = WordsErased & {
  contactId: string;
  erasedAt: Temporal.Instant;
  statusSubscriptionsDeleted: number;
  auditEntriesErased: number;
  /** Other tickets whose words still name them (email, or a name of 5 letters or more): for the admin to read and edit. */
  mentionedOn: Array<{ ticketId: string; number: number }>;
  /** Organizations whose notes (the team's, internal) still name them: for the admin to read and edit. */
  mentionedInNotesOf: Array<{ organizationId: string; name: string }>;
};

export async function eraseContact({ ctx, input }: { ctx: Ctx; input: EraseContactInput }): Promise<Erasure> {
  requireAgentRole(ctx.actor, ADMINS, "erase a contact's personal data");
  const value = parseInput(EraseContactInput, input);
  if (!isUuid(value.contactId)) throw new NotFoundError('contact not found');
  const now = ctx.clock.now();
  const actor = ctx.actor;
  return ctx.db.transaction(async (tx) => {
    const { rows: found } = await tx.query<{ id: string; email: string; name: string; organization_id: string; erased_at: Temporal.Instant | null }>(
      'SELECT id, email, name, organization_id, erased_at FROM contacts WHERE id = $1 FOR UPDATE', [value.contactId],
    );
    const contact = found[0];
    if (!contact) throw new NotFoundError('contact not found');
    if (contact.erased_at) throw new ConflictError("this contact's personal data was already erased");
    if (value.confirmEmail.trim().toLowerCase() !== contact.email) {
      throw new InvalidInputError('the confirmation does not match', [{ path: 'confirm_email', message: "must be the contact's email, to confirm an erasure that cannot be undone" }]);
    }
    // Their tickets, locked, so none is reopened (or replied to) half-way through.
    const { rows: tickets } = await tx.query<{ id: string; number: string; status: string }>(
      'SELECT id, number, status FROM tickets WHERE requester_id = $1 ORDER BY number FOR UPDATE', [contact.id],
    );
    const open = tickets.filter((t) => t.status !== 'solved' && t.status !== 'closed');
    if (open.length > 0) {
      throw new ConflictError(`they have tickets still open (${open.map((t) => `#${t.number}`).join(', ')}): solve or close them first, then erase`);
    }
    const ticketIds = tickets.map((t) => t.id);
    const email = contact.email;
    const placeholder = `erased-${contact.id}@erased.invalid`;
    const count = (sql: string, params: unknown[]) => countWritten(tx, sql, params);

    // The words of their tickets, what they wrote anywhere, mail from, to or naming them (erase-words.ts).
    const words = await eraseWords(tx, {
      ticketIds, person: { contactId: contact.id, email, placeholder }, now, actor,
      note: "The requester's personal data was erased on request: the words and files of this ticket are gone, its history stays.",
    });
    // Addresses they had before theirs was corrected (customers/update-contact.ts, 0060): mail to
    // and from those, their subscriptions and sign-in traces go too, and the record of them, each
    // up to when it stopped being theirs (someone added later may have it now: theirs stays).
    const former = await takeFormerAddresses(tx, { kind: 'contact', id: contact.id, email });
    const formerEmails = former.map((r) => r.email);
    const formerUntil = former.map((r) => r.until.toString());
    // Every address that was theirs: what the audit quoted under each goes below.
    const addresses = [email, ...formerEmails];
    for (const old of former) {
      words.inboundDeleted += await count(ERASE_WORDS_SQL.inbound, [[], old.email, old.until]);
      // Mail about their tickets lost its words above: its address goes now, uncounted; the rest is erased and counted.
      await tx.query(`UPDATE outbox SET recipient = $2 WHERE lower(recipient) = $1 AND payload ? 'erased'`, [old.email, placeholder]);
      words.outboxErased += await count(ERASE_WORDS_SQL.outbox, [[], old.email, ERASED, placeholder, old.until]);
    }
    // Rows under their address now, or under one they had, made while it was theirs.
    const underTheirs = (table: string, address: string, at: string) =>
      `lower(${table}.${address}) = $1 OR EXISTS (SELECT 1 FROM unnest($2::text[], $3::timestamptz[]) AS f(email, until) WHERE lower(${table}.${address}) = f.email AND ${table}.${at} <= f.until)`;
    const addressParams = [email, formerEmails, formerUntil];
    // Addresses they asked to be known by and never confirmed (web/auth/address-change.ts): the
    // link mailed there named them, so its words went above (it quotes their address); where it
    // went goes now. Only that mail: the address may never have been theirs.
    const { rows: asked } = await tx.query<{ new_email: string }>('DELETE FROM contact_address_changes WHERE contact_id = $1 AND used_at IS NULL RETURNING new_email', [contact.id]);
    const unconfirmed = [...new Set(asked.map((r) => r.new_email))].filter((e) => !addresses.includes(e));
    await tx.query(`UPDATE outbox SET recipient = $2 WHERE lower(recipient) = ANY($1::text[]) AND kind = 'address_confirm' AND payload ? 'erased'`, [unconfirmed, placeholder]);
    await tx.query('DELETE FROM contact_address_changes WHERE contact_id = $1', [contact.id]);
    await tx.query('DELETE FROM rating_links WHERE contact_id = $1', [contact.id]);
    await tx.query('DELETE FROM ticket_ccs WHERE contact_id = $1', [contact.id]);
    // Their answers to "Was this article helpful?" still count; what they wrote with them goes.
    await tx.query('UPDATE kb_article_feedback SET comment = NULL WHERE contact_id = $1 AND comment IS NOT NULL', [contact.id]);
    const statusSubscriptionsDeleted = await count(`DELETE FROM status_subscribers WHERE ${underTheirs('status_subscribers', 'email', 'created_at')}`, addressParams);
    await tx.query(`DELETE FROM web_login_attempts WHERE ${underTheirs('web_login_attempts', 'email', 'at')}`, addressParams);
    await tx.query('DELETE FROM web_sessions WHERE contact_id = $1', [contact.id]);
    await tx.query('DELETE FROM web_password_resets WHERE contact_id = $1', [contact.id]);
    await tx.query('DELETE FROM web_login_challenges WHERE contact_id = $1', [contact.id]);
    await tx.query('UPDATE api_tokens SET name = NULL, revoked_at = coalesce(revoked_at, $2) WHERE contact_id = $1', [contact.id, now]);
    // The answers Accord sent colleagues of theirs whose requests were held or dismissed (email/held-sender.ts, tickets/held-words.ts)
    // named them as a named support contact to ask: Accord's own words, so they go with the name.
    words.outboxErased += await count(
      `UPDATE outbox SET subject = $3, body = $3, payload = jsonb_build_object('erased', true),
         status = CASE WHEN status = 'pending' THEN 'suppressed' ELSE status END
       WHERE kind IN ('held_receipt', 'held_dismissed') AND payload->>'erased' IS NULL AND payload->>'held_request_id' IN (SELECT id::text FROM held_requests WHERE organization_id = $1)
         AND EXISTS (SELECT 1 FROM unnest($2::text[]) n WHERE strpos(lower(body), n) > 0)`,
      [contact.organization_id, needlesOf(email, contact.name), ERASED],
    );
    // The audit trail keeps who did what and when; what it quoted of them goes.
    const auditEntriesErased = await eraseAuditQuotes(tx, { kind: 'contact', id: contact.id, email }, former);
    await tx.query(
      `UPDATE contacts SET email = $2, name = 'Erased contact', named_contact = false, password_hash = NULL, time_zone = NULL,
         totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL, totp_recovery = '[]',
         deactivated_at = coalesce(deactivated_at, $3), erased_at = $3
       WHERE id = $1`,
      [contact.id, placeholder, now],
    );
    const mentionedOn = await mentions(tx, { email, name: contact.name, except: ticketIds });
    const mentionedInNotesOf = await notesMentioning(tx, { email, name: contact.name });
    const erasure: Erasure = { contactId: contact.id, erasedAt: now, ...words, statusSubscriptionsDeleted, auditEntriesErased, mentionedOn, mentionedInNotesOf };
    // Integrations that were sent their tickets are told, after their stored bodies were erased (GDPR art. 19).
    await emitWebhookEvent(tx, { type: 'contact.erased', occurredAt: now, data: { contactId: contact.id, organizationId: contact.organization_id, ticketIds, erasedAt: now } });
    // Counts only: the audit entry of an erasure names nobody.
    const { contactId: _id, erasedAt: _at, mentionedOn: _m, mentionedInNotesOf: _n, ...counts } = erasure;
    await recordAudit(tx, {
      at: now, actor, type: 'contact.erased', subjectKind: 'contact', subjectId: contact.id, organizationId: contact.organization_id,
      data: { ...counts, mentionedOn: mentionedOn.length, mentionedInNotesOf: mentionedInNotesOf.length },
    });
    return erasure;
  });
}

// A name of one short word would match too much to be useful; the email always counts.
const needlesOf = (email: string, name: string) => [email, ...(name.trim().length >= 5 ? [name.trim().toLowerCase()] : [])];

/** Organizations whose notes still name the person. */
async function notesMentioning(db: Db, { email, name }: { email: string; name: string }): Promise<Erasure['mentionedInNotesOf']> {
  const { rows } = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM organizations WHERE notes IS NOT NULL AND EXISTS (SELECT 1 FROM unnest($1::text[]) n WHERE strpos(lower(notes), n) > 0) ORDER BY name, id',
    [needlesOf(email, name)],
  );
  return rows.map((r) => ({ organizationId: r.id, name: r.name }));
}

/** Other tickets whose words (subject, description, timeline) still name the person, up to 100. */
async function mentions(db: Db, { email, name, except }: { email: string; name: string; except: string[] }): Promise<Erasure['mentionedOn']> {
  const needles = needlesOf(email, name);
  const { rows } = await db.query<{ id: string; number: string }>(
    `SELECT t.id, t.number FROM tickets t
     WHERE NOT (t.id = ANY($1::uuid[])) AND EXISTS (SELECT 1 FROM unnest($2::text[]) n WHERE
       strpos(lower(t.subject), n) > 0 OR strpos(lower(t.description), n) > 0
       OR EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND strpos(lower(e.body), n) > 0))
     ORDER BY t.number LIMIT 100`,
    [except, needles],
  );
  return rows.map((r) => ({ ticketId: r.id, number: Number(r.number) }));
}
