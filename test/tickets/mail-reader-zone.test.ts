// Mail to a customer gives its times in the reader's own time zone (their profile's, the one the
// portal shows them times in), named as the portal names it; one who chose none reads the plan's.
// Where the policy states the time in the vendor's zone (OPS-COM's support hours, "Mon-Fri 9-5 EST"),
// the vendor's words stay and the reader's time is put beside them. (QA: a contact in Berlin read
// "09:00 AM EST" in the receipt and "Mon 7 Dec 2026 15:00 CET" on the portal for the same moment.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { addReply, createTicket, setTicketCcs } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe("customer mail in the reader's own time zone", () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('opscom', '2026-12-05T19:00:00Z');
  });
  after(() => desk.close());

  const open = async (plan: 'standard-plus' | 'premium', channel: 'email' | 'web', critical: boolean) => {
    const org = await desk.addOrganization(plan);
    await desk.t.db.query("UPDATE contacts SET time_zone = 'Europe/Berlin' WHERE id = $1", [org.contactId]);
    const intake: Record<string, boolean> = critical ? { system_outage: true } : { system_outage: false, immediate_work_stoppage: false };
    return { org, t: await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Gates down', description: 'x', channel, intake } }) };
  };
  const sent = async (ticketId: string, kind: string) =>
    (await desk.t.db.query<{ recipient: string; body: string }>("SELECT recipient, body FROM outbox WHERE kind = $1 AND payload->>'ticket_id' = $2 ORDER BY recipient", [kind, ticketId])).rows;

  it("the receipt's owed times are in the requester's zone", async () => {
    // Sat 5 Dec 2026 14:00 EST = 19:00Z, a critical email after hours: "triaged within 15 minutes and a
    // status notification ... within 1 hour": 19:15Z and 20:00Z, in Berlin (CET, UTC+1) 20:15 and 21:00.
    const { t } = await open('standard-plus', 'email', true);
    const [receipt] = await sent(t.id, 'ticket_received');
    assert.ok(receipt.body.includes('\n\nFor this case, as we count them:\n- Triage: by Sat 5 Dec 2026 20:15 CET\n- Status notification: by Sat 5 Dec 2026 21:00 CET\n\n'), receipt.body);
  });

  it("when work resumes stays in the vendor's words (EST), the reader's own time beside it", async () => {
    // Not critical, online, Saturday: work resumes at the next 9-5 EST opening, Mon 7 Dec 09:00 EST = 14:00Z = 15:00 CET.
    const { t } = await open('standard-plus', 'web', false);
    const [receipt] = await sent(t.id, 'ticket_received');
    assert.match(receipt.body, /\n\nWe received your request outside our support hours\. Work on it resumes Mon Dec 7 2026 09:00 AM EST \(Mon 7 Dec 2026 15:00 CET your time\)\.\n\n/);
  });

  it("an agent's ETA reaches each reader in their own zone: the requester's Berlin, a colleague with none the plan's (EST)", async () => {
    const { org, t } = await open('premium', 'web', false);
    const colleague = randomUUID();
    await desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, true, $5)', [
      colleague, org.id, `bea-${colleague.slice(0, 8)}@customer.example`, 'Bea Colleague', desk.clock.now(),
    ]);
    await setTicketCcs({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, contactIds: [colleague] } });
    // 2026-12-08T22:00Z: Tue 8 Dec 23:00 CET; 17:00 EST.
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'We found it.', eta: '2026-12-08T22:00:00Z' } });
    const replies = await sent(t.id, 'ticket_reply');
    const byWho = Object.fromEntries(replies.map((r) => [r.recipient.startsWith('bea-') ? 'colleague' : 'requester', r.body]));
    assert.match(byWho.requester, /\n\nEstimated time to resolution: Tue 8 Dec 2026 23:00 CET/);
    assert.match(byWho.colleague, /\n\nEstimated time to resolution: Tue Dec 8 2026 05:00 PM EST/);
  });
});
