// The managers' morning mail (tickets/daily-digest.ts), on OpenBack Enterprise, worked out by hand.
// Tuesday 1 December 2026 (GMT = UTC in December): a severity 1 ticket at 09:00 (first response
// within 1 hour, 24x7: due 10:00) is swept at 10:30 (breached), answered and solved at 10:45; a
// severity 4 ticket at 11:00 (first response within 1 business day: due Wednesday 11:00) stays open
// with nobody holding it; a contact who is not a named contact asks at 11:30 (held for review); a
// ticket opened and solved on Monday counts in neither. At 07:00 UTC on Wednesday the digest of
// the 24 hours before goes to each manager and admin whose local time it is 07:00.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setMailPreferences, updateProfile } from '../../src/customers/index.ts';
import { storeInbound } from '../../src/email/index.ts';
import { handleDailyDigest } from '../../src/jobs/digest-job.ts';
import { silentLogger } from '../../src/platform/index.ts';
import { activePolicy } from '../../src/policy-versions/index.ts';
import { addReply, createTicket, digestOf, digestText, rateTicket, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { insertBulkClocks } from '../support/bulk-clocks.ts';
import { openDesk, suiteDesk, type Desk } from '../support/desk.ts';

const at = (s: string) => Temporal.Instant.from(s);

describe("the managers' morning digest, OpenBack", () => {
  const s = suiteDesk('openback', 'enterprise', '2026-11-30T10:00:00Z');
  const db = () => s.desk.t.db;
  const digests = async () =>
    (await db().query<{ recipient: string; subject: string; body: string }>("SELECT recipient, subject, body FROM outbox WHERE kind = 'daily_digest' ORDER BY created_at, recipient")).rows;

  it("sums up the day before for whoever's morning it is, once each, unless they turned it off", async () => {
    const d = s.desk;
    const open = (subject: string, severity: number) => createTicket({ ctx: d.ctx(s.org.contact), input: { subject, description: 'x', severity } });
    const monday = await open('Monday question', 3);
    await updateTicket({ ctx: d.ctx(d.agent), input: { ticketId: monday.id, status: 'solved' } });
    d.clock.set('2026-12-01T09:00:00Z');
    const outage = await open('Outage', 1);
    d.clock.set('2026-12-01T10:30:00Z');
    await sweepSlaClocks({ ctx: d.system });
    d.clock.set('2026-12-01T10:45:00Z');
    await addReply({ ctx: d.ctx(d.agent), input: { ticketId: outage.id, body: 'Restored.', status: 'solved' } });
    d.clock.set('2026-12-01T11:00:00Z');
    await open('Feature idea', 4);
    d.clock.set('2026-12-01T11:30:00Z');
    const stranger = randomUUID();
    await db().query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [stranger, s.org.id, 'not.named@customer.example', 'Not Named', d.clock.now()]);
    await assert.rejects(createTicket({ ctx: d.ctx({ kind: 'contact', id: stranger, organizationId: s.org.id }), input: { subject: 'Can I ask?', description: 'x', severity: 3 } }), { name: 'ForbiddenError' });
    // The manager reads times in New York: their 07:00 is 12:00 UTC.
    await updateProfile({ ctx: d.ctx(d.manager), input: { timeZone: 'America/New_York' } });

    d.clock.set('2026-12-02T07:00:00Z');
    const run = () => handleDailyDigest({ db: db(), clock: d.clock, logger: silentLogger() });
    assert.equal(await run(), 1, 'the admin (UTC): their 07:00');
    assert.equal(await run(), 0, 'once a day');
    const [mail] = await digests();
    assert.equal(mail.recipient, 'admin@vendor.example');
    // The breaches counted are those due in the 24 hours to 06:45, 15 minutes (the breach hold)
    // before the digest's 07:00: the subject says so, not "in the last day".
    assert.equal(mail.subject, 'Support today: 1 open ticket, 1 breach in the 24 hours to 2026-12-02 06:45 UTC');
    assert.equal(mail.body, [
      'OpenBack support, the 24 hours to 2026-12-02 07:00 UTC:',
      '- 2 tickets opened, 1 solved',
      '- 1 promise missed (SLA breaches due in the 24 hours to 2026-12-02 06:45 UTC):',
      // Named with its due time: opened 09:00, a first response within 1 hour.
      `    #${outage.number} Outage: first response due 2026-12-01 10:00 UTC, Severity 1 (Critical), Enterprise plan`,
      '- 0 ratings by customers: 0 good, 0 bad',
      '',
      'Waiting now:',
      '- 1 open ticket, 1 held by nobody',
      '- 1 ticket with a promise due in the next 24 hours',
      '- 1 request held for review',
    ].join('\n'));

    d.clock.set('2026-12-02T12:00:00Z');
    assert.equal(await run(), 1, "the manager's 07:00 in New York");
    assert.deepEqual((await digests()).map((m) => m.recipient), ['admin@vendor.example', 'manager@vendor.example']);
    // In the manager's own zone: 12:00 UTC is 07:00 EST, the breaches' window ends at 06:45 EST.
    const ny = (await digests())[1];
    assert.match(ny.subject, /^Support today: 1 open ticket, \d+ breach(es)? in the 24 hours to Wed Dec 2 2026 06:45 AM EST$/);
    assert.equal(ny.body.split('\n')[0], 'OpenBack support, the 24 hours to Wed Dec 2 2026 07:00 AM EST:');
    assert.match(ny.body.split('\n')[2], /^- \d+ promises? missed \(SLA breaches due in the 24 hours to Wed Dec 2 2026 06:45 AM EST\)/);
    // Turned off: no digest the next morning; the front line never gets one.
    await setMailPreferences({ ctx: d.ctx(d.admin), input: { dailyDigest: false } });
    d.clock.set('2026-12-03T07:00:00Z');
    assert.equal(await run(), 0);

    // The customer rates both solved tickets the next morning: the manager's digest counts them
    // and names the bad one with its comment, to follow up.
    await rateTicket({ ctx: d.ctx(s.org.contact), input: { ticketId: monday.id, rating: 'good' } });
    await rateTicket({ ctx: d.ctx(s.org.contact), input: { ticketId: outage.id, rating: 'bad', comment: 'Down again\nat night.' } });
    d.clock.set('2026-12-03T12:00:00Z');
    assert.equal(await run(), 1, "the manager's 07:00 in New York");
    const body = (await digests()).at(-1)!.body.split('\n');
    assert.deepEqual(body.slice(3, 5), ['- 2 ratings by customers: 1 good, 1 bad:', `    #${outage.number} Outage (Org 1): "Down again at night."`]);
  });

  it('goes at the hour each manager chose in their own zone, once a local day even when the hour moves later', async () => {
    const d = s.desk;
    const run = () => handleDailyDigest({ db: db(), clock: d.clock, logger: silentLogger() });
    const sent = async () => (await db().query<{ recipient: string; created_at: Temporal.Instant }>("SELECT recipient, created_at FROM outbox WHERE kind = 'daily_digest' AND created_at >= '2026-12-10' ORDER BY created_at, recipient")).rows
      .map((r) => `${r.recipient} ${String(r.created_at)}`);
    await setMailPreferences({ ctx: d.ctx(d.admin), input: { dailyDigest: true } });
    // The manager (New York) wants it at 05:00 their time, 10:00 UTC; the admin (UTC) at 09:00.
    await setMailPreferences({ ctx: d.ctx(d.manager), input: { digestHour: 5 } });
    await setMailPreferences({ ctx: d.ctx(d.admin), input: { digestHour: 9 } });
    for (const hour of ['07', '09', '10', '12']) {
      d.clock.set(`2026-12-10T${hour}:00:00Z`);
      await run();
    }
    assert.deepEqual(await sent(), ['admin@vendor.example 2026-12-10T09:00:00Z', 'manager@vendor.example 2026-12-10T10:00:00Z']);
    // The admin moves it to 11:00 after today's went: not a second one today; tomorrow at 11:00.
    await setMailPreferences({ ctx: d.ctx(d.admin), input: { digestHour: 11 } });
    d.clock.set('2026-12-10T11:00:00Z');
    assert.equal(await run(), 0);
    d.clock.set('2026-12-11T09:00:00Z');
    assert.equal(await run(), 0);
    d.clock.set('2026-12-11T11:00:00Z');
    assert.equal(await run(), 1);
    // Not an hour of the day: refused naming it, nothing changed.
    await assert.rejects(setMailPreferences({ ctx: d.ctx(d.admin), input: { digestHour: 24 } }), (e: { code: string; details: Array<{ path: string }> }) => e.code === 'invalid_input' && e.details[0].path === 'digestHour');
    const stored = await db().query<{ h: number }>("SELECT (mail_preferences->>'digest_hour')::int AS h FROM agents WHERE email = 'admin@vendor.example'");
    assert.equal(stored.rows[0].h, 11);
  });
});

