// Intake on OpenKey: chat is staffed "during regular business hours 9 am - 5 pm CST M-F"; e-mail
// can be sent at any hour and is answered in business hours.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ForbiddenError } from '../../src/platform/index.ts';
import { createTicket, listHeldRequests, listTicketEvents } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('intake by channel and hour', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openkey', '2026-12-02T23:30:00Z'); // Wednesday 17:30 CST
  });
  after(() => desk.close());

  it('OpenKey: chat is refused after 5 pm and kept; e-mail is acknowledged with the next opening', async () => {
    const org = await desk.addOrganization('standard');
    const chat = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'App', description: 'Question', channel: 'chat' } }).catch((e) => e);
    assert.ok(chat instanceof ForbiddenError);
    assert.match(chat.message, /Chat support is closed now; it opens Thu Dec 3 2026 09:00 AM CST/);
    const held = (await listHeldRequests({ ctx: desk.ctx(desk.agent), input: {} })).items;
    assert.deepEqual(held.map((h) => [h.reasonCode, h.channel]), [['channel_closed', 'chat']]);
    const email = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'App', description: 'Question', channel: 'email' } });
    const events = await listTicketEvents({ ctx: desk.ctx(org.contact), input: { ticketId: email.id } });
    assert.deepEqual(events.map((e) => e.type), ['created', 'acknowledged']);
    assert.match(events[1].body ?? '', /Work on it resumes Thu Dec 3 2026 09:00 AM CST/);
  });
});
