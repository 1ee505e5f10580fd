// Who hears of a missed promise and how they read it, OpenBack (Enterprise, Severity 1: first
// response within 1 hour, 24x7): a ticket nobody holds mails the managers and admins still on the
// team (not one who left), each with the time in the zone they chose (the plan's, London, when none), a link to
// the ticket on the desk, and what a reply to the mail does; an assignee who left hands it to them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTicket, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

const ANSWERS = 'Reply to this message to answer the customer: your reply goes on the ticket and is sent to them. A first line of #note makes it an internal note instead; #solved or #pending (waiting on the customer) sets the status with it; #eta and a date and time (2026-12-31 17:00, in your time zone) tells them the estimated time to resolution.';

describe('SLA breach mail, OpenBack', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-02T10:00:00Z');
  });
  after(() => desk.close());
  const id = (a: unknown) => (a as { id: string }).id;
  const breachMail = async (ticketId: string) =>
    (await desk.t.db.query<{ recipient: string; body: string; links: unknown }>(
      "SELECT recipient, body, payload->'links' AS links FROM outbox WHERE kind = 'sla_breach' AND payload->>'ticket_id' = $1 AND payload->>'metric' = 'first_response' ORDER BY recipient",
      [ticketId],
    )).rows;

  it('an unheld ticket: the managers and admins on the team, each in their own time zone', async () => {
    // The admin reads times in New York (EST, UTC-5 in December); the manager chose none.
    await desk.t.db.query("UPDATE agents SET time_zone = 'America/New_York' WHERE id = $1", [id(desk.admin)]);
    await desk.t.db.query("INSERT INTO agents (id, email, name, role, created_at, deactivated_at) VALUES (gen_random_uuid(), 'gone@vendor.example', 'Gone', 'manager', $1, $1)", [desk.clock.now()]);
    const org = await desk.addOrganization('enterprise');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'All keys fail', description: 'Nobody can enter', severity: 1 } });
    desk.clock.set('2026-12-02T11:30:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    const link = [{ label: `Ticket #${t.number} on the desk`, path: `/agent/tickets/${t.id}` }];
    // Whose, how grave and who holds it: the desk's first organization, Enterprise, Severity 1, nobody.
    const FACTS = 'Org 1: Severity 1 (Critical), Enterprise plan, Open. Nobody on the team holds it.';
    // Due 11:00 UTC: 06:00 in New York; 11:00 GMT in London, the zone of the plan's hours ("9am – 6pm GMT").
    assert.deepEqual(await breachMail(t.id), [
      { recipient: 'admin@vendor.example', body: `The first response clock of ticket #${t.number} was due at Wed Dec 2 2026 06:00 AM EST.\n${FACTS}\n\n${ANSWERS}`, links: link },
      { recipient: 'manager@vendor.example', body: `The first response clock of ticket #${t.number} was due at Wed 2 Dec 2026 11:00 GMT.\n${FACTS}\n\n${ANSWERS}`, links: link },
    ]);
  });

  it('an assignee who left: the managers and admins hear of it instead', async () => {
    desk.clock.set('2026-12-03T10:00:00Z');
    const org = await desk.addOrganization('enterprise');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Lobby door', description: 'Stuck', severity: 1 } });
    await updateTicket({ ctx: desk.ctx(desk.manager), input: { ticketId: t.id, assigneeId: id(desk.agent) } });
    await desk.t.db.query('UPDATE agents SET deactivated_at = $2 WHERE id = $1', [id(desk.agent), desk.clock.now()]);
    desk.clock.set('2026-12-03T11:30:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    assert.deepEqual((await breachMail(t.id)).map((m) => m.recipient), ['admin@vendor.example', 'manager@vendor.example']);
    assert.match((await breachMail(t.id))[0].body, /\nOrg 2: Severity 1 \(Critical\), Enterprise plan, Open\. Nobody on the team holds it\.\n/, 'one who left holds it no more');
  });

  it('an assignee on the team hears of it alone, and is named as holding it', async () => {
    desk.clock.set('2026-12-04T10:00:00Z');
    const org = await desk.addOrganization('pro');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Door reader', description: 'Blinks', severity: 1 } });
    await updateTicket({ ctx: desk.ctx(desk.manager), input: { ticketId: t.id, assigneeId: id(desk.manager) } });
    // Pro, Severity 1: first response within 3 hours, 24x7: due 13:00 UTC.
    desk.clock.set('2026-12-04T13:30:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    const mails = await breachMail(t.id);
    assert.deepEqual(mails.map((m) => m.recipient), ['manager@vendor.example']);
    assert.equal(mails[0].body.split('\n\n')[0], `The first response clock of ticket #${t.number} was due at Fri 4 Dec 2026 13:00 GMT.\nOrg 3: Severity 1 (Critical), Pro plan, Open. Held by manager@vendor.example.`);
  });
});
