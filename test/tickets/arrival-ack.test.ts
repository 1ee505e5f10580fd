// "Received outside our support hours" only when nobody answers the channel now (QA, 2026-12-04).
// OpenBack, Growth: support hours Mon-Fri 09:00-18:00 London; "out of hours standard support from
// 6pm to 9am via email": email is answered 18:00-09:00 every night besides. So an email at 07:29 on
// a Friday is in its channel's hours (no "outside our hours" receipt), and an email at Saturday noon
// waits for Saturday 18:00. The seed lists no web form ("via email, live chat and documentation"):
// a case filed in the portal is filed as Email and answered as email is, never "by Documentation".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTicket, listTicketEvents } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('the outside-hours receipt follows the hours the channel is answered in, OpenBack Growth', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-04T07:29:00Z');
  });
  after(() => desk.close());

  async function receipt(channel: 'email' | 'portal') {
    const org = await desk.addOrganization('growth');
    const input = { subject: `By ${channel}`, description: 'Pushes fail', severity: 3, ...(channel === 'email' ? { channel } : {}) };
    const t = await createTicket({ ctx: desk.ctx(org.contact), input, options: { portal: channel === 'portal' } });
    assert.equal(t.channel, 'email');
    const events = await listTicketEvents({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    const { rows } = await desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [t.id]);
    return { acknowledged: events.filter((e) => e.type === 'acknowledged').map((e) => e.body), mail: rows[0].body };
  }

  it('Friday 07:29 by email: the out-of-hours email support is working; no "outside our support hours"', async () => {
    const r = await receipt('email');
    assert.deepEqual(r.acknowledged, []);
    assert.doesNotMatch(r.mail, /outside our support hours/);
    // The portal's word for it, a case, with the number the subject's [#N] carries (QA: mail said ticket).
    assert.match(r.mail, /^We received your request "By email" and opened case #\d+ \(severity 3: Minor\)\./);
    assert.match(r.mail, /Reply to this message to add to case #(\d+); keep \[#\1\] in the subject\./);
  });

  it('Friday 07:29 through the portal: filed as Email, which the night email support answers now, so no outside-hours receipt', async () => {
    const r = await receipt('portal');
    // 07:29 London (GMT in December) is in the night from Thursday 6pm to Friday 9am: "out of hours
    // standard support from 6pm to 9am via email" is working, as for a mail sent then.
    assert.deepEqual(r.acknowledged, []);
    assert.doesNotMatch(r.mail, /outside our support hours/);
    // Documentation is read, not answered: never named as the way the case came in.
    assert.doesNotMatch(r.mail, /Documentation/);
  });

  it('Saturday noon by email: no daytime weekend email support on Growth; the night email support starts at 18:00, and why, in the seed\'s words', async () => {
    desk.clock.set('2026-12-05T12:00:00Z');
    const r = await receipt('email');
    // Work resumes at 18:00 (the out-of-hours email support), while the targets count business days
    // from Monday 09:00: the receipt says why the earlier time, in OpenBack's sentence on email.
    const expected =
      'We received your request outside our support hours. Work on it resumes Sat 5 Dec 2026 18:00 GMT.\n\n' +
      'Email (support@openback.com) is answered then: We offer out of hours standard support from 6pm to 9am via email support from our offices around the world.';
    assert.deepEqual(r.acknowledged, [expected]);
    assert.ok(r.mail.includes(expected), r.mail);
    // Severity 3 on Growth, "2 - 4 business days", counted from Monday 7 December 09:00: two
    // business days end Tuesday 18:00, four end Thursday 18:00.
    assert.match(r.mail, /aimed for Tue 8 Dec 2026 18:00 GMT, at the latest Thu 10 Dec 2026 18:00 GMT/);
  });

  it('Christmas Day by email: closed on the holiday and Boxing Day, nights included; work resumes Sunday 27 December at 6pm, not at midnight', async () => {
    // "OpenBack is closed on certain observed UK or US holidays": Friday 25 (Christmas Day) and
    // Saturday 26 (Boxing Day, observed Monday 28). No night shift starts "from 6pm" on a day it is
    // closed, so Saturday's night does not reopen at 00:00 Sunday: Sunday's starts at 18:00.
    desk.clock.set('2026-12-25T11:00:00Z');
    const r = await receipt('email');
    assert.deepEqual(r.acknowledged, [
      'We received your request outside our support hours. Work on it resumes Sun 27 Dec 2026 18:00 GMT.\n\n' +
        'Email (support@openback.com) is answered then: We offer out of hours standard support from 6pm to 9am via email support from our offices around the world.',
    ]);
    assert.doesNotMatch(r.mail, /00:00/);
  });

  it('Saturday noon through the portal: as by email, work resumes Saturday 18:00 with the night email support, said in the seed\'s words', async () => {
    desk.clock.set('2026-12-05T12:00:00Z');
    const r = await receipt('portal');
    // Growth has no Saturday daytime hours; the next night shift "from 6pm" starts Saturday 18:00 GMT.
    assert.deepEqual(r.acknowledged, [
      'We received your request outside our support hours. Work on it resumes Sat 5 Dec 2026 18:00 GMT.\n\n' +
        'Email (support@openback.com) is answered then: We offer out of hours standard support from 6pm to 9am via email support from our offices around the world.',
    ]);
  });
});

// OpenBack's Severity 1 (Critical) promises a first response within 6 hours on Growth, round the
// clock ("clock: 24x7"): a critical request at 02:00 on a Saturday is not told that work resumes on
// Monday (QA, 2026-12-05). A Severity 3 one at the same moment still is told when work resumes: its
// targets are in business days. Filed in the portal, a case is filed as Email (the seed lists no web
// form), answered in the support hours and "from 6pm to 9am" every night.
describe('no "work resumes" for a request whose promise runs now, OpenBack Growth', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-05T02:00:00Z');
  });
  after(() => desk.close());

  const acknowledged = async (severity: number) => {
    const org = await desk.addOrganization('growth');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: `Severity ${severity}`, description: 'Pushes fail', severity }, options: { portal: true } });
    const events = await listTicketEvents({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    return events.filter((e) => e.type === 'acknowledged').map((e) => e.body);
  };

  it('Saturday 02:00 through the portal: none for either; the night email support is working (Friday 6pm to Saturday 9am)', async () => {
    assert.deepEqual(await acknowledged(1), []);
    assert.deepEqual(await acknowledged(3), []);
  });

  it('Saturday noon through the portal: none for Severity 1 ("6 hours, 24x7"); Severity 3 waits for the night email support at 18:00', async () => {
    desk.clock.set('2026-12-05T12:00:00Z');
    assert.deepEqual(await acknowledged(1), []);
    // No email support in the daytime at the weekend on Growth: the next "from 6pm" is Saturday 18:00 GMT.
    assert.deepEqual(await acknowledged(3), [
      'We received your request outside our support hours. Work on it resumes Sat 5 Dec 2026 18:00 GMT.\n\n' +
        'Email (support@openback.com) is answered then: We offer out of hours standard support from 6pm to 9am via email support from our offices around the world.',
    ]);
  });
});

