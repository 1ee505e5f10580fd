// Channels by plan and by their hours (OPS-COM): "Telephone Support is available to our Premium
// customers Mon-Fri 9-5 EST." A live channel must be staffed; e-mail is always accepted.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ForbiddenError } from '../../src/platform/index.ts';
import { createTicket, listHeldRequests } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('channels by plan and hours', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('opscom', '2026-12-02T15:00:00Z'); // Wednesday 10:00 EST
  });
  after(() => desk.close());

  it('OPS-COM: a Standard Plus phone ticket is refused; Premium by phone is refused at night, taken in hours', async () => {
    const plus = await desk.addOrganization('standard-plus');
    const refused = await createTicket({ ctx: desk.ctx(plus.contact), input: { subject: 'x', description: 'y', channel: 'phone' } }).catch((e) => e);
    assert.ok(refused instanceof ForbiddenError);
    assert.match(refused.message, /The Standard Plus plan does not include Telephone Support; use Email, Online support ticket/);
    const premium = await desk.addOrganization('premium');
    desk.clock.set('2026-12-03T02:00:00Z'); // 21:00 EST
    const night = await createTicket({ ctx: desk.ctx(premium.contact), input: { subject: 'x', description: 'y', channel: 'phone' } }).catch((e) => e);
    assert.ok(night instanceof ForbiddenError);
    // Telephone support opens again Thursday 09:00 EST.
    assert.match(night.message, /Telephone Support is closed now; it opens Thu Dec 3 2026 09:00 AM EST/);
    // Not "Email or Online support ticket can be used at any time": "After hours support is limited
    // to critical issues", and Standard Plus has "email support only during the same hours". A
    // request sent now is taken, and worked at 09:00 unless it is critical and sent by email ("This
    // support is provided by email": the after-hours rule takes no online ticket).
    assert.ok(night.message.startsWith(
      'Telephone Support is closed now; it opens Thu Dec 3 2026 09:00 AM EST; a request by Email or Online support ticket is taken now, ' +
        'and work on it resumes Thu Dec 3 2026 09:00 AM EST, unless it is one that after-hours support takes through Email: Critical.',
    ), night.message);
    assert.doesNotMatch(night.message, /any time/);
    const codes = (await listHeldRequests({ ctx: desk.ctx(desk.agent), input: {} })).items.map((h) => h.reasonCode).sort();
    assert.deepEqual(codes, ['channel_closed', 'channel_not_in_plan']);
    const email = await createTicket({ ctx: desk.ctx(premium.contact), input: { subject: 'x', description: 'y', channel: 'email' } });
    assert.equal(email.channel, 'email', 'e-mail is accepted at any hour');
    desk.clock.set('2026-12-03T15:00:00Z'); // Thursday 10:00 EST
    const day = await createTicket({ ctx: desk.ctx(premium.contact), input: { subject: 'x', description: 'y', channel: 'phone' } });
    assert.equal(day.channel, 'phone');
  });

  // The refusal gave the vendor's zone alone: a customer abroad worked out "09:00 AM EST" themselves.
  it("a closed channel's refusal puts the requester's own time beside the vendor's: Berlin, six hours ahead of EST", async () => {
    desk.clock.set('2026-12-03T02:00:00Z'); // Wed 2 Dec 21:00 EST
    const premium = await desk.addOrganization('premium');
    await desk.t.db.query("UPDATE contacts SET time_zone = 'Europe/Berlin' WHERE id = $1", [premium.contactId]);
    const night = await createTicket({ ctx: desk.ctx(premium.contact), input: { subject: 'x', description: 'y', channel: 'phone' } }).catch((e) => e);
    assert.ok(night instanceof ForbiddenError);
    // Thu 09:00 EST = 14:00 UTC = 15:00 CET, for the phone's opening and for the work on a request taken now.
    assert.ok(night.message.startsWith(
      'Telephone Support is closed now; it opens Thu Dec 3 2026 09:00 AM EST (Thu 3 Dec 2026 15:00 CET your time); a request by Email or Online support ticket is taken now, ' +
        'and work on it resumes Thu Dec 3 2026 09:00 AM EST (Thu 3 Dec 2026 15:00 CET your time), unless it is one that after-hours support takes through Email: Critical.',
    ), night.message);
  });
});

// OpenBack (seed 001): "Documentation | https://docs.openback.com/" is a place to read, not to ask
// (offered_instead: false); "We offer out of hours standard support from 6pm to 9am via email
// support": at 22:00 a closed chat is refused naming the email answered now, with its address.
describe('what a refused request is offered instead, OpenBack', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-02T22:00:00Z'); // Wednesday 22:00 GMT
  });
  after(() => desk.close());

  it('Growth by phone: the plan has none; Email is offered, and Chat with the time it opens, not Documentation', async () => {
    const org = await desk.addOrganization('growth');
    const refused = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'x', description: 'y', severity: 3, channel: 'phone' } }).catch((e) => e);
    assert.ok(refused instanceof ForbiddenError);
    // Chat is staffed in the support hours (9am to 6pm GMT, weekdays): at 22:00 it is not "used" now.
    assert.equal(refused.details[0].message, 'The Growth plan does not include Phone; use Email; Chat opens Thu 3 Dec 2026 09:00 GMT');
    // In those hours, both are used now.
    desk.clock.set('2026-12-03T10:00:00Z'); // Thursday 10:00 GMT
    const day = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'x', description: 'y', severity: 3, channel: 'phone' } }).catch((e) => e);
    assert.equal(day.details[0].message, 'The Growth plan does not include Phone; use Email, Chat');
    desk.clock.set('2026-12-02T22:00:00Z');
  });

  it('Pro by chat at 22:00: chat opens Thursday 09:00; the night email support is answered now', async () => {
    const org = await desk.addOrganization('pro');
    const refused = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'x', description: 'y', severity: 2, channel: 'chat' } }).catch((e) => e);
    assert.ok(refused instanceof ForbiddenError);
    assert.equal(refused.details[0].message, 'Chat is closed now; it opens Thu 3 Dec 2026 09:00 GMT; Email (support@openback.com) is answered now');
  });

  it("what a plan lacking the channel offers instead gives the requester's own time beside the vendor's: New York, five hours behind GMT", async () => {
    desk.clock.set('2026-12-02T22:00:00Z'); // Wednesday 22:00 GMT
    const org = await desk.addOrganization('growth');
    await desk.t.db.query("UPDATE contacts SET time_zone = 'America/New_York' WHERE id = $1", [org.contactId]);
    const refused = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'x', description: 'y', severity: 3, channel: 'phone' } }).catch((e) => e);
    assert.ok(refused instanceof ForbiddenError);
    // Chat opens Thursday 09:00 GMT = 09:00 UTC = 04:00 AM EST.
    assert.equal(refused.details[0].message, 'The Growth plan does not include Phone; use Email; Chat opens Thu 3 Dec 2026 09:00 GMT (Thu Dec 3 2026 04:00 AM EST your time)');
  });
});

