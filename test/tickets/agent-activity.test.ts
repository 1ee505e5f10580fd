// The team's work by agent (tickets/agent-activity.ts), on OpenBack Enterprise (severity 1: first
// response within 1 hour, 24x7), worked out by hand for Tuesday 1 December 2026. Two critical
// tickets at 09:00: the front-line agent, given the first at 09:05, answers at 09:30 (in time) and
// solves it at 09:40; the escalation engineer, given the second at 09:05, lets it breach (swept at
// 10:30), answers at 10:45 (late), adds a note, and still holds it. A third ticket nobody holds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ForbiddenError } from '../../src/platform/index.ts';
import { addNote, addReply, agentActivity, createTicket, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { suiteDesk } from '../support/desk.ts';

describe("the team's work by agent, OpenBack", () => {
  const s = suiteDesk('openback', 'enterprise', '2026-12-01T09:00:00Z');

  it('counts replies, notes, solved tickets, first responses in time and late, breaches while holding, and what each holds now', async () => {
    const d = s.desk;
    const id = (a: unknown) => (a as { id: string }).id;
    const open = (subject: string, severity: number) => createTicket({ ctx: d.ctx(s.org.contact), input: { subject, description: 'x', severity } });
    const first = await open('Push down', 1);
    const second = await open('Dashboard down', 1);
    await open('A question', 3);
    d.clock.set('2026-12-01T09:05:00Z');
    await updateTicket({ ctx: d.ctx(d.manager), input: { ticketId: first.id, assigneeId: id(d.agent) } });
    await updateTicket({ ctx: d.ctx(d.manager), input: { ticketId: second.id, assigneeId: id(d.escalation) } });
    // A real clock's microseconds: the clock is met to the millisecond (09:30:00.268), the reply kept to the microsecond.
    d.clock.set('2026-12-01T09:30:00.268285Z');
    await addReply({ ctx: d.ctx(d.agent), input: { ticketId: first.id, body: 'Restarted the push service.' } });
    d.clock.set('2026-12-01T09:40:00Z');
    await updateTicket({ ctx: d.ctx(d.agent), input: { ticketId: first.id, status: 'solved' } });
    d.clock.set('2026-12-01T10:30:00Z');
    await sweepSlaClocks({ ctx: d.system });
    d.clock.set('2026-12-01T10:45:00Z');
    await addReply({ ctx: d.ctx(d.escalation), input: { ticketId: second.id, body: 'Looking into it.' } });
    d.clock.set('2026-12-01T10:50:00Z');
    await addNote({ ctx: d.ctx(d.escalation), input: { ticketId: second.id, body: 'Cache cluster lost a node.' } });

    const window = { from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' };
    await assert.rejects(agentActivity({ ctx: d.ctx(d.agent), input: window }), ForbiddenError);
    const rows = await agentActivity({ ctx: d.ctx(d.manager), input: window });
    assert.deepEqual(rows.map(({ agentId: _id, ...r }) => r), [
      { name: 'agent@vendor.example', holding: 0, replies: 1, notes: 0, solved: 1, firstResponsesMet: 1, firstResponsesLate: 0, breachesHolding: 0 },
      { name: 'escalation@vendor.example', holding: 1, replies: 1, notes: 1, solved: 0, firstResponsesMet: 0, firstResponsesLate: 1, breachesHolding: 1 },
    ]);
    // A breach announced for the first ticket's first response, due 10:00, met at 09:30 (as when the
    // reply that met it waited past the breach hold, tickets/owed.ts): no breach against its holder.
    await s.desk.t.db.query("UPDATE sla_clocks SET breached_at = due_at WHERE ticket_id = $1 AND metric = 'first_response'", [first.id]);
    const again = await agentActivity({ ctx: d.ctx(d.manager), input: window });
    assert.deepEqual(again.map((r) => [r.name, r.firstResponsesMet, r.breachesHolding]), [['agent@vendor.example', 1, 0], ['escalation@vendor.example', 0, 1]]);
    // Another day: only what each holds now.
    const later = await agentActivity({ ctx: d.ctx(d.manager), input: { from: '2026-12-02T00:00:00Z', to: '2026-12-03T00:00:00Z' } });
    assert.deepEqual(later.map((r) => [r.name, r.holding, r.replies]), [['escalation@vendor.example', 1, 0]]);
  });
});
