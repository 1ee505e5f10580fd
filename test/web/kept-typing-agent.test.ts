// Nothing an agent typed is lost on a refusal (OpenBack), on the new-ticket form and a side
// conversation's: a NUL (U+0000) is removed from the words typed and refused beside the form in a
// choice; a description or a message over its 100,000 characters comes back whole with its length;
// one of more than 1 MiB of text is said plainly, the other fields kept; a file over 10 MiB is named
// beside the form, the fields kept; a form too large to read says nothing was saved. Never a 500.
// A contact is still refused both forms.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { openDeskApp, ticketIdOf } from './desk-kit.ts';
import type { WebApp } from './web-app.ts';
import { errorBox, main } from './page-parts.ts';

const BIG_FILE = { name: 'core.dump', content: new Uint8Array(10 * 1024 * 1024 + 1) };

describe('the agent keeps what was typed, OpenBack', () => {
  let h: WebApp;
  let emailA: string;
  before(async () => {
    ({ h, emailA } = await openDeskApp());
  });
  after(() => h.close());

  const ticketsNamed = async (subject: string) =>
    (await h.desk.t.db.query<{ subject: string; description: string }>('SELECT subject, description FROM tickets WHERE subject = $1', [subject])).rows;
  const newTicket = (form: Record<string, string>) => ({ requester: emailA, channel: 'phone', severity: '3', ...form });

  describe('the new-ticket form', () => {
    it('a NUL in the subject or the description is removed, as a browser sends the form and urlencoded', async () => {
      const a = await h.session(h.agent, 'agent');
      const sent = await a.upload('/agent/tickets/new', newTicket({ subject: 'Rang\u0000 about sync', description: 'Sync\u0000 stops' }), []);
      assert.equal(sent.statusCode, 303);
      assert.ok(ticketIdOf(sent.headers.location));
      assert.equal((await a.post('/agent/tickets/new', newTicket({ subject: 'Rang about sync\u0000', description: '\u0000Sync stops' }))).statusCode, 303);
      assert.deepEqual(await ticketsNamed('Rang about sync'), [{ subject: 'Rang about sync', description: 'Sync stops' }, { subject: 'Rang about sync', description: 'Sync stops' }]);
    });

    it('a NUL in a choice is refused beside the form, naming it, the rest kept without it', async () => {
      const a = await h.session(h.agent, 'agent');
      const res = await a.upload('/agent/tickets/new', newTicket({ subject: 'Odd\u0000 severity', description: 'typed', severity: '2\u0000' }), []);
      assert.equal(res.statusCode, 400);
      const page = main(res.body);
      assert.match(errorBox(page, 'new-ticket'), /<strong>Severity<\/strong>/);
      assert.match(page, /value="Odd severity"/);
      assert.ok(!page.includes('\u0000'));
      assert.deepEqual(await ticketsNamed('Odd severity'), []);
      // A box to tick is a choice too: refused, never read as left empty.
      const box = await a.upload('/agent/tickets/new', newTicket({ subject: 'Odd box', description: 'typed', answered_live: 'yes\u0000' }), []);
      assert.equal(box.statusCode, 400);
      assert.match(errorBox(main(box.body), 'new-ticket'), /<strong>Answered live<\/strong> contains a NUL \(U\+0000\) character/);
      assert.deepEqual(await ticketsNamed('Odd box'), []);
    });

    it('a description one character over 100,000 comes back whole with its length and the limit', async () => {
      const a = await h.session(h.agent, 'agent');
      const long = 'y'.repeat(100_001);
      const res = await a.upload('/agent/tickets/new', newTicket({ subject: 'Long call notes', description: long }), []);
      assert.equal(res.statusCode, 400);
      const page = main(res.body);
      assert.match(errorBox(page, 'new-ticket'), /<strong>What happened<\/strong> is 100,001 characters long: a description may be at most 100,000 characters\./);
      assert.ok(page.includes(`${long}</textarea>`), 'the description is kept whole');
      assert.match(page, /value="Long call notes"/);
      assert.deepEqual(await ticketsNamed('Long call notes'), []);
    });

    it('a description of more than 1 MiB is said plainly, the other fields kept', async () => {
      const a = await h.session(h.agent, 'agent');
      const res = await a.upload('/agent/tickets/new', newTicket({ subject: 'Pasted dump', description: 'x'.repeat(1_100_000) }), []);
      assert.equal(res.statusCode, 400);
      const page = main(res.body);
      assert.match(errorBox(page, 'new-ticket'), /<strong>What happened<\/strong> is more than 1 MiB of text, far over the 100,000 characters a description may be: it could not be kept\./);
      assert.match(page, /value="Pasted dump"/);
      assert.deepEqual(await ticketsNamed('Pasted dump'), []);
    });

    it('a file over 10 MiB is named beside the form with the limit, the fields kept', async () => {
      const a = await h.session(h.agent, 'agent');
      const res = await a.upload('/agent/tickets/new', newTicket({ subject: 'Sent a dump', description: 'by chat' }), [BIG_FILE]);
      assert.equal(res.statusCode, 400);
      const page = main(res.body);
      assert.match(errorBox(page, 'new-ticket'), /Files may be at most 10 MiB each[\s\S]*core\.dump is too large/);
      assert.match(page, /value="Sent a dump"/);
      assert.deepEqual(await ticketsNamed('Sent a dump'), []);
    });

    it('urlencoded, a form of more than 2 MiB says nothing in it was saved', async () => {
      const a = await h.session(h.agent, 'agent');
      const res = await a.post('/agent/tickets/new', newTicket({ subject: 'Beyond reading', description: 'x'.repeat(2_200_000) }));
      assert.equal(res.statusCode, 413);
      assert.match(main(res.body), /The form is more than 2 MiB, too large to read: nothing in it was saved\./);
      assert.deepEqual(await ticketsNamed('Beyond reading'), []);
    });

    it('more files than the form reads says nothing in it was saved', async () => {
      const a = await h.session(h.agent, 'agent');
      // 21 files: past the 20 parts of files the pages read (twice the 10 a ticket takes, uploads.ts).
      const files = Array.from({ length: 21 }, (_, i) => ({ name: `shot-${i}.png`, content: 'png' }));
      const res = await a.upload('/agent/tickets/new', newTicket({ subject: 'Many shots', description: 'by chat' }), files);
      assert.equal(res.statusCode, 413);
      assert.match(main(res.body), /The form has more than 20 files, too many to read: nothing in it was saved\. Send at most 10 files with it\./);
      assert.deepEqual(await ticketsNamed('Many shots'), []);
    });

    it('is refused to a contact and to anyone signed out', async () => {
      assert.equal((await (await h.visitor()).upload('/agent/tickets/new', newTicket({ subject: 'Not mine\u0000', description: 'x' }), [])).headers.location, '/login');
      const c = await h.session(h.contactA, 'contact');
      assert.equal((await c.upload('/agent/tickets/new', newTicket({ subject: 'Not mine\u0000', description: 'x' }), [])).statusCode, 403);
      assert.deepEqual(await ticketsNamed('Not mine'), []);
    });
  });

  describe('a side conversation', () => {
    const sideMessages = async (ticketId: string) =>
      (await h.desk.t.db.query<{ subject: string }>("SELECT subject FROM outbox WHERE kind = 'side_message' AND payload->>'ticket_id' = $1", [ticketId])).rows;

    it('a NUL in the subject or the message is removed', async () => {
      const t = await openTicket(h, h.contactA, { subject: 'Encoder stalls', severity: 3 });
      const a = await h.session(h.agent, 'agent');
      const res = await a.upload(`/agent/tickets/${t.id}/side-conversations`, { to: 'sam@partner.example', subject: 'Keys\u0000 on 2.1', body: 'Seen\u0000 this?' }, []);
      assert.equal(res.statusCode, 303);
      assert.deepEqual(await sideMessages(t.id), [{ subject: 'Keys on 2.1' }]);
      const { rows } = await h.desk.t.db.query<{ body: string }>("SELECT body FROM ticket_events WHERE ticket_id = $1 AND type = 'side_message'", [t.id]);
      assert.equal(rows[0]?.body, 'Seen this?');
      // The box to quote the request is a choice: a NUL in it refused, naming it, the message kept.
      const box = await a.upload(`/agent/tickets/${t.id}/side-conversations`, { to: 'sam@partner.example', subject: 'Keys', body: 'Quoted?', quote_request: 'on\u0000' }, []);
      assert.equal(box.statusCode, 400);
      assert.match(errorBox(main(box.body), 'side'), /<strong>Quote request<\/strong> contains a NUL \(U\+0000\) character/);
      assert.match(main(box.body), /Quoted\?<\/textarea>/);
      assert.deepEqual(await sideMessages(t.id), [{ subject: 'Keys on 2.1' }]);
    });

    it('a message over 100,000 characters comes back whole with its length; over 1 MiB said plainly; the address kept', async () => {
      const t = await openTicket(h, h.contactA, { subject: 'Encoder logs', severity: 3 });
      const a = await h.session(h.agent, 'agent');
      const long = 'z'.repeat(100_001);
      const over = await a.upload(`/agent/tickets/${t.id}/side-conversations`, { to: 'sam@partner.example', subject: 'Logs', body: long }, []);
      assert.equal(over.statusCode, 400);
      assert.match(errorBox(main(over.body), 'side'), /<strong>Message<\/strong> is 100,001 characters long: a message may be at most 100,000 characters\./);
      assert.ok(main(over.body).includes(`${long}</textarea>`));
      const huge = await a.upload(`/agent/tickets/${t.id}/side-conversations`, { to: 'sam@partner.example', subject: 'Logs', body: 'x'.repeat(1_100_000) }, []);
      assert.equal(huge.statusCode, 400);
      const page = main(huge.body);
      assert.match(errorBox(page, 'side'), /<strong>Message<\/strong> is more than 1 MiB of text, far over the 100,000 characters a message may be: it could not be kept\./);
      assert.match(page, /<input id="side-to" name="to" type="email" required maxlength="320" value="sam@partner\.example">/);
      assert.deepEqual(await sideMessages(t.id), []);
    });

    it('a file over 10 MiB is named beside the form, the message kept', async () => {
      const t = await openTicket(h, h.contactA, { subject: 'Encoder dump', severity: 3 });
      const a = await h.session(h.agent, 'agent');
      const res = await a.upload(`/agent/tickets/${t.id}/side-conversations`, { to: 'sam@partner.example', subject: 'Dump', body: 'Here it is' }, [BIG_FILE]);
      assert.equal(res.statusCode, 400);
      assert.match(errorBox(main(res.body), 'side'), /core\.dump is too large/);
      assert.match(main(res.body), /Here it is<\/textarea>/);
      assert.deepEqual(await sideMessages(t.id), []);
    });

    it('is refused to a contact', async () => {
      const t = await openTicket(h, h.contactA, { subject: 'Encoder refused', severity: 3 });
      const c = await h.session(h.contactA, 'contact');
      assert.equal((await c.upload(`/agent/tickets/${t.id}/side-conversations`, { to: 'sam@partner.example', body: 'Hi\u0000' }, [])).statusCode, 403);
      assert.deepEqual(await sideMessages(t.id), []);
    });
  });
});
