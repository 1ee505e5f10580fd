// Agent collision on the ticket page, OpenBack: who else has the ticket open, and who is writing a
// reply to it, named on the page and answered to its script's heartbeat; a mark not touched for a
// minute is gone; leaving removes it; a deactivated agent is never named; contacts cannot mark.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { updateAgent } from '../../src/customers/index.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const presence = (html: string) => /<dd id="presence">([^<]*)<\/dd>/.exec(html)?.[1];
const warning = (html: string) => /<p id="reply-collision" class="warning" role="status"( hidden)?>([^<]*)<\/p>/.exec(html);

describe('who else is on a ticket, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('names the other agents on the ticket and who is writing a reply, on the page and to the heartbeat', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Two agents', severity: 3 });
    const agent = await h.session(h.agent, 'agent');
    const manager = await h.session(h.manager, 'agent');
    // Alone on it.
    const first = main((await agent.get(`/agent/tickets/${t.id}`)).body);
    assert.equal(presence(first), 'Nobody else');
    assert.equal(warning(first)?.[1], ' hidden');
    // The manager opens it: each sees the other.
    assert.equal(presence(main((await manager.get(`/agent/tickets/${t.id}`)).body)), 'agent@vendor.example');
    const beat = await agent.post(`/agent/tickets/${t.id}/presence`, { replying: 'yes' }, { accept: 'application/json' });
    assert.equal(beat.statusCode, 200);
    assert.deepEqual(beat.json(), { others: [{ name: 'manager@vendor.example', replying: false, since: null }], customer: null }, 'no chat: no chat customer');
    // The agent writes a reply: the manager's page says so, above its reply box too.
    h.desk.clock.advance({ seconds: 20 });
    const managers = main((await manager.get(`/agent/tickets/${t.id}`)).body);
    assert.equal(presence(managers), 'agent@vendor.example (writing a reply)');
    assert.deepEqual(warning(managers)?.slice(1), [undefined, 'agent@vendor.example is writing a reply to this ticket now: read theirs before sending yours.']);
    // Writing since the first touch that said so, kept by the next ones.
    h.desk.clock.advance({ seconds: 20 });
    const again = await agent.post(`/agent/tickets/${t.id}/presence`, { replying: 'yes' }, { accept: 'application/json' });
    assert.deepEqual(again.json().others, [{ name: 'manager@vendor.example', replying: false, since: null }]);
    const seen = await manager.post(`/agent/tickets/${t.id}/presence`, { replying: 'no' }, { accept: 'application/json' });
    assert.deepEqual(seen.json().others, [{ name: 'agent@vendor.example', replying: true, since: '2026-12-02T10:00:00Z' }]);
    // The manager's page hears it from its live stream too (within a poll, not a heartbeat).
    const stream = await manager.get(`/live?once=1&after=0&ticket=${t.id}`);
    assert.match(stream.body, /event: presence\ndata: \{"others":\[\{"name":"agent@vendor\.example","replying":true,"since":"2026-12-02T10:00:00Z"\}\],"customer":null\}\n\n(event: chats\n)/);
    // Showing the page again (the live refresh) keeps what the heartbeat said.
    await agent.get(`/agent/tickets/${t.id}`);
    assert.equal(presence(main((await manager.get(`/agent/tickets/${t.id}`)).body)), 'agent@vendor.example (writing a reply)');
    // The reply box emptied: no longer writing.
    await agent.post(`/agent/tickets/${t.id}/presence`, { replying: 'no' }, { accept: 'application/json' });
    const after = main((await manager.get(`/agent/tickets/${t.id}`)).body);
    assert.equal(presence(after), 'agent@vendor.example');
    assert.equal(warning(after)?.[1], ' hidden');
    // Without a script asking for JSON, the heartbeat goes back to the page.
    const plain = await agent.post(`/agent/tickets/${t.id}/presence`, { replying: 'no' });
    assert.deepEqual([plain.statusCode, plain.headers.location], [303, `/agent/tickets/${t.id}`]);
  });

  it('forgets a mark not touched for a minute, and one whose page was left; never names a deactivated agent', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Stale marks', severity: 3 });
    const other = await openTicket(h, h.contactA, { subject: 'Elsewhere', severity: 3 });
    const agent = await h.session(h.agent, 'agent');
    const escalation = await h.session(h.escalation, 'agent');
    const admin = await h.session(h.admin, 'agent');
    await agent.get(`/agent/tickets/${t.id}`);
    h.desk.clock.advance({ seconds: 59 });
    assert.equal(presence(main((await admin.get(`/agent/tickets/${t.id}`)).body)), 'agent@vendor.example');
    h.desk.clock.advance({ seconds: 1 });
    assert.equal(presence(main((await admin.get(`/agent/tickets/${t.id}`)).body)), 'Nobody else', 'sixty seconds untouched: gone');
    // Their next touch anywhere removes the stale mark itself.
    await agent.get(`/agent/tickets/${other.id}`);
    const marks = async (agentId: string) => (await h.desk.t.db.query<{ ticket_id: string }>('SELECT ticket_id FROM ticket_presence WHERE agent_id = $1', [agentId])).rows.map((r) => r.ticket_id);
    assert.deepEqual(await marks(h.agent.id), [other.id]);
    // Leaving the page.
    const left = await agent.post(`/agent/tickets/${other.id}/presence`, { leave: 'yes' });
    assert.equal(left.statusCode, 204);
    assert.deepEqual(await marks(h.agent.id), []);
    // A colleague who is deactivated while on it is named no more.
    await escalation.get(`/agent/tickets/${t.id}`);
    assert.equal(presence(main((await admin.get(`/agent/tickets/${t.id}`)).body)), 'escalation@vendor.example');
    await updateAgent({ ctx: h.desk.ctx(h.desk.admin), input: { agentId: h.escalation.id, active: false } });
    assert.equal(presence(main((await admin.get(`/agent/tickets/${t.id}`)).body)), 'Nobody else');
  });

  it('is the agents\' own: a contact cannot mark a ticket, nor read who is on it', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Not for customers', severity: 3 });
    await (await h.session(h.agent, 'agent')).get(`/agent/tickets/${t.id}`);
    const contact = await h.session(h.contactA, 'contact');
    const refused = await contact.post(`/agent/tickets/${t.id}/presence`, { replying: 'yes' }, { accept: 'application/json' });
    assert.equal(refused.statusCode, 403);
    assert.doesNotMatch((await contact.get(`/portal/cases/${t.id}`)).body, /agent@vendor\.example|Also here/);
    assert.doesNotMatch((await contact.get(`/live?once=1&after=0&ticket=${t.id}`)).body, /presence/);
    assert.equal((await h.desk.t.db.query("SELECT 1 FROM ticket_presence WHERE agent_id = $1", [h.contactA.id])).rows.length, 0);
  });
});
