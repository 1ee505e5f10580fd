// updateContact: a person at a customer organization changes name, stops or starts being a Named
// Support Contact, or leaves. Managers and admins, as for creating one. This is how a policy's
// change process is carried out (OpenBack: "Any changes to the Named Support Contacts shall be
// submitted ... specifying the former and new contacts"): the former is un-named or deactivated,
// the new one named, and the plan's limit counts active named contacts only. Deactivating keeps
// the contact's tickets and history and at once ends their web sessions and revokes their API
// tokens; they sign in no more, their mail is treated as a stranger's, and they are copied on no
// ticket. `active: true` brings them back, without their old tokens.
//
// Their email is corrected when it was mistyped or their company's changed (mail to it did not
// arrive: rows.ts CONTACT_SELECT): mail not sent yet (a reply still retrying against the wrong
// address) goes to the new one; a sign-in or invitation link mailed to the old one works no more;
// they sign in, and their mail is known, by the new one. Sessions and tokens stay (the same person).
// An active contact is told, at the new address and at the old one unless mail there was failing
// already: a change they did not ask for (someone taking over their account) is seen where they read.
import { recordAudit } from '../platform/audit.ts';
import { ConflictError, NotFoundError } from '../platform/errors.ts';
import type { Ctx } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import { queueMessage } from '../outbox/index.ts';
import { assertEmailNotAgent, assertUnderLimit } from './create-contact.ts';
import { MANAGERS } from './permissions.ts';
import { CONTACT_COLUMNS, CONTACT_SELECT, MAIL_UNDELIVERED, toContact } from './rows.ts';
import { UpdateContactInput } from './schemas.ts';
import type { Contact } from './schemas.ts';
import { accountMailTime } from './mail-time.ts';
import { personChanges, updatePerson } from './update-person.ts';

export async function updateContact({ ctx, input }: { ctx: Ctx; input: UpdateContactInput }): Promise<Contact> {
  return updatePerson(ctx, input, {
    roles: MANAGERS, action: 'change contacts', schema: UpdateContactInput, id: (value) => value.contactId, notFound: 'contact not found',
    change: (value, now) => change(ctx, value, now),
  });
}