// OpenKey (seed 000): "For emergency assistance during off hours, our Support team can be reached
// at 1 (877) 800-2006"; "Billing Questions: Email Billing@OpenKey.co", "Sales: ... Email
// Sales@OpenKey.co": a billing or sales question has no tier (request_types sla: false), so the
// receipt of one sent at night does not tell it where emergencies go. A support request sent at the
// same hour is still told of the phone lines (it may be an emergency filed as something less).
describe('the outside-hours receipt of a request with no tier names no severity, OpenKey', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openkey', '2026-12-05T09:00:00Z'); // Saturday 5 December, 03:00 CST (UTC-6)
  });
  after(() => desk.close());

  async function receipt(requestType: 'billing' | 'sales' | 'support') {
    const org = await desk.addOrganization('standard');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: `A ${requestType} question`, description: 'Please advise', requestType, channel: 'email' } });
    const events = await listTicketEvents({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    const { rows } = await desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [t.id]);
    return { acknowledged: events.filter((e) => e.type === 'acknowledged').map((e) => e.body), mail: rows[0].body };
  }

  it('a billing or sales question sent at 03:00 on a Saturday is not told where Emergency Tier 2 requests go; a support request is', async () => {
    // Business hours Mon-Fri 9 am - 5 pm Central: from Saturday 03:00 the next opening is Monday 7 December 09:00 CST.
    for (const type of ['billing', 'sales'] as const) {
      const r = await receipt(type);
      assert.deepEqual(r.acknowledged, ['We received your request outside our regular business hours. Work on it resumes Mon Dec 7 2026 09:00 AM CST.'], type);
      assert.doesNotMatch(r.mail, /severity|Emergency Tier 2|800-2006|800-2008/, type);
    }
    const support = await receipt('support');
    // In OpenKey's word for its hours ("during our regular business hours"; it never says "support
    // hours"), then the seed's own words, which give both numbers: no generated list of the same
    // numbers before them. "Please request to speak to the Openkey After Hours Emergency Contact"
    // is how an emergency reaches that contact on 877-800-2008.
    const expected =
      'We received your request outside our regular business hours. Work on it resumes Mon Dec 7 2026 09:00 AM CST.\n\n' +
      'For emergency assistance during off hours, our Support team can be reached at 1 (877) 800-2006 (answered 24/7/365).\n\n' +
      'Emergency Tier 2 issues outside of business hours can be addressed by calling 877-800-2008. Please request to speak to the Openkey After Hours Emergency Contact. ' +
      'Off hours emergency issues resolution times will vary depending on the nature of the issue.';
    assert.deepEqual(support.acknowledged, [expected]);
    assert.ok(support.mail.includes(expected), 'the receipt mail carries it whole');
  });
});

