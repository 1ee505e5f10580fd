// exportContactData: what the desk holds about one person at a customer, gathered for their right
// of access (GDPR art. 15) and to data portability (art. 20): an admin downloads it, reads it and
// sends it on. One snapshot (a repeatable-read transaction), every table that erase-contact.ts
// erases from, in plain JSON.
//
// Other people are not the person's data: the timeline says who wrote each entry by kind only
// ("agent", "contact", "system", or `self` for the person's own words), never by name. Internal
// notes are the vendor's working record and may be withheld where the law allows: they are left
// out unless asked for (`internal: true`), so the admin decides, not a default. Files are listed
// (name, type, size, when), not embedded; their contents are on the ticket pages. A contact may
// download their own copy too (the portal's settings page): never with internal notes.
import { z } from 'zod';
import { ForbiddenError, NotFoundError } from '../platform/errors.ts';
import { isUuid } from '../platform/ids.ts';
import { parseInput } from '../platform/validation.ts';
import type { Ctx } from '../platform/context.ts';
import { ADMINS, requireAgentRole } from '../customers/permissions.ts';
import { contactData } from '../tickets/index.ts';

export const ExportContactDataInput = z.strictObject({
  contactId: z.string().max(100),
  /** Internal notes and other internal timeline entries too (the vendor's working record). */
  internal: z.boolean().default(false),
});
export type ExportContactDataInput = z.input<typeof ExportContactDataInput>;

type Row = Record<string, unknown>;
export type ContactData = {
  exportedAt: Temporal.Instant;
  internalIncluded: boolean;
  contact: Row;
  ticketsOpened: Row[];
  writtenElsewhere: Row[];
  copiedOn: Row[];
  ratings: Row[];
  articleFeedback: Row[];
  mailReceived: Row[];
  mailSent: Row[];
  heldRequests: Row[];
  statusSubscriptions: Row[];
  apiTokens: Row[];
  signInAttempts: Row[];
  /** Addresses they asked to be known by (web/auth/address-change.ts): when, until when the link worked, and when it was used. */
  addressChanges: Row[];
  auditTrail: Row[];
};

