// A chat started from a page opened while chat was staffed, sent once it had closed (OpenKey: "Chat
// support is available during regular business hours 9 am - 5 pm CST M-F"). The request is held for
// the team to review (tickets/create-ticket.ts), but the page answered only "Chat support is closed
// now ... Open a case instead": nothing said the message was kept, so a hotel whose keys had failed
// typed it again as a case (QA, 2026-12-07, a night on call). Now the page says it is kept, as the
// new-case form does (portal-held.test.ts), and offers no second way to send it. Expected texts are
// worked out by hand from examples/policies/openkey.yaml and the instant set.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('a chat sent after chat support closed, OpenKey Standard', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openkey', 'standard');
  });
  after(() => h.close());

  it('says the message is kept for review, with why, and offers no form to send it again', async () => {
    // Mon 7 Dec 2026 23:01 UTC is 17:01 CST (UTC-6): chat closed at 17:00 and opens Tue 8 Dec 09:00 CST.
    // The phones are "Answered 24/7/365"; email and the support page are worked in the same hours.
    h.desk.clock.set('2026-12-07T23:01:00Z');
    const c = await h.session(h.contactA, 'contact');
    const res = await c.post('/portal/chat', { subject: '', message: 'Keys fail in all rooms\nNo guest can get in.' });
    assert.equal(res.statusCode, 403);
    const page = main(res.body);
    const closed = 'Chat support is closed now; it opens Tue Dec 8 2026 09:00 AM CST; Customer Assistance (1-877-800-2008) or ' +
      'Emergency assistance during off hours (1 (877) 800-2006) are answered now; a request by Email or OpenKey Support page is taken now, ' +
      'and work on it resumes Tue Dec 8 2026 09:00 AM CST.';
    assert.ok(page.includes(`<p id="chat-closed">${closed}</p>`), 'why, once');
    assert.equal(page.split('Chat support is closed now').length, 2, 'the reason is said once');
    // The subject is the message's first line, as a chat's is when none is given.
    assert.match(page, /<p id="chat-held">Your message “Keys fail in all rooms” is kept for our support team to review: you need not send it again\. It is listed on <a href="\/portal">your cases<\/a> page\.<\/p>/);
    assert.doesNotMatch(page, /id="chat-start"|Open a case<\/a> instead|[0-9a-f]{8}-[0-9a-f]{4}-/, 'no second way to send it, no held request id');
    const held = (await h.desk.t.db.query<{ channel: string; subject: string }>(
      "SELECT channel, request->>'subject' AS subject FROM held_requests WHERE requester_id = $1", [h.contactA.id],
    )).rows;
    assert.deepEqual(held, [{ channel: 'chat', subject: 'Keys fail in all rooms' }], 'kept once, as the page says');
  });

  it('the chat page read while closed still offers a case instead', async () => {
    h.desk.clock.set('2026-12-07T23:05:00Z');
    const c = await h.session(h.contactB, 'contact');
    const page = main((await c.get('/portal/chat')).body);
    assert.match(page, /<p id="chat-closed">Chat support is closed now; it opens Tue Dec 8 2026 09:00 AM CST;/);
    assert.match(page, /<a href="\/portal\/cases\/new">Open a case<\/a> instead/);
    assert.doesNotMatch(page, /id="chat-held"/);
  });
});
