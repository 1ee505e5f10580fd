// OfficeSpace lists "Periodic reports on the status of the correction" in the process of Technical
// Support and Critical Technical Support, and names no interval. The agent's ticket page says when
// the last report (a public reply to the customer) went out, and sets no clock; Basic Product
// Support, whose process does not list it, shows nothing of the kind.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';

const fact = (html: string) => /<div><dt>Last status report<\/dt><dd id="status-report">([\s\S]*?)<\/dd><\/div>/.exec(html)?.[1] ?? null;

describe('OfficeSpace: the last status report on the agent\'s ticket page', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('officespace', 'standard');
  });
  after(() => h.close());

  it('a Technical Support ticket: none yet, then how long ago the last public reply went out; a note is no report', async () => {
    h.desk.clock.set('2026-12-07T15:00:00Z'); // Monday 09:00 GMT-6
    const t = await openTicket(h, h.contactA, { severity: 2 });
    const a = await h.session(h.agent, 'agent');
    const page = async () => fact((await a.get(`/agent/tickets/${t.id}`)).body);
    const said = ' <small>(a public reply; the support level lists “Periodic reports on the status of the correction”, with no interval)</small>';
    assert.equal(await page(), `none yet${said}`);
    const reply = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${t.id}/replies`, payload: { body: 'We found the cause.' } });
    assert.equal(reply.statusCode, 201, reply.body);
    h.desk.clock.set('2026-12-07T16:00:00Z');
    const note = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${t.id}/notes`, payload: { body: 'Still digging.' } });
    assert.equal(note.statusCode, 201, note.body);
    // Replied at 15:00, read at 18:00: three hours ago (the note at 16:00 does not count).
    h.desk.clock.set('2026-12-07T18:00:00Z');
    assert.equal(await page(), `3 h ago${said}`);
  });

  it('a Basic Product Support ticket shows no status report: its process does not list one', async () => {
    const t = await openTicket(h, h.contactA, { severity: 3 });
    const a = await h.session(h.agent, 'agent');
    const html = (await a.get(`/agent/tickets/${t.id}`)).body;
    assert.match(html, /<dt>Support level<\/dt>/);
    assert.equal(fact(html), null);
  });
});
