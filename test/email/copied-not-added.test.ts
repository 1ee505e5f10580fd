// People the customer's mail copied who are not contacts of the ticket's organization (a consultant
// in Cc, another organization's contact) are not added to the case, as before, but no longer in
// silence: the team reads who was left off on the ticket's timeline (internal: the customer's other
// people never read another's address there), and the sender's receipt says, in plain words, that
// they were not added and how to have them added (the support team adds contacts: customers/create-contact.ts).
// QA: a consultant copied on a mailed request was left off; nobody on either side knew.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { activePolicy } from '../../src/policy-versions/index.ts';
import { listTicketEvents } from '../../src/tickets/index.ts';
import { agentTimeline } from '../../src/web/timeline.ts';
import { openMailDesk, type MailDesk } from './support.ts';

const mail = (subject: string, cc: string, extra: string[] = []) => Buffer.from([
  'From: contact1@customer.example', 'To: support@desk.example', `Cc: ${cc}`,
  `Subject: ${subject}`, `Message-ID: <${randomUUID()}@customer.example>`, ...extra, 'Content-Type: text/plain; charset=utf-8', '', 'The export times out.', '',
].join('\r\n'));

describe('who a mail copied but the case does not take', () => {
  let m: MailDesk;
  const notAdded = async (ticketId: string | null) => (await m.desk.t.db.query<{ visibility: string; actor_kind: string; data: Record<string, unknown> }>(
    "SELECT visibility, actor_kind, data FROM ticket_events WHERE ticket_id = $1 AND type = 'cc_not_added' ORDER BY seq", [ticketId],
  )).rows;
  before(async () => {
    m = await openMailDesk('openback', '2026-12-07T10:00:00Z');
  });
  after(() => m.desk.close());

  it('a new request: the timeline names them for the team, and the receipt tells the sender how to have them added', async () => {
    // Bea is a contact of Org 1 (support.ts), contact2 is Org 2's, the consultant is no one's.
    const r = await m.deliver(mail('Reports export fails', 'Bea Colleague <colleague@customer.example>, contact2@customer.example, Ext Consultant <bob@consultancy.example>'));
    assert.equal(r.status, 'created', r.outcome);
    assert.deepEqual(await notAdded(r.ticketId), [
      { visibility: 'internal', actor_kind: 'system', data: { addresses: ['contact2@customer.example', 'bob@consultancy.example'], organization: 'Org 1' } },
    ]);
    const policy = (await activePolicy(m.desk.t.db)).model;
    const events = await listTicketEvents({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: r.ticketId! } });
    const entry = agentTimeline(policy, events, { contactName: new Map() }).find((e) => e.type === 'cc_not_added');
    assert.equal(entry?.title, 'Copied but not added');
    assert.deepEqual(entry?.worded, { Who: 'contact2@customer.example, bob@consultancy.example', Why: 'not contacts of Org 1' });
    // The customer's own view of the case has no such entry (another organization's contact is not named to them).
    const theirs = await listTicketEvents({ ctx: m.desk.ctx(m.contact1), input: { ticketId: r.ticketId! } });
    assert.equal(theirs.some((e) => e.type === 'cc_not_added'), false);

    const { rows } = await m.desk.t.db.query<{ recipient: string; body: string }>(
      "SELECT recipient, body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1 ORDER BY recipient", [r.ticketId],
    );
    assert.deepEqual(rows.map((x) => x.recipient), ['colleague@customer.example', 'contact1@customer.example']);
    const { rows: t } = await m.desk.t.db.query<{ number: number }>('SELECT number FROM tickets WHERE id = $1', [r.ticketId]);
    const said = `You copied contact2@customer.example and bob@consultancy.example on your mail. They were not added to case #${t[0].number}`
      + ' and get no mail about it: they are not contacts of Org 1 with OpenBack support, and a case is shared only with contacts of your organization.'
      + ' To have them added, ask OpenBack support to add them as contacts of Org 1 (a reply to this message reaches us); they can then be copied on your cases.';
    assert.ok(rows[1].body.endsWith(`\n\n${said}`), rows[1].body);
    // The colleague's copy speaks to her (whose request it is), not of whom the sender copied.
    assert.ok(!rows[0].body.includes('You copied'), rows[0].body);
    assert.match(r.outcome, /not copied \(no contact of the organization\): contact2@customer\.example, bob@consultancy\.example/);
  });

  it('one address: said of one person', async () => {
    const r = await m.deliver(mail('Second request', 'bob@consultancy.example'));
    const { rows } = await m.desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [r.ticketId]);
    assert.match(rows[0].body, /You copied bob@consultancy\.example on your mail\. They were not added to case #\d+ and get no mail about it: they are not a contact of Org 1 with OpenBack support,/);
    assert.match(rows[0].body, /ask OpenBack support to add them as a contact of Org 1/);
    const policy = (await activePolicy(m.desk.t.db)).model;
    const events = await listTicketEvents({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: r.ticketId! } });
    assert.deepEqual(agentTimeline(policy, events, { contactName: new Map() }).find((e) => e.type === 'cc_not_added')?.worded, { Who: 'bob@consultancy.example', Why: 'not a contact of Org 1' });
  });

  it('a reply copying the consultant: the timeline says so; the sender is told once by a short note, the consultant gets nothing', async () => {
    const notes = async () => (await m.desk.t.db.query<{ recipient: string; subject: string; body: string; status: string; payload: Record<string, unknown> }>(
      "SELECT recipient, subject, body, status, payload FROM outbox WHERE kind = 'ticket_cc_not_added' AND payload->>'ticket_id' = $1 ORDER BY created_at", [m.ticket.id],
    )).rows;
    const r = await m.deliver(mail(`Re: [#${m.ticket.number}] Keys fail`, 'bob@consultancy.example'));
    assert.equal(r.status, 'appended', r.outcome);
    assert.deepEqual((await notAdded(m.ticket.id)).map((e) => e.data), [{ addresses: ['bob@consultancy.example'], organization: 'Org 1' }]);
    const { rows } = await m.desk.t.db.query("SELECT recipient FROM outbox WHERE recipient = 'bob@consultancy.example'");
    assert.deepEqual(rows, []);
    // A reply has no receipt: the sender hears of it in a note of its own, threaded on the case, an automatic answer.
    const first = await notes();
    assert.equal(first.length, 1);
    assert.equal(first[0].recipient, 'contact1@customer.example');
    assert.equal(first[0].status, 'pending');
    assert.equal(first[0].subject, `[#${m.ticket.number}] Not added to your case: bob@consultancy.example`);
    assert.equal(first[0].body, `You copied bob@consultancy.example on your mail. They were not added to case #${m.ticket.number} and get no mail about it:`
      + ' they are not a contact of Org 1 with OpenBack support, and a case is shared only with contacts of your organization.'
      + ' To have them added, ask OpenBack support to add them as a contact of Org 1 (a reply to this message reaches us); they can then be copied on your cases.');
    assert.equal(first[0].payload.auto_reply, true);
    assert.match(r.outcome, /contact1@customer\.example was told they were not added/);

    // The next reply copying him again: the timeline records it, the sender is not told again.
    const again = await m.deliver(mail(`Re: [#${m.ticket.number}] Keys fail`, 'bob@consultancy.example'));
    assert.equal(again.status, 'appended', again.outcome);
    assert.equal((await notAdded(m.ticket.id)).length, 2);
    assert.equal((await notes()).length, 1);
    assert.doesNotMatch(again.outcome, /was told/);

    // One copying him and someone new: told of the new one only.
    await m.deliver(mail(`Re: [#${m.ticket.number}] Keys fail`, 'bob@consultancy.example, ann@partner.example'));
    const later = await notes();
    assert.equal(later.length, 2);
    assert.match(later[1].body, /^You copied ann@partner\.example on your mail\./);
  });

  it('a colleague who left (deactivated) is no longer a contact, not a stranger, on the timeline and in the note', async () => {
    await m.desk.t.db.query("UPDATE contacts SET deactivated_at = $1 WHERE email = 'colleague@customer.example'", [m.desk.clock.now()]);
    try {
      const r = await m.deliver(mail(`Re: [#${m.ticket.number}] Keys fail`, 'colleague@customer.example'));
      assert.equal(r.status, 'appended', r.outcome);
      const policy = (await activePolicy(m.desk.t.db)).model;
      const events = await listTicketEvents({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: m.ticket.id } });
      const entries = agentTimeline(policy, events, { contactName: new Map() }).filter((e) => e.type === 'cc_not_added');
      assert.deepEqual(entries.at(-1)?.worded, { Who: 'colleague@customer.example', Why: 'no longer a contact of Org 1' });
      const { rows } = await m.desk.t.db.query<{ body: string }>(
        "SELECT body FROM outbox WHERE kind = 'ticket_cc_not_added' AND payload->>'ticket_id' = $1 AND body LIKE 'You copied colleague%'", [m.ticket.id]);
      assert.equal(rows.length, 1);
      assert.match(rows[0].body, /: they are no longer a contact of Org 1 with OpenBack support, and a case is shared only/);
      // Copied with a stranger: each as they are.
      const r2 = await m.deliver(mail('Fourth request', 'colleague@customer.example, bob@consultancy.example'));
      const events2 = await listTicketEvents({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: r2.ticketId! } });
      assert.deepEqual(agentTimeline(policy, events2, { contactName: new Map() }).find((e) => e.type === 'cc_not_added')?.worded, {
        Who: 'colleague@customer.example, bob@consultancy.example',
        Why: 'colleague@customer.example is no longer a contact of Org 1 and bob@consultancy.example is not a contact',
      });
    } finally {
      await m.desk.t.db.query("UPDATE contacts SET deactivated_at = NULL WHERE email = 'colleague@customer.example'");
    }
  });

  it('copying only colleagues who are contacts: no such entry, and the receipt says nothing of it', async () => {
    const r = await m.deliver(mail('Third request', 'colleague@customer.example'));
    assert.deepEqual(await notAdded(r.ticketId), []);
    const { rows } = await m.desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1 AND recipient = 'contact1@customer.example'", [r.ticketId]);
    assert.doesNotMatch(rows[0].body, /You copied/);
  });
});
