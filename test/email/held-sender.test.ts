// A request mailed by someone of the customer who is not a named support contact, OpenBack
// Enterprise (contacts: only_named_contacts_open_tickets; Named Support Contacts | - | 1 | 2): it is
// held for review, no ticket opens (the seed: named contacts are "responsible for (i) reporting
// cases to OpenBack"), and the sender is mailed once, at once, that it was received and is held,
// why in the policy's words, and whom at their organization to ask (or, none named, that the named
// contacts are changed, in the policy's words). Automatic mail is never answered, an address that
// asked for no automatic answers gets none, the automatic-answer limit holds, strangers, people who
// left and a customer whose mail an agent forwarded hear nothing. The managers' held notice quotes
// the request's first lines.
import { randomUUID } from 'node:crypto';
import { eraseContact } from '../../src/privacy/index.ts';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { updateContact } from '../../src/customers/index.ts';
import { reviewHeldRequest } from '../../src/tickets/index.ts';
import { deliverDueMail, myForwardingAddress, retryInboundMessage, type ComposedMail, type MailSender } from '../../src/email/index.ts';
import { openMailDesk, type MailDesk } from './support.ts';

const mail = (from: string, subject: string, text: string, extra: string[] = [], to = 'support@desk.example') => Buffer.from([
  `From: ${from}`, `To: ${to}`, `Subject: ${subject}`, `Message-ID: <${randomUUID()}@sender.example>`, ...extra,
  'Content-Type: text/plain; charset=utf-8', '', text, '',
].join('\r\n'));

// The policy's contacts.text (examples/policies/openback.yaml), folded onto one line.
const POLICY_WORDS = 'Customers shall designate named individuals (“Named Support Contacts”) to serve as liaisons with OpenBack Support for each active service from OpenBack.';
// The clause the hold rests on, "(i) reporting cases to OpenBack", in the seed's sentence (QA: the
// quote above alone said only that named contacts are liaisons).
const DUTIES =
  "Named Support Contacts are responsible for: (i) reporting cases to OpenBack, (ii) overseeing Customer’s support case activity, and (iii) technical knowledge " +
  "of the OpenBack services and Customer’s use of such services in order to assist OpenBack in diagnosing and resolving the issue.";
const REFUSED = `On the Enterprise plan, cases are reported by the named support contacts of Org 1; ask one of them to report it (our support policy: “${DUTIES}”)`;

type Row = { id: string; kind: string; recipient: string; subject: string; body: string; status: string; last_error: string | null; payload: Record<string, unknown> };

