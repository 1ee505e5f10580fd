// A ticket's channel is named as the vendor names it, on the pages and in the mail people read: the
// desk said "Channel: Web form" / "Phone" for every vendor. OfficeSpace (seed 003): "Phone Support:
// +1-646-201-9664", "Email Support: support@officespacesoftware.com", "Web Support:
// support.officespacesoftware.com"; OPS-COM (seed 004): "creating an online support ticket",
// "Telephone Support is available to our Premium customers Mon-Fri 9-5 EST". Accord's plain label
// only for a kind the policy has no channel of (OfficeSpace offers no chat). Named by the policy
// version the ticket runs on, not one activated after it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { activatePolicy } from '../../src/policy-versions/index.ts';
import { createTicket } from '../../src/tickets/index.ts';
import { examplePolicySource } from '../support/desk.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

/** The opening entry's channel, as a timeline shows it. */
const opened = (html: string) => /<span>Channel: ([^<]*)<\/span>/.exec(main(html))?.[1];
const factChannel = (html: string) => /<dt>Channel<\/dt><dd>([^<]*)<\/dd>/.exec(main(html))?.[1];

/** A contact's request by phone, refused by the policy and held; the notice the managers get of it. */
async function heldByPhone(h: WebApp, subject: string): Promise<string> {
  const contact = { kind: 'contact' as const, id: h.contactA.id, organizationId: h.contactA.organizationId };
  await assert.rejects(createTicket({ ctx: h.desk.ctx(contact), input: { subject, description: 'Call me back', severity: 2, channel: 'phone' } }));
  const { rows } = await h.desk.t.db.query<{ body: string }>(
    "SELECT body FROM outbox WHERE kind = 'held_notice' AND recipient = 'manager@vendor.example' AND body LIKE $1", [`%"${subject}"%`],
  );
  assert.equal(rows.length, 1);
  return rows[0].body;
}

