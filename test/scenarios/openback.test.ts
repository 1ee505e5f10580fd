// OpenBack (seed 001) end to end: named support contacts, phone only for Pro and Enterprise,
// Enterprise's Saturday hours and the observed UK/US holidays, priority case routing. Support
// hours 9am-6pm GMT (read as Europe/London: UTC in December), Saturday 9am-4pm for Enterprise.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createAgent, updateOrganization } from '../../src/customers/index.ts';
import { ForbiddenError } from '../../src/platform/index.ts';
import { createTicket, getTicket, listHeldRequests, listQueue, reviewHeldRequest } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('OpenBack: entitlements at intake, Saturday hours, priority routing', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-02T10:00:00Z');
  });
  after(() => desk.close());

  const firstResponse = async (id: string) => (await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: id } })).clocks.find((c) => c.metric === 'first_response')!;
  const heldFor = async (requesterId: string) => (await listHeldRequests({ ctx: desk.ctx(desk.agent), input: {} })).items.filter((h) => h.requesterId === requesterId);

  it('grades by how widely it is felt, as the seed defines the severities', async () => {
    const { classifyRequest } = await import('../../src/tickets/intake.ts');
    const { activePolicy } = await import('../../src/policy-versions/index.ts');
    const policy = (await activePolicy(desk.t.db)).model;
    const grade = (answers: Record<string, unknown>) => classifyRequest(policy, answers, { by: 'contact' }).severity;
    // "Critical production issue affecting all OpenBack customers ... with no workaround available."
    assert.equal(grade({ production: true, all_customers_affected: true, workaround: 'none' }), 1);
    // "Production issue impacting a majority of OpenBack customers ... persistent with no workaround available."
    assert.equal(grade({ production: true, majority_affected: true, degraded: true, workaround: 'none' }), 2);
    // Degraded for a few users, no workaround: "Any system issue that affects functionality or impacts performance".
    assert.equal(grade({ production: true, degraded: true, workaround: 'none' }), 3);
    // Everyone affected but a workaround that holds: not Critical (that needs "no workaround"); "an acceptable workaround available".
    assert.equal(grade({ production: true, all_customers_affected: true, workaround: 'acceptable' }), 4);
  });

  it('refuses a contact who is not named on a plan with named contacts, and keeps the request for review', async () => {
    desk.clock.set('2026-12-02T10:00:00Z');
    const org = await desk.addOrganization('pro');
    const other = randomUUID();
    await desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [other, org.id, 'not-named@customer.example', 'Not Named', desk.clock.now()]);
    const actor = { kind: 'contact' as const, id: other, organizationId: org.id };
    const error = await createTicket({ ctx: desk.ctx(actor), input: { subject: 'Push not delivered', description: 'Since this morning' } }).catch((e) => e);
    assert.ok(error instanceof ForbiddenError);
    assert.match(error.message, /^On the Pro plan, cases are reported by the named support contacts of Org \d+; ask one of them to report it \(our support policy: “Named Support Contacts are responsible for: \(i\) reporting cases to OpenBack, /);
    const held = await heldFor(other);
    assert.equal(held.length, 1);
    assert.equal(held[0].reasonCode, 'not_named_contact');
    assert.equal((held[0].request as { subject: string }).subject, 'Push not delivered', 'nothing the customer sent is lost');
    assert.ok(error.details.some((d: { path: string; message: string }) => d.path === 'heldRequestId' && d.message === held[0].id));
    const { rows } = await desk.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets WHERE requester_id = $1', [other]);
    assert.equal(rows[0].n, 0);
    // An agent accepts it: the ticket is opened for the requester.
    const accepted = await reviewHeldRequest({ ctx: desk.ctx(desk.agent), input: { heldRequestId: held[0].id, decision: 'accept', note: 'Named contact on holiday' } });
    assert.equal(accepted.heldRequest.status, 'accepted');
    assert.equal(accepted.ticket?.requesterId, other);
  });

  it('refuses a Growth phone ticket (phone is for Pro and Enterprise), keeping it; a Growth e-mail is fine', async () => {
    const org = await desk.addOrganization('growth');
    const error = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Call me', description: 'Please call', channel: 'phone' } }).catch((e) => e);
    assert.ok(error instanceof ForbiddenError);
    assert.match(error.message, /The Growth plan does not include Phone/);
    assert.equal((await heldFor(org.contactId))[0].reasonCode, 'channel_not_in_plan');
    const viaAgent = await createTicket({ ctx: desk.ctx(desk.agent), input: { subject: 'Call', description: 'By phone', channel: 'phone', requesterId: org.contactId } }).catch((e) => e);
    assert.ok(viaAgent instanceof ForbiddenError, 'an agent cannot open a phone ticket for a Growth customer either');
    const email = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Mail', description: 'By e-mail', channel: 'email' } });
    assert.equal(email.plan, 'growth');
  });

  it("counts Enterprise's Saturday hours: 12 business hours from Friday 14:00 end Monday 10:00", async () => {
    desk.clock.set('2026-12-04T14:00:00Z'); // Friday
    const org = await desk.addOrganization('enterprise');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Major', description: 'Degraded', severity: 2 } });
    // Fri 14:00-18:00 (4 h) + Sat 09:00-16:00 (7 h) + Mon 09:00-10:00 (1 h) = 12 h.
    assert.equal((await firstResponse(t.id)).due?.toString(), '2026-12-07T10:00:00Z');
    const growth = await desk.addOrganization('pro');
    const p = await createTicket({ ctx: desk.ctx(growth.contact), input: { subject: 'Major', description: 'Degraded', severity: 2 } });
    // Pro, "Under 1 business day" from Friday 14:00: Monday 14:00 (no Saturday hours).
    assert.equal((await firstResponse(p.id)).due?.toString(), '2026-12-07T14:00:00Z');
  });

  it('closes Boxing Day, Saturday 26 December, and Monday 28 when it is observed: Enterprise does not work that Saturday', async () => {
    desk.clock.set('2026-12-24T14:00:00Z'); // Thursday, Christmas Eve (not a holiday)
    const org = await desk.addOrganization('enterprise');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Major', description: 'Degraded', severity: 2 } });
    // Thu 14:00-18:00 (4 h); Fri 25 Christmas Day, Sat 26 Boxing Day and Mon 28 Boxing Day observed: closed;
    // Tue 29 09:00-17:00 (8 h) = 12 h.
    assert.equal((await firstResponse(t.id)).due?.toString(), '2026-12-29T17:00:00Z');
  });

  it('a Severity 1 mailed on a Sunday at noon, when nobody works email, pages the managers: its hour runs round the clock', async () => {
    desk.clock.set('2026-12-06T12:00:00Z'); // Sunday 12:00 GMT: no Saturday hours, not the 6pm-9am email hours
    await desk.t.db.query(
      `INSERT INTO webhook_endpoints (id, url, secret, secret_prefix, events, active, created_at, updated_at)
       VALUES (gen_random_uuid(), 'https://hooks.example/pages', 'whsec_test', 'whsec_t', '["oncall.paged"]', true, $1, $1)`, [desk.clock.now()],
    );
    const org = await desk.addOrganization('enterprise');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Pushes all fail', description: 'No customer gets a push', channel: 'email', severity: 1 } });
    // "1 hour, 24x7": due 13:00 GMT.
    assert.equal((await firstResponse(t.id)).due?.toString(), '2026-12-06T13:00:00Z');
    const pages = (await desk.t.db.query<{ recipient: string; body: string }>("SELECT recipient, body FROM outbox WHERE kind = 'oncall_page' AND payload->>'ticket_id' = $1 ORDER BY recipient", [t.id])).rows;
    assert.deepEqual(pages.map((p) => p.recipient), ['admin@vendor.example', 'manager@vendor.example'], 'nobody on call: the managers and admins');
    assert.match(pages[0].body, /arrived outside support hours with a time promised round the clock running now and is yours to triage/);
    assert.equal((await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } })).handedToOnCallAt, null, 'no after-hours rule took it');
    // Integrations hear of the page too, under no after-hours rule (OpenBack has none).
    const { rows: hooks } = await desk.t.db.query<{ page: unknown }>(
      "SELECT payload->'data'->'page' AS page FROM webhook_deliveries WHERE payload->>'type' = 'oncall.paged' AND payload->'data'->'ticket'->>'id' = $1", [t.id],
    );
    assert.deepEqual(hooks.map((h) => h.page), [{ rule_id: null, staffed_by: null, agent_id: (desk.admin as { id: string }).id }], 'the first paged: admin@, then manager@');
    // A manager who has left (deactivated) is paged no more: the same mail an hour later reaches the admin alone.
    const leaver = await createAgent({ ctx: desk.ctx(desk.admin), input: { email: 'leaver@vendor.example', name: 'Leaver', role: 'manager' } });
    await desk.t.db.query('UPDATE agents SET deactivated_at = $2 WHERE id = $1', [leaver.id, desk.clock.now()]);
    const again = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Pushes all fail still', description: 'x', channel: 'email', severity: 1 } });
    const repaged = (await desk.t.db.query<{ recipient: string }>("SELECT recipient FROM outbox WHERE kind = 'oncall_page' AND payload->>'ticket_id' = $1 ORDER BY recipient", [again.id])).rows;
    assert.deepEqual(repaged.map((p) => p.recipient), ['admin@vendor.example', 'manager@vendor.example'], 'not leaver@');
    // An agent who opens it for the customer (working on a Sunday) is not the one on call (nobody is):
    // the managers and admins are paged all the same, as for the customer's own (docs/adr/0024).
    const logged = await createTicket({ ctx: desk.ctx(desk.agent), input: { requesterId: org.contactId, subject: 'Pushes fail (from their mail)', description: 'Taken up now', channel: 'email', severity: 1 } });
    const loggedPages = (await desk.t.db.query<{ recipient: string }>("SELECT recipient FROM outbox WHERE kind = 'oncall_page' AND payload->>'ticket_id' = $1 ORDER BY recipient", [logged.id])).rows;
    assert.deepEqual(loggedPages.map((p) => p.recipient), ['admin@vendor.example', 'manager@vendor.example']);
    // A manager who logs it is not paged for it: the admin is.
    const byManager = await createTicket({ ctx: desk.ctx(desk.manager), input: { requesterId: org.contactId, subject: 'Pushes fail (their call)', description: 'Taken up now', channel: 'email', severity: 1 } });
    const managerPages = (await desk.t.db.query<{ recipient: string }>("SELECT recipient FROM outbox WHERE kind = 'oncall_page' AND payload->>'ticket_id' = $1 ORDER BY recipient", [byManager.id])).rows;
    assert.deepEqual(managerPages.map((p) => p.recipient), ['admin@vendor.example']);
    // A customer support does not cover (no SDK) is promised nothing: acknowledged, not paged for.
    const uncovered = await desk.addOrganization('enterprise');
    await updateOrganization({ ctx: desk.ctx(desk.admin), input: { organizationId: uncovered.id, unmetRequirements: ['sdk-included'] } });
    const notCovered = await createTicket({ ctx: desk.ctx(uncovered.contact), input: { subject: 'Our own push library fails', description: 'x', channel: 'email', severity: 1 } });
    assert.deepEqual(notCovered.clocks, []);
    assert.equal((await desk.t.db.query("SELECT 1 FROM outbox WHERE kind = 'oncall_page' AND payload->>'ticket_id' = $1", [notCovered.id])).rows.length, 0);
    const { rows: [ack] } = await desk.t.db.query<{ body: string }>("SELECT body FROM ticket_events WHERE ticket_id = $1 AND type = 'acknowledged'", [notCovered.id]);
    // Email is next worked at 18:00 that Sunday (the 6pm-9am out-of-hours email support), said in the seed's sentence.
    assert.equal(ack?.body,
      'We received your request outside our support hours. Work on it resumes Sun 6 Dec 2026 18:00 GMT.\n\n' +
        'Email (support@openback.com) is answered then: We offer out of hours standard support from 6pm to 9am via email support from our offices around the world.');
    // At 03:00 the same night, email is worked ("out of hours standard support from 6pm to 9am"): nobody is paged.
    desk.clock.set('2026-12-06T03:00:00Z');
    const night = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Pushes fail again', description: 'Same', channel: 'email', severity: 1 } });
    assert.equal((await desk.t.db.query("SELECT 1 FROM outbox WHERE kind = 'oncall_page' AND payload->>'ticket_id' = $1", [night.id])).rows.length, 0);
  });

  it('lists an Enterprise ticket before an older Growth one of the same severity (priority case routing), then by due time', async () => {
    desk.clock.set('2026-12-07T09:00:00Z'); // Monday
    const growth = await desk.addOrganization('growth');
    const older = await createTicket({ ctx: desk.ctx(growth.contact), input: { subject: 'Growth first', description: 'Older', severity: 3 } });
    desk.clock.set('2026-12-07T09:30:00Z');
    const enterprise = await desk.addOrganization('enterprise');
    const newer = await createTicket({ ctx: desk.ctx(enterprise.contact), input: { subject: 'Enterprise later', description: 'Newer', severity: 3 } });
    const queue = await listQueue({ ctx: desk.ctx(desk.agent), input: { limit: 200 } });
    const order = queue.items.map((i) => i.id);
    assert.ok(order.indexOf(newer.id) < order.indexOf(older.id), 'the Enterprise ticket comes first');
    assert.equal(queue.items.find((i) => i.id === newer.id)?.priority, 2);
    // The graver severity first; within one, by plan priority, highest first.
    const keys = queue.items.map((i) => [i.severity, -i.priority]);
    assert.deepEqual(keys, [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]), 'by severity, then plan priority');
    const growthOnly = await listQueue({ ctx: desk.ctx(desk.agent), input: { plan: 'growth', limit: 200 } });
    assert.ok(growthOnly.items.every((i) => i.plan === 'growth'));
    // Paging through one item at a time gives the same order.
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listQueue({ ctx: desk.ctx(desk.agent), input: { limit: 1, cursor } });
      paged.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    assert.deepEqual(paged, order);
  });
});
