// The agent's ticket page keeps what was typed in its lists too (OpenBack): who is copied, and the
// side conversation's button to stop writing to someone. A NUL (U+0000) is removed from the
// emails typed; a list over its limit comes back whole, counted; a form too large to read says
// nothing was saved; a NUL in the person to leave out (a hidden field: a hand-made form) is refused
// beside the form, naming it. Never an error page. A contact and anyone signed out are still refused.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { colleagueOfA, copiedOn, openDeskApp } from './desk-kit.ts';
import type { WebApp } from './web-app.ts';
import { errorBox, main } from './page-parts.ts';

describe("the agent's ticket lists keep what was typed, OpenBack", () => {
  let h: WebApp;
  let colleague: string;
  before(async () => {
    ({ h } = await openDeskApp());
    colleague = await colleagueOfA(h, 'Copied Colleague');
  });
  after(() => h.close());

  describe('who is copied', () => {
    const ccsOf = (ticketId: string) => copiedOn(h, ticketId);

    it('a NUL in the emails typed is removed', async () => {
      const t = await openTicket(h, h.contactA, { subject: 'Agent copies with a NUL', severity: 3 });
      const a = await h.session(h.agent, 'agent');
      const res = await a.post(`/agent/tickets/${t.id}/ccs`, { emails: `${colleague}\u0000` });
      assert.deepEqual([res.statusCode, res.headers.location], [303, `/agent/tickets/${t.id}?done=ccs`]);
      assert.deepEqual(await ccsOf(t.id), [{ name: 'Copied Colleague' }]);
    });

    it('more addresses than a ticket may copy, or one longer than any address, come back whole, counted; over 2 MiB says nothing was saved', async () => {
      const t = await openTicket(h, h.contactA, { subject: 'Agent copies too many', severity: 3 });
      const a = await h.session(h.agent, 'agent');
      // 21 addresses, one over the 20 people a ticket may copy (tickets/ccs.ts MAX_CCS), none of them looked up.
      const many = Array.from({ length: 21 }, (_, i) => `person${i}@customer.example`).join(', ');
      const over = await a.post(`/agent/tickets/${t.id}/ccs`, { emails: many });
      assert.equal(over.statusCode, 400);
      assert.match(errorBox(main(over.body), 'ccs'), /<strong>Emails<\/strong> has 21 addresses: at most 20 people may be copied on a ticket\./);
      assert.ok(main(over.body).includes(`value="${many}"`), 'the addresses are kept whole');
      // 1,200,000 letters and "@customer.example" (17 characters): over 1 MiB, one address far over the 320 any may be.
      const long = `${'a'.repeat(1_200_000)}@customer.example`;
      const res = await a.post(`/agent/tickets/${t.id}/ccs`, { emails: long });
      assert.equal(res.statusCode, 400);
      assert.match(errorBox(main(res.body), 'ccs'), /<strong>Emails<\/strong> holds an address 1,200,017 characters long: an email address is at most 320\./);
      assert.ok(main(res.body).includes(`value="${long}"`));
      const huge = await a.post(`/agent/tickets/${t.id}/ccs`, { emails: 'a'.repeat(2_200_000) });
      assert.equal(huge.statusCode, 413);
      assert.match(main(huge.body), /The form is more than 2 MiB, too large to read: nothing in it was saved\./);
      assert.deepEqual(await ccsOf(t.id), []);
    });

    it('is refused to a contact and to anyone signed out', async () => {
      const t = await openTicket(h, h.contactA, { subject: 'Agent copies refused', severity: 3 });
      assert.equal((await (await h.session(h.contactA, 'contact')).post(`/agent/tickets/${t.id}/ccs`, { emails: `${colleague}\u0000` })).statusCode, 403);
      assert.equal((await (await h.visitor()).post(`/agent/tickets/${t.id}/ccs`, { emails: `${colleague}\u0000` })).headers.location, '/login');
      assert.deepEqual(await ccsOf(t.id), []);
    });
  });

  describe("a side conversation's person left out", () => {
    const alsoFrom = async (id: string) => (await h.desk.t.db.query<{ also_from: string[] }>('SELECT also_from FROM side_conversations WHERE id = $1', [id])).rows[0].also_from;
    async function conversation(subject: string): Promise<{ url: string; id: string }> {
      const t = await openTicket(h, h.contactA, { subject, severity: 3 });
      const a = await h.session(h.agent, 'agent');
      assert.equal((await a.post(`/agent/tickets/${t.id}/side-conversations`, { to: 'sam@partner.example', also_to: 'ops@partner.example', body: 'Seen this?' })).statusCode, 303);
      const id = /side-conversations\/([0-9a-f-]{36})"/.exec(main((await a.get(`/agent/tickets/${t.id}`)).body))![1];
      return { url: `/agent/tickets/${t.id}/side-conversations/${id}/people`, id };
    }

    it('a NUL in the person to leave out is refused beside the conversation, naming it; they stay in', async () => {
      const { url, id } = await conversation('Side with a NUL');
      const res = await (await h.session(h.agent, 'agent')).post(url, { remove: 'ops@partner.example\u0000' });
      assert.equal(res.statusCode, 400);
      assert.match(errorBox(main(res.body), `side-${id}`), /<strong>Stop writing to<\/strong> contains a NUL \(U\+0000\) character/);
      assert.deepEqual(await alsoFrom(id), ['ops@partner.example']);
    });

    it('is refused to a contact and to anyone signed out', async () => {
      const { url, id } = await conversation('Side refused');
      assert.equal((await (await h.session(h.contactA, 'contact')).post(url, { remove: 'ops@partner.example\u0000' })).statusCode, 403);
      assert.equal((await (await h.visitor()).post(url, { remove: 'ops@partner.example' })).headers.location, '/login');
      assert.deepEqual(await alsoFrom(id), ['ops@partner.example']);
    });
  });
});
