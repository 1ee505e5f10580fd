// A contact's mail that does not arrive, and their address corrected (customers/rows.ts
// CONTACT_SELECT, update-contact.ts), on OpenBack. Agents see whether the latest mail to a contact
// was refused for good or came back, and why; a later message that goes out unreturned clears it; a
// contact never sees it of a colleague. A manager corrects the address: mail not yet sent goes to
// the new one, a link mailed to the old one is void, they sign in with the new one; an address of
// another contact or of an agent is refused naming the field; a front-line agent or a contact may not.
// Erasing them afterwards erases the mail of the old address too.
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countContactsMailUndelivered, hashPassword, listContacts, listOrganizations, updateContact } from '../../src/customers/index.ts';
import { queueMessage } from '../../src/outbox/index.ts';
import { eraseContact, exportContactData } from '../../src/privacy/index.ts';
import { signIn } from '../../src/web/index.ts';
import { UnauthenticatedError } from '../../src/platform/index.ts';
import { suiteDesk } from '../support/desk.ts';

describe("a contact's mail that does not arrive, and their address corrected, OpenBack", () => {
  const s = suiteDesk('openback', 'enterprise', '2026-12-02T10:00:00Z');
  const contact = async (actor = s.desk.manager) => (await listContacts({ ctx: s.desk.ctx(actor), input: { ids: [s.org.contactId] } })).items[0];
  /** A message to `to`, queued now, then as delivery left it. */
  const mail = async (to: string, fate: { status: 'pending' | 'sent' | 'failed'; error?: string; bounce?: string }) => {
    s.desk.clock.set(s.desk.clock.now().add({ minutes: 1 }));
    const id = await queueMessage(s.desk.t.db, { kind: 'ticket_reply', recipient: to, subject: 'Re: [#1] VPN', body: 'We are on it.', createdAt: s.desk.clock.now() });
    await s.desk.t.db.query('UPDATE outbox SET status = $2, last_error = $3, bounced_at = $4, bounce_reason = $5 WHERE id = $1', [
      id, fate.status, fate.error ?? null, fate.bounce ? s.desk.clock.now().add({ seconds: 30 }) : null, fate.bounce ?? null,
    ]);
    return id!;
  };

  it('agents see the latest mail refused or returned, with the reason; a later one that goes out clears it; a colleague sees nothing', async () => {
    const email = (await contact()).email;
    assert.equal((await contact()).mailUndelivered, null, 'nothing sent yet');
    await mail(email, { status: 'sent' });
    assert.equal((await contact()).mailUndelivered, null);
    await mail(email, { status: 'failed', error: '550 5.1.1 mailbox unavailable' });
    const refused = (await contact()).mailUndelivered!;
    assert.deepEqual([refused.how, refused.kind, refused.mailAt.toString(), refused.reason], ['failed', 'ticket_reply', '2026-12-02T10:02:00Z', '550 5.1.1 mailbox unavailable']);
    // Still waiting to be sent: the latest outcome stands.
    await mail(email, { status: 'pending' });
    assert.equal((await contact()).mailUndelivered?.how, 'failed');
    await mail(email, { status: 'sent' });
    assert.equal((await contact()).mailUndelivered, null, 'a later message went out');
    await mail(email, { status: 'sent', bounce: '5.2.2 mailbox full' });
    const returned = (await contact()).mailUndelivered!;
    assert.deepEqual([returned.how, returned.mailAt.toString(), returned.reason], ['bounced', '2026-12-02T10:05:00Z', '5.2.2 mailbox full']);
    assert.equal((await contact(s.desk.agent)).mailUndelivered?.how, 'bounced', 'any agent sees it');
    assert.equal((await contact(s.org.contact)).mailUndelivered, null, 'the contact (or a colleague) does not');
  });

  it("the team finds whose mail does not arrive, and their organizations; a contact may not ask", async () => {
    const manager = s.desk.ctx(s.desk.manager);
    const other = await s.desk.addOrganization('enterprise');
    const undelivered = async (flag: boolean) => (await listContacts({ ctx: manager, input: { mailUndelivered: flag, limit: 200 } })).items.map((c) => c.id);
    const orgs = async (flag: boolean) => (await listOrganizations({ ctx: manager, input: { mailUndelivered: flag, limit: 200 } })).items.map((o) => o.id);
    // The previous test left the contact's latest mail returned; the other organization's contact had none.
    assert.deepEqual(await undelivered(true), [s.org.contactId]);
    assert.ok((await undelivered(false)).includes(other.contactId) && !(await undelivered(false)).includes(s.org.contactId));
    assert.deepEqual(await orgs(true), [s.org.id]);
    assert.ok((await orgs(false)).includes(other.id) && !(await orgs(false)).includes(s.org.id));
    assert.equal(await countContactsMailUndelivered({ ctx: s.desk.ctx(s.desk.agent) }), 1);
    // Mail refused to the other contact too, then a later one to ours goes out: only theirs is left.
    const theirs = (await listContacts({ ctx: manager, input: { ids: [other.contactId] } })).items[0].email;
    await mail(theirs, { status: 'failed', error: '550 no such user' });
    await mail((await contact()).email, { status: 'sent' });
    assert.deepEqual(await undelivered(true), [other.contactId]);
    assert.deepEqual(await orgs(true), [other.id]);
    // A deactivated contact is no one to correct.
    await updateContact({ ctx: manager, input: { contactId: other.contactId, active: false } });
    assert.deepEqual([await undelivered(true), await orgs(true), await countContactsMailUndelivered({ ctx: manager })], [[], [], 0]);
    await updateContact({ ctx: manager, input: { contactId: other.contactId, active: true } });
    await assert.rejects(listContacts({ ctx: s.desk.ctx(s.org.contact), input: { mailUndelivered: true } }), { code: 'forbidden' });
    await assert.rejects(listContacts({ ctx: s.desk.ctx(s.org.contact), input: { mailUndelivered: false } }), { code: 'forbidden' });
    await assert.rejects(listOrganizations({ ctx: s.desk.ctx(s.org.contact), input: { mailUndelivered: true } }), { code: 'forbidden' });
    await assert.rejects(countContactsMailUndelivered({ ctx: s.desk.ctx(s.org.contact) }), { code: 'forbidden' });
    // Their address corrected: told at the new one only, as mail to the old one was failing.
    await updateContact({ ctx: manager, input: { contactId: other.contactId, email: 'new.address@example.org' } });
    const { rows: told } = await s.desk.t.db.query<{ recipient: string }>("SELECT recipient FROM outbox WHERE kind = 'address_changed'");
    assert.deepEqual(told.map((r) => r.recipient), ['new.address@example.org']);
    assert.deepEqual(await undelivered(true), [], 'nothing has failed at the new address');
    // Ours bounces again, as the next test expects it.
    await mail((await contact()).email, { status: 'sent', bounce: '5.2.2 mailbox full' });
  });

  it('a manager corrects the address: mail not yet sent goes to it, an old link is void, they sign in with it', async () => {
    const before = await contact();
    await s.desk.t.db.query('UPDATE contacts SET password_hash = $2 WHERE id = $1', [before.id, await hashPassword('correct horse battery')]);
    const waiting = await mail(before.email, { status: 'pending', error: '451 4.4.1 try again later' });
    const sent = await mail(before.email, { status: 'sent' });
    await s.desk.t.db.query(
      'INSERT INTO web_password_resets (id, token_hash, contact_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [randomUUID(), 'hash-of-a-link-mailed-to-the-old-address', before.id, s.desk.clock.now(), s.desk.clock.now().add({ hours: 24 })],
    );
    s.desk.clock.set('2026-12-02T11:00:00Z');
    const after = await updateContact({ ctx: s.desk.ctx(s.desk.manager), input: { contactId: before.id, email: 'Pat.Customer@Example.COM' } });
    assert.equal(after.email, 'pat.customer@example.com');
    assert.equal(after.mailUndelivered, null, 'nothing sent to the new address yet');
    const { rows: outbox } = await s.desk.t.db.query<{ id: string; recipient: string }>('SELECT id, recipient FROM outbox WHERE id = ANY($1::uuid[])', [[waiting, sent]]);
    assert.deepEqual(Object.fromEntries(outbox.map((o) => [o.id, o.recipient])), { [waiting]: 'pat.customer@example.com', [sent]: before.email });
    // The first test's message still waiting went too: two redirected.
    const { rows: links } = await s.desk.t.db.query('SELECT 1 FROM web_password_resets WHERE contact_id = $1', [before.id]);
    assert.equal(links.length, 0, 'the link mailed to the old address works no more');
    const { rows: audit } = await s.desk.t.db.query<{ type: string; data: unknown }>(
      "SELECT type, data FROM audit_events WHERE subject_kind = 'contact' AND subject_id = $1 AND at = '2026-12-02T11:00:00Z'", [before.id],
    );
    assert.deepEqual(audit, [{ type: 'contact.updated', data: { email: { from: before.email, to: 'pat.customer@example.com' }, mailRedirected: 2 } }]);
    const deps = { db: s.desk.t.db, clock: s.desk.clock };
    await assert.rejects(signIn(deps, { email: before.email, password: 'correct horse battery', address: '192.0.2.7' }), UnauthenticatedError);
    const signed = await signIn(deps, { email: 'pat.customer@example.com', password: 'correct horse battery', address: '192.0.2.7' });
    assert.ok(signed, 'they sign in with the new address');
    // Told at both addresses: mail to the old one was arriving, so a change they did not ask for is seen there.
    // When, in the zone of their plan's hours (they chose none): OpenBack's are London's, GMT in December, 11:00 UTC = 11:00 GMT.
    const { rows: told } = await s.desk.t.db.query<{ recipient: string; subject: string; body: string }>(
      "SELECT recipient, subject, body FROM outbox WHERE kind = 'address_changed' AND recipient IN ($1, 'pat.customer@example.com') ORDER BY recipient", [before.email],
    );
    assert.deepEqual(told.map((r) => [r.recipient, r.subject]), [[before.email, 'Your address for support was changed'], ['pat.customer@example.com', 'Your address for support was changed']]);
    assert.equal(told[1].body, 'The support team changed the address you are known by from contact1@customer.example to this one, pat.customer@example.com, at Wed 2 Dec 2026 11:00 GMT.\n\n'
      + 'From now on mail about your cases comes here, and you sign in with this address (your password is unchanged). Mail you send from this address reaches us as yours.\n\n'
      + 'If this is not your address, or you did not ask for the change, reply to tell us.\n');
    assert.match(told[0].body, /^The support team changed the address you are known by from this one, contact1@customer\.example, to pat\.customer@example\.com, at Wed 2 Dec 2026 11:00 GMT\.\n\nMail about your cases goes there from now on/);
    assert.match(told[0].body, /someone else may be trying to take over your account\.\n$/);
  });

  it("refuses another contact's or an agent's address, or no address, naming the field; a front-line agent or a contact may not", async () => {
    const other = await s.desk.addOrganization('pro');
    const { rows } = await s.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [other.contactId]);
    const refused = async (email: string, code: string) =>
      assert.rejects(updateContact({ ctx: s.desk.ctx(s.desk.manager), input: { contactId: s.org.contactId, email } }), (e: { code: string; details: Array<{ path: string }> }) => {
        assert.deepEqual([e.code, e.details.map((d) => d.path)], [code, ['email']]);
        return true;
      });
    await refused(rows[0].email.toUpperCase(), 'conflict');
    await refused('agent@vendor.example', 'conflict');
    await refused('not an address', 'invalid_input');
    await assert.rejects(updateContact({ ctx: s.desk.ctx(s.desk.agent), input: { contactId: s.org.contactId, email: 'x@example.com' } }), { code: 'forbidden' });
    await assert.rejects(updateContact({ ctx: s.desk.ctx(s.org.contact), input: { contactId: s.org.contactId, email: 'x@example.com' } }), { code: 'forbidden' });
    assert.equal((await contact()).email, 'pat.customer@example.com', 'unchanged');
  });

  it('their copy of their data names the old address and the mail under it; erasing them erases that too', async () => {
    const { rows: old } = await s.desk.t.db.query<{ n: string }>("SELECT count(*) AS n FROM outbox WHERE recipient = 'contact1@customer.example'");
    assert.equal(Number(old[0].n), 8, 'the mail sent or refused at the old address above (five in the first test, two in the second) and the notice of the change');
    const copy = await exportContactData({ ctx: s.desk.ctx(s.desk.admin), input: { contactId: s.org.contactId } });
    assert.deepEqual([copy.contact.email, copy.contact.formerEmails, copy.mailSent.length], ['pat.customer@example.com', ['contact1@customer.example'], 11]);
    const erasure = await eraseContact({ ctx: s.desk.ctx(s.desk.admin), input: { contactId: s.org.contactId, confirmEmail: 'pat.customer@example.com' } });
    assert.equal(erasure.outboxErased, 11, 'eight to the old address, the two redirected to the new and the notice there');
    // Any mail left unerased is another contact's, at their address or their former one (the second test's).
    const { rows: left } = await s.desk.t.db.query<{ n: string }>(
      "SELECT count(*) AS n FROM outbox WHERE recipient IN ('contact1@customer.example', 'pat.customer@example.com') OR (body <> '[erased]' AND recipient NOT IN (SELECT email FROM contacts WHERE id <> $1 UNION SELECT email FROM contact_former_emails WHERE contact_id <> $1))",
      [s.org.contactId],
    );
    assert.equal(Number(left[0].n), 0);
    const { rows: former } = await s.desk.t.db.query('SELECT 1 FROM contact_former_emails WHERE contact_id = $1', [s.org.contactId]);
    assert.equal(former.length, 0, 'nor is the old address kept');
  });
});

