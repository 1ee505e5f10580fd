// The ticket page's correct and remove forms on time entries (tickets/time-corrections.ts): shown on
// the entries the reader may change (their own; a manager's page, every one), working without
// scripts, with the session's CSRF token; a refused correction comes back beside its row with what
// was typed; the corrections are listed, and a removed entry leaves the total.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('correcting time on the ticket page, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('shows each reader the forms of the entries they may change; corrects, refuses keeping the input, removes', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Printer offline', severity: 3 });
    const at = `/api/v1/tickets/${t.id}/time-entries`;
    const mine = (await h.as(h.agent.token, { method: 'POST', url: at, payload: { minutes: 30, note: 'Call' } })).json().items[0].id as string;
    const logged = await h.as(h.escalation.token, { method: 'POST', url: at, payload: { minutes: 45 } });
    const theirs = logged.json().items.find((e: { minutes: number }) => e.minutes === 45).id as string;
    const path = `/agent/tickets/${t.id}`;
    const formOf = (id: string) => `action="${path}/time-entries/${id}"`;

    // The front-line agent: forms on their own entry only; the manager: on both.
    const agent = await h.session(h.agent, 'agent');
    const page = main((await agent.get(path)).body);
    assert.ok(page.includes(formOf(mine)) && page.includes(`${formOf(mine).slice(0, -1)}/remove"`));
    assert.ok(!page.includes(formOf(theirs)));
    assert.match(page, new RegExp(`<input id="time-${mine}-minutes" name="minutes"[^>]* value="30">`));
    const manager = await h.session(h.manager, 'agent');
    const managers = main((await manager.get(path)).body);
    assert.ok(managers.includes(formOf(mine)) && managers.includes(formOf(theirs)));

    // A refused correction: the page again (400), the message at that row, what was typed kept.
    const typo = await agent.post(`${path}/time-entries/${mine}`, { minutes: 'twenty', note: 'Call and remote session' });
    assert.equal(typo.statusCode, 400);
    const refused = main(typo.body);
    assert.match(refused, new RegExp(`id="time-${mine}-error"[\\s\\S]*<strong>Minutes</strong> must be a whole number of minutes`));
    assert.match(refused, new RegExp(`<input id="time-${mine}-minutes" name="minutes"[^>]* value="twenty">`));
    assert.match(refused, new RegExp(`<input id="time-${mine}-note" name="note"[^>]* value="Call and remote session">`));
    // Out of range: the domain's refusal, the same way.
    assert.equal((await agent.post(`${path}/time-entries/${mine}`, { minutes: '1441', note: 'Call' })).statusCode, 400);

    // Corrected: 30 -> 20 minutes, the note changed; the flash, the total (20 + 45), the correction listed.
    const done = await agent.post(`${path}/time-entries/${mine}`, { minutes: '20', note: 'Call and remote session' });
    assert.deepEqual([done.statusCode, done.headers.location], [303, `${path}?done=time-corrected`]);
    const after1 = main((await agent.get(`${path}?done=time-corrected`)).body);
    assert.match(after1, /Time entry corrected\./);
    assert.match(after1, /<dd id="time-spent">1 h 5 min in 2 entries/);
    assert.match(after1, /<li>2026-12-02 10:00 UTC, agent@vendor\.example corrected 30 min to 20 min, note “Call” to “Call and remote session”<\/li>/);

    // Not theirs: the front-line agent is refused (403 page), as is a contact; without the CSRF token, nobody.
    assert.equal((await agent.post(`${path}/time-entries/${theirs}/remove`, {})).statusCode, 403);
    assert.equal((await agent.post(`${path}/time-entries/${theirs}`, { minutes: '5' })).statusCode, 403);
    const contact = await h.session(h.contactA, 'contact');
    assert.equal((await contact.post(`${path}/time-entries/${mine}/remove`, {})).statusCode, 403);
    assert.equal((await manager.post(`${path}/time-entries/${theirs}/remove`, { _csrf: 'x'.repeat(43) })).statusCode, 403);

    // Without "Yes, remove this entry" ticked: refused beside the entry, nothing removed.
    const unticked = await manager.post(`${path}/time-entries/${theirs}/remove`, {});
    assert.equal(unticked.statusCode, 400);
    assert.match(main(unticked.body), /Nothing was removed: tick &quot;Yes, remove this entry&quot; to remove it[\s\S]*<strong>Yes, remove this entry<\/strong> is not ticked/);
    assert.match(main(unticked.body), /<dd id="time-spent">1 h 5 min in 2 entries/);
    // The manager removes the colleague's: it leaves the total and the list, and the removal is listed.
    const gone = await manager.post(`${path}/time-entries/${theirs}/remove`, { confirm: 'on' });
    assert.deepEqual([gone.statusCode, gone.headers.location], [303, `${path}?done=time-removed`]);
    const after2 = main((await manager.get(`${path}?done=time-removed`)).body);
    assert.match(after2, /Time entry removed/);
    assert.match(after2, /<dd id="time-spent">20 min in 1 entry/);
    assert.ok(!after2.includes(formOf(theirs)));
    assert.match(after2, /<li>2026-12-02 10:00 UTC, manager@vendor\.example removed 45 min<\/li>/);
    // Removed already: not found.
    assert.equal((await manager.post(`${path}/time-entries/${theirs}/remove`, { confirm: 'on' })).statusCode, 404);
  });
});