describe('a request mailed by a contact who is not a named support contact, OpenBack Enterprise', () => {
  let m: MailDesk;
  const sent: ComposedMail[] = [];
  const sender: MailSender = { kind: 'capture', send: async (composed) => (sent.push(composed), { sent: true }), close: () => {} };
  const deliver = () => deliverDueMail({ ctx: m.desk.system, settings: { email: m.settings, sender, random: () => 0 } });
  const to = async (recipient: string) =>
    (await m.desk.t.db.query<Row>('SELECT id, kind, recipient, subject, body, status, last_error, payload FROM outbox WHERE recipient = $1 ORDER BY created_at, id', [recipient])).rows;
  const addContact = async (organizationId: string, email: string, name: string) =>
    m.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [
      randomUUID(), organizationId, email, name, m.desk.clock.now(),
    ]);
  const tickets = async () => (await m.desk.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets')).rows[0].n;

  before(async () => {
    // Sunday 6 December 2026, 03:00 UTC: no one at OpenBack works then.
    m = await openMailDesk('openback', '2026-12-06T03:00:00Z');
    // Org 1 names Contact 1 and Bea Colleague (support.ts); Org 2 names Contact 2.
    await addContact(m.org1, 'nat@customer.example', 'Nat Notnamed');
    await addContact(m.org2, 'olga@second.example', 'Olga Other');
    await addContact(m.org2, 'pat@second.example', 'Pat Plenty');
  });
  after(() => m.desk.close());

  it('"PRODUCTION DOWN" on a Sunday at 03:00 is held, no ticket; the sender is mailed once, at once, why and whom to ask', async () => {
    const before = await tickets();
    const r = await m.deliver(mail('Nat Notnamed <nat@customer.example>', 'PRODUCTION DOWN', 'Nothing loads since 02:40.\r\nAll 300 of our users are affected.\r\n\r\nPlease call +1 555 0100.'));
    assert.equal(r.status, 'held');
    assert.equal(r.ticketId, null);
    assert.equal(await tickets(), before, 'the seed: named contacts report cases; the request is held, not opened');
    // Read by admins and agents (the inbound mail list), so said for them: nothing said to the customer ("Your request is kept").
    assert.equal(r.outcome, `New request from nat@customer.example, held for review (the policy refused it): ${REFUSED}; nat@customer.example was told it is held for review and whom to ask`);
    assert.doesNotMatch(r.outcome, /only the named|open tickets/, 'the seed has contacts report cases; no rule of Accord\'s words');
    const { rows: held } = await m.desk.t.db.query<{ id: string; reason_code: string; status: string }>(
      "SELECT h.id, h.reason_code, h.status FROM held_requests h JOIN contacts c ON c.id = h.requester_id WHERE c.email = 'nat@customer.example'",
    );
    assert.deepEqual(held.map((h) => [h.reason_code, h.status]), [['not_named_contact', 'held']]);

    const answer = await to('nat@customer.example');
    assert.equal(answer.length, 1, 'mailed once');
    assert.equal(answer[0].subject, 'Received, held for review: PRODUCTION DOWN');
    assert.equal(answer[0].body, [
      'We received your request "PRODUCTION DOWN". It is held for our support team to review, and no case is open for it. It is kept: you need not send it again.',
      `It is held because OpenBack's support policy has cases reported by the named support contacts of Org 1, and you are not one of them. The policy says: “${POLICY_WORDS} ${DUTIES}”`,
      'The named support contacts of Org 1 are Bea Colleague and Contact 1: you can ask one of them to report it.',
    ].join('\n\n'));
    assert.deepEqual(answer[0].payload, { held_request_id: held[0].id, automatic: true, auto_reply: true });
    assert.doesNotMatch(answer[0].body, /within|business (day|hour)|respond|will be/i, 'it promises nothing the policy does not say');

    // The managers' notice: who, how, why, and the request's first lines, so they judge how grave it looks.
    const notices = (await m.desk.t.db.query<Row>(
      "SELECT recipient, subject, body FROM outbox WHERE kind = 'held_notice' AND payload->>'held_request_id' = $1 AND recipient LIKE '%@vendor.example' ORDER BY recipient", [held[0].id],
    )).rows;
    assert.deepEqual(notices.map((n) => n.recipient), ['admin@vendor.example', 'manager@vendor.example']);
    assert.equal(notices[0].subject, 'Held for review: PRODUCTION DOWN');
    assert.equal(notices[0].body, [
      // By OpenBack's name for its email channel ("Email | support@openback.com").
      `Nat Notnamed <nat@customer.example> of Org 1 asked "PRODUCTION DOWN" by Email, and the policy held it: ${REFUSED}.`, // the sentence ended after the bracket
      'They wrote:\n> Nothing loads since 02:40.\n> All 300 of our users are affected.\n> Please call +1 555 0100.',
      'Accept it (the ticket opens) or dismiss it with a note on the held requests page.',
    ].join('\n\n'));

    // At once: the next delivery run, at the same minute, sends it, marked as automatic.
    await deliver();
    const out = sent.filter((s) => s.to === 'nat@customer.example');
    assert.equal(out.length, 1);
    assert.equal(out[0].headers['Auto-Submitted'], 'auto-generated');
    assert.equal((await to('nat@customer.example'))[0].status, 'sent');

    // An admin processing the message again (still held: Nat is not named) tells them nothing more.
    const again = await retryInboundMessage({ ctx: m.desk.ctx(m.desk.admin), settings: m.settings, input: { inboundId: r.id } });
    assert.equal(again.status, 'held');
    assert.equal((await to('nat@customer.example')).length, 1, 'once for the message');
  });

  it('one named contact is named alone; once they left, the sender is told no one is named and how the named contacts are changed', async () => {
    const one = await m.deliver(mail('olga@second.example', 'Cannot log in', 'Since this morning.'));
    assert.equal(one.status, 'held');
    assert.equal((await to('olga@second.example'))[0].body.split('\n\n')[2], 'The named support contact of Org 2 is Contact 2: you can ask them to report it.');

    const contact2 = (await m.desk.t.db.query<{ id: string }>("SELECT id FROM contacts WHERE email = 'contact2@customer.example'")).rows[0].id;
    await updateContact({ ctx: m.desk.ctx(m.desk.manager), input: { contactId: contact2, active: false } });
    m.desk.clock.advance({ minutes: 1 });
    const none = await m.deliver(mail('olga@second.example', 'Still cannot log in', 'Nobody here is named.'));
    assert.equal(none.status, 'held');
    assert.match(none.outcome, /olga@second\.example was told it is held for review and that no one is named$/);
    const answers = await to('olga@second.example');
    assert.equal(answers.length, 2, 'one answer for each request held');
    assert.equal(answers[1].subject, 'Received, held for review: Still cannot log in');
    // How they are changed, in OpenBack's own words only.
    assert.equal(answers[1].body.split('\n\n')[2], 'Org 2 has not named a support contact yet. The policy says: “Any changes to the Named Support Contacts shall be submitted to support@openback.com specifying the former and new contacts.”');
  });

  it('automatic mail is never answered; a sender who asked for no automatic answers gets none; the automatic-answer limit holds', async () => {
    const before = (await to('pat@second.example')).length;
    const ooo = await m.deliver(mail('pat@second.example', 'Away until Monday', 'I am away.', ['Auto-Submitted: auto-replied']));
    assert.equal(ooo.status, 'ignored');
    const bulk = await m.deliver(mail('pat@second.example', 'Newsletter', 'News.', ['Precedence: bulk']));
    assert.equal(bulk.status, 'ignored');
    assert.equal((await to('pat@second.example')).length, before, 'nothing queued for automatic mail, and nothing held');

    const quiet = await m.deliver(mail('pat@second.example', 'Quiet please', 'Do not answer automatically.', ['X-Auto-Response-Suppress: All']));
    assert.equal(quiet.status, 'held');
    assert.match(quiet.outcome, /the sender's answer that it is held was kept, not sent: the sender asked for no automatic replies \(X-Auto-Response-Suppress: All\)$/);
    const [kept] = await to('pat@second.example');
    assert.deepEqual([kept.status, kept.last_error], ['suppressed', 'the sender asked for no automatic replies (X-Auto-Response-Suppress: All)']);

    // Six requests in six minutes: five answers go, the sixth is kept (5 an hour: emailSettingsFor's limit).
    for (let i = 1; i <= 6; i++) {
      m.desk.clock.advance({ minutes: 1 });
      assert.equal((await m.deliver(mail('pat@second.example', `Request ${i}`, `Number ${i}.`))).status, 'held');
      await deliver();
    }
    const answers = (await to('pat@second.example')).slice(1);
    assert.deepEqual(answers.map((a) => a.status), ['sent', 'sent', 'sent', 'sent', 'sent', 'suppressed']);
    assert.equal(answers[5].last_error, 'automatic reply limit: 5 to this address in 60 minutes');

    // The quiet request dismissed: its sender asked for no automatic answers, so the word that no case
    // was opened is kept unsent too, for the same reason; one sent request dismissed is told.
    const heldOf = async (subject: string) => (await m.desk.t.db.query<{ id: string }>(
      "SELECT id FROM held_requests WHERE request->>'subject' = $1", [subject])).rows[0].id;
    for (const subject of ['Quiet please', 'Request 1']) {
      await reviewHeldRequest({ ctx: m.desk.ctx(m.desk.agent), input: { heldRequestId: await heldOf(subject), decision: 'dismiss' } });
    }
    const told = (await to('pat@second.example')).filter((r) => r.kind === 'held_dismissed').map((r) => [r.subject, r.status, r.last_error]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    assert.deepEqual(told, [
      ['No case opened: Quiet please', 'suppressed', 'the sender asked for no automatic replies (X-Auto-Response-Suppress: All)'],
      ['No case opened: Request 1', 'pending', null],
    ]);
  });

  it("the managers' notice quotes six lines at most, and 600 characters, saying where it stops", async () => {
    await addContact(m.org2, 'lena@second.example', 'Lena Long');
    const notice = async (subject: string, text: string) => {
      const r = await m.deliver(mail('lena@second.example', subject, text));
      assert.equal(r.status, 'held');
      const { rows } = await m.desk.t.db.query<{ body: string }>(
        "SELECT o.body FROM outbox o JOIN inbound_messages i ON i.held_request_id::text = o.payload->>'held_request_id' WHERE i.id = $1 AND o.recipient = 'admin@vendor.example'", [r.id],
      );
      return rows[0].body.split('\n\n')[1];
    };
    const eight = Array.from({ length: 8 }, (_, i) => `Line ${i + 1}.`).join('\r\n');
    assert.equal(await notice('Eight lines', eight), 'They wrote:\n> Line 1.\n> Line 2.\n> Line 3.\n> Line 4.\n> Line 5.\n> Line 6.\n> ...');
    assert.equal(await notice('One long line', `${'a'.repeat(590)} ${'b'.repeat(100)}`), `They wrote:\n> ${'a'.repeat(590)} ${'b'.repeat(9)}...`);
  });

  it('a stranger, someone who left and a named contact get no such answer', async () => {
    const stranger = await m.deliver(mail('who@unknown.example', 'PRODUCTION DOWN', 'Help.'));
    assert.equal(stranger.status, 'held');
    assert.deepEqual(await to('who@unknown.example'), []);

    await updateContact({ ctx: m.desk.ctx(m.desk.manager), input: { contactId: (await m.desk.t.db.query<{ id: string }>("SELECT id FROM contacts WHERE email = 'nat@customer.example'")).rows[0].id, active: false } });
    const left = await m.deliver(mail('nat@customer.example', 'One more thing', 'I left last week.'));
    assert.equal(left.status, 'held');
    assert.match(left.outcome, /^Held for review: nat@customer\.example is not a contact of any organization$/);
    assert.equal((await to('nat@customer.example')).length, 1, 'only the answer to their first request, before they left');

    // An agent forwarding such a contact's mail is held too; the agent has it, the contact is not written to.
    await addContact(m.org2, 'fwd@second.example', 'Fay Forwarded');
    const address = await myForwardingAddress({ ctx: m.desk.ctx(m.desk.agent), settings: m.settings });
    const forwarded = await m.deliver(mail('agent@vendor.example', 'Fwd: Reports empty', [
      'Can you look?', '', '---------- Forwarded message ---------', 'From: Fay Forwarded <fwd@second.example>',
      'Date: Sun, Dec 6, 2026 at 2:00 AM', 'Subject: Reports empty', 'To: Agent <agent@vendor.example>', '', '', 'The reports are empty.',
    ].join('\r\n'), [], address), 'agent@vendor.example');
    assert.equal(forwarded.status, 'held');
    assert.match(forwarded.outcome, /^Forwarded by agent@vendor\.example for fwd@second\.example, held for review \(the policy refused it\): On the Enterprise plan, cases are reported by the named support contacts of Org 2;/);
    assert.doesNotMatch(forwarded.outcome, /[Yy]our request|held request [0-9a-f-]{36}/);
    assert.deepEqual(await to('fwd@second.example'), []);

    const named = await m.deliver(mail('colleague@customer.example', 'Keys fail again', 'Room 12.'));
    assert.equal(named.status, 'created');
    assert.deepEqual((await to('colleague@customer.example')).map((r) => r.kind), ['ticket_received']);
  });

  it("a named contact erased on request is named no more in the answers their colleagues were sent", async () => {
    const { rows: [bea] } = await m.desk.t.db.query<{ id: string }>("SELECT id FROM contacts WHERE email = 'colleague@customer.example'");
    await m.desk.t.db.query("UPDATE tickets SET status = 'closed' WHERE requester_id = $1", [bea.id]);
    await eraseContact({ ctx: m.desk.ctx(m.desk.admin), input: { contactId: bea.id, confirmEmail: 'colleague@customer.example' } });
    const bodies = (await to('nat@customer.example')).map((r) => r.body);
    assert.ok(bodies.length > 0);
    assert.deepEqual(bodies.filter((b) => b.includes('Bea Colleague')), []);
    assert.ok(bodies.includes('[erased]'));
  });
});
