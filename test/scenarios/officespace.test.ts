// OfficeSpace (seed 003): "Monday through Friday, from 5:00 AM to 10:00 PM Central Standard Time
// (GMT-6) time, excluding New Year's Day and Christmas"; Critical Technical Support "Response
// Goal: 2 Hours". The seed states the offset, so the hours are GMT-6 all year.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTicket, listTicketEvents } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('OfficeSpace: support hours at a fixed GMT-6', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('officespace', '2026-07-11T03:30:00Z');
  });
  after(() => desk.close());

  it('a Critical ticket at 22:30 CDT on a summer Friday is inside its GMT-6 hours (21:30), due Monday 06:30 GMT-6', async () => {
    desk.clock.set('2026-07-11T03:30:00Z'); // Friday 10 July, 22:30 CDT (UTC-5) = 21:30 GMT-6
    const org = await desk.addOrganization('standard');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Floor plans gone', description: 'The service is down', severity: 1 } });
    const events = await listTicketEvents({ ctx: desk.ctx(org.contact), input: { ticketId: t.id } });
    assert.deepEqual(events.map((e) => e.type), ['created'], 'inside support hours: no out-of-hours acknowledgement');
    // 2 hours of support time: Fri 21:30-22:00 (30 min), then Mon 05:00-06:30 GMT-6 (90 min) = 12:30Z.
    const first = t.clocks.find((c) => c.metric === 'first_response')!;
    assert.equal(first.due?.toString(), '2026-07-13T12:30:00Z');
  });

  it('a Critical phoned in and answered on the call has had its response; one left on voicemail is due in 2 support hours', async () => {
    desk.clock.set('2026-07-14T15:00:00Z'); // Tuesday 14 July, 09:00 GMT-6
    const org = await desk.addOrganization('standard');
    const call = (answeredLive: boolean | undefined, channel: 'phone' | 'email' = 'phone') => createTicket({
      ctx: desk.ctx(desk.agent),
      input: { requesterId: org.contactId, subject: 'Floor plans gone', description: 'Down for everyone', channel, severity: 1, ...(answeredLive === undefined ? {} : { answeredLive }) },
    });
    const answered = (await call(true)).clocks.find((c) => c.metric === 'first_response')!;
    assert.deepEqual([answered.state, answered.metAt?.toString()], ['met', '2026-07-14T15:00:00Z'], '"Assign customer support staff to contact customer": the call was that contact');
    // Not answered (a voicemail): 09:00 + 2 support hours = 11:00 GMT-6 = 17:00Z.
    const voicemail = (await call(undefined)).clocks.find((c) => c.metric === 'first_response')!;
    assert.deepEqual([voicemail.state, voicemail.due?.toString()], ['running', '2026-07-14T17:00:00Z']);
    await assert.rejects(call(true, 'email'), /only an agent answering a call or a chat answers it live/);
    await assert.rejects(
      createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'x', description: 'y', channel: 'phone', severity: 1, answeredLive: true } }),
      /only an agent answering a call or a chat answers it live/,
    );
  });

  it('at 22:30 GMT-6 support is closed: the request is acknowledged with Monday 05:00', async () => {
    desk.clock.set('2026-07-11T04:30:00Z'); // Friday 22:30 GMT-6
    const org = await desk.addOrganization('standard');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'How do I', description: 'Export a floor plan?', severity: 3 } });
    const events = await listTicketEvents({ ctx: desk.ctx(org.contact), input: { ticketId: t.id } });
    assert.deepEqual(events.map((e) => e.type), ['created', 'acknowledged']);
    assert.match(events[1].body ?? '', /resumes Mon 13 Jul 2026 05:00 GMT-6/);
  });
});
