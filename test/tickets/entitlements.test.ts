// Entitlements and the policy's other rules, on the verbs: OpenBack's SDK requirement ("OpenBack
// will not provide any technical support to customers who do not include the OpenBack provided
// SDK"), onboarding gating for new customers only, coverage exclusions marked by an agent, the
// abuse rule's threshold (3 unwarranted escalations the customer asked for in 90 days, Accord's
// reading; the managers decide whether to notify), and the
// reminder before an update falls due.
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { updateOrganization } from '../../src/customers/index.ts';
import { ForbiddenError } from '../../src/platform/index.ts';
import {
  createTicket, getTicket, listTicketEvents, markEscalationUnwarranted, mergeTicket, requestEscalation, setTicketCoverage, sweepSlaClocks,
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

  it('an organization without the SDK is still served a billing or account question: the seed withholds technical support only', async () => {
    // "OpenBack will not provide any technical support to customers who do not include the OpenBack
    // provided SDK": a question about the bill or the account is not technical support. Before, every
    // request of such an organization was marked not covered, whatever it asked.
    desk.clock.set('2026-12-02T10:00:00Z'); // Wednesday 10:00 GMT
    const org = await desk.addOrganization('pro');
    await updateOrganization({ ctx: desk.ctx(desk.admin), input: { organizationId: org.id, unmetRequirements: ['sdk-included'] } });
    const billing = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Invoice', description: 'Our invoice names the wrong company', intake: { request_kind: 'billing_or_account' } } });
    assert.equal(billing.coverage, null);
    // No rule grades it: the default Severity 3, on Pro "1 - 2 business days" from Wed 10:00:
    // goal Thu 3 Dec 10:00, due Fri 4 Dec 10:00 (GMT = UTC in December).
    assert.equal(billing.severity, 3);
    const clock = billing.clocks.find((c) => c.metric === 'first_response');
    assert.equal(clock?.due?.toString(), '2026-12-04T10:00:00Z');
    assert.equal(clock?.goal?.toString(), '2026-12-03T10:00:00Z');
    // A technical request of the same organization is still not covered.
    const push = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Push fails', description: 'Our own push library', intake: { request_kind: 'issue' } } });
    assert.equal(push.coverage?.id, 'sdk-included');
    assert.deepEqual(push.clocks, []);
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

  it('a new Pro customer not yet onboarded gets Standard Support: a phone call is refused and kept, as on Growth; onboarded, it is taken', async () => {
    // "OpenBack will only provide Standard Support to customers who do not complete the OpenBack
    // Technical On-boarding": Standard Support is Growth, whose channels hold no phone ("Phone |
    // Provided to our Pro and Enterprise Customers"). Before, the channel was checked on the
    // organization's own plan: the call was taken, as Pro support, and timed as Growth.
    desk.clock.set('2026-12-02T10:00:00Z'); // Wednesday 10:00 GMT, in the phone hours
    const fresh = await desk.addOrganization('pro', { onboarded: false });
    const refused = await createTicket({ ctx: desk.ctx(fresh.contact), input: { subject: 'Call me', description: 'Please call', channel: 'phone' } }).catch((e) => e);
    assert.ok(refused instanceof ForbiddenError);
    // In the seed's words, "Standard Support" and "the OpenBack Technical On-boarding", with the plan
    // the policy reads it as; Documentation is read, not a way in, so it is not offered.
    assert.match(refused.message, new RegExp(
      "^The Growth plan does not include Phone; use Email, Chat\\. Until the OpenBack Technical On-boarding is complete, Org \\d+'s requests are served as " +
      'Standard Support \\(the Growth plan\\), not Pro\\. Your request is kept for our support team to review',
    ));
    const { rows: held } = await desk.t.db.query<{ reason_code: string; request: { subject: string } }>('SELECT reason_code, request FROM held_requests WHERE requester_id = $1', [fresh.contactId]);
    assert.deepEqual(held.map((h) => [h.reason_code, h.request.subject]), [['channel_not_in_plan', 'Call me']], 'kept, nothing lost');
    // Mail is Standard Support: taken, on Growth.
    const mail = await createTicket({ ctx: desk.ctx(fresh.contact), input: { subject: 'Mail', description: 'By e-mail', channel: 'email' } });
    assert.equal(mail.plan, 'growth');
    // Its receipt says why its times are Growth's, in the policy's words. Growth, Severity 3 ("2 - 4
    // business days") from Wednesday 2 December 10:00: Friday 4 10:00, at the latest Tuesday 8 10:00.
    const receipt = async (id: string) =>
      (await desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [id])).rows[0].body.split('\n\n');
    const said = await receipt(mail.id);
    assert.equal(said[1],
      'Until the OpenBack Technical On-boarding is complete, this case is served as Standard Support (the Growth plan), not Pro: the times below are the Growth plan\'s. ' +
      'Our support policy: “Notwithstanding the support package level specified in an OpenBack Platform Agreement and purchased by a customer, OpenBack will only provide ' +
      'Standard Support to customers who do not complete the OpenBack Technical On-boarding (this applies only for customers that are new users of the OpenBack SaaS product).”');
    assert.equal(said[2], "What OpenBack's support policy says about it:\n- Initial Response Time: 2 - 4 business days");
    assert.equal(said[3], 'For this case, as we count it:\n- Initial Response Time: aimed for Fri 4 Dec 2026 10:00 GMT, at the latest Tue 8 Dec 2026 10:00 GMT');
    await updateOrganization({ ctx: desk.ctx(desk.admin), input: { organizationId: fresh.id, onboardingState: 'complete' } });
    const call = await createTicket({ ctx: desk.ctx(fresh.contact), input: { subject: 'Call me', description: 'Please call', channel: 'phone' } });
    assert.equal(call.plan, 'pro');
    assert.doesNotMatch((await receipt(call.id)).join('\n\n'), /Standard Support|On-boarding/, 'on its own plan: nothing to explain');
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

  it('only an escalation the customer asked for is marked unwarranted, each once; the third in 90 days tells the managers, once, and not the customer (OpenBack reserves the right)', async () => {
    desk.clock.set('2026-12-02T10:00:00Z');
    const org = await desk.addOrganization('pro');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Escalate!', description: 'Again', severity: 3 } });
    const mark = () => markEscalationUnwarranted({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, reason: 'no underlying issue' } });
    const seekAndMark = async () => {
      await requestEscalation({ ctx: desk.ctx(org.contact), input: { ticketId: t.id, reason: 'Please escalate' } });
      return mark();
    };
    await assert.rejects(mark(), { code: 'conflict', message: 'the customer asked for no escalation on this ticket: there is none to mark' });
    assert.deepEqual(await seekAndMark(), { count: 1, threshold: 3, windowDays: 90, thresholdReached: false });
    await assert.rejects(mark(), { code: 'conflict', message: 'every escalation the customer asked for on this ticket is marked already' });
    desk.clock.set('2027-01-15T10:00:00Z');
    assert.equal((await seekAndMark()).thresholdReached, false);
    desk.clock.set('2027-02-28T10:00:00Z'); // 88 days after the first: still inside the 90-day window
    assert.deepEqual(await seekAndMark(), { count: 3, threshold: 3, windowDays: 90, thresholdReached: true });
    desk.clock.set('2027-03-01T10:00:00Z');
    assert.equal((await seekAndMark()).thresholdReached, false, 'told once, at the crossing');
    const { rows } = await desk.t.db.query<{ kind: string; recipient: string; body: string }>("SELECT kind, recipient, body FROM outbox WHERE payload->>'organization_id' = $1 ORDER BY kind, recipient", [org.id]);
    const told = rows.filter((r) => r.kind === 'abuse_threshold');
    assert.ok(told.some((r) => r.recipient === 'manager@vendor.example'));
    // The count is the desk's setting, said as such; then the vendor's words, quoted as written.
    assert.equal(told[0].body.slice(told[0].body.indexOf(' has had')), ` has had 3 escalations marked unwarranted in the last 90 days (the latest on ticket #${t.number}). `
      + "3 in 90 days is this desk's threshold for telling you, set in its policy file; the support policy names no number. "
      + "What OpenBack's support policy says: “OpenBack reserves the right to notify Customers in advance that charges will be levied in cases where "
      + 'unwarranted and repeated support request escalations are sought by a customer without underlying issues being identified.”');
    assert.equal(rows.filter((r) => r.kind === 'abuse_notice').length, 0, 'whether to notify the customer is the managers\' decision');
  });
});

describe('an escalation asked for on a ticket merged into another, OpenBack', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-02T10:00:00Z');
  });
  after(() => desk.close());

  it('is marked on the ticket it was merged into, once', async () => {
    const org = await desk.addOrganization('pro');
    const open = (subject: string) => createTicket({ ctx: desk.ctx(org.contact), input: { subject, description: 'x', severity: 3 } });
    const [asked, into] = [await open('Escalate this'), await open('Same thing')];
    await requestEscalation({ ctx: desk.ctx(org.contact), input: { ticketId: asked.id, reason: 'Please escalate' } });
    await mergeTicket({ ctx: desk.ctx(desk.manager), input: { ticketId: asked.id, intoTicketId: into.id } });
    const mark = () => markEscalationUnwarranted({ ctx: desk.ctx(desk.agent), input: { ticketId: into.id, reason: 'no underlying issue' } });
    assert.equal((await mark()).count, 1);
    await assert.rejects(mark(), { code: 'conflict' });
  });
});

