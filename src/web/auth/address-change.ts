// A contact changes the address they are known by themselves: their mail stopped arriving (a full
// mailbox, a company that changed its domain) and the portal told them so, or they simply moved.
// Asked for on their settings page with their current password (a session left open on a shared
// computer does not hand over the account), and done only when they open the link mailed to the new
// address within ADDRESS_CONFIRM_HOURS: an address they cannot read never becomes theirs. The change
// itself is the one the support team makes (customers/update-contact.ts moveContactAddress): mail
// not sent yet goes to the new address, the old one stays known as theirs, and they are told at
// both. An address someone else at the desk has is not refused to the contact (that would tell
// them who else the desk knows): it is told so, and no link is made. An agent's address is an
// admin's to change (Admin > Agents): an agent gets a refusal here.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { assertEmailNotAgent, emailTaken, hashToken, moveContactAddress, voidAddressChanges } from '../../customers/index.ts';
import {
  ConflictError, ForbiddenError, InvalidInputError, isUniqueViolation, LimitExceededError, parseInput, recordAudit, type Actor, type Clock, type Db,
} from '../../platform/index.ts';
import { queueMessage } from '../../outbox/index.ts';
import { checkCurrentPassword, type SignedIn } from './password-change.ts';
import { randomSecret } from './sessions.ts';

/** How long the link mailed to the new address works. */
export const ADDRESS_CONFIRM_HOURS = 24;
/** Links a contact may ask for in an hour: each one mails an address they typed, so the desk is no way to mail strangers. */
export const MAX_ADDRESS_REQUESTS_PER_HOUR = 3;

export const AddressChangeInput = z.strictObject({
  current: z.string().min(1, 'is required: the password you sign in with now').max(200),
  email: z.string().trim().max(254).pipe(z.email('is not an email address')).transform((e) => e.toLowerCase()),
});
export type AddressChangeInput = z.input<typeof AddressChangeInput>;

export type PendingAddressChange = { email: string; expiresAt: Temporal.Instant };

type Deps = { db: Db; clock: Clock; baseUrl: string };

function contactOnly(actor: SignedIn['actor']): Extract<Actor, { kind: 'contact' }> {
  if (actor.kind !== 'contact') throw new ForbiddenError("An agent's address is changed by an admin, on Admin > Agents");
  return actor;
}

/**
 * Mails a link to the new address; the change waits for it. A new request voids the one before.
 * Answers what is waiting.
 */
export async function requestAddressChange({ db, clock, baseUrl }: Deps, { actor, address }: SignedIn, input: AddressChangeInput): Promise<PendingAddressChange> {
  const contact = contactOnly(actor);
  const value = parseInput(AddressChangeInput, input);
  const now = clock.now();
  const me = await checkCurrentPassword(db, now, contact, address, value.current);
  if (value.email === me.email) throw new InvalidInputError('That is the address you have', [{ path: 'email', message: 'is the address you are known by now' }]);
  const token = randomSecret();
  const link = new URL(`/address/confirm?token=${encodeURIComponent(token)}`, baseUrl).toString();
  const expiresAt = now.add({ hours: ADDRESS_CONFIRM_HOURS });
  return db.transaction(async (tx) => {
    await tx.query('SELECT 1 FROM contacts WHERE id = $1 FOR UPDATE', [contact.id]);
    const { rows: [asked] } = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM contact_address_changes WHERE contact_id = $1 AND requested_at > $2', [contact.id, now.subtract({ hours: 1 })],
    );
    if (asked.n >= MAX_ADDRESS_REQUESTS_PER_HOUR) {
      throw new LimitExceededError(`You asked for ${asked.n} links in the last hour: use the latest one, or try again later`);
    }
    await voidAddressChanges(tx, contact.id, now, 'not sent: a newer link was asked for');
    // Someone else's address (a colleague's, an agent's): the ask reads the same to the contact, or
    // it would tell them who else the desk knows (as asking for a password reset tells nobody). The
    // address is told it is in use, and no link is made (the row's token is one nobody holds).
    const { rows: taken } = await tx.query(
      'SELECT 1 FROM contacts WHERE email = $1 UNION ALL SELECT 1 FROM agents WHERE lower(email) = $1', [value.email],
    );
    const inUse = taken.length > 0;
    const id = randomUUID();
    await tx.query(
      'INSERT INTO contact_address_changes (id, contact_id, new_email, token_hash, requested_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [id, contact.id, value.email, hashToken(inUse ? randomSecret() : token), now, expiresAt],
    );
    // Mail to an address nobody has confirmed names no one and quotes nothing typed (a name is the
    // contact's to set): the desk is no way to send a stranger words of someone's choosing.
    await queueMessage(tx, inUse
      ? {
        kind: 'address_confirm', recipient: value.email, createdAt: now, payload: { address_change_id: id, automatic: true },
        subject: 'Your address for support',
        body: `Someone signed in to the support desk as ${me.email} asked to be known by this address, ${value.email}. `
          + 'It is in use at the desk already (perhaps by you), so nothing was changed and no link was made.\n\n'
          + 'If you did not ask, ignore this message.\n',
      }
      : {
        kind: 'address_confirm', recipient: value.email, createdAt: now, payload: { address_change_id: id, link },
        subject: 'Confirm your new address for support',
        body: `Someone signed in to the support desk as ${me.email} asked to be known by this address, ${value.email}, instead.\n\n`
          + `To make the change, open this link within ${ADDRESS_CONFIRM_HOURS} hours:\n${link}\n\n`
          + `Until then mail about their cases goes to ${me.email}, and they sign in with it. If you did not ask, ignore this message: nothing changes.\n`,
      });
    await recordAudit(tx, {
      at: now, actor: contact, type: 'contact.address_change_requested', subjectKind: 'contact', subjectId: contact.id, organizationId: contact.organizationId,
      data: { to: value.email, ...(inUse ? { inUse: true } : {}) },
    });
    return { email: value.email, expiresAt };
  });
}

