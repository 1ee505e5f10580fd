// The managers' morning mail (tickets/daily-digest.ts), on OpenBack Enterprise, worked out by hand.
// Tuesday 1 December 2026 (GMT = UTC in December): a severity 1 ticket at 09:00 (first response
// within 1 hour, 24x7: due 10:00) is swept at 10:30 (breached), answered and solved at 10:45; a
// severity 4 ticket at 11:00 (first response within 1 business day: due Wednesday 11:00) stays open
// with nobody holding it; a contact who is not a named contact asks at 11:30 (held for review); a
// ticket opened and solved on Monday counts in neither. At 07:00 UTC on Wednesday the digest of
// the 24 hours before goes to each manager and admin whose local time it is 07:00.
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setMailPreferences, updateProfile } from '../../src/customers/index.ts';
import { handleDailyDigest } from '../../src/jobs/digest-job.ts';
import { silentLogger } from '../../src/platform/index.ts';
import { addReply, createTicket, rateTicket, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { suiteDesk } from '../support/desk.ts';

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
    assert.equal(mail.subject, 'Support today: 1 open ticket, 1 breach in the last day');
    assert.equal(mail.body, [
      'OpenBack support, the 24 hours to 2026-12-02 07:00 UTC:',
      '- 2 tickets opened, 1 solved',
      '- 1 promise missed (SLA breaches):',
      `    #${outage.number} Outage: first response, Severity 1 (Critical), Enterprise plan`,
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
