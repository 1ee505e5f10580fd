// Time entries corrected and removed through the API (tickets/time-corrections.ts): the agent who
// logged one corrects or removes it, a manager or an admin anyone's, a colleague and a contact never;
// every change is kept (who, from what to what, when), a removed entry counts in no total or report
// but stays traceable; bad bodies are 400 naming the field, unknown entries 404, never a 5xx.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket, openTicketApp, type TicketApp } from '../http/ticket-app.ts';
import { timeSpentReport } from '../../src/tickets/index.ts';

describe('time entries corrected and removed, OpenBack', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('openback', 'enterprise');
  });
  after(() => h.close());

  const log = async (token: string, at: string, minutes: number, note?: string) => {
    const r = await h.as(token, { method: 'POST', url: `${at}/time-entries`, payload: { minutes, ...(note ? { note } : {}) } });
    assert.equal(r.statusCode, 201);
    // Newest first; entries of one instant in id order: the one just logged is found by its minutes.
    return (r.json().items as Array<{ id: string; minutes: number }>).find((e) => e.minutes === minutes)!.id;
  };

  it('corrects and removes as the rules say, keeps every change, and counts removed entries nowhere', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Slow exports', severity: 3 });
    const at = `/api/v1/tickets/${t.id}`;
    const mine = await log(h.agent.token, at, 30, 'Call with Ann');
    const theirs = await log(h.escalation.token, at, 45, 'Read the logs');
    const patch = (token: string, id: string, payload: unknown) => h.as(token, { method: 'PATCH', url: `${at}/time-entries/${id}`, payload: payload as object });
    const remove = (token: string, id: string) => h.as(token, { method: 'DELETE', url: `${at}/time-entries/${id}` });

    // The front-line agent corrects their own: 30 -> 25 minutes, the note kept; 25 + 45 = 70 in all.
    h.desk.clock.advance({ minutes: 5 });
    const own = await patch(h.agent.token, mine, { minutes: 25 });
    assert.equal(own.statusCode, 200);
    assert.equal(own.json().total_minutes, 70);
    assert.deepEqual(own.json().corrections, [{
      id: own.json().corrections[0].id, entry_id: mine, action: 'corrected', agent_id: h.agent.id, agent_name: 'agent@vendor.example',
      minutes_before: 30, minutes_after: 25, note_before: 'Call with Ann', note_after: 'Call with Ann', at: '2026-12-02T10:05:00Z',
    }]);
    // A colleague's: refused, unchanged; a contact: refused at the door, for their own organization's ticket too.
    assert.equal((await patch(h.agent.token, theirs, { minutes: 5 })).statusCode, 403);
    assert.equal((await remove(h.agent.token, theirs)).statusCode, 403);
    assert.equal((await patch(h.contactA.token, mine, { minutes: 5 })).statusCode, 403);
    assert.equal((await remove(h.contactA.token, mine)).statusCode, 403);
    assert.equal((await remove(h.contactB.token, mine)).statusCode, 403);

    // Bad bodies, named; nothing changed.
    for (const [payload, path] of [[{ minutes: 0 }, 'minutes'], [{ minutes: 1441 }, 'minutes'], [{ minutes: 2.5 }, 'minutes'], [{ note: 'x'.repeat(501) }, 'note'], [{}, 'minutes'], [{ agent_id: h.manager.id }, 'agent_id']] as const) {
      const bad = await patch(h.agent.token, mine, payload);
      assert.deepEqual([bad.statusCode, bad.json().details[0].path], [400, path], JSON.stringify(payload));
    }
    // Unknown entries and tickets: 404, as is an entry of another ticket.
    const other = await openTicket(h, h.contactA, { subject: 'Another', severity: 3 });
    const elsewhere = await log(h.agent.token, `/api/v1/tickets/${other.id}`, 10);
    assert.equal((await patch(h.agent.token, '00000000-0000-4000-8000-000000000001', { minutes: 5 })).statusCode, 404);
    assert.equal((await patch(h.agent.token, 'not-a-uuid', { minutes: 5 })).statusCode, 404);
    assert.equal((await patch(h.agent.token, elsewhere, { minutes: 5 })).statusCode, 404);
    assert.equal((await h.as(h.agent.token, { method: 'DELETE', url: `/api/v1/tickets/00000000-0000-4000-8000-000000000002/time-entries/${mine}` })).statusCode, 404);

    // A manager corrects the colleague's note (cleared: empty text), an admin removes it.
    h.desk.clock.advance({ minutes: 5 });
    assert.equal((await patch(h.manager.token, theirs, { note: '' })).statusCode, 200);
    h.desk.clock.advance({ minutes: 5 });
    const removed = await remove(h.admin.token, theirs);
    assert.equal(removed.statusCode, 200);
    assert.equal(removed.json().total_minutes, 25);
    assert.deepEqual(removed.json().items.map((e: { id: string }) => e.id), [mine]);
    assert.deepEqual(removed.json().corrections.map((c: Record<string, unknown>) => [c.entry_id, c.action, c.agent_name, c.minutes_before, c.minutes_after, c.note_before, c.note_after, c.at]), [
      [theirs, 'removed', 'admin@vendor.example', 45, null, null, null, '2026-12-02T10:15:00Z'],
      [theirs, 'corrected', 'manager@vendor.example', 45, 45, 'Read the logs', null, '2026-12-02T10:10:00Z'],
      [mine, 'corrected', 'agent@vendor.example', 30, 25, 'Call with Ann', 'Call with Ann', '2026-12-02T10:05:00Z'],
    ]);
    // Gone is gone: neither corrected nor removed again; the row stays, marked.
    assert.equal((await patch(h.admin.token, theirs, { minutes: 5 })).statusCode, 404);
    assert.equal((await remove(h.escalation.token, theirs)).statusCode, 404);
    const { rows: kept } = await h.desk.t.db.query<{ minutes: number; removed: boolean }>('SELECT minutes, removed_at IS NOT NULL AS removed FROM ticket_time_entries WHERE id = $1', [theirs]);
    assert.deepEqual(kept, [{ minutes: 45, removed: true }]);
    // The same values again are no correction; the agent removes their own.
    assert.equal((await patch(h.agent.token, mine, { minutes: 25, note: 'Call with Ann' })).json().corrections.length, 3);
    const last = await remove(h.agent.token, mine);
    assert.deepEqual([last.statusCode, last.json().total_minutes, last.json().items, last.json().corrections.length], [200, 0, [], 4]);

    // The reports count what was not removed: the other ticket's 10 minutes only.
    const report = await timeSpentReport({ ctx: h.desk.ctx(h.desk.manager), input: { from: '2026-12-01T00:00:00Z', to: '2026-12-03T00:00:00Z' } });
    assert.deepEqual(report.map((r) => [r.agent, r.minutes, r.tickets]), [['agent@vendor.example', 10, 1]]);
  });
});
