// OpenKey (seed 000), Tier 1 Client Questions: "If the client reaches out to Support for what is
// deemed as a Tier 1 issue, they will be referred back to our Knowledge Base. Additional guidance
// will be provided upon request if the issue is outside the scope of the knowledge base articles."
// Before, the referral (receipt, case page) offered no way to make that request: the customer could
// only reply, and nothing told the team the articles fell short. Now the receipt quotes the sentence
// and says where to ask; asking records the customer's words under it, reopens a solved case and
// mails whoever holds it (the managers when nobody does) and the others on the case (the requester,
// colleagues copied: each reads only their own mail); the queue's search finds the case by its words.
// No clock starts: the seed gives no time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { askForGuidance, createTicket, getTicket, listTicketEvents, listTickets, setTicketCcs, updateTicket } from '../../src/tickets/index.ts';
import { isAccordError } from '../../src/platform/index.ts';
import { suiteDesk } from '../support/desk.ts';

const OFFER = 'Additional guidance will be provided upon request if the issue is outside the scope of the knowledge base articles.';
const code = (name: string) => (e: unknown) => isAccordError(e) && e.code === name;

describe('OpenKey: a Tier 1 case referred to the knowledge base can ask for additional guidance', () => {
  const s = suiteDesk('openkey', 'standard', '2026-12-02T16:00:00Z'); // Wednesday 10:00 CST, in business hours

  const tier1 = async (contact = s.org.contact) =>
    createTicket({ ctx: s.desk.ctx(contact), input: { subject: 'Kiosk pairing', description: 'Our lobby kiosk will not pair', requestType: 'support', intake: { requester_type: 'hotel_staff' } } });
  const mail = async (ticketId: string, kind: string) =>
    (await s.desk.t.db.query<{ recipient: string; subject: string; body: string }>('SELECT recipient, subject, body FROM outbox WHERE kind = $1 AND payload->>\'ticket_id\' = $2 ORDER BY recipient', [kind, ticketId])).rows;

  it('the receipt quotes the offer and says where to ask for it', async () => {
    const t = await tier1();
    assert.equal(t.severity, 3, 'Tier 1: no rule holds, no tier chosen');
    const [receipt] = await mail(t.id, 'ticket_received');
    // Referral first, then the seed's sentence whole, then where to ask.
    assert.match(receipt.body, new RegExp(`\\n\\nOur support policy refers such requests to our knowledge base, linked below\\.\\n\\n${OFFER.replace(/\./g, '\\.')} To ask for it, choose "Ask for more guidance" on case #${t.number} in the support portal and say what the articles do not cover\\.\\n\\n`));
  });

  it('asking records the words under the offer, reopens a solved case and mails its assignee; no clock starts', async () => {
    const t = await tier1();
    await updateTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, assigneeId: (s.desk.agent as { id: string }).id } });
    await updateTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, status: 'solved' } });
    s.desk.clock.set('2026-12-02T17:00:00Z');
    const asked = await askForGuidance({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id, body: 'The articles cover phones, not lobby kiosks.' } });
    assert.equal(asked.type, 'guidance_requested');
    assert.equal(asked.visibility, 'public');
    assert.equal(asked.body, 'The articles cover phones, not lobby kiosks.');
    assert.deepEqual(asked.data, { offer: OFFER });
    const after = await getTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id } });
    assert.equal(after.status, 'open', 'solved with the articles, open again for the guidance');
    assert.deepEqual(after.clocks, [], 'the seed gives this guidance no time');
    const events = await listTicketEvents({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id } });
    const reopened = events.find((e) => e.type === 'reopened');
    assert.deepEqual(reopened?.data, { from: 'solved', to: 'open', reason: 'the customer asked for guidance beyond the knowledge base articles' });
    const notices = await mail(t.id, 'agent_reply_notice');
    assert.deepEqual(notices.map((n) => n.recipient), ['agent@vendor.example'], 'the agent who holds it, nobody else');
    assert.equal(notices[0].subject, `[#${t.number}] Additional guidance asked for: Kiosk pairing`);
    assert.match(notices[0].body, new RegExp(`^Contact 1 <contact1@customer\\.example> was referred to the knowledge base on ticket #${t.number} "Kiosk pairing" and asks for the guidance the support policy offers beyond it \\("${OFFER.replace(/\./g, '\\.')}"\\); the ticket was solved and is open again\\. They wrote:\\n\\nThe articles cover phones, not lobby kiosks\\.\\n\\n`));
  });

  it('a case nobody holds: the managers and admins are mailed, so the request reaches someone', async () => {
    const t = await tier1();
    await askForGuidance({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id, body: 'Nothing on kiosks.' } });
    // The desk's manager and admin (support/desk.ts), not the front-line or escalation agents.
    assert.deepEqual((await mail(t.id, 'agent_reply_notice')).map((n) => n.recipient), ['admin@vendor.example', 'manager@vendor.example']);
    assert.equal((await getTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id } })).status, 'open', 'open stays open');
  });

  it('a colleague copied on the case may ask; an agent, another organization and an empty request may not', async () => {
    const t = await tier1();
    const { rows: [colleague] } = await s.desk.t.db.query<{ id: string }>(
      "INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES (gen_random_uuid(), $1, 'frontdesk@customer.example', 'Front Desk', false, $2) RETURNING id",
      [s.org.id, s.desk.clock.now()],
    );
    const colleagueActor = { kind: 'contact' as const, id: colleague.id, organizationId: s.org.id };
    await assert.rejects(askForGuidance({ ctx: s.desk.ctx(colleagueActor), input: { ticketId: t.id, body: 'Not covered' } }), code('forbidden'), 'not copied yet');
    await setTicketCcs({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id, contactIds: [colleague.id] } });
    assert.equal((await askForGuidance({ ctx: s.desk.ctx(colleagueActor), input: { ticketId: t.id, body: 'Not covered' } })).type, 'guidance_requested');
    await assert.rejects(askForGuidance({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, body: 'x' } }), code('forbidden'));
    const other = await s.desk.addOrganization('standard');
    await assert.rejects(askForGuidance({ ctx: s.desk.ctx(other.contact), input: { ticketId: t.id, body: 'x' } }), code('not_found'));
    await assert.rejects(askForGuidance({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id, body: '   ' } }), (e: unknown) => isAccordError(e) && e.code === 'invalid_input' && e.details.some((d) => d.path === 'body'));
  });

  it('the request is mailed to the others on the case: a colleague copied asks, the requester reads it, and back', async () => {
    const t = await tier1();
    const { rows: [colleague] } = await s.desk.t.db.query<{ id: string }>(
      "INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES (gen_random_uuid(), $1, 'nightaudit@customer.example', 'Night Audit', false, $2) RETURNING id",
      [s.org.id, s.desk.clock.now()],
    );
    await setTicketCcs({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id, contactIds: [colleague.id] } });
    const colleagueActor = { kind: 'contact' as const, id: colleague.id, organizationId: s.org.id };
    await askForGuidance({ ctx: s.desk.ctx(colleagueActor), input: { ticketId: t.id, body: 'No article covers the lobby kiosk.' } });
    // Worked by hand: the readers are the requester (Contact 1) and Night Audit; the writer is left
    // out, so only the requester is mailed, with the colleague's words whole.
    const first = await mail(t.id, 'ticket_customer_reply');
    assert.deepEqual(first.map((m) => m.recipient), ['contact1@customer.example']);
    assert.equal(first[0].subject, `Re: [#${t.number}] Kiosk pairing`);
    assert.equal(first[0].body, `Night Audit (nightaudit@customer.example) asked for more guidance on case #${t.number}, beyond the knowledge base articles:\n\nNo article covers the lobby kiosk.\n\nReply to this message to write on the case too; the support team reads it.`);
    // The requester asks in turn: now the colleague copied is the one mailed.
    await askForGuidance({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id, body: 'Nor the door readers.' } });
    const both = await mail(t.id, 'ticket_customer_reply');
    assert.deepEqual(both.map((m) => m.recipient), ['contact1@customer.example', 'nightaudit@customer.example']);
    assert.match(both[1].body, new RegExp(`^Contact 1 \\(contact1@customer\\.example\\) asked for more guidance on case #${t.number}, beyond the knowledge base articles:\\n\\nNor the door readers\\.`));
  });

  it("the queue's search finds the case by the request's words, as by a reply's; the customer's own search too", async () => {
    const t = await tier1();
    // Words in no subject, description or reply of this suite: only the request holds them.
    await askForGuidance({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id, body: 'Nothing about the Zebrafloor turnstile.' } });
    const found = async (ctx: ReturnType<typeof s.desk.ctx>, q: string) => (await listTickets({ ctx, input: { q } })).items.map((i) => i.id);
    assert.deepEqual(await found(s.desk.ctx(s.desk.agent), 'zebrafloor'), [t.id]);
    assert.deepEqual(await found(s.desk.ctx(s.desk.agent), 'turnstile zebra'), [t.id], 'each word the beginning of one, all in the request');
    // A public entry: its requester finds it; another organization does not.
    assert.deepEqual(await found(s.desk.ctx(s.org.contact), 'zebrafloor'), [t.id]);
    const other = await s.desk.addOrganization('standard');
    assert.deepEqual(await found(s.desk.ctx(other.contact), 'zebrafloor'), []);
  });

  it('no offer on a case the policy does not refer with guidance: Tier 2, a billing question, training needs, a closed case', async () => {
    const ctx = s.desk.ctx(s.org.contact);
    const tier2 = await createTicket({ ctx, input: { subject: 'PMS down', description: 'Sync broken', intake: { pms_integration: true } } });
    const billing = await createTicket({ ctx, input: { subject: 'Invoice', description: 'Charged twice', requestType: 'billing' } });
    // "Training Needs: Browse our Knowledge Base/Frequently Asked Questions; Email Support@OpenKey.co":
    // referred by its own type, answered by a reply; the seed's sentence on more guidance is Tier 1's.
    const training = await createTicket({ ctx, input: { subject: 'Staff training', description: 'New staff', requestType: 'training' } });
    for (const t of [tier2, billing, training]) {
      await assert.rejects(askForGuidance({ ctx, input: { ticketId: t.id, body: 'More please' } }), code('conflict'), t.subject);
      const [receipt] = await mail(t.id, 'ticket_received');
      assert.doesNotMatch(receipt.body, /Additional guidance|Ask for more guidance/, t.subject);
    }
    const closed = await tier1();
    await updateTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: closed.id, status: 'closed' } });
    await assert.rejects(askForGuidance({ ctx, input: { ticketId: closed.id, body: 'More please' } }), code('conflict'));
  });
});
