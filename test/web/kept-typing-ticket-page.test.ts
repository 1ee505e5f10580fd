// The agent's ticket page keeps what was typed in its smaller forms too (OpenBack): the regrade's
// reason (OPS-COM's escalation's too), a reminder's note, time logged's, an engineering link. A NUL (U+0000) is removed from the words typed
// and refused beside the form in a choice; a text over its limit comes back whole beside the form
// with its length and the limit (a reason 2,000 characters, a reminder's note 500, a link's title
// 300: tickets/schemas.ts, tickets/reminders.ts); a form too large to read says nothing was saved.
// Never an error page. A contact is still refused (403), anyone signed out sent to sign in.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { openDeskApp } from './desk-kit.ts';
import { openWebApp, type WebApp } from './web-app.ts';
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

  describe("a reminder's note, time logged's, and an engineering link", () => {
    const reminderNote = async (id: string) => (await h.desk.t.db.query<{ note: string | null }>('SELECT note FROM ticket_reminders WHERE ticket_id = $1', [id])).rows.map((r) => r.note);
    const timeNotes = async (id: string) => (await h.desk.t.db.query<{ note: string | null }>('SELECT note FROM ticket_time_entries WHERE ticket_id = $1', [id])).rows.map((r) => r.note);

    it('a NUL in the note or the title is removed; one in the box to clear is refused beside the form, naming it', async () => {
      const { t, a } = await asAgent('Reminder with a NUL');
      assert.equal((await a.post(`/agent/tickets/${t.id}/reminder`, { at: '2030-01-07T09:00', note: 'Call\u0000 back' })).statusCode, 303);
      assert.deepEqual(await reminderNote(t.id), ['Call back']);
      const box = await a.post(`/agent/tickets/${t.id}/reminder`, { at: '2030-01-08T09:00', note: 'Later', clear: 'yes\u0000' });
      assert.equal(box.statusCode, 400);
      assert.match(errorBox(main(box.body), 'reminder'), /<strong>Clear<\/strong> contains a NUL \(U\+0000\) character/);
      assert.match(main(box.body), /id="remind-note" name="note" maxlength="500" value="Later"/);
      assert.deepEqual(await reminderNote(t.id), ['Call back']);
      assert.equal((await a.post(`/agent/tickets/${t.id}/time`, { minutes: '25', note: 'On\u0000 the phone' })).statusCode, 303);
      assert.deepEqual(await timeNotes(t.id), ['On the phone']);
      assert.equal((await a.post(`/agent/tickets/${t.id}/link`, { url: 'https://bugs.example/PROJ-1', title: 'Sync\u0000 bug' })).statusCode, 303);
      assert.deepEqual(await events(t.id, 'link_added'), [{ url: 'https://bugs.example/PROJ-1', title: 'Sync bug' }]);
    });

    it('a note over its 500 characters, or a title over its 300, comes back whole with its length and the limit', async () => {
      const { t, a } = await asAgent('Reminder at length');
      const note = 'n'.repeat(501);
      const res = await a.post(`/agent/tickets/${t.id}/reminder`, { at: '2030-01-07T09:00', note });
      assert.equal(res.statusCode, 400);
      assert.match(errorBox(main(res.body), 'reminder'), /<strong>Note<\/strong> is 501 characters long: a note may be at most 500 characters\./);
      assert.ok(main(res.body).includes(`value="${note}"`), 'the note is kept whole');
      const time = await a.post(`/agent/tickets/${t.id}/time`, { minutes: '25', note });
      assert.equal(time.statusCode, 400);
      assert.match(errorBox(main(time.body), 'time'), /<strong>Note<\/strong> is 501 characters long: a note may be at most 500 characters\./);
      const title = 't'.repeat(301);
      const link = await a.post(`/agent/tickets/${t.id}/link`, { url: 'https://bugs.example/PROJ-2', title });
      assert.equal(link.statusCode, 400);
      assert.match(errorBox(main(link.body), 'link'), /<strong>Title<\/strong> is 301 characters long: a title may be at most 300 characters\./);
      assert.ok(main(link.body).includes(`value="${title}"`), 'the title is kept whole');
      assert.match(main(link.body), /value="https:\/\/bugs\.example\/PROJ-2"/);
      assert.deepEqual([await reminderNote(t.id), await timeNotes(t.id), await events(t.id, 'link_added')], [[], [], []]);
    });

    it('are refused to a contact and to anyone signed out', async () => {
      const { t } = await asAgent('Reminder refused');
      const c = await h.session(h.contactA, 'contact');
      const v = await h.visitor();
      for (const [path, form] of [['reminder', { at: '2030-01-07T09:00', note: 'x\u0000' }], ['time', { minutes: '5', note: 'x\u0000' }], ['link', { url: 'https://bugs.example/P-3', title: 'x\u0000' }]] as const) {
        assert.equal((await c.post(`/agent/tickets/${t.id}/${path}`, form)).statusCode, 403, path);
        assert.equal((await v.post(`/agent/tickets/${t.id}/${path}`, form)).headers.location, '/login', path);
      }
      assert.deepEqual([await reminderNote(t.id), await timeNotes(t.id), await events(t.id, 'link_added')], [[], [], []]);
    });
  });
});

