// Entitlements and the policy's other rules, on the verbs: OpenBack's SDK requirement ("OpenBack
// will not provide any technical support to customers who do not include the OpenBack provided
// SDK"), onboarding gating for new customers only, coverage exclusions marked by an agent, the
// abuse rule's threshold (3 unwarranted escalations in 90 days, Accord's reading), and the
// reminder before an update falls due.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { updateOrganization } from '../../src/customers/index.ts';
import {
  createTicket, getTicket, listTicketEvents, markEscalationUnwarranted, setTicketCoverage, sweepSlaClocks,
} from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('entitlements on OpenBack', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-02T10:00:00Z');
  });
  after(() => desk.close());

  it('an organization without the SDK gets its technical tickets marked not covered, in the policy\'s words, without clocks', async () => {
    const org = await desk.addOrganization('pro');
    await updateOrganization({ ctx: desk.ctx(desk.admin), input: { organizationId: org.id, unmetRequirements: ['sdk-included'] } });
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Push fails', description: 'Our own push library' } });
    assert.equal(t.coverage?.id, 'sdk-included');
    assert.match(t.coverage!.text, /will not provide any technical support to customers who do not include the OpenBack provided SDK/);
    assert.deepEqual(t.clocks, []);
    const seen = await listTicketEvents({ ctx: desk.ctx(org.contact), input: { ticketId: t.id } });
    assert.deepEqual(seen.map((e) => e.type), ['created', 'coverage_marked']);
    await assert.rejects(updateOrganization({ ctx: desk.ctx(desk.admin), input: { organizationId: org.id, unmetRequirements: ['no-such'] } }), /unknown requirement/);
  });

  it('onboarding gates a new customer to Growth until complete; an existing customer is not gated', async () => {
    const fresh = await desk.addOrganization('enterprise', { onboarded: false });
    const gated = await createTicket({ ctx: desk.ctx(fresh.contact), input: { subject: 'x', description: 'y', severity: 2 } });
    assert.equal(gated.plan, 'growth');
    const existing = await desk.addOrganization('enterprise', { onboarded: false });
    await updateOrganization({ ctx: desk.ctx(desk.admin), input: { organizationId: existing.id, existingCustomer: true } });
    const served = await createTicket({ ctx: desk.ctx(existing.contact), input: { subject: 'x', description: 'y', severity: 2 } });
    assert.equal(served.plan, 'enterprise');
  });

  it('an agent marks a ticket not covered (an exclusion): its clocks stop; covered again, they return', async () => {
    const org = await desk.addOrganization('pro');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Router', description: 'Our office Wi-Fi', severity: 3 } });
    assert.equal(t.clocks.length, 1);
    await setTicketCoverage({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, notCovered: { kind: 'exclusion', id: 'third-party' }, reason: 'Their network' } });
    let view = await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    assert.equal(view.coverage?.text, 'Non-OpenBack networks, systems, technologies, hardware or software.');
    assert.deepEqual(view.clocks, []);
    await setTicketCoverage({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, notCovered: null, reason: 'It was our SDK after all' } });
    view = await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    assert.equal(view.coverage, null);
    assert.equal(view.clocks[0].metric, 'first_response');
    await assert.rejects(setTicketCoverage({ ctx: desk.ctx(org.contact), input: { ticketId: t.id, notCovered: null, reason: 'x' } }), /only agents/);
  });

  it('the third unwarranted escalation in 90 days notifies managers and the organization, once', async () => {
    desk.clock.set('2026-12-02T10:00:00Z');
    const org = await desk.addOrganization('pro');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Escalate!', description: 'Again', severity: 3 } });
    const mark = () => markEscalationUnwarranted({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, reason: 'no underlying issue' } });
    assert.deepEqual(await mark(), { count: 1, threshold: 3, windowDays: 90, thresholdReached: false });
    desk.clock.set('2027-01-15T10:00:00Z');
    assert.equal((await mark()).thresholdReached, false);
    desk.clock.set('2027-02-28T10:00:00Z'); // 88 days after the first: still inside the 90-day window
    assert.deepEqual(await mark(), { count: 3, threshold: 3, windowDays: 90, thresholdReached: true });
    desk.clock.set('2027-03-01T10:00:00Z');
    assert.equal((await mark()).thresholdReached, false, 'notified once, at the crossing');
    const { rows } = await desk.t.db.query<{ kind: string; recipient: string }>("SELECT kind, recipient FROM outbox WHERE payload->>'organization_id' = $1 ORDER BY kind, recipient", [org.id]);
    assert.ok(rows.some((r) => r.kind === 'abuse_notice' && r.recipient.endsWith('@customer.example')));
    assert.ok(rows.some((r) => r.kind === 'abuse_threshold' && r.recipient === 'manager@vendor.example'));
    assert.equal(rows.filter((r) => r.kind === 'abuse_notice').length, 1);
  });
});

describe('update cadence reminders (OpenMethods System Outage: a status update once every 60 minutes)', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openmethods', '2026-12-02T14:00:00Z');
  });
  after(() => desk.close());

  it('reminds the assignee 15 minutes before the update falls due, once; a missed update is a breach', async () => {
    const org = await desk.addOrganization('premium');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Outage', description: 'All agents', intake: { affected_agents_percent: 100 } } });
    const update = t.clocks.find((c) => c.metric === 'update')!;
    // Due 15:00Z (60 minutes from 14:00Z); reminded at 14:45Z.
    assert.equal(update.remindAt?.toString(), '2026-12-02T14:45:00Z');
    desk.clock.set('2026-12-02T14:44:59Z');
    // Not yet the reminder; the first response (30 minutes, due 14:30) has breached.
    assert.deepEqual(await sweepSlaClocks({ ctx: desk.system }), { handovers: 0, reminders: 0, warnings: 0, breaches: 1 });
    desk.clock.set('2026-12-02T14:46:00Z');
    assert.deepEqual(await sweepSlaClocks({ ctx: desk.system }), { handovers: 0, reminders: 1, warnings: 0, breaches: 0 });
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).reminders, 0);
    const { rows } = await desk.t.db.query<{ subject: string }>("SELECT subject FROM outbox WHERE kind = 'sla_reminder' AND payload->>'ticket_id' = $1", [t.id]);
    assert.ok(rows.length >= 1 && rows.every((r) => r.subject.startsWith('[Update due soon]')));
    desk.clock.set('2026-12-02T15:00:01Z');
    assert.deepEqual(await sweepSlaClocks({ ctx: desk.system }), { handovers: 0, reminders: 0, warnings: 0, breaches: 1 }, 'the missed update');
  });
});