describe("a policy whose abuse action is to notify charges", () => {
  let desk: Desk;
  before(async () => {
    const source = readFileSync(new URL('../../examples/policies/openback.yaml', import.meta.url), 'utf8').replace('action: flag_for_manager', 'action: notify_charges');
    desk = await openDesk('openback', '2026-12-02T10:00:00Z', source);
  });
  after(() => desk.close());

  it('the mark reaching the threshold tells the organization too, once, in the policy\'s words', async () => {
    const org = await desk.addOrganization('pro');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Escalate!', description: 'Again', severity: 3 } });
    for (let i = 1; i <= 4; i++) {
      await requestEscalation({ ctx: desk.ctx(org.contact), input: { ticketId: t.id, reason: 'Please escalate' } });
      assert.equal((await markEscalationUnwarranted({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, reason: 'no issue' } })).thresholdReached, i === 3);
    }
    const { rows } = await desk.t.db.query<{ recipient: string; body: string }>("SELECT recipient, body FROM outbox WHERE kind = 'abuse_notice' AND payload->>'organization_id' = $1", [org.id]);
    assert.equal(rows.length, 1);
    assert.ok(rows[0].recipient.endsWith('@customer.example'));
    assert.match(rows[0].body, /^OpenBack reserves the right to notify Customers in advance that charges will be levied/);
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
    // The contact who opened it is told when the update falls due, not when the team is reminded.
    assert.equal(t.clocks.find((c) => c.metric === 'update')!.remindAt, null);
    const update = (await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } })).clocks.find((c) => c.metric === 'update')!;
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