export async function exportContactData({ ctx, input }: { ctx: Ctx; input: ExportContactDataInput }): Promise<ContactData> {
  const v = parseInput(ExportContactDataInput, input);
  // Admins, of anyone, internal notes if asked; a contact, of themselves, public only.
  const self = ctx.actor.kind === 'contact' && ctx.actor.id === v.contactId;
  if (!self) requireAgentRole(ctx.actor, ADMINS, "export a contact's personal data");
  if (self && v.internal) throw new ForbiddenError('Internal notes are the support team\'s', [{ path: 'internal', message: 'is for admins' }]);
  if (!isUuid(v.contactId)) throw new NotFoundError('contact not found');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const all = async (sql: string, params: unknown[]) => (await tx.query<Row>(sql, params)).rows;
    const [contact] = await all(
      `SELECT c.id, c.email, c.name, c.named_contact AS "namedContact", c.time_zone AS "timeZone", c.created_at AS "createdAt",
         c.deactivated_at AS "deactivatedAt", c.erased_at AS "erasedAt", c.totp_enabled_at IS NOT NULL AS "twoStepSignIn",
         jsonb_build_object('id', o.id, 'name', o.name, 'plan', o.plan_id) AS organization,
         ARRAY(SELECT f.email FROM contact_former_emails f WHERE f.contact_id = c.id ORDER BY f.changed_at) AS "formerEmails"
       FROM contacts c JOIN organizations o ON o.id = c.organization_id WHERE c.id = $1`,
      [v.contactId],
    );
    if (!contact) throw new NotFoundError('contact not found');
    const id = v.contactId;
    // Their address, and those they had before it was corrected (customers/update-contact.ts): mail, subscriptions and sign-ins under each.
    const emails = [String(contact.email), ...(contact.formerEmails as string[])];
    const visible = v.internal ? "('public', 'internal')" : "('public')";
    const tickets = await all(
      `SELECT id, number::int AS number, subject, description, status, severity, plan_id AS plan, channel, request_type AS "requestType",
         intake_answers AS "intakeAnswers", created_at AS "createdAt", updated_at AS "updatedAt"
       FROM tickets WHERE requester_id = $1 ORDER BY number`,
      [id],
    );
    const ticketIds = tickets.map((t) => t.id);
    const events = await all(
      `SELECT ticket_id, at, type, visibility, CASE WHEN actor_kind = 'contact' AND actor_id = $2 THEN 'self' ELSE actor_kind END AS by, body, data
       FROM ticket_events WHERE ticket_id = ANY($1::uuid[]) AND visibility IN ${visible} ORDER BY at, seq`,
      [ticketIds, id],
    );
    const files = await all(
      `SELECT f.ticket_id, f.filename, f.content_type AS "contentType", f.size, f.created_at AS at
       FROM ticket_files f JOIN ticket_events e ON e.id = f.event_id WHERE f.ticket_id = ANY($1::uuid[]) AND e.visibility IN ${visible} ORDER BY f.created_at, f.id`,
      [ticketIds],
    );
    const of = (rows: Row[], ticketId: unknown) => rows.filter((r) => r.ticket_id === ticketId).map(({ ticket_id: _t, ...rest }) => rest);
    // A contact's own copy shows each entry's data as their ticket pages do (tickets/event-view.ts):
    // only the fields listed for customers, never what the team recorded for itself.
    const shown = self ? events.map((e) => ({ ...e, data: contactData(String(e.type), e.data as Record<string, unknown>) })) : events;
    const ticketsOpened = tickets.map((t) => ({ ...t, timeline: of(shown, t.id), files: of(files, t.id) }));
    const writtenElsewhere = await all(
      `SELECT t.id AS "ticketId", t.number::int AS number, e.at, e.type, e.body
       FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
       WHERE e.actor_kind = 'contact' AND e.actor_id = $1 AND t.requester_id <> $1 ORDER BY e.at, e.seq`,
      [id],
    );
    const copiedOn = await all(
      `SELECT t.id AS "ticketId", t.number::int AS number, t.subject, k.added_at AS since FROM ticket_ccs k JOIN tickets t ON t.id = k.ticket_id WHERE k.contact_id = $1 ORDER BY k.added_at`,
      [id],
    );
    const ratings = await all(
      `SELECT t.number::int AS number, r.rating, r.comment, r.rated_at AS "ratedAt" FROM ticket_ratings r JOIN tickets t ON t.id = r.ticket_id WHERE r.contact_id = $1 ORDER BY r.rated_at`,
      [id],
    );
    // Their answers to "Was this article helpful?", with what they said.
    const articleFeedback = await all(
      `SELECT a.slug AS article, a.title, f.helpful, f.comment, f.updated_at AS "votedAt"
       FROM kb_article_feedback f JOIN kb_articles a ON a.id = f.article_id WHERE f.contact_id = $1 ORDER BY f.updated_at, f.id`,
      [id],
    );
    const mailReceived = await all(
      `SELECT m.received_at AS "receivedAt", m.from_address AS "from", m.subject, m.text_body AS text, m.status, t.number::int AS "ticketNumber"
       FROM inbound_messages m LEFT JOIN tickets t ON t.id = m.ticket_id
       WHERE lower(m.from_address) = ANY($1::text[]) OR lower(m.envelope_from) = ANY($1::text[]) ORDER BY m.received_at, m.id`,
      [emails],
    );
    const mailSent = await all(
      `SELECT created_at AS "createdAt", kind, subject, body, status, sent_at AS "sentAt" FROM outbox WHERE lower(recipient) = ANY($1::text[]) ORDER BY created_at, id`,
      [emails],
    );
    const heldRequests = await all(
      `SELECT created_at AS "createdAt", channel, reason, status, request FROM held_requests
       WHERE requester_id = $1 OR (actor_kind = 'contact' AND actor_id = $1) ORDER BY created_at, id`,
      [id],
    );
    const statusSubscriptions = await all(
      `SELECT list, component_ids AS components, created_at AS "createdAt", confirmed_at AS "confirmedAt", unsubscribed_at AS "unsubscribedAt"
       FROM status_subscribers WHERE lower(email) = ANY($1::text[]) ORDER BY created_at`,
      [emails],
    );
    const apiTokens = await all(
      `SELECT prefix, name, created_at AS "createdAt", last_used_at AS "lastUsedAt", expires_at AS "expiresAt", revoked_at AS "revokedAt" FROM api_tokens WHERE contact_id = $1 ORDER BY created_at`,
      [id],
    );
    const signInAttempts = await all('SELECT at, address, succeeded FROM web_login_attempts WHERE lower(email) = ANY($1::text[]) ORDER BY at', [emails]);
    const addressChanges = await all(
      `SELECT new_email AS "newEmail", requested_at AS "requestedAt", expires_at AS "expiresAt", used_at AS "confirmedAt"
       FROM contact_address_changes WHERE contact_id = $1 ORDER BY requested_at, id`,
      [id],
    );
    const auditTrail = await all(
      `SELECT at, type, CASE WHEN actor_kind = 'contact' AND actor_id = $1 THEN 'self' ELSE actor_kind END AS by, data
       FROM audit_events WHERE subject_kind = 'contact' AND subject_id = $1 ORDER BY at, id`,
      [id],
    );
    return {
      exportedAt: now, internalIncluded: v.internal, contact, ticketsOpened, writtenElsewhere, copiedOn, ratings, articleFeedback, mailReceived, mailSent,
      heldRequests, statusSubscriptions, apiTokens, signInAttempts, addressChanges, auditTrail,
    };
  });
}
