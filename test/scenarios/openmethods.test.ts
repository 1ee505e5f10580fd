// OpenMethods (seed 002): "30% or more of agents cannot login to the media bar" is a System
// Outage (Severity 1: response 30 minutes, status update once every 60 minutes); fewer is a
// Major Impairment (Severity 2: response 2 hours, remediation 6am-4pm U.S. Eastern); one agent
// is "typically" Minor (Severity 3). Severities are upgraded and downgraded as the incident
// changes; Premium tickets are prioritized.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addReply, createTicket, getTicket, listQueue, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('OpenMethods: classification with reasons, regrading, Premium first', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openmethods', '2026-12-02T14:00:00Z'); // Wednesday 09:00 EST
  });
  after(() => desk.close());

  const open = async (intake: Record<string, number | boolean | string>, plan = 'standard') => {
    const org = await desk.addOrganization(plan);
    return createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Media bar', description: 'Agents cannot log in', intake } });
  };

  it('35% of agents gives Severity 1 and 10% gives Severity 2, each with its reason', async () => {
    const outage = await open({ affected_agents_percent: 35 });
    assert.equal(outage.severity, 1);
    assert.deepEqual(outage.classification, {
      source: 'rules', severity: 1, rule: 'affected_agents_percent >= 30 and not (affected_agents == 1)',
      reason: 'What percentage of agents cannot log in to the media bar? 35%: System Outage',
    });
    const impairment = await open({ affected_agents_percent: 10 });
    assert.equal(impairment.severity, 2);
    assert.equal(impairment.classification?.reason, 'What percentage of agents cannot log in to the media bar? 10%: Major Impairment');
    const oneAgent = await open({ affected_agents: 1, total_agents: 3 });
    assert.equal(oneAgent.severity, 3, 'one agent is typically a minor loss of service, even in a team of three');
    assert.match(oneAgent.classification!.reason, /Minor Loss of Service$/);
  });

  it("keeps a customer's own severity beside the one the rules gave, and uses it when no rule holds", async () => {
    const org = await desk.addOrganization('standard');
    const ruled = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'x', description: 'y', severity: 1, intake: { affected_agents_percent: 10 } } });
    assert.equal(ruled.severity, 2);
    assert.equal(ruled.requestedSeverity, 1);
    const chosen = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'x', description: 'y', severity: 2 } });
    assert.deepEqual([chosen.severity, chosen.classification?.source, chosen.requestedSeverity], [2, 'contact', 2]);
  });

  it('a downgrade from Severity 1 to 2 re-projects the clocks from the opening', async () => {
    desk.clock.set('2026-12-02T14:00:00Z');
    const t = await open({ affected_agents_percent: 40 });
    const before = Object.fromEntries(t.clocks.map((c) => [c.metric, c.due?.toString()]));
    // 09:00 EST + 30 min = 09:30 EST = 14:30Z; the first update every 60 minutes: 15:00Z.
    assert.deepEqual(before, { first_response: '2026-12-02T14:30:00Z', update: '2026-12-02T15:00:00Z' });
    desk.clock.set('2026-12-02T14:10:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 2, reason: 'Business continuity plan in place' } });
    const after = await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    // Severity 2: 2 hours of the 6am-4pm Eastern remediation hours from 09:00 EST = 11:00 EST = 16:00Z.
    // Its cadence is "when material updates or progress is made": no update clock.
    assert.deepEqual(after.clocks.map((c) => [c.metric, c.due?.toString()]), [['first_response', '2026-12-02T16:00:00Z']]);
    // By the seed's name for the hours, then the days this desk keeps them on, said as its reading (the seed names none).
    assert.ok(after.clocks[0].explain?.includes('Response time: 2 hours, counted only in the hours "6am-4pm U.S. Eastern Standard Time", which this desk keeps as Mon-Fri 06:00-16:00 U.S. Eastern Standard Time (America/New_York, EDT in summer).'), JSON.stringify(after.clocks[0].explain));
  });

  it('an upgrade from Severity 2 to 1 owes its first status update 60 minutes after the regrade, not for the hours before it', async () => {
    desk.clock.set('2026-12-02T14:00:00Z'); // Wednesday 09:00 EST
    const t = await open({ affected_agents_percent: 10 });
    assert.equal(t.severity, 2);
    desk.clock.set('2026-12-02T14:30:00Z');
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Looking into it.' } });
    desk.clock.set('2026-12-02T18:00:00Z'); // 13:00 EST
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 1, reason: '40% of agents now affected' } });
    // 13:00 EST + 60 min = 14:00 EST = 19:00Z. (The first response was met at 09:30, inside 30 minutes of 09:00.)
    const after = await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    assert.deepEqual(after.clocks.map((c) => [c.metric, c.state, c.due?.toString()]), [
      ['first_response', 'met', '2026-12-02T14:30:00Z'],
      ['update', 'running', '2026-12-02T19:00:00Z'],
    ]);
    await sweepSlaClocks({ ctx: desk.system });
    const { rows: breached } = await desk.t.db.query('SELECT metric FROM sla_clocks WHERE ticket_id = $1 AND breached_at IS NOT NULL', [t.id]);
    assert.deepEqual(breached, [], 'nothing was owed before the regrade');
    // The next reply restarts the cadence: 13:20 EST + 60 min = 14:20 EST.
    desk.clock.set('2026-12-02T18:20:00Z');
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Rolling back the release.' } });
    const next = await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    assert.equal(next.clocks.find((c) => c.metric === 'update')?.due?.toString(), '2026-12-02T19:20:00Z');
  });

  it('an upgrade from Severity 2 to 1 before the response owes the 30 minutes from the regrade, and says so', async () => {
    desk.clock.set('2026-12-02T14:00:00Z'); // Wednesday 09:00 EST
    const org = await desk.addOrganization('standard');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Media bar', description: 'Some agents cannot log in', intake: { affected_agents_percent: 10 } } });
    const breached = async () => (await desk.t.db.query<{ metric: string }>("SELECT data->>'metric' AS metric FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_breach'", [t.id])).rows.map((r) => r.metric);
    // 10:00 EST: now 40% of agents. From the opening the 30 minutes would have ended at 09:30 EST;
    // from the regrade they end at 10:30 EST = 15:30Z, before Severity 2's 11:00 EST (16:00Z).
    desk.clock.set('2026-12-02T15:00:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 1, reason: '40% of agents now affected' } });
    await sweepSlaClocks({ ctx: desk.system });
    assert.deepEqual(await breached(), [], 'nothing breached for the hour before the regrade');
    // The agent and the customer read the same time and why.
    for (const reader of [desk.agent, org.contact]) {
      const clock = (await getTicket({ ctx: desk.ctx(reader), input: { ticketId: t.id } })).clocks.find((c) => c.metric === 'first_response')!;
      assert.equal(clock.due?.toString(), '2026-12-02T15:30:00Z');
      assert.equal(clock.explain?.[0], 'Regraded to severity 1 (System Outage) Wed Dec 2 2026 10:00 AM EST = 2026-12-02T15:00:00Z: the severity changed then, so its time counts from the regrade, not from the opening.');
    }
    desk.clock.set('2026-12-02T15:30:01Z');
    await sweepSlaClocks({ ctx: desk.system });
    assert.deepEqual(await breached(), ['first_response'], 'missed at 10:30 EST');
  });

  it('up to Severity 1, breached, then down to 2: one missed response, one breach and one mail', async () => {
    desk.clock.set('2026-12-02T14:00:00Z'); // Wednesday 09:00 EST
    const org = await desk.addOrganization('standard');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Media bar', description: 'Some agents cannot log in', intake: { affected_agents_percent: 10 } } });
    const db = desk.t.db;
    const breaches = async () => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_breach' AND data->>'metric' = 'first_response'", [t.id])).rows[0].n;
    const mails = async () => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE kind = 'sla_breach' AND payload->>'ticket_id' = $1", [t.id])).rows[0].n;
    // 10:00 EST up to Severity 1: its 30 minutes from the regrade end 10:30 EST = 15:30Z; missed.
    desk.clock.set('2026-12-02T15:00:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 1, reason: '40% of agents now affected' } });
    desk.clock.set('2026-12-02T15:31:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    assert.equal(await breaches(), 1);
    const mailed = await mails();
    assert.ok(mailed > 0, 'the breach is mailed');
    // 10:45 EST down to 2 (a business continuity plan): Severity 2's 2 hours from the opening, 09:00 EST,
    // end 11:00 EST = 16:00Z. Unanswered at 11:01 EST, but that is the same missed response: no second breach.
    desk.clock.set('2026-12-02T15:45:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 2, reason: 'Business continuity plan in place' } });
    const clock = (await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } })).clocks.find((c) => c.metric === 'first_response')!;
    assert.equal(clock.due?.toString(), '2026-12-02T16:00:00Z');
    desk.clock.set('2026-12-02T16:01:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    assert.equal(await breaches(), 1, 'one missed response, one breach');
    assert.equal(await mails(), mailed, 'and no second mail');
  });

  it('a System Outage reported at 02:00 on a Saturday pages the managers: remediation is 24/7 until resolved', async () => {
    desk.clock.set('2026-12-05T07:00:00Z'); // Saturday 02:00 EST
    const t = await open({ affected_agents_percent: 60 });
    assert.equal(t.severity, 1);
    // 02:00 EST + 30 minutes, round the clock: 02:30 EST = 07:30Z.
    assert.equal(t.clocks.find((c) => c.metric === 'first_response')?.due?.toString(), '2026-12-05T07:30:00Z');
    const { rows } = await desk.t.db.query<{ recipient: string }>("SELECT recipient FROM outbox WHERE kind = 'oncall_page' AND payload->>'ticket_id' = $1 ORDER BY recipient", [t.id]);
    assert.deepEqual(rows.map((r) => r.recipient), ['admin@vendor.example', 'manager@vendor.example']);
  });

  it('a System Outage still open when remediation hours end at 16:00 is handed to on call, one waiting on the customer too (OpenMethods pauses no clock)', async () => {
    desk.clock.set('2026-12-02T20:30:00Z'); // Wednesday 15:30 EST
    const t = await open({ affected_agents_percent: 60 }, 'premium');
    const waiting = await open({ affected_agents_percent: 60 }, 'premium');
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: waiting.id, body: 'Which media bar version?', status: 'pending_customer' } });
    const pagesOf = async (id: string) => (await desk.t.db.query<{ recipient: string; body: string }>("SELECT recipient, body FROM outbox WHERE kind = 'oncall_page' AND payload->>'ticket_id' = $1 ORDER BY recipient", [id])).rows;
    assert.deepEqual(await pagesOf(t.id), [], 'in hours: the team has it');
    desk.clock.set('2026-12-02T20:59:00Z');
    assert.equal((await sweepSlaClocks({ ctx: desk.system })).handovers, 0);
    desk.clock.set('2026-12-02T21:00:00Z'); // 16:00 EST: "Remediation work: 24/7 until resolved"
    // This one, and the System Outages of the tests before still open since this morning.
    assert.ok((await sweepSlaClocks({ ctx: desk.system })).handovers >= 1);
    const pages = await pagesOf(t.id);
    assert.deepEqual(pages.map((p) => p.recipient), ['admin@vendor.example', 'manager@vendor.example'], 'nobody on call: the managers and admins');
    // OpenMethods has no support hours, only those of its remediation work ("Remediation work: 6am-4pm
    // U.S. Eastern Standard Time"), named as such.
    assert.match(pages[0].body, /is still open as the hours "6am-4pm U\.S\. Eastern Standard Time" end and is yours to triage/);
    assert.equal((await pagesOf(waiting.id)).length, 2, 'its status updates are still owed every 60 minutes');
    desk.clock.set('2026-12-02T23:00:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    assert.equal((await pagesOf(t.id)).length, 2, 'paged once that evening');
    // Still open the next evening (Thursday 16:00 EST = 21:00Z): paged again.
    desk.clock.set('2026-12-03T21:00:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    assert.equal((await pagesOf(t.id)).length, 4, 'and again the next evening');
  });

  it('a System Outage reported at 02:00 is paged for as it arrives, not again until the next closing', async () => {
    desk.clock.set('2026-12-09T07:00:00Z'); // Wednesday 9 December, 02:00 EST
    const t = await open({ affected_agents_percent: 60 }, 'premium');
    const pages = async () => (await desk.t.db.query("SELECT 1 FROM outbox WHERE kind = 'oncall_page' AND payload->>'ticket_id' = $1", [t.id])).rows.length;
    assert.equal(await pages(), 2, 'the managers and admins, as it arrived');
    desk.clock.set('2026-12-09T07:05:00Z');
    await sweepSlaClocks({ ctx: desk.system });
    assert.equal(await pages(), 2, 'not paged again that night');
    desk.clock.set('2026-12-09T21:00:00Z'); // 16:00 EST, remediation hours over
    await sweepSlaClocks({ ctx: desk.system });
    assert.equal(await pages(), 4);
  });

  // "The severity levels and SLAs apply to both Standard & Premium Support, though tickets for
  // clients with Premium Support are prioritized for remediation work": the response time is an
  // SLA both plans share, so Premium comes first only once a ticket is answered and in remediation.
  it('lists tickets waiting for their response by due time whatever the plan: Premium is prioritized for remediation work only', async () => {
    desk.clock.set('2026-12-02T15:00:00Z'); // Wednesday 10:00 EST
    const standard = await open({ affected_agents_percent: 20 }, 'standard');
    desk.clock.set('2026-12-02T15:05:00Z');
    const premium = await open({ affected_agents_percent: 20 }, 'premium');
    // Severity 2, 2 hours of 6am-4pm Eastern: 10:00 EST + 2 h = 12:00 EST = 17:00Z; 10:05 EST + 2 h = 17:05Z.
    assert.deepEqual([standard.clocks[0].due?.toString(), premium.clocks[0].due?.toString()], ['2026-12-02T17:00:00Z', '2026-12-02T17:05:00Z']);
    const order = async () => (await listQueue({ ctx: desk.ctx(desk.agent), input: { severity: 2, limit: 200 } })).items.map((i) => i.id);
    const first = await order();
    assert.ok(first.indexOf(standard.id) < first.indexOf(premium.id), 'the Standard response is due first');
    const item = (await listQueue({ ctx: desk.ctx(desk.agent), input: { severity: 2, limit: 200 } })).items.find((i) => i.id === premium.id);
    assert.equal(item?.priority, 0, 'no plan priority while the response is owed');
  });

  it('answered, a Premium ticket is remediation work ahead of a Standard one opened before it, but after a Standard ticket still owed its response', async () => {
    desk.clock.set('2026-12-02T16:00:00Z'); // Wednesday 11:00 EST
    const standard = await open({ affected_agents_percent: 15 }, 'standard');
    desk.clock.set('2026-12-02T16:05:00Z');
    const premium = await open({ affected_agents_percent: 15 }, 'premium');
    desk.clock.set('2026-12-02T16:10:00Z');
    for (const t of [standard, premium]) await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'We are on it.' } });
    desk.clock.set('2026-12-02T16:15:00Z');
    const unanswered = await open({ affected_agents_percent: 15 }, 'standard'); // due 11:15 EST + 2 h = 18:15Z
    const items = (await listQueue({ ctx: desk.ctx(desk.agent), input: { severity: 2, limit: 200 } })).items;
    const at = (id: string) => items.findIndex((i) => i.id === id);
    // Severity 2 promises no update interval ("when material updates or progress is made"): once
    // answered neither has a due clock, so only the plan orders them (Standard was opened first).
    assert.ok(at(premium.id) < at(standard.id), 'Premium first for remediation work');
    assert.ok(at(unanswered.id) < at(premium.id), 'the response owed to Standard is not pushed back by Premium remediation');
    assert.deepEqual([items[at(premium.id)].priority, items[at(standard.id)].priority], [1, 0]);
  });

  it("prioritizes Premium within a severity, never above a graver one: a Standard System Outage comes before a Premium enhancement request", async () => {
    desk.clock.set('2026-12-02T15:10:00Z');
    const enhancement = await open({ request_kind: 'enhancement' }, 'premium');
    assert.equal(enhancement.severity, 4);
    desk.clock.set('2026-12-02T15:15:00Z');
    const outage = await open({ affected_agents_percent: 50 }, 'standard');
    assert.equal(outage.severity, 1);
    const order = (await listQueue({ ctx: desk.ctx(desk.agent), input: { limit: 200 } })).items.map((i) => i.id);
    assert.ok(order.indexOf(outage.id) < order.indexOf(enhancement.id));
    // Page by page, the same order.
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listQueue({ ctx: desk.ctx(desk.agent), input: { limit: 2, ...(cursor ? { cursor } : {}) } });
      paged.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    assert.deepEqual(paged, order);
  });
});
