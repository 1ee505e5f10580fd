// A person at a customer asks to be forgotten (privacy/erase-contact.ts), on OpenBack Enterprise.
// Jane's first try is held (not yet named), then she opens a case with a file, is answered, rates it, writes on a colleague's case she is copied
// on, subscribes to the status page and mails in; then an admin erases her. Expected values are
// what the erasure promises, worked out by hand from the story: her words, files and mail go; the
// tickets' history (status, severity, SLA clocks) stays; her colleague's case keeps its own words
// and loses only hers; the agent's mention of her address on it is reported, not rewritten.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAgent, createApiToken, createContact, updateAgent, updateContact } from '../../src/customers/index.ts';
import { storeInbound } from '../../src/email/index.ts';
import { ConflictError, ForbiddenError, InvalidInputError, UnauthenticatedError } from '../../src/platform/index.ts';
import { eraseAgent, eraseContact } from '../../src/privacy/index.ts';
import {
  addFiles, addReply, correctTimeEntry, createTicket, listTickets, logTime, markPresence, rateTicket, saveView, setTicketCcs, updateTicket,
} from '../../src/tickets/index.ts';
import { signIn } from '../../src/web/index.ts';
import { createWebhook } from '../../src/webhooks/index.ts';
import { refusalOf } from '../support/refusal.ts';
import { suiteDesk } from '../support/desk.ts';

