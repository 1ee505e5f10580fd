// A call an agent logs (or a chat an agent answers) was taken: the live channel was answered, so
// its hours refuse nothing (intake.ts channelRefusal, takenByAgent). The plan must still include
// the channel, and a refusal an agent meets is worded for the desk, not for the customer.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ForbiddenError } from '../../src/platform/index.ts';
import { createTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

const held = async (desk: Desk, requesterId: string) =>
  (await desk.t.db.query<{ id: string; reason_code: string; channel: string }>('SELECT id, reason_code, channel FROM held_requests WHERE requester_id = $1 ORDER BY created_at', [requesterId])).rows;

// OpenBack (seed 001): "Severity 1: Critical - Initial Response Time | 6 hours, 24x7 | 3 hours,
// 24x7 | 1 hour, 24x7"; "Phone | Provided to our Pro and Enterprise Customers"; the phone and chat
// hours are read as the support hours, "Monday through Friday, 9am to 6pm GMT" (Enterprise also
// "9am - 4pm GMT on Saturdays").
describe('OpenBack: a call an agent takes out of hours is a ticket, its clock running', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-05T11:00:00Z'); // Saturday 5 December, 11:00 GMT
  });
  after(() => desk.close());

  it('a Pro Severity 1 call logged on Saturday 11:00 opens, its first response due 14:00 (3 hours, 24x7)', async () => {
    desk.clock.set('2026-12-05T11:00:00Z');
    const pro = await desk.addOrganization('pro');
    const t = await createTicket({ ctx: desk.ctx(desk.agent), input: { requesterId: pro.contactId, subject: 'Outage call', description: 'No pushes delivered', channel: 'phone', severity: 1 } });
    assert.equal(t.channel, 'phone');
    assert.equal(t.plan, 'pro');
    // 11:00 + 3 hours, round the clock (the weekend counts): Saturday 14:00 GMT.
    assert.equal(t.clocks.find((c) => c.metric === 'first_response')?.due?.toString(), '2026-12-05T14:00:00Z');
    assert.deepEqual(await held(desk, pro.contactId), [], 'nothing held');
  });

  it('an Enterprise Severity 1 call logged on Sunday 11:00 opens, due 12:00 (1 hour, 24x7)', async () => {
    desk.clock.set('2026-12-06T11:00:00Z'); // Sunday: no Enterprise hours (Saturdays only)
    const ent = await desk.addOrganization('enterprise');
    const t = await createTicket({ ctx: desk.ctx(desk.agent), input: { requesterId: ent.contactId, subject: 'Outage call', description: 'All down', channel: 'phone', severity: 1 } });
    assert.equal(t.clocks.find((c) => c.metric === 'first_response')?.due?.toString(), '2026-12-06T12:00:00Z');
  });

  it('a chat an agent answers on Saturday is logged; the customer starting one then is still refused', async () => {
    desk.clock.set('2026-12-05T11:00:00Z');
    const pro = await desk.addOrganization('pro');
    const t = await createTicket({ ctx: desk.ctx(desk.agent), input: { requesterId: pro.contactId, subject: 'Chat', description: 'From the widget', channel: 'chat', severity: 3 } });
    assert.equal(t.channel, 'chat');
    const own = await createTicket({ ctx: desk.ctx(pro.contact), input: { subject: 'Chat', description: 'x', channel: 'chat', severity: 3 } }).catch((e) => e);
    assert.ok(own instanceof ForbiddenError);
    // Chat is staffed in the weekday support hours: next Monday 7 December 09:00 GMT.
    assert.match(own.message, /^Chat is closed now; it opens Mon 7 Dec 2026 09:00 GMT; /);
    assert.match(own.message, /Your request is kept for our support team to review \(held request [0-9a-f-]{36}\)\.$/);
    assert.deepEqual((await held(desk, pro.contactId)).map((h) => [h.reason_code, h.channel]), [['channel_closed', 'chat']]);
  });

  it("a Growth customer's call is held all the same (Growth has no phone), said to the agent in the desk's words", async () => {
    desk.clock.set('2026-12-05T11:00:00Z');
    const growth = await desk.addOrganization('growth');
    const error = await createTicket({ ctx: desk.ctx(desk.agent), input: { requesterId: growth.contactId, subject: 'Call', description: 'Rang in', channel: 'phone', severity: 1 } }).catch((e) => e);
    assert.ok(error instanceof ForbiddenError);
    const [h] = await held(desk, growth.contactId);
    assert.deepEqual([h.reason_code, h.channel], ['channel_not_in_plan', 'phone']);
    // "Phone | Provided to our Pro and Enterprise Customers": no channels to send the customer to.
    assert.equal(error.message, `Held for review (held request ${h.id}): the Growth plan does not include Phone (the policy offers it to Pro and Enterprise).`);
    assert.deepEqual(error.details, [
      { path: 'channel', message: 'The Growth plan does not include Phone (the policy offers it to Pro and Enterprise)' },
      { path: 'heldRequestId', message: h.id },
    ]);
  });

  it("the Growth customer's own call on Saturday is told that email takes it now but works it from 6pm, and when chat opens", async () => {
    desk.clock.set('2026-12-05T11:00:00Z');
    const growth = await desk.addOrganization('growth');
    const error = await createTicket({ ctx: desk.ctx(growth.contact), input: { subject: 'Call me', description: 'x', channel: 'phone', severity: 3 } }).catch((e) => e);
    assert.ok(error instanceof ForbiddenError);
    const [h] = await held(desk, growth.contactId);
    // Saturday 11:00 GMT on Growth: no support hours ("Monday through Friday, 9am to 6pm GMT"; the
    // weekend hours are "for Enterprise customers"), and the out-of-hours email support is "from 6pm
    // to 9am": a mail is taken now and worked from Saturday 18:00, not answered now. Severity 1 is
    // "6 hours, 24x7": its time runs now. Growth's chat is staffed Monday to Friday 9am to 6pm GMT.
    assert.equal(error.message,
      'The Growth plan does not include Phone; a request by Email is taken now, and work on it resumes Sat 5 Dec 2026 18:00 GMT, ' +
        'unless it is severity 1 (Critical), whose time runs round the clock; Chat opens Mon 7 Dec 2026 09:00 GMT. ' +
        `Your request is kept for our support team to review (held request ${h.id}).`);
    assert.doesNotMatch(error.message, /use Email/);
  });

  it("the Growth customer's own call on a weekday night is told to use email, answered then", async () => {
    desk.clock.set('2026-12-08T22:00:00Z'); // Tuesday 22:00 GMT: inside "6pm to 9am"
    const growth = await desk.addOrganization('growth');
    const error = await createTicket({ ctx: desk.ctx(growth.contact), input: { subject: 'Call me', description: 'x', channel: 'phone', severity: 3 } }).catch((e) => e);
    const [h] = await held(desk, growth.contactId);
    assert.equal(error.message, `The Growth plan does not include Phone; use Email; Chat opens Wed 9 Dec 2026 09:00 GMT. Your request is kept for our support team to review (held request ${h.id}).`);
  });
});