// A breach is dated at its due time but may fire up to 15 minutes later (tickets/owed.ts
// breachCutoff: held while mail that may meet its clock waits), so the digest counts the breaches
// due in its 24 hours moved back by 15 minutes: at 07:00 those due from 06:45 the day before to
// 06:45. Worked by hand, OpenBack Growth, clocks written directly (their due times chosen):
//   A due Wednesday 9 December 06:40, swept at 06:41, never met: Wednesday's digest;
//   B due 06:30, swept at 06:31, then met as of 06:20 (mail that reached the desk in time, read
//     after the hold): missed nothing, in no digest;
//   C due 06:58; a mail received 06:55 waits, so the sweep at 07:00 holds it; the digest at 07:00
//     does not count it (nor could it: not yet fired); fired at 07:13 (06:58 + 15), dated 06:58:
//     Thursday's digest counts it, whose breach window [Wed 06:45, Thu 06:45) holds 06:58.
describe('the digest counts each breach once, when it is final', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-09T05:00:00Z');
  });
  after(() => desk.close());

  it('Wednesday 07:00: A (due 06:40) only; Thursday 07:00: C (due 06:58, held past 07:00); B, met in time after all, never', async () => {
    const org = await desk.addOrganization('growth');
    const clock = (dueAt: string) => insertBulkClocks(desk.t.db, {
      count: 1, organizationId: org.id, requesterId: org.contactId, policyVersion: 1, planId: 'growth', severity: 3,
      openedAt: at('2026-12-09T05:00:00Z'), dueAt: at(dueAt),
    });
    await clock('2026-12-09T06:40:00Z');
    await clock('2026-12-09T06:30:00Z');
    await clock('2026-12-09T06:58:00Z');
    const sweepAt = async (when: string) => {
      desk.clock.set(when);
      return (await sweepSlaClocks({ ctx: desk.system })).breaches;
    };
    const numberDue = async (dueAt: string) =>
      Number((await desk.t.db.query<{ number: string }>('SELECT t.number::text AS number FROM sla_clocks c JOIN tickets t ON t.id = c.ticket_id WHERE c.due_at = $1', [at(dueAt)])).rows[0].number);
    assert.equal(await sweepAt('2026-12-09T06:41:00Z'), 2, 'A and B');
    await desk.t.db.query("UPDATE sla_clocks SET met_at = '2026-12-09T06:20:00Z', state = 'met' WHERE due_at = '2026-12-09T06:30:00Z'");
    desk.clock.set('2026-12-09T06:55:00Z');
    const raw = Buffer.from('From: contact1@customer.example\r\nTo: support@desk.example\r\nSubject: Re: slow\r\nMessage-ID: <held@customer.example>\r\n\r\nStill slow.\r\n');
    const waiting = await storeInbound(desk.t.db, desk.clock, raw, { source: 'smtp', envelopeFrom: 'contact1@customer.example', envelopeTo: ['support@desk.example'] });
    assert.equal(await sweepAt('2026-12-09T07:00:00Z'), 0, 'C held');

    const wednesday = await digestOf(desk.t.db, at('2026-12-08T07:00:00Z'), at('2026-12-09T07:00:00Z'));
    assert.equal(wednesday.breachCount, 1);
    assert.deepEqual(wednesday.breaches.map((b) => b.number), [await numberDue('2026-12-09T06:40:00Z')]);
    const policy = (await activePolicy(desk.t.db)).model;
    assert.equal(digestText(wednesday, policy).body.split('\n')[2], '- 1 promise missed (SLA breaches due in the 24 hours to 2026-12-09 06:45 UTC):');

    assert.equal(await sweepAt('2026-12-09T07:12:59Z'), 0);
    assert.equal(await sweepAt('2026-12-09T07:13:00Z'), 1, 'C, 15 minutes past due');
    await desk.t.db.query("UPDATE inbound_messages SET status = 'ignored', processed_at = $2 WHERE id = $1", [waiting, at('2026-12-09T07:14:00Z')]);
    const thursday = await digestOf(desk.t.db, at('2026-12-09T07:00:00Z'), at('2026-12-10T07:00:00Z'));
    assert.equal(thursday.breachCount, 1);
    assert.deepEqual(thursday.breaches.map((b) => b.number), [await numberDue('2026-12-09T06:58:00Z')]);
  });
});