describe('OfficeSpace: Web Support, Phone Support', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('officespace', 'standard');
  });
  after(() => h.close());

  it('a case filed on the portal came by Web Support, on the case page, the ticket page and its timeline', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Floor plan blank' });
    const portal = (await (await h.session(h.contactA, 'contact')).get(`/portal/cases/${t.id}`)).body;
    assert.equal(opened(portal), 'Web Support');
    const desk = (await (await h.session(h.agent, 'agent')).get(`/agent/tickets/${t.id}`)).body;
    assert.equal(factChannel(desk), 'Web Support');
    assert.equal(opened(desk), 'Web Support');
    assert.doesNotMatch(main(desk), /Web form/);
  });

  // "access to phone, email and web support": the filter offers those three, by their names, and no
  // Chat or API while no open ticket came by one (a kind the policy lacks is offered once one did).
  it('the queue filter offers the channels OfficeSpace has, by their names, and no Chat or API', async () => {
    const a = await h.session(h.agent, 'agent');
    const queue = main((await a.get('/agent')).body);
    const offered = [...(/<select id="f-channel" name="channel">([\s\S]*?)<\/select>/.exec(queue)?.[1] ?? '').matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(offered, [['', 'Any'], ['web', 'Web Support'], ['email', 'Email Support'], ['phone', 'Phone Support']]);
    const filtered = main((await a.get('/agent?channel=phone')).body);
    assert.match(filtered, /<option value="phone" selected>Phone Support<\/option>/);
  });

  // A kind the policy lacks is offered while an open ticket came by it: the vendor's integrations may
  // send through the API at any time (Accord's plain "API"), and a chat ticket may be left from a
  // policy version that had chat (here: a ticket's channel set so). A link filtering by it is kept.
  it('the queue filter offers API and Chat, plainly, once an open ticket came by one', async () => {
    const a = await h.session(h.agent, 'agent');
    const byApi = await openTicket(h, h.contactA, { subject: 'Sent by their integration', channel: 'api' });
    const filter = async (url: string) => /<select id="f-channel" name="channel">([\s\S]*?)<\/select>/.exec(main((await a.get(url)).body))?.[1] ?? '';
    const withApi = await filter('/agent');
    assert.match(withApi, /<option value="api">API<\/option>/);
    assert.doesNotMatch(withApi, /value="chat"/);
    assert.match(await filter('/agent?channel=chat'), /<option value="chat" selected>Chat<\/option>/);
    await h.desk.t.db.query("UPDATE tickets SET channel = 'chat' WHERE id = $1", [byApi.id]);
    const withChat = await filter('/agent');
    assert.match(withChat, /<option value="chat">Chat<\/option>/);
    assert.doesNotMatch(withChat, /value="api"/);
  });

  it('the search export names the channel as the page does', async () => {
    await openTicket(h, h.contactA, { subject: 'Export me please' });
    const csv = (await (await h.session(h.agent, 'agent')).get('/agent/search.csv?q=Export%20me')).body;
    assert.match(csv, /,Export me please,.*,Open,Web Support,/);
  });

  it('a call while Phone Support is closed (04:00 CST, before its 5 AM) is held: the notice says it came by Phone Support', async () => {
    const body = await heldByPhone(h, 'Desk booking down');
    // A mail is read later: not "closed now", but closed when it arrived, at 04:00 in the plan's GMT-6.
    assert.match(body, /asked "Desk booking down" by Phone Support, and the policy held it: Phone Support was closed when this arrived, Wed 2 Dec 2026 04:00 GMT-6\./);
    assert.doesNotMatch(body, /closed now/);
    // The reason, ending with a time, is a sentence ended before the request's first lines are quoted.
    assert.match(body, / GMT-6\.\n\nThey wrote:\n> Call me back\n\nAccept it/);
  });

  it('a ticket keeps the name its policy version gave the channel; a version activated after it names the new ones', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Before the rename' });
    const source = examplePolicySource('officespace');
    const renamed = source.replace('name: Web Support', 'name: Support Portal');
    assert.notEqual(renamed, source);
    await activatePolicy({ ctx: h.desk.system, input: { source: renamed } });
    const a = await h.session(h.agent, 'agent');
    const desk = (await a.get(`/agent/tickets/${t.id}`)).body;
    assert.equal(factChannel(desk), 'Web Support');
    assert.equal(opened(desk), 'Web Support');
    assert.match(main((await a.get('/agent')).body), /<option value="web"[^>]*>Support Portal<\/option>/);
    const later = await openTicket(h, h.contactA, { subject: 'After the rename' });
    assert.equal(opened((await (await h.session(h.contactA, 'contact')).get(`/portal/cases/${later.id}`)).body), 'Support Portal');
  });
});

describe('OPS-COM Standard Plus: Online support ticket, Telephone Support', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('opscom', 'standard-plus');
  });
  after(() => h.close());

  it('a case filed on the portal came by Online support ticket, on the case page and the ticket page', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Permit lookup slow' });
    assert.equal(opened((await (await h.session(h.contactA, 'contact')).get(`/portal/cases/${t.id}`)).body), 'Online support ticket');
    const desk = (await (await h.session(h.agent, 'agent')).get(`/agent/tickets/${t.id}`)).body;
    assert.equal(factChannel(desk), 'Online support ticket');
    assert.equal(opened(desk), 'Online support ticket');
  });

  it('a call on a plan without telephone support is held: the notice says it came by Telephone Support', async () => {
    const body = await heldByPhone(h, 'Gate will not open');
    // The plan's standing words, in the past with when it arrived (10:00 UTC: 05:00 in New York, the plan's zone).
    assert.match(body, /asked "Gate will not open" by Telephone Support, and the policy held it: The Standard Plus plan did not include Telephone Support when this arrived, Wed Dec 2 2026 05:00 AM EST\./);
  });
});
