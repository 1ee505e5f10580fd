// The mail about a ticket on its page, OpenBack (email/ticket-mail.ts): each message with where its
// delivery stands, newest first, opened when one did not arrive, which is sent again from its row;
// the customer's case page shows none of it. The outbox rows are set here as delivery leaves them (delivery itself: test/email).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addReply } from '../../src/tickets/index.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe("a ticket's mail on its page, OpenBack", () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('names each message, to whom, and how its delivery stands; opens itself when one did not arrive', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Where is my mail', severity: 3 });
    const a = await h.session(h.agent, 'agent');
    const before = main((await a.get(`/agent/tickets/${t.id}`)).body);
    assert.match(before, /<h2 id="mail-h">Mail about this ticket <small>\(the team only\)<\/small><\/h2>\s*<details><summary>1 message<\/summary>/);
    assert.match(before, /<td>Receipt to the customer<\/td><td>contact1@customer\.example<\/td><td>Waiting to be sent<\/td>/);

    await addReply({ ctx: h.desk.ctx({ kind: 'agent', id: h.agent.id, role: 'front_line' }), input: { ticketId: t.id, body: 'Restart it.' } });
    const rows = async (kind: string) => (await h.desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = $1 AND payload->>'ticket_id' = $2", [kind, t.id])).rows[0].id;
    await h.desk.t.db.query(
      "UPDATE outbox SET status = 'sent', sent_at = '2026-12-02T10:01:00Z', attempts = 1, bounced_at = '2026-12-02T10:06:00Z', bounce_reason = '5.1.1 User unknown' WHERE id = $1",
      [await rows('ticket_received')],
    );
    await h.desk.t.db.query("UPDATE outbox SET status = 'failed', attempts = 1, last_error = '550 mailbox unavailable' WHERE id = $1", [await rows('ticket_reply')]);
    const page = main((await a.get(`/agent/tickets/${t.id}`)).body);
    assert.match(page, /<details open><summary>2 messages: <strong>2 did not arrive<\/strong><\/summary>/);
    const reply = await rows('ticket_reply');
    const resend = (id: string) => `\\s*<form method="post" action="/agent/tickets/${t.id}/mail/${id}/resend" class="inline"><input type="hidden" name="_csrf" value="[^"]+"><button type="submit">Send it again to contact1@customer\\.example</button></form></td></tr>`;
    assert.match(page, new RegExp(`<tr class="mail-failed" id="mail-${reply}"><td>[^<]+</td><td>Reply to the customer</td><td>contact1@customer\\.example</td><td><strong>Refused</strong> by their mail server: 550 mailbox unavailable${resend(reply)}`));
    const receipt = await rows('ticket_received');
    assert.match(page, new RegExp(`<tr class="mail-bounced" id="mail-${receipt}"><td>[^<]+</td><td>Receipt to the customer</td><td>contact1@customer\\.example</td><td>Sent 2026-12-02 10:01 UTC, then <strong>returned</strong> 2026-12-02 10:06 UTC: 5\\.1\\.1 User unknown${resend(receipt)}`));

    const api = await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${t.id}/mail` });
    assert.equal(api.statusCode, 200);
    assert.deepEqual(api.json().items.map((m: { kind_name: string; state: string }) => [m.kind_name, m.state]).sort(), [['Receipt to the customer', 'bounced'], ['Reply to the customer', 'failed']]);
    assert.equal((await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/tickets/${t.id}/mail` })).statusCode, 403);
    const c = await h.session(h.contactA, 'contact');
    assert.doesNotMatch((await c.get(`/portal/cases/${t.id}`)).body, /Mail about this ticket|mailbox unavailable|User unknown/);
  });

  it('sends a message that did not arrive again from its row; a second press is refused beside it', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Send it again', severity: 3 });
    const { rows: [receipt] } = await h.desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [t.id]);
    await h.desk.t.db.query("UPDATE outbox SET status = 'failed', attempts = 1, last_error = '550 mailbox unavailable' WHERE id = $1", [receipt.id]);
    const a = await h.session(h.agent, 'agent');
    const sent = await a.post(`/agent/tickets/${t.id}/mail/${receipt.id}/resend`, {});
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, `/agent/tickets/${t.id}?done=resent#ticket-mail`);
    const page = main((await a.get(`/agent/tickets/${t.id}?done=resent`)).body);
    assert.match(page, /Sent again: the mail below says how its delivery stands\./);
    const { rows: [copy] } = await h.desk.t.db.query<{ id: string }>('SELECT id FROM outbox WHERE dedupe_key = $1', [`resend:${receipt.id}`]);
    assert.match(page, new RegExp(`<details><summary>2 messages</summary>`), 'nothing left that did not arrive');
    assert.match(page, new RegExp(`<tr class="mail-waiting" id="mail-${copy.id}"><td>[^<]+</td><td>Receipt to the customer <small>\\(sent again\\)</small></td><td>contact1@customer\\.example</td><td>Waiting to be sent`));
    assert.match(page, new RegExp(`id="mail-${receipt.id}">[\\s\\S]*?550 mailbox unavailable; <a href="#mail-${copy.id}">sent again</a></td></tr>`));
    assert.match(page, /<strong>Mail sent again<\/strong>/, 'on the timeline');
    const again = await a.post(`/agent/tickets/${t.id}/mail/${receipt.id}/resend`, {});
    assert.equal(again.statusCode, 409);
    assert.match(main(again.body), /<details open><summary>2 messages<\/summary>/);
    assert.match(main(again.body), new RegExp(`id="resend-${receipt.id}-error">\\s*<p>Not sent again: it was sent again already`));
  });
});
