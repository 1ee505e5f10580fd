// A ticket an agent regrades into an after-hours rule at night is handed to on call by the sweep a
// moment later, which pages them as for a ticket an agent logged (docs/adr/0024): never the agent who
// regraded it; nobody when that agent is on call now (they made it critical: they have it), the
// timeline saying who was on call. OpenKey: "Emergency Tier 2 issues outside of business hours can be
// addressed by calling 877-800-2008. Please request to speak to the Openkey After Hours Emergency Contact."
// QA: the on-call agent, regrading a ticket at 22:00, was paged about their own regrade.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRotation } from '../../src/oncall/index.ts';
import { createTicket, listTicketEvents, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { agentTimeline } from '../../src/web/timeline.ts';
import { activePolicy } from '../../src/policy-versions/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('OpenKey: a ticket regraded to an emergency at night, paged for without the agent who regraded it', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openkey', '2026-12-02T22:50:00Z');
  });
  after(() => desk.close());

  const pagesOf = async (ticketId: string) =>
    (await desk.t.db.query<{ recipient: string }>("SELECT recipient FROM outbox WHERE kind = 'oncall_page' AND payload->>'ticket_id' = $1 ORDER BY recipient", [ticketId])).rows.map((r) => r.recipient);
  const pagedEvent = async (ticketId: string) =>
    (await desk.t.db.query<{ body: string; data: Record<string, unknown> }>("SELECT body, data FROM ticket_events WHERE ticket_id = $1 AND type = 'paged'", [ticketId])).rows;

  /** A Tier 2 ticket of Wednesday 16:50 CST, regraded to an emergency by `by` at 22:00 CST that night, and the sweep half a minute on. */
  const regradedAtNight = async (day: string, by: Desk['agent']) => {
    desk.clock.set(`${day}T22:50:00Z`); // 16:50 CST (UTC-6)
    const org = await desk.addOrganization('standard');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'PMS sync', description: 'Check-ins not syncing', intake: { pms_integration: true }, requestType: 'support' } });
    assert.equal(t.severity, 2);
    const next = Temporal.PlainDate.from(day).add({ days: 1 }).toString();
    desk.clock.set(`${next}T04:00:00Z`); // 22:00 CST
    await updateTicket({ ctx: desk.ctx(by), input: { ticketId: t.id, severity: 1, reason: 'No key opens any room now' } });
    desk.clock.set(`${next}T04:00:30Z`);
    await sweepSlaClocks({ ctx: desk.system });
    return t;
  };

  it('nobody on call: the managers and admins are paged, but not the manager who regraded it', async () => {
    const t = await regradedAtNight('2026-12-02', desk.manager);
    // Managers and admins are admin@ and manager@; manager@ regraded it.
    assert.deepEqual(await pagesOf(t.id), ['admin@vendor.example']);
  });

  it('the agent on call regrades it: nobody is paged, and the timeline says who was on call', async () => {
    await createRotation({ ctx: desk.system, input: { name: 'Nights', timeZone: 'UTC', handoverTime: '09:00', cadence: 'daily', startDate: '2026-01-01', members: [(desk.escalation as { id: string }).id] } });
    const t = await regradedAtNight('2026-12-03', desk.escalation);
    assert.deepEqual(await pagesOf(t.id), []);
    const [paged] = await pagedEvent(t.id);
    assert.equal(paged.body, 'Not paged: escalation@vendor.example, on call now, regraded it. The ticket became Emergency Tier 2 outside regular business hours.');
    assert.deepEqual(paged.data.recipients, []);
    assert.deepEqual(paged.data.on_call, ['escalation@vendor.example']);
    assert.equal(paged.data.regraded_by_on_call, 'escalation@vendor.example');
    const policy = (await activePolicy(desk.t.db)).model;
    const entry = agentTimeline(policy, await listTicketEvents({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } }), { contactName: new Map() }).find((e) => e.type === 'paged');
    assert.equal(entry?.title, 'On-call not paged: regraded by the one on call');
    assert.equal(entry?.worded?.['On call'], 'escalation@vendor.example');
  });

  it('another agent regrades it while one is on call: the one on call is paged', async () => {
    const t = await regradedAtNight('2026-12-07', desk.agent);
    assert.deepEqual(await pagesOf(t.id), ['escalation@vendor.example']);
  });
});