describe('erasing a contact on request, OpenBack', () => {
  const s = suiteDesk('openback', 'enterprise', '2026-12-02T10:00:00Z');
  const db = () => s.desk.t.db;
  const JANE = 'jane.doe@customer.example';

  it("erases her words, files, mail and traces; keeps the tickets' history; reports where others still name her", async () => {
    const d = s.desk;
    await createWebhook({ ctx: d.ctx(d.admin), input: { url: 'https://hooks.example.com/erasure', events: ['*'] }, settings: { allowPrivate: false } });
    const jane = await createContact({ ctx: d.ctx(d.admin), input: { organizationId: s.org.id, email: JANE, name: 'Jane Doe', password: 'correct horse battery' } });
    const janeActor = { kind: 'contact' as const, id: jane.id, organizationId: s.org.id };
    // Not yet a named contact, her first try is held for review (OpenBack: only named contacts open tickets); then she is named.
    await assert.rejects(createTicket({ ctx: d.ctx(janeActor), input: { subject: 'Printer smoking', description: 'Jane here, is this normal?', severity: 3 } }), ForbiddenError);
    await updateContact({ ctx: d.ctx(d.admin), input: { contactId: jane.id, namedContact: true } });
    const own = await createTicket({
      ctx: d.ctx(janeActor),
      input: { subject: 'Printer on fire at Jane Doe desk', description: 'My badge number is 4711.', severity: 3 },
    });
    await addFiles({ ctx: d.ctx(janeActor), input: { ticketId: own.id, files: [{ filename: 'jane-passport.png', contentType: 'image/png', content: new Uint8Array([1, 2, 3]) }] } });
    await addReply({ ctx: d.ctx(d.agent), input: { ticketId: own.id, body: 'Hello Jane, we are on it.' } });
    const logged = await logTime({ ctx: d.ctx(d.agent), input: { ticketId: own.id, minutes: 25, note: 'Called Jane Doe on 555-0100' } });
    // Corrected: its correction quotes the note as it was and as it became.
    await correctTimeEntry({ ctx: d.ctx(d.agent), input: { ticketId: own.id, entryId: logged.entries[0].id, minutes: 20, note: 'Called Jane Doe twice' } });
    const colleagues = await createTicket({ ctx: d.ctx(s.org.contact), input: { subject: 'Shared drive slow', description: 'Since Monday.', severity: 3 } });
    await setTicketCcs({ ctx: d.ctx(s.org.contact), input: { ticketId: colleagues.id, contactIds: [jane.id] } });
    await addReply({ ctx: d.ctx(janeActor), input: { ticketId: colleagues.id, body: 'Same here, call me on 555-0100.' } });
    await addReply({ ctx: d.ctx(d.agent), input: { ticketId: colleagues.id, body: `Noted; we will write to ${JANE} too.` } });
    // A status page subscription of her address, as status/subscribe.ts stores it (OpenBack publishes no status page
    // today; the row stands for one made under a policy that did).
    await db().query(
      "INSERT INTO status_subscribers (id, list, email, component_ids, manage_token, created_at) VALUES (gen_random_uuid(), 'status', $1, NULL, 'manage-token-of-jane-0123456789', $2)",
      ['Jane.Doe@Customer.example', d.clock.now()],
    );
    await db().query('UPDATE organizations SET notes = $2 WHERE id = $1', [s.org.id, 'Jane Doe is their IT lead; call her first.']);
    await storeInbound(db(), d.clock, Buffer.from(`From: ${JANE}\r\nSubject: one more thing\r\n\r\nMy home address is 1 Main St.\r\n`), { source: 'smtp', envelopeFrom: JANE, envelopeTo: [] });

    // Refused while her case is open: it is owed an answer.
    d.clock.set('2026-12-02T11:00:00Z');
    await assert.rejects(eraseContact({ ctx: d.ctx(d.admin), input: { contactId: jane.id, confirmEmail: JANE } }), {
      name: 'ConflictError', message: `they have tickets still open (#${own.number}): solve or close them first, then erase`,
    });
    await updateTicket({ ctx: d.ctx(d.agent), input: { ticketId: own.id, status: 'solved' } });
    await rateTicket({ ctx: d.ctx(janeActor), input: { ticketId: own.id, rating: 'good', comment: 'Thanks, said Jane.' } });

    // Admins only; the email must be typed again.
    for (const who of [d.manager, d.agent, janeActor]) {
      await assert.rejects(eraseContact({ ctx: d.ctx(who), input: { contactId: jane.id, confirmEmail: JANE } }), ForbiddenError);
    }
    const wrong = await refusalOf(eraseContact({ ctx: d.ctx(d.admin), input: { contactId: jane.id, confirmEmail: 'jane@customer.example' } }));
    assert.deepEqual(wrong.details.map((x) => x.path), ['confirm_email']);
    await assert.rejects(eraseContact({ ctx: d.ctx(d.admin), input: { contactId: jane.id, confirmEmail: 'x' } }), InvalidInputError);

    const count = async (sql: string, params: unknown[]) => Number((await db().query<{ n: number }>(sql, params)).rows[0].n);
    // What is there before (read from the tables, not from the erasure): every event on her ticket, and her one reply on the colleague's.
    const ownEvents = await count('SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1', [own.id]);
    const clocksBefore = await db().query('SELECT metric, goal_at, met_at FROM sla_clocks WHERE ticket_id = $1 ORDER BY metric, goal_at', [own.id]);
    assert.ok(ownEvents >= 4, 'created, the agent reply, solved, rated at least');

    d.clock.set('2026-12-02T12:00:00Z');
    const erased = await eraseContact({ ctx: d.ctx(d.admin), input: { contactId: jane.id, confirmEmail: ' Jane.Doe@customer.example ' } });
    assert.equal(erased.erasedAt.toString(), '2026-12-02T12:00:00Z');
    assert.equal(erased.ticketsErased, 1);
    assert.equal(erased.eventsErased, ownEvents + 1, 'every event on her ticket, and her reply on the colleague\'s');
    assert.equal(erased.filesDeleted, 1);
    assert.equal(erased.inboundDeleted, 1);
    assert.equal(erased.statusSubscriptionsDeleted, 1);
    assert.equal(erased.heldRequestsErased, 1);
    assert.ok(erased.webhookDeliveriesErased >= 3, 'her ticket created, replied and updated at least');
    assert.deepEqual(erased.mentionedOn, [{ ticketId: colleagues.id, number: Number(colleagues.number) }]);
    assert.deepEqual(erased.mentionedInNotesOf, [{ organizationId: s.org.id, name: 'Org 1' }], "the team's note about her organization names her");

    // Her row names nobody; she signs in no more and cannot be brought back.
    const { rows: [row] } = await db().query<any>('SELECT email, name, password_hash, named_contact, deactivated_at, erased_at FROM contacts WHERE id = $1', [jane.id]);
    assert.deepEqual(
      { ...row, deactivated_at: row.deactivated_at.toString(), erased_at: row.erased_at.toString() },
      { email: `erased-${jane.id}@erased.invalid`, name: 'Erased contact', password_hash: null, named_contact: false, deactivated_at: '2026-12-02T12:00:00Z', erased_at: '2026-12-02T12:00:00Z' },
    );
    await assert.rejects(signIn({ db: db(), clock: d.clock }, { email: JANE, password: 'correct horse battery', address: '192.0.2.7' }), UnauthenticatedError);
    await assert.rejects(updateContact({ ctx: d.ctx(d.admin), input: { contactId: jane.id, active: true } }), ConflictError);
    await assert.rejects(eraseContact({ ctx: d.ctx(d.admin), input: { contactId: jane.id, confirmEmail: `erased-${jane.id}@erased.invalid` } }), ConflictError);

    // Her ticket: no words, no file; its history and its clocks as they were.
    const { rows: [t] } = await db().query<any>('SELECT subject, description, status, severity, intake_answers FROM tickets WHERE id = $1', [own.id]);
    assert.deepEqual(t, { subject: '[erased]', description: '[erased]', status: 'solved', severity: 3, intake_answers: {} });
    const { rows: events } = await db().query<{ type: string; body: string | null; data: any }>('SELECT type, body, data FROM ticket_events WHERE ticket_id = $1 ORDER BY at, seq', [own.id]);
    assert.equal(events.length, ownEvents + 1);
    assert.deepEqual(events.filter((e) => e.type !== 'erased' && e.body !== null && e.body !== '[erased]'), []);
    assert.deepEqual(events.filter((e) => 'files' in e.data || 'subject' in e.data), []);
    assert.deepEqual(events.filter((e) => e.type === 'status_changed').map((e) => e.data.to), ['solved']);
    assert.equal(events.at(-1)!.type, 'erased');
    assert.deepEqual(await db().query('SELECT metric, goal_at, met_at FROM sla_clocks WHERE ticket_id = $1 ORDER BY metric, goal_at', [own.id]), clocksBefore);
    assert.equal(await count('SELECT count(*)::int AS n FROM ticket_files WHERE ticket_id = $1', [own.id]), 0);
    assert.deepEqual((await db().query('SELECT rating, comment FROM ticket_ratings WHERE ticket_id = $1', [own.id])).rows, [{ rating: 'good', comment: null }]);
    // The time the team spent stays (the reports sum it); what its note said goes.
    assert.deepEqual((await db().query('SELECT minutes, note FROM ticket_time_entries WHERE ticket_id = $1', [own.id])).rows, [{ minutes: 20, note: null }]);
    assert.deepEqual(
      (await db().query('SELECT minutes_before, minutes_after, note_before, note_after FROM ticket_time_corrections WHERE ticket_id = $1', [own.id])).rows,
      [{ minutes_before: 25, minutes_after: 20, note_before: null, note_after: null }],
    );
    assert.deepEqual((await listTickets({ ctx: d.ctx(d.agent), input: { q: 'printer' } })).items, []);

    // The colleague's case keeps its words but hers; she is copied on it no more.
    const { rows: theirs } = await db().query<{ actor_kind: string; body: string }>(
      "SELECT actor_kind, body FROM ticket_events WHERE ticket_id = $1 AND type = 'reply' ORDER BY at, seq", [colleagues.id],
    );
    assert.deepEqual(theirs, [{ actor_kind: 'contact', body: '[erased]' }, { actor_kind: 'agent', body: `Noted; we will write to ${JANE} too.` }]);
    assert.equal((await db().query<{ subject: string }>('SELECT subject FROM tickets WHERE id = $1', [colleagues.id])).rows[0].subject, 'Shared drive slow');
    assert.equal(await count('SELECT count(*)::int AS n FROM ticket_ccs WHERE contact_id = $1', [jane.id]), 0);

    // Mail: nothing to or from her address remains; what was sent about her ticket is kept without its words, and none of it goes out now.
    assert.equal(await count('SELECT count(*)::int AS n FROM outbox WHERE lower(recipient) = $1', [JANE]), 0);
    const { rows: mail } = await db().query<{ subject: string; body: string; status: string }>("SELECT subject, body, status FROM outbox WHERE payload->>'ticket_id' = $1", [own.id]);
    assert.ok(mail.length >= 1);
    assert.deepEqual(mail.filter((m) => m.subject !== '[erased]' || m.body !== '[erased]' || m.status === 'pending'), []);
    assert.equal(await count('SELECT count(*)::int AS n FROM inbound_messages WHERE lower(envelope_from) = $1', [JANE]), 0);
    assert.equal(await count('SELECT count(*)::int AS n FROM status_subscribers WHERE lower(email) = $1', [JANE]), 0);
    // Nowhere else in the database is her address or her ticket's words, but the agent's words on the colleague's case
    // (the working record, reported above); the copies of them, mailed and sent to webhooks, are erased.
    for (const [table, column] of [['webhook_deliveries', 'payload'], ['audit_events', 'data'], ['outbox', 'payload'], ['outbox', 'body'], ['idempotency_keys', 'response_body'], ['held_requests', 'request']]) {
      assert.equal(await count(`SELECT count(*)::int AS n FROM ${table} WHERE strpos(lower(${column}::text), $1) > 0 OR strpos(lower(${column}::text), 'printer') > 0`, [JANE]), 0, table);
    }
    // Integrations sent her tickets are told to erase their copies (GDPR art. 19): ids only.
    const { rows: told } = await db().query<{ payload: any }>("SELECT payload FROM webhook_deliveries WHERE event_type = 'contact.erased'");
    assert.deepEqual(told.map((t) => t.payload.data), [{ contact_id: jane.id, organization_id: s.org.id, ticket_ids: [own.id], erased_at: '2026-12-02T12:00:00Z' }]);
    // The audit trail says an admin erased a contact, and how much, naming nobody.
    const { rows: audit } = await db().query<{ type: string; data: any }>("SELECT type, data FROM audit_events WHERE subject_id = $1 ORDER BY at, id", [jane.id]);
    assert.deepEqual(audit.map((a) => a.type).sort(), ['contact.created', 'contact.erased', 'contact.updated']);
    assert.deepEqual(audit.filter((a) => a.type !== 'contact.erased').map((a) => a.data), [{}, {}], 'what was quoted of her (her address, her naming) is gone');
    assert.equal(audit.find((a) => a.type === 'contact.erased')!.data.ticketsErased, 1);
  });

  it('refuses an unknown contact as not found', async () => {
    await assert.rejects(eraseContact({ ctx: s.desk.ctx(s.desk.admin), input: { contactId: '00000000-0000-4000-8000-000000000000', confirmEmail: JANE } }), { name: 'NotFoundError' });
    await assert.rejects(eraseContact({ ctx: s.desk.ctx(s.desk.admin), input: { contactId: 'nope', confirmEmail: JANE } }), { name: 'NotFoundError' });
  });

  it("erases a former agent's personal data once they left: their words stay, by 'Former agent'; their name, address, secrets and traces go", async () => {
    const d = s.desk;
    const leaver = await createAgent({ ctx: d.ctx(d.admin), input: { email: 'lee.left@vendor.example', name: 'Lee Left', role: 'front_line', password: 'correct horse battery' } });
    const lee = { kind: 'agent' as const, id: leaver.id, role: 'front_line' as const };
    const t = await createTicket({ ctx: d.ctx(s.org.contact), input: { subject: 'Handled by Lee', description: 'x', severity: 3 } });
    await updateTicket({ ctx: d.ctx(d.manager), input: { ticketId: t.id, assigneeId: leaver.id } });
    await addReply({ ctx: d.ctx(lee), input: { ticketId: t.id, body: 'Fixed: restart the sync service.' } });
    await markPresence({ ctx: d.ctx(lee), input: { ticketId: t.id, replying: true } });
    assert.equal((await db().query('SELECT 1 FROM ticket_presence WHERE agent_id = $1', [leaver.id])).rows.length, 1);
    await saveView({ ctx: d.ctx(lee), input: { name: "Lee's Globex tickets", filters: { assignee: 'me' } } });
    await createApiToken({ ctx: d.ctx(d.admin), input: { agentId: leaver.id, name: "Lee's laptop" } });
    await assert.rejects(eraseAgent({ ctx: d.ctx(d.admin), input: { agentId: leaver.id, confirmEmail: 'lee.left@vendor.example' } }), {
      name: 'ConflictError', message: 'deactivate them first (they left): their tickets go back on the queue, then erase',
    });
    await updateAgent({ ctx: d.ctx(d.admin), input: { agentId: leaver.id, active: false } });
    await assert.rejects(eraseAgent({ ctx: d.ctx(d.manager), input: { agentId: leaver.id, confirmEmail: 'lee.left@vendor.example' } }), ForbiddenError);
    const wrong = await refusalOf(eraseAgent({ ctx: d.ctx(d.admin), input: { agentId: leaver.id, confirmEmail: 'lee@vendor.example' } }));
    assert.deepEqual(wrong.details.map((x) => x.path), ['confirm_email']);

    d.clock.set('2026-12-02T13:00:00Z');
    const done = await eraseAgent({ ctx: d.ctx(d.admin), input: { agentId: leaver.id, confirmEmail: 'Lee.Left@vendor.example' } });
    assert.equal(done.mailReaddressed, 1, 'the one notice they were sent: the assignment');
    const { rows: [row] } = await db().query<any>('SELECT email, name, password_hash, signature, erased_at FROM agents WHERE id = $1', [leaver.id]);
    assert.deepEqual({ ...row, erased_at: row.erased_at.toString() }, { email: `erased-${leaver.id}@erased.invalid`, name: 'Former agent', password_hash: null, signature: null, erased_at: '2026-12-02T13:00:00Z' });
    // Their reply stays, theirs by id; nothing anywhere holds their name or address.
    const { rows: replies } = await db().query<{ actor_id: string; body: string }>("SELECT actor_id, body FROM ticket_events WHERE ticket_id = $1 AND type = 'reply'", [t.id]);
    assert.deepEqual(replies, [{ actor_id: leaver.id, body: 'Fixed: restart the sync service.' }]);
    // Where they last were goes with them.
    assert.equal((await db().query('SELECT 1 FROM ticket_presence WHERE agent_id = $1', [leaver.id])).rows.length, 0);
    for (const [table, column] of [['outbox', 'recipient'], ['audit_events', 'data'], ['api_tokens', 'name'], ['agents', 'name'], ['saved_views', 'name']]) {
      assert.equal((await db().query(`SELECT 1 FROM ${table} WHERE strpos(lower(${column}::text), 'lee') > 0`)).rows.length, 0, table);
    }
    await assert.rejects(updateAgent({ ctx: d.ctx(d.admin), input: { agentId: leaver.id, active: true } }), ConflictError);
    await assert.rejects(eraseAgent({ ctx: d.ctx(d.admin), input: { agentId: leaver.id, confirmEmail: `erased-${leaver.id}@erased.invalid` } }), ConflictError);
  });

  it('erases what went to the address an agent had before an admin corrected it, and nothing of whoever has that address now', async () => {
    const d = s.desk;
    d.clock.set('2026-12-02T14:00:00Z');
    const kim = await createAgent({ ctx: d.ctx(d.admin), input: { email: 'kim.typo@vendor.example', name: 'Kim Moved', role: 'front_line' } });
    const t = await createTicket({ ctx: d.ctx(s.org.contact), input: { subject: 'For Kim', description: 'x', severity: 3 } });
    await updateTicket({ ctx: d.ctx(d.manager), input: { ticketId: t.id, assigneeId: kim.id } });
    await db().query("UPDATE outbox SET status = 'sent', sent_at = created_at WHERE recipient = 'kim.typo@vendor.example'");
    d.clock.set('2026-12-02T14:10:00Z');
    await updateAgent({ ctx: d.ctx(d.admin), input: { agentId: kim.id, email: 'kim.moved@vendor.example' } });
    // The old address given to someone who joined later, who is sent a notice there.
    d.clock.set('2026-12-02T14:20:00Z');
    const kit = await createAgent({ ctx: d.ctx(d.admin), input: { email: 'kim.typo@vendor.example', name: 'Kit Newcomer', role: 'front_line' } });
    await updateTicket({ ctx: d.ctx(d.manager), input: { ticketId: t.id, assigneeId: kit.id } });
    const kitsMail = (await db().query<{ id: string }>("SELECT id FROM outbox WHERE recipient = 'kim.typo@vendor.example' AND created_at > '2026-12-02T14:10:00Z'")).rows;
    assert.ok(kitsMail.length >= 1, 'the newcomer was mailed the assignment');

    await updateAgent({ ctx: d.ctx(d.admin), input: { agentId: kim.id, active: false } });
    const done = await eraseAgent({ ctx: d.ctx(d.admin), input: { agentId: kim.id, confirmEmail: 'kim.moved@vendor.example' } });
    // Hand count: the assignment notice (old address), and the change told at the new address and at the old one.
    assert.equal(done.mailReaddressed, 3);
    assert.equal((await db().query("SELECT 1 FROM outbox WHERE recipient = 'kim.moved@vendor.example'")).rows.length, 0);
    assert.deepEqual(
      (await db().query<{ id: string }>("SELECT id FROM outbox WHERE recipient = 'kim.typo@vendor.example' ORDER BY id")).rows.map((r) => r.id).sort(),
      kitsMail.map((r) => r.id).sort(), "only the newcomer's mail is still to that address",
    );
    assert.equal((await db().query('SELECT 1 FROM agent_former_emails WHERE agent_id = $1', [kim.id])).rows.length, 0);
    assert.equal((await db().query("SELECT 1 FROM audit_events WHERE strpos(lower(data::text), 'kim.moved') > 0")).rows.length, 0);
    assert.ok((await db().query('SELECT 1 FROM audit_events WHERE subject_id = $1 AND strpos(lower(data::text), $2) > 0', [kit.id, 'kim.typo'])).rows.length >= 1, "the newcomer's own audit still names their address");
  });
});
