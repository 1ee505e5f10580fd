// The agent's ticket page keeps what was typed in its smaller forms too (OpenBack): the regrade's
// reason, a reminder's note, an engineering link. A NUL (U+0000) is removed from the words typed
// and refused beside the form in a choice; a text over its limit comes back whole beside the form
// with its length and the limit (a reason 2,000 characters, a reminder's note 500, a link's title
// 300: tickets/schemas.ts, tickets/reminders.ts); a form too large to read says nothing was saved.
// Never an error page. A contact is still refused (403), anyone signed out sent to sign in.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { openDeskApp } from './desk-kit.ts';
import type { WebApp } from './web-app.ts';
import { errorBox, main } from './page-parts.ts';

describe("the agent's ticket page keeps what was typed in its smaller forms, OpenBack", () => {
  let h: WebApp;
  before(async () => {
    ({ h } = await openDeskApp());
  });
  after(() => h.close());

  const severityOf = async (id: string) => (await h.desk.t.db.query<{ severity: number }>('SELECT severity FROM tickets WHERE id = $1', [id])).rows[0].severity;
  const events = async (id: string, type: string) =>
    (await h.desk.t.db.query<{ data: Record<string, unknown> }>('SELECT data FROM ticket_events WHERE ticket_id = $1 AND type = $2', [id, type])).rows.map((r) => r.data);
  const asAgent = async (subject: string) => ({ t: await openTicket(h, h.contactA, { subject, severity: 3 }), a: await h.session(h.agent, 'agent') });

  describe('the regrade', () => {
    it('a NUL in the reason is removed; one in the severity chosen is refused beside the form, the reason kept', async () => {
      const { t, a } = await asAgent('Regrade with a NUL');
      const res = await a.post(`/agent/tickets/${t.id}/regrade`, { severity: '2', reason: 'Whole\u0000 site down' });
      assert.deepEqual([res.statusCode, res.headers.location], [303, `/agent/tickets/${t.id}?done=regrade`]);
      assert.equal(await severityOf(t.id), 2);
      const odd = await a.post(`/agent/tickets/${t.id}/regrade`, { severity: '1\u0000', reason: 'Worse\u0000 now' });
      assert.equal(odd.statusCode, 400);
      assert.match(errorBox(main(odd.body), 'regrade'), /<strong>Severity<\/strong>/);
      assert.match(main(odd.body), /id="regrade-reason" name="reason" required value="Worse now"/);
      assert.ok(!main(odd.body).includes('\u0000'));
      assert.equal(await severityOf(t.id), 2);
    });

    it('a reason one character over 2,000 comes back whole with its length and the limit; over 2 MiB says nothing was saved', async () => {
      const { t, a } = await asAgent('Regrade at length');
      const long = 'r'.repeat(2_001);
      const res = await a.post(`/agent/tickets/${t.id}/regrade`, { severity: '2', reason: long });
      assert.equal(res.statusCode, 400);
      assert.match(errorBox(main(res.body), 'regrade'), /<strong>Reason<\/strong> is 2,001 characters long: a reason may be at most 2,000 characters\./);
      assert.ok(main(res.body).includes(`value="${long}"`), 'the reason is kept whole');
      const huge = await a.post(`/agent/tickets/${t.id}/regrade`, { severity: '2', reason: 'x'.repeat(2_200_000) });
      assert.equal(huge.statusCode, 413);
      assert.match(main(huge.body), /The form is more than 2 MiB, too large to read: nothing in it was saved\./);
      assert.equal(await severityOf(t.id), 3);
    });

    it('is refused to a contact and to anyone signed out', async () => {
      const { t } = await asAgent('Regrade refused');
      assert.equal((await (await h.session(h.contactA, 'contact')).post(`/agent/tickets/${t.id}/regrade`, { severity: '1', reason: 'Mine\u0000' })).statusCode, 403);
      assert.equal((await (await h.visitor()).post(`/agent/tickets/${t.id}/regrade`, { severity: '1', reason: 'Mine\u0000' })).headers.location, '/login');
      assert.equal(await severityOf(t.id), 3);
    });
  });
});
