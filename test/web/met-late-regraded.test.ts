// A first response missed, then regraded to a longer time, then given: the ticket page, the API's
// clock and the managers' breach export give one account of it (which due was missed, under which
// severity, and when it was met), not a "Met late" beside a due time after the reply.
//
// OpenBack (examples/policies/openback.yaml), Enterprise: "Initial Response Time" Severity 1
// (Critical) within 1 hour, 24x7; Severity 3 (Minor) "6 - 12 business hours"; Enterprise hours
// Mon-Fri 09:00-18:00 and Sat 09:00-16:00 GMT (Europe/London: UTC in December). By hand:
//   - opened Wed 2 Dec 2026 10:00 as Severity 1: due 11:00; the sweep at 11:05 records the breach;
//   - regraded to Severity 3 at 11:30 (a downgrade: counted from the opening): goal 6 business hours
//     from Wed 10:00 = Wed 16:00, due 12 = Wed 10:00-18:00 (8 h) + Thu 09:00-13:00 (4 h) = Thu 13:00;
//   - answered Wed 14:00: after the 11:00 it missed, before Thu 13:00.
// The account: missed at 11:00 under Severity 1, met at 14:00; Thu 13:00 is no longer owed by anyone.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addReply, sweepSlaClocks } from '../../src/tickets/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const clocksOf = (html: string) => /<table class="clocks">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
const rowOf = (table: string, name: string) => new RegExp(`<tr class="clock[^"]*">\\s*<th scope="row">${name}[\\s\\S]*?</tr>`).exec(table)?.[0] ?? '';

describe('OpenBack: a Severity 1 response missed, regraded to Severity 3, then answered within Severity 3\'s time', () => {
  let h: WebApp;
  let id = '';
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
    h.desk.clock.set('2026-12-02T10:00:00Z');
    const made = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'All keys fail', description: 'Nobody can enter', severity: 1 } });
    assert.equal(made.statusCode, 201);
    id = made.json().id;
    h.desk.clock.set('2026-12-02T11:05:00Z');
    assert.equal((await sweepSlaClocks({ ctx: h.desk.system })).breaches, 1);
    h.desk.clock.set('2026-12-02T11:30:00Z');
    const a = await h.session(h.agent, 'agent');
    assert.equal((await a.post(`/agent/tickets/${id}/regrade`, { severity: '3', reason: 'A workaround exists' })).statusCode, 303);
    h.desk.clock.set('2026-12-02T14:00:00Z');
    await addReply({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: id, body: 'We are on it.' } });
  });
  after(() => h.close());

  it('the agent\'s page: met late at 14:00, against the 11:00 it missed under Severity 1, not Severity 3\'s times', async () => {
    const a = await h.session(h.agent, 'agent');
    const row = rowOf(clocksOf(main((await a.get(`/agent/tickets/${id}`)).body)), 'Initial Response Time');
    // The agent chose no zone: UTC, with the plan's zone beside it.
    assert.match(row, /<td>Met late \(2026-12-02 14:00 UTC\)<\/td>\s*<td>2026-12-02 11:00 UTC<br><small class="local">Wed 2 Dec 2026 11:00 GMT<\/small><\/td>\s*<td>—<\/td>/, row);
    assert.doesNotMatch(row, /2026-12-03|goal/, 'neither Severity 3\'s due time (Thu 13:00) nor its goal (Wed 16:00)');
    const page = main((await a.get(`/agent/tickets/${id}`)).body);
    assert.match(page, /<li>Breached Wed 2 Dec 2026 11:00 GMT = 2026-12-02T11:00:00Z, as then owed under severity 1 \(Critical\); met Wed 2 Dec 2026 14:00 GMT = 2026-12-02T14:00:00Z; the regrade to severity 3 \(Minor\) Wed 2 Dec 2026 11:30 GMT = 2026-12-02T11:30:00Z moved its time since, and the breach stands\.<\/li>/);
  });

  it('the API\'s clock says the same: due 11:00, breached 11:00, met 14:00, under Severity 1', async () => {
    const api = await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${id}` });
    assert.equal(api.statusCode, 200);
    assert.equal(api.json().severity, 3);
    const c = api.json().clocks.find((k: Record<string, unknown>) => k.metric === 'first_response');
    assert.deepEqual([c.state, c.goal, c.due, c.breached_at, c.met_at, c.ended_at, c.severity], ['met', null, '2026-12-02T11:00:00Z', '2026-12-02T11:00:00Z', '2026-12-02T14:00:00Z', null, 1]);
    // Why it was due at 11:00 (Severity 1's hour from the opening at 10:00), then what came of it; nothing of Thu 13:00.
    assert.deepEqual(c.explain, [
      'First response within 1 hour, on the 24x7 clock: real elapsed time, nights, weekends and holidays included.',
      'Due Wed 2 Dec 2026 11:00 GMT = 2026-12-02T11:00:00Z; breached after that.',
      'Breached Wed 2 Dec 2026 11:00 GMT = 2026-12-02T11:00:00Z, as then owed under severity 1 (Critical); met Wed 2 Dec 2026 14:00 GMT = 2026-12-02T14:00:00Z; the regrade to severity 3 (Minor) Wed 2 Dec 2026 11:30 GMT = 2026-12-02T11:30:00Z moved its time since, and the breach stands.',
    ]);
    // The list of tickets gives the clock the same due time.
    const list = await h.as(h.agent.token, { method: 'GET', url: '/api/v1/tickets' });
    const listed = list.json().items.find((t: { id: string }) => t.id === id).clocks.find((k: Record<string, unknown>) => k.metric === 'first_response');
    assert.deepEqual([listed.state, listed.due, listed.met_at, listed.severity], ['met', '2026-12-02T11:00:00Z', '2026-12-02T14:00:00Z', 1]);
  });

  it('the managers\' breach export: Severity 1, due 11:00, met 14:00', async () => {
    const m = await h.session(h.manager, 'agent');
    const lines = (await m.get('/reports/breaches.csv?from=2026-12-02&to=2026-12-02')).body.split('\r\n').filter((l) => l.includes('All keys fail'));
    assert.equal(lines.length, 1);
    assert.match(lines[0], /,enterprise,1,first_response,2026-12-02T11:00:00Z,2026-12-02T14:00:00Z,/);
  });

  it('the customer\'s case page gives the same due time', async () => {
    const c = await h.session(h.contactA, 'contact');
    const row = rowOf(clocksOf(main((await c.get(`/portal/cases/${id}`)).body)), 'Initial Response Time');
    assert.match(row, /Wed 2 Dec 2026 11:00 GMT/, row);
    assert.doesNotMatch(row, /Thu 3 Dec 2026|goal/, row);
  });
});