// OpenMethods (seed 002) states no support hours: "Remediation work: 6am-4pm U.S. Eastern Standard
// Time" for Major Impairment, Minor Loss of Service and No Loss of Service, and for a System Outage
// "Response time: 30 minutes", "Remediation work: 24/7 until resolved". A Minor Loss of Service sent
// at 03:00 on a Saturday waits for Monday 06:00 Eastern; its receipt says it is outside those
// remediation hours, in the seed's words, not "outside our support hours" (which would say nobody
// answers, where an outage is worked round the clock), and says how a System Outage is worked.
describe('the outside-hours receipt names the remediation hours, OpenMethods', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openmethods', '2026-12-05T08:00:00Z'); // Saturday 5 December, 03:00 EST (UTC-5)
  });
  after(() => desk.close());

  it('a Minor Loss of Service at Saturday 03:00: outside the remediation hours, work resumes Monday 06:00 EST; System Outages 24/7', async () => {
    const org = await desk.addOrganization('standard');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Media bar', description: 'Display issue', severity: 3, channel: 'web' } });
    const events = await listTicketEvents({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    const expected =
      'We received your request outside the hours of remediation work for Severity 3 (Minor Loss of Service): 6am-4pm U.S. Eastern Standard Time. ' +
      'Work on it resumes Mon Dec 7 2026 06:00 AM EST.\n\n' +
      'Remediation work for Severity 1 (System Outage): 24/7 until resolved.';
    assert.deepEqual(events.filter((e) => e.type === 'acknowledged').map((e) => e.body), [expected]);
    const { rows } = await desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [t.id]);
    assert.ok(rows[0].body.includes(expected), rows[0].body);
    assert.doesNotMatch(rows[0].body, /support hours/);
  });
});

// OfficeSpace: "Monday through Friday, from 5:00 AM to 10:00 PM Central Standard Time (GMT-6) time,
// excluding New Year’s Day and Christmas". A mail on a Friday at 10:00 GMT-6 is within those hours
// unless the day is one of the two: the receipt says which, as the portal's form does, by the seed's name.
describe('the outside-hours receipt names the holiday support is closed on, OfficeSpace', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('officespace', '2026-12-25T16:00:00Z');
  });
  after(() => desk.close());

  async function receiptAt(at: string): Promise<string> {
    desk.clock.set(at);
    const org = await desk.addOrganization('standard');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Floor plan', description: 'x', severity: 2, channel: 'email' } });
    const { rows } = await desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [t.id]);
    return rows[0].body;
  }

  it('Christmas Day 2026, a Friday at 10:00 GMT-6: closed on Christmas, then the weekend; work resumes Monday 05:00', async () => {
    // Fri 25 Dec 2026 16:00 UTC = 10:00 GMT-6; Sat 26 and Sun 27 are not support days: Mon 28 Dec 05:00 GMT-6.
    assert.match(await receiptAt('2026-12-25T16:00:00Z'),
      /\n\nWe received your request outside our support hours\. They are closed on Christmas\. Work on it resumes Mon 28 Dec 2026 05:00 GMT-6\.\n\n/);
  });

  it('New Year’s Day 2027, a Friday at 10:00 GMT-6: by the seed’s name, with its curly apostrophe', async () => {
    assert.match(await receiptAt('2027-01-01T16:00:00Z'), /They are closed on New Year’s Day\. Work on it resumes Mon 4 Jan 2027 05:00 GMT-6\./);
  });

  it('Saturday 26 December, an ordinary weekend day: outside the hours, no holiday named', async () => {
    const mail = await receiptAt('2026-12-26T16:00:00Z');
    assert.match(mail, /We received your request outside our support hours\. Work on it resumes Mon 28 Dec 2026 05:00 GMT-6\./);
    assert.doesNotMatch(mail, /closed on/);
  });
});