describe('erasing a contact whose old address someone added later has now, OpenBack', () => {
  const s = suiteDesk('openback', 'enterprise', '2026-12-02T10:00:00Z');
  const db = () => s.desk.t.db;
  const at = (iso: string) => s.desk.clock.set(iso);
  const traces = async (email: string) => ({
    mail: (await db().query<{ subject: string }>('SELECT subject FROM outbox WHERE recipient = $1 ORDER BY created_at', [email])).rows.map((r) => r.subject),
    signIns: (await db().query<{ address: string }>('SELECT address FROM web_login_attempts WHERE email = $1 ORDER BY at', [email])).rows.map((r) => r.address),
    lists: (await db().query<{ list: string }>('SELECT list FROM status_subscribers WHERE email = $1 ORDER BY list', [email])).rows.map((r) => r.list),
  });
  const leaveTraces = async (email: string, tag: string) => {
    await queueMessage(db(), { kind: 'ticket_reply', recipient: email, subject: `For ${tag}`, body: 'x', createdAt: s.desk.clock.now() });
    await db().query('INSERT INTO web_login_attempts (id, email, address, succeeded, at) VALUES ($1, $2, $3, false, $4)', [randomUUID(), email, `${tag}-laptop`, s.desk.clock.now()]);
    await db().query('INSERT INTO status_subscribers (id, list, email, manage_token, created_at) VALUES ($1, $2, $3, $4, $5)', [randomUUID(), tag, email, randomUUID(), s.desk.clock.now()]);
  };

  it("erases what was theirs at the old address while it was, and nothing of the newcomer's", async () => {
    const old = 'contact1@customer.example';
    at('2026-12-02T10:05:00Z');
    await leaveTraces(old, 'first');
    await db().query("UPDATE outbox SET status = 'sent', sent_at = created_at WHERE recipient = $1", [old]);
    at('2026-12-02T10:10:00Z');
    await updateContact({ ctx: s.desk.ctx(s.desk.manager), input: { contactId: s.org.contactId, email: 'pat.moved@example.com' } });
    at('2026-12-02T10:20:00Z');
    const other = await s.desk.addOrganization('pro');
    await db().query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [randomUUID(), other.id, old, 'Newcomer', s.desk.clock.now()]);
    await leaveTraces(old, 'newcomer');
    const before = await traces(old);
    assert.deepEqual(before, {
      mail: ['For first', 'Your address for support was changed', 'For newcomer'],
      signIns: ['first-laptop', 'newcomer-laptop'],
      lists: ['first', 'newcomer'],
    });

    await eraseContact({ ctx: s.desk.ctx(s.desk.admin), input: { contactId: s.org.contactId, confirmEmail: 'pat.moved@example.com' } });
    assert.deepEqual(await traces(old), { mail: ['For newcomer'], signIns: ['newcomer-laptop'], lists: ['newcomer'] });
    assert.deepEqual(await traces('pat.moved@example.com'), { mail: [], signIns: [], lists: [] });
  });
});

describe('the mail telling a contact of their new address, in the zone they chose, OpenBack', () => {
  const z = suiteDesk('openback', 'enterprise', '2026-12-02T10:00:00Z');
  it('the mail telling them is in their own zone when they chose one: New York, 12:00 UTC = 07:00 AM EST', async () => {
    const before = (await listContacts({ ctx: z.desk.ctx(z.desk.manager), input: { ids: [z.org.contactId] } })).items[0];
    await z.desk.t.db.query("UPDATE contacts SET time_zone = 'America/New_York' WHERE id = $1", [before.id]);
    z.desk.clock.set('2026-12-02T12:00:00Z');
    await updateContact({ ctx: z.desk.ctx(z.desk.manager), input: { contactId: before.id, email: 'pat.home@example.com' } });
    const { rows: told } = await z.desk.t.db.query<{ body: string }>(
      "SELECT body FROM outbox WHERE kind = 'address_changed' AND recipient = 'pat.home@example.com'",
    );
    assert.equal(told.length, 1);
    assert.match(told[0].body, /^The support team changed the address you are known by from contact1@customer\.example to this one, pat\.home@example\.com, at Wed Dec 2 2026 07:00 AM EST\.\n/);
  });
});
