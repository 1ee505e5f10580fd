// OpenKey (seed 000): "Billing Questions: Email Billing@OpenKey.co"; "Sales: Start an online chat
// or submit a Demo Request on OpenKey's website; Email Sales@OpenKey.co". These are request types
// beside the tiers the seed "classifies issues into"; none is a Tier 1 or Tier 2 issue. Before:
// - a billing question whose form answered "Is this an emergency? yes" was stored as Emergency Tier 2,
//   shown so on the desk, and put above real Tier 2 issues on the queue (graver levels first);
// - the desk's ticket page said "Tier: Tier 1 Support (the policy's default)" of any billing question;
// - its receipt said only "opened case #N", where the portal names "Billing Questions (Billing@OpenKey.co)";
// - the desk's queue, search and organization page listed it as "Tier 1 Support".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTicket, getTicket, listQueue } from '../../src/tickets/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('OpenKey: a billing or sales question is no tiered issue, and is named as its type', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openkey', 'standard');
    h.desk.clock.set('2026-12-02T16:00:00Z'); // Wednesday 10:00 CST, in business hours
  });
  after(() => h.close());
  const contact = () => h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId });
  const receipt = async (id: string) =>
    (await h.desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [id])).rows[0].body;

  it('an emergency answer on a billing question decides no tier: no hand-over, and Tier 2 issues come first on the queue', async () => {
    const billing = await createTicket({ ctx: contact(), input: { subject: 'Invoice wrong', description: 'Charged twice', requestType: 'billing', severity: 1, intake: { emergency: true } } });
    const tier2 = await createTicket({ ctx: contact(), input: { subject: 'PMS sync', description: 'Check-ins not syncing', requestType: 'support', intake: { pms_integration: true } } });
    const seen = await getTicket({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: billing.id } });
    // The policy's default level (Tier 1 Support, id 3) only because every ticket has one; not the rules' Emergency Tier 2 (id 1).
    assert.equal(seen.severity, 3);
    assert.equal(seen.classification?.source, 'default');
    assert.equal(seen.classification?.reason, "Billing Questions: a request type outside the policy's levels, not classified");
    assert.equal(seen.queue, 'billing');
    assert.deepEqual(seen.clocks, []);
    assert.equal(seen.handedToOnCallAt ?? null, null);
    const queue = await listQueue({ ctx: h.desk.ctx(h.desk.agent), input: {} });
    const order = queue.items.map((i) => i.id);
    assert.ok(order.indexOf(tier2.id) < order.indexOf(billing.id), 'the Tier 2 issue first, though the billing question came first');
  });

  it('the receipt names the type with its address, and the handling in the policy words', async () => {
    const billing = await createTicket({ ctx: contact(), input: { subject: 'Invoice copy', description: 'Need a copy', requestType: 'billing' } });
    assert.deepEqual((await receipt(billing.id)).split('\n\n').slice(0, 2), [
      `We received your request "Invoice copy" and opened case #${billing.number}.`,
      'Request: Billing Questions (Billing@OpenKey.co).',
    ]);
    const sales = await createTicket({ ctx: contact(), input: { subject: 'Demo', description: 'A demo for our group', requestType: 'sales' } });
    assert.equal((await receipt(sales.id)).split('\n\n')[1], "Request: Sales (Sales@OpenKey.co). Start an online chat or submit a Demo Request on OpenKey's website.");
    // A support request names no type: its tier speaks for it.
    const support = await createTicket({ ctx: contact(), input: { subject: 'PMS again', description: 'x', requestType: 'support', intake: { pms_integration: true } } });
    assert.doesNotMatch(await receipt(support.id), /Request:/);
  });

  it("the desk's ticket page gives a billing question no tier, and names its type and address", async () => {
    const billing = await createTicket({ ctx: contact(), input: { subject: 'Refund', description: 'Refund please', requestType: 'billing', severity: 2 } });
    const agent = await h.session(h.agent, 'agent');
    const page = main((await agent.get(`/agent/tickets/${billing.id}`)).body);
    assert.match(page, /<dt>Tier<\/dt><dd id="no-level">None <small>\(Billing Questions: not classified, and no target time applies\)<\/small><\/dd>/);
    assert.match(page, /<dt>Request type<\/dt><dd>Billing Questions \(Billing@OpenKey\.co\)<\/dd>/);
    assert.doesNotMatch(page, /Tier: Tier \d|Tier 1 Support \(the policy/, 'nor in the opening entry');
    assert.match(page, /<span>Request: Billing Questions<\/span>/);
    // A support request keeps its tier on the page.
    const support = await createTicket({ ctx: contact(), input: { subject: 'Kiosk', description: 'x', requestType: 'support', intake: { requester_type: 'hotel_staff' } } });
    assert.match(main((await agent.get(`/agent/tickets/${support.id}`)).body), /<dt>Tier<\/dt><dd>Tier 1 Support/);
  });

  it('the new-case forms say those types are given no tier, so their tier questions are not read as deciding one', async () => {
    // The form asks "Is this an emergency?" and the tier of every request; for a billing, training or
    // sales request the answers now decide nothing (the first test), and the forms say so under the type.
    const hint = /<p class="hint" id="untiered">Billing Questions, Training Needs, Sales: no tier is given; the questions below are for the other requests\.<\/p>/;
    assert.match(main((await (await h.session(h.contactA, 'contact')).get('/portal/cases/new')).body), hint);
    assert.match(main((await (await h.session(h.agent, 'agent')).get('/agent/tickets/new')).body), hint);
  });

  it("the desk's lists give it by its type, as the portal's list does: the queue, search and the organization's page", async () => {
    const billing = await createTicket({ ctx: contact(), input: { subject: 'Unpaid invoice 4471', description: 'x', requestType: 'billing' } });
    const agent = await h.session(h.agent, 'agent');
    const cellAfter = (html: string) => new RegExp(`#${billing.number} Unpaid invoice 4471</a></td>[\\s\\S]*?<td>(Billing Questions|Tier 1 Support)</td>`).exec(html)?.[1];
    for (const url of ['/agent', '/agent/search?q=Unpaid', `/agent/organizations/${h.contactA.organizationId}`]) {
      assert.equal(cellAfter(main((await agent.get(url)).body)), 'Billing Questions', url);
    }
  });

  it("the ticket page's list of the requester's other tickets gives it by its type too", async () => {
    // Before, "Other tickets from Contact 1" on a Tier 2 issue's page said "#N Sales call: Open, Tier 1 Support".
    h.desk.clock.set('2026-12-02T16:05:00Z'); // after this suite's other tickets: the list is newest first, five of them
    const sales = await createTicket({ ctx: contact(), input: { subject: 'Sales call', description: 'x', requestType: 'sales' } });
    const kiosk = await createTicket({ ctx: contact(), input: { subject: 'Kiosk again', description: 'x', requestType: 'support', intake: { requester_type: 'hotel_staff' } } });
    const tier2 = await createTicket({ ctx: contact(), input: { subject: 'PMS down', description: 'x', requestType: 'support', intake: { pms_integration: true } } });
    const others = /<ul class="others">([\s\S]*?)<\/ul>/.exec(main((await (await h.session(h.agent, 'agent')).get(`/agent/tickets/${tier2.id}`)).body))?.[1] ?? '';
    assert.match(others, new RegExp(`#${sales.number} Sales call</a>: Open, Sales, opened `));
    assert.match(others, new RegExp(`#${kiosk.number} Kiosk again</a>: Open, Tier 1 Support, opened `), 'a support request keeps its tier');
  });
});