describe("OPS-COM: the escalation ladder's reason keeps what was typed", () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('opscom', 'premium');
    // Thu 3 Dec 2026 15:00Z is 10:00 EST, in support hours.
    h.desk.clock.set('2026-12-03T15:00:00Z');
  });
  after(() => h.close());

  const reasons = async (id: string) =>
    (await h.desk.t.db.query<{ body: string | null }>("SELECT body FROM ticket_events WHERE ticket_id = $1 AND type = 'escalated'", [id])).rows.map((r) => r.body);

  it('a reason over 2,000 characters comes back whole, counted; a NUL in it is removed', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Totals wrong', severity: 2 });
    const a = await h.session(h.agent, 'agent');
    const long = 'e'.repeat(2_001);
    const over = await a.post(`/agent/tickets/${t.id}/escalate`, { reason: long, to_level: '' });
    assert.equal(over.statusCode, 400);
    assert.match(errorBox(main(over.body), 'escalate'), /<strong>Reason<\/strong> is 2,001 characters long: a reason may be at most 2,000 characters\./);
    assert.ok(main(over.body).includes(`value="${long}"`), 'the reason is kept whole');
    assert.deepEqual(await reasons(t.id), []);
    assert.equal((await a.post(`/agent/tickets/${t.id}/escalate`, { reason: 'Reproduced:\u0000 a bug', to_level: '' })).statusCode, 303);
    assert.deepEqual(await reasons(t.id), ['Reproduced: a bug']);
  });

  it("a NUL in a QA note or the release is removed; one in the box to tell the customer is refused naming it; a message over 100,000 characters comes back counted", async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Totals released', severity: 2 });
    assert.equal((await (await h.session(h.agent, 'agent')).post(`/agent/tickets/${t.id}/escalate`, { reason: 'Reproduced: a bug', to_level: '' })).statusCode, 303);
    const m = await h.session(h.escalation, 'agent');
    assert.equal((await m.post(`/agent/tickets/${t.id}/link`, { url: 'https://jira.example.com/browse/DEV-12', title: 'DEV-12' })).statusCode, 303);
    assert.equal((await m.post(`/agent/tickets/${t.id}/reply`, { body: 'A fix is planned.', eta: '2026-12-18T17:00', eta_zone: 'America/New_York' })).statusCode, 303);
    assert.equal((await m.post(`/agent/tickets/${t.id}/escalate`, { reason: 'In DEV-12', to_level: 'development' })).statusCode, 303);
    assert.equal((await m.post(`/agent/tickets/${t.id}/qa-verified`, { note: 'Tested\u0000 on preview' })).statusCode, 303);
    const released = async () => (await h.desk.t.db.query<{ body: string | null; data: { release?: string } }>("SELECT body, data FROM ticket_events WHERE ticket_id = $1 AND type IN ('qa_verified', 'fix_released') ORDER BY type DESC", [t.id])).rows.map((r) => [r.body, r.data.release ?? null]);
    assert.deepEqual(await released(), [['Tested on preview', null]]);
    const box = await m.post(`/agent/tickets/${t.id}/fix-released`, { release: '2.4.1', notify: 'on\u0000', body: 'Fixed in 2.4.1' });
    assert.equal(box.statusCode, 400);
    assert.match(errorBox(main(box.body), 'released'), /<strong>Tell the customer on this ticket<\/strong> contains a NUL \(U\+0000\) character/);
    assert.match(main(box.body), /Fixed in 2\.4\.1<\/textarea>/);
    const message = 'm'.repeat(100_001);
    const over = await m.post(`/agent/tickets/${t.id}/fix-released`, { release: '2.4.1', notify: 'on', body: message });
    assert.equal(over.statusCode, 400);
    assert.match(errorBox(main(over.body), 'released'), /<strong>Message<\/strong> is 100,001 characters long: a message may be at most 100,000 characters\./);
    assert.ok(main(over.body).includes(`${message}</textarea>`), 'the message is kept whole');
    assert.deepEqual(await released(), [['Tested on preview', null]]);
    assert.equal((await m.post(`/agent/tickets/${t.id}/fix-released`, { release: '2.4.1\u0000', notify: 'on', body: 'Fixed\u0000 in 2.4.1' })).statusCode, 303);
    assert.deepEqual(await released(), [['Tested on preview', null], [null, '2.4.1']]);
  });

  it('is refused to a contact and to anyone signed out', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Totals refused', severity: 2 });
    assert.equal((await (await h.session(h.contactA, 'contact')).post(`/agent/tickets/${t.id}/escalate`, { reason: 'x\u0000' })).statusCode, 403);
    assert.equal((await (await h.visitor()).post(`/agent/tickets/${t.id}/escalate`, { reason: 'x\u0000' })).headers.location, '/login');
    assert.deepEqual(await reasons(t.id), []);
  });
});
