// One missed promise, one breach (QA, 2026-12-04): a breach that fired stays fired when a new
// policy version tightens the target (the due time moves earlier, already past) or a regrade
// loosens it (the due time moves later, then passes too): no second breach event or mail. OpenBack, Enterprise, Severity 1: first response within 1 hour, 24x7.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { handlePolicyReproject } from '../../src/jobs/policy-reproject-job.ts';
import { silentLogger } from '../../src/platform/index.ts';
import { activatePolicy } from '../../src/policy-versions/index.ts';
import { createTicket, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { examplePolicySource, openDesk, type Desk } from '../support/desk.ts';

describe('a breach fires once, whatever later changes do to its due time', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-02T10:00:00Z');
  });
  after(() => desk.close());

  const firstResponse = async (ticketId: string) => {
    const db = desk.t.db;
    const breaches = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_breach' AND data->>'metric' = 'first_response'", [ticketId])).rows[0].n;
    const mail = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE kind = 'sla_breach' AND payload->>'ticket_id' = $1", [ticketId])).rows[0].n;
    const { rows: [clock] } = await db.query<{ due_at: Temporal.Instant; breached_at: Temporal.Instant | null }>("SELECT due_at, breached_at FROM sla_clocks WHERE ticket_id = $1 AND metric = 'first_response'", [ticketId]);
    return { breaches, mail, due: clock.due_at.toString(), breachedAt: clock.breached_at?.toString() ?? null };
  };

  it('a tighter target in a new policy version moves the due time earlier; the breach that fired is not fired again', async () => {
    const org = await desk.addOrganization('enterprise');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'All keys fail', description: 'Nobody can enter', severity: 1 } });
    desk.clock.set('2026-12-02T11:30:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    const fired = await firstResponse(t.id);
    assert.deepEqual([fired.breaches, fired.due, fired.breachedAt], [1, '2026-12-02T11:00:00Z', '2026-12-02T11:00:00Z']);
    // The vendor tightens Enterprise S1 to 30 minutes.
    const source = examplePolicySource('openback').replace('enterprise: { within: 1 hour, clock: 24x7 }', 'enterprise: { within: 30 minutes, clock: 24x7 }');
    assert.notEqual(source, examplePolicySource('openback'));
    await activatePolicy({ ctx: desk.system, input: { source } });
    await handlePolicyReproject({ db: desk.t.db, clock: desk.clock, logger: silentLogger() });
    desk.clock.set('2026-12-02T11:31:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    const after = await firstResponse(t.id);
    assert.equal(after.due, '2026-12-02T10:30:00Z', 'the new version\'s due time');
    assert.deepEqual([after.breaches, after.breachedAt], [1, '2026-12-02T11:00:00Z'], 'one breach, when it happened');
    assert.ok(fired.mail > 0, 'the breach was mailed');
    // In words a person reads: to the minute, no milliseconds; nobody here chose a zone, so in the
    // zone of the plan's hours ("9am – 6pm GMT": London, GMT in December).
    const { rows: mails } = await desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'sla_breach' AND payload->>'ticket_id' = $1 AND payload->>'metric' = 'first_response'", [t.id]);
    assert.deepEqual([...new Set(mails.map((m) => m.body))], [
      `The first response clock of ticket #${t.number} was due at Wed 2 Dec 2026 11:00 GMT.\nOrg 1: Severity 1 (Critical), Enterprise plan, Open. Nobody on the team holds it.\n\n`
      + 'Reply to this message to answer the customer: your reply goes on the ticket and is sent to them. A first line of #note makes it an internal note instead; #solved or #pending (waiting on the customer) sets the status with it; #eta and a date and time (2026-12-31 17:00, in your time zone) tells them the estimated time to resolution.',
    ]);
    assert.equal(after.mail, fired.mail, 'no second breach mail');
  });

  it('a regrade to a longer target moves the due time later; when that passes too, there is still one breach', async () => {
    desk.clock.set('2026-12-02T10:00:00Z');
    const org = await desk.addOrganization('enterprise');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Keys slow', description: 'Slow', severity: 1 } });
    desk.clock.set('2026-12-02T10:45:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    assert.equal((await firstResponse(t.id)).breaches, 1, 'the 30-minute target of the version now active');
    await updateTicket({ ctx: desk.ctx(desk.manager), input: { ticketId: t.id, severity: 2, reason: 'Only some doors' } });
    const regraded = await firstResponse(t.id);
    assert.ok(Temporal.Instant.compare(Temporal.Instant.from(regraded.due), Temporal.Instant.from('2026-12-02T10:45:00Z')) > 0, `due later: ${regraded.due}`);
    desk.clock.set(Temporal.Instant.from(regraded.due).add({ hours: 1 }).toString());
    await sweepSlaClocks({ ctx: desk.system });
    assert.deepEqual([(await firstResponse(t.id)).breaches, (await firstResponse(t.id)).breachedAt], [1, '2026-12-02T10:30:00Z']);
  });
});