async function change(ctx: Ctx, value: ReturnType<typeof UpdateContactInput.parse>, now: Temporal.Instant): Promise<Contact> {
  return ctx.db.transaction(async (tx) => {
    const { rows: found } = await tx.query<{ organization_id: string }>('SELECT organization_id FROM contacts WHERE id = $1', [value.contactId]);
    if (!found[0]) throw new NotFoundError('contact not found');
    // The organization's row first (as createContact), so the named-contact limit cannot be overshot.
    const { rows: org } = await tx.query<{ plan_id: string }>('SELECT plan_id FROM organizations WHERE id = $1 FOR UPDATE', [found[0].organization_id]);
    const { rows } = await tx.query(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id = $1 FOR UPDATE`, [value.contactId]);
    const before = toContact(rows[0]);
    // Erased on request (privacy/erase-contact.ts): the row names nobody, and nobody comes back through it.
    if (before.erasedAt) throw new ConflictError("this contact's personal data was erased: add the person again as a new contact");
    const activeAfter = value.active ?? before.deactivatedAt === null;
    const namedAfter = value.namedContact ?? before.namedContact;
    const leaving = !activeAfter && before.deactivatedAt === null;
    const returning = activeAfter && before.deactivatedAt !== null;
    // One more active named contact: named now, or a named one coming back.
    const countedBefore = before.namedContact && before.deactivatedAt === null;
    if (namedAfter && activeAfter && !countedBefore) {
      // Coming back named: they may come back not named instead; being named: another is un-named first.
      const instead = returning && value.namedContact === undefined ? 'bring them back as not named' : null;
      await assertUnderLimit(tx, before.organizationId, org[0].plan_id, instead);
    }
    const emailAfter = value.email ?? before.email;
    const newEmail = emailAfter !== before.email;
    if (newEmail) await assertEmailNotAgent(tx, emailAfter);
    await tx.query(
      'UPDATE contacts SET name = $2, named_contact = $3, deactivated_at = $4 WHERE id = $1',
      [before.id, value.name ?? before.name, namedAfter, activeAfter ? null : before.deactivatedAt ?? now],
    );
    const redirected = newEmail ? await moveContactAddress(tx, { contactId: before.id, from: before.email, to: emailAfter, now, tell: activeAfter ? 'team' : null }) : 0;
    const { rows: updated } = await tx.query(`SELECT ${CONTACT_SELECT} FROM contacts WHERE id = $1`, [before.id]);
    const contact = toContact(updated[0]);
    if (leaving) {
      await tx.query('DELETE FROM web_sessions WHERE contact_id = $1', [contact.id]);
      await tx.query('UPDATE api_tokens SET revoked_at = $2 WHERE contact_id = $1 AND revoked_at IS NULL', [contact.id, now]);
    }
    const changes = personChanges(['name', 'email', 'namedContact'], value, before, contact);
    if (redirected > 0) changes.mailRedirected = redirected;
    await recordAudit(tx, {
      at: now, actor: ctx.actor, type: leaving ? 'contact.deactivated' : returning ? 'contact.reactivated' : 'contact.updated',
      subjectKind: 'contact', subjectId: contact.id, organizationId: contact.organizationId, data: changes,
    });
    return contact;
  });
}

/**
 * A contact's address moved from `from` to `to` (their row locked by the caller, `to` checked to be
 * no agent's): mail not sent yet goes where it now reaches them; a sign-in, invitation or
 * address-change link mailed before is void; the old address is kept as a former one (mail from it
 * is still known as theirs, contact_former_emails). `tell`: who changed it, for the mail telling
 * them at the new address and at the old one unless mail there was failing already; null: not told
 * (they left). Answers how many mails were redirected. A unique violation is the caller's to word.
 */
export async function moveContactAddress(tx: Db, m: { contactId: string; from: string; to: string; now: Temporal.Instant; tell: 'team' | 'self' | null }): Promise<number> {
  // Read before the change: whether mail to the old address was reaching them.
  const oldFailing = (await tx.query<{ failing: boolean | null }>(`SELECT ${MAIL_UNDELIVERED} AS failing FROM contacts WHERE id = $1`, [m.contactId])).rows[0].failing === true;
  await tx.query('UPDATE contacts SET email = $2 WHERE id = $1', [m.contactId, m.to]);
  await suppressVoidLinks(tx, m.from);
  const moved = await tx.query("UPDATE outbox SET recipient = $2 WHERE recipient = $1 AND status = 'pending' RETURNING id", [m.from, m.to]);
  await tx.query('DELETE FROM web_password_resets WHERE contact_id = $1 AND used_at IS NULL', [m.contactId]);
  await voidAddressChanges(tx, m.contactId, m.now, 'not sent: the address was changed meanwhile');
  await tx.query(
    `INSERT INTO contact_former_emails (email, contact_id, changed_at) VALUES ($1, $2, $3)
     ON CONFLICT (email, contact_id) DO UPDATE SET changed_at = excluded.changed_at`,
    [m.from, m.contactId, m.now],
  );
  if (m.tell) await tellOfNewAddress(tx, { contactId: m.contactId, from: m.from, to: m.to, now: m.now, toOld: !oldFailing, by: m.tell });
  return moved.rows.length;
}

/**
 * Sign-in links waiting to be mailed to an address that is no longer the person's (an invitation, a
 * password reset): their tokens are void with the change, so they are not sent, to either address.
 */
export async function suppressVoidLinks(tx: Db, address: string): Promise<void> {
  await tx.query(
    `UPDATE outbox SET status = 'suppressed', last_error = 'not sent: its link works no more, the address changed'
     WHERE lower(recipient) = $1 AND status = 'pending' AND kind IN ('invitation', 'password_reset')`,
    [address],
  );
}

/**
 * A contact's own asks for a new address (web/auth/address-change.ts) that wait for their link are
 * void: the link works no more, and is not mailed if it still waits in the outbox (`why` says so
 * there). The rows stay: they count against the asks an hour.
 */
export async function voidAddressChanges(tx: Db, contactId: string, now: Temporal.Instant, why: string): Promise<void> {
  const { rows } = await tx.query<{ id: string }>(
    'UPDATE contact_address_changes SET expires_at = $2 WHERE contact_id = $1 AND used_at IS NULL AND expires_at > $2 RETURNING id', [contactId, now],
  );
  if (rows.length === 0) return;
  await tx.query(
    `UPDATE outbox SET status = 'suppressed', last_error = $2
     WHERE kind = 'address_confirm' AND status = 'pending' AND payload->>'address_change_id' = ANY($1::text[])`,
    [rows.map((r) => r.id), why],
  );
}

/** The contact told of their new address: at it, and at the old one when mail there was not failing; when, in their zone (mail-time.ts). */
async function tellOfNewAddress(tx: Db, m: { contactId: string; from: string; to: string; now: Temporal.Instant; toOld: boolean; by: 'team' | 'self' }): Promise<void> {
  const at = await accountMailTime(tx, { kind: 'contact', id: m.contactId }, m.now);
  const who = m.by === 'team' ? 'The support team changed' : 'You changed';
  await queueMessage(tx, {
    kind: 'address_changed', recipient: m.to, createdAt: m.now, payload: { automatic: true },
    subject: 'Your address for support was changed',
    body: `${who} the address you are known by from ${m.from} to this one, ${m.to}, at ${at}.\n\n`
      + 'From now on mail about your cases comes here, and you sign in with this address (your password is unchanged). Mail you send from this address reaches us as yours.\n\n'
      + 'If this is not your address, or you did not ask for the change, reply to tell us.\n',
    dedupeKey: `address-changed:${m.to}:${m.now.epochMilliseconds}`,
  });
  if (!m.toOld) return;
  await queueMessage(tx, {
    kind: 'address_changed', recipient: m.from, createdAt: m.now, payload: { automatic: true },
    subject: 'Your address for support was changed',
    body: `${who} the address you are known by from this one, ${m.from}, to ${m.to}, at ${at}.\n\n`
      + 'Mail about your cases goes there from now on, and you sign in with that address.\n\n'
      + 'If you did not ask for this, tell the support team at once (by phone, or from an address they know): someone else may be trying to take over your account.\n',
    dedupeKey: `address-changed:${m.from}:${m.now.epochMilliseconds}`,
  });
}
