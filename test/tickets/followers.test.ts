// Agents following a ticket they do not hold (tickets/followers.ts), OpenBack: each is mailed what
// its customer writes, as its assignee is, even when nobody holds it; the "customer wrote"
// preference turns it off; stopping ends it; only agents follow. The API and the ticket page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setMailPreferences } from '../../src/customers/index.ts';
import { addReply, followTicket, updateTicket } from '../../src/tickets/index.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from '../web/web-app.ts';

const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';

describe('following a ticket, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  const notices = async (ticketId: string) =>
    (await h.desk.t.db.query<{ recipient: string; body: string }>("SELECT recipient, body FROM outbox WHERE kind = 'agent_reply_notice' AND payload->>'ticket_id' = $1 ORDER BY created_at, recipient", [ticketId])).rows;
  const contactCtx = () => h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId });

  it('the assignee and each follower hear what the customer writes; a follower who stops hears no more', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Outage at HQ', severity: 2 });
    await updateTicket({ ctx: h.desk.ctx(h.desk.manager), input: { ticketId: t.id, assigneeId: h.escalation.id } });
    const res = await h.as(h.agent.token, { method: 'PUT', url: `/api/v1/tickets/${t.id}/following`, payload: { following: true } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().followers, [{ id: h.agent.id, name: 'agent@vendor.example' }]);
    await addReply({ ctx: contactCtx(), input: { ticketId: t.id, body: 'Still down.' } });
    const mail = await notices(t.id);
    assert.deepEqual(mail.map((m) => m.recipient), ['agent@vendor.example', 'escalation@vendor.example']);
    assert.match(mail[0].body, /wrote on ticket #\d+ "Outage at HQ" \(you follow it\):\n\nStill down\.\n\nReply to this message to answer the customer/);
    assert.doesNotMatch(mail[1].body, /you follow it/);
    await followTicket({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: t.id, follow: false } });
    await addReply({ ctx: contactCtx(), input: { ticketId: t.id, body: 'Hello?' } });
    assert.deepEqual((await notices(t.id)).map((m) => m.recipient), ['agent@vendor.example', 'escalation@vendor.example', 'escalation@vendor.example']);
  });

  it('an unassigned ticket mails its followers; the preference turns it off; only agents follow', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Nobody holds me', severity: 3 });
    await followTicket({ ctx: h.desk.ctx(h.desk.manager), input: { ticketId: t.id, follow: true } });
    await followTicket({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: t.id, follow: true } });
    await setMailPreferences({ ctx: h.desk.ctx(h.desk.agent), input: { customerReplied: false } });
    await addReply({ ctx: contactCtx(), input: { ticketId: t.id, body: 'Any news?' } });
    assert.deepEqual((await notices(t.id)).map((m) => m.recipient), ['manager@vendor.example']);
    await setMailPreferences({ ctx: h.desk.ctx(h.desk.agent), input: { customerReplied: true } });
    assert.equal((await h.as(h.contactA.token, { method: 'PUT', url: `/api/v1/tickets/${t.id}/following`, payload: { following: true } })).statusCode, 403);
    assert.equal((await h.as(h.contactB.token, { method: 'PUT', url: `/api/v1/tickets/${t.id}/following`, payload: { following: true } })).statusCode, 403);
    assert.equal((await h.as(h.agent.token, { method: 'PUT', url: `/api/v1/tickets/${t.id}/following`, payload: { following: 'yes' } })).statusCode, 400);
  });

  it('the ticket page says who follows it, and follows or stops with one button', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Watch me', severity: 3 });
    const a = await h.session(h.agent, 'agent');
    assert.match(main((await a.get(`/agent/tickets/${t.id}`)).body), /<dd id="followers">Nobody[\s\S]*?<button type="submit">Follow this ticket<\/button>/);
    assert.equal((await a.post(`/agent/tickets/${t.id}/following`, { following: 'yes' })).headers.location, `/agent/tickets/${t.id}?done=following`);
    const page = main((await a.get(`/agent/tickets/${t.id}?done=following`)).body);
    assert.match(page, /<dd id="followers">agent@vendor\.example[\s\S]*?<button type="submit">Stop following<\/button>/);
    assert.doesNotMatch((await (await h.session(h.contactA, 'contact')).get(`/portal/cases/${t.id}`)).body, /follow/i);
  });
});