// OfficeSpace (seed 003): "Monday through Friday, from 5:00 AM to 10:00 PM Central Standard Time
// (GMT-6)"; Technical Support "Response Goal: 4 Hours", read as support hours.
describe('OfficeSpace: a call an agent logs after 10 PM is a ticket', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('officespace', '2026-12-05T04:30:00Z'); // Friday 4 December, 22:30 GMT-6
  });
  after(() => desk.close());

  it('opens at Friday 22:30 GMT-6, its 4 support hours counted from Monday 05:00: due 09:00 GMT-6', async () => {
    const org = await desk.addOrganization('standard');
    const t = await createTicket({ ctx: desk.ctx(desk.agent), input: { requesterId: org.contactId, subject: 'Floor plan', description: 'Layout broken', channel: 'phone', severity: 2 } });
    assert.equal(t.channel, 'phone');
    // Closed from 22:00 Friday until 05:00 Monday; 05:00 + 4 h = 09:00 GMT-6 = 15:00 UTC.
    assert.equal(t.clocks.find((c) => c.metric === 'first_response')?.due?.toString(), '2026-12-07T15:00:00Z');
    assert.deepEqual(await held(desk, org.contactId), []);
  });

  it("the customer's own phone request then is still refused and kept", async () => {
    const org = await desk.addOrganization('standard');
    const error = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Call me', description: 'x', channel: 'phone', severity: 2 } }).catch((e) => e);
    assert.ok(error instanceof ForbiddenError);
    assert.match(error.message, /^Phone Support is closed now; it opens Mon 7 Dec 2026 05:00 GMT-6/);
    assert.deepEqual((await held(desk, org.contactId)).map((h) => h.reason_code), ['channel_closed']);
  });
});