/** The change waiting for the contact's link, if any (their settings page says so). */
export async function pendingAddressChange(db: Db, clock: Clock, contactId: string): Promise<PendingAddressChange | null> {
  const { rows } = await db.query<{ new_email: string; expires_at: Temporal.Instant }>(
    'SELECT new_email, expires_at FROM contact_address_changes WHERE contact_id = $1 AND used_at IS NULL AND expires_at > $2 ORDER BY requested_at DESC LIMIT 1',
    [contactId, clock.now()],
  );
  return rows[0] ? { email: rows[0].new_email, expiresAt: rows[0].expires_at } : null;
}

/** The contact takes the request back (mistyped, or not wanted): the link mailed works no more. */
export async function cancelAddressChange({ db, clock }: Omit<Deps, 'baseUrl'>, { actor }: SignedIn): Promise<void> {
  const contact = contactOnly(actor);
  await db.transaction((tx) => voidAddressChanges(tx, contact.id, clock.now(), 'not sent: the change was taken back'));
}

/** What a link would change, read without spending it (the page the link opens asks first: a mail scanner opening links changes nothing). */
export async function addressChangeOfToken(db: Db, clock: Clock, token: string): Promise<{ from: string; to: string } | null> {
  const { rows } = await db.query<{ from: string; to: string }>(
    `SELECT c.email AS from, a.new_email AS to FROM contact_address_changes a JOIN contacts c ON c.id = a.contact_id
     WHERE a.token_hash = $1 AND a.used_at IS NULL AND a.expires_at > $2 AND c.deactivated_at IS NULL AND c.erased_at IS NULL`,
    [hashToken(token.slice(0, 200)), clock.now()],
  );
  return rows[0] ?? null;
}

const ConfirmInput = z.strictObject({ token: z.string().min(1, 'is required').max(200) });

/**
 * The link opened and confirmed: the contact is known by the new address from now on. Single use;
 * refused when expired, used, or the person left meanwhile. Answers the addresses.
 */
export async function confirmAddressChange({ db, clock }: Omit<Deps, 'baseUrl'>, input: { token: string }): Promise<{ from: string; to: string }> {
  const { token } = parseInput(ConfirmInput, input);
  const now = clock.now();
  try {
    return await db.transaction(async (tx) => {
      // The contact's row first, then the ask's, in the order every change of address takes them.
      const hash = hashToken(token);
      const { rows: [asked] } = await tx.query<{ contact_id: string }>('SELECT contact_id FROM contact_address_changes WHERE token_hash = $1', [hash]);
      const invalid = () => new InvalidInputError('This link is not valid any more: ask for the change again on your settings page', [{ path: 'token', message: 'is unknown, used or expired' }]);
      if (!asked) throw invalid();
      const { rows: [c] } = await tx.query<{ email: string; organization_id: string; deactivated_at: Temporal.Instant | null; erased_at: Temporal.Instant | null }>(
        'SELECT email, organization_id, deactivated_at, erased_at FROM contacts WHERE id = $1 FOR UPDATE', [asked.contact_id],
      );
      const { rows: [spent] } = await tx.query<{ contact_id: string; new_email: string }>(
        'UPDATE contact_address_changes SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING contact_id, new_email',
        [hash, now],
      );
      if (!spent) throw invalid();
      if (c.deactivated_at || c.erased_at) throw new ConflictError('This person is no longer a contact of the desk: nothing was changed');
      await assertEmailNotAgent(tx, spent.new_email);
      const redirected = await moveContactAddress(tx, { contactId: spent.contact_id, from: c.email, to: spent.new_email, now, tell: 'self' });
      const actor: Actor = { kind: 'contact', id: spent.contact_id, organizationId: c.organization_id };
      await recordAudit(tx, {
        at: now, actor, type: 'contact.updated', subjectKind: 'contact', subjectId: spent.contact_id, organizationId: c.organization_id,
        data: { email: { from: c.email, to: spent.new_email }, confirmedByLink: true, ...(redirected > 0 ? { mailRedirected: redirected } : {}) },
      });
      return { from: c.email, to: spent.new_email };
    });
  } catch (error) {
    // Someone became known by it since the link was mailed.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}
