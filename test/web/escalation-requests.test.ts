// What became of each escalation asked for (web/escalation-requests.ts), across a merge: a ticket
// merged into another brings its requests as they stood at the merge. Expected states worked by hand
// from the timelines below, entry by entry.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EscalationEvent } from '../../src/tickets/index.ts';
import { escalationRequestsOf } from '../../src/web/escalation-requests.ts';

const X = 'x-ticket';
const S = 'source-ticket';
const ev = (ticketId: string, ticketNumber: number, time: string, type: string, body: string | null = null, data: Record<string, unknown> = {}): EscalationEvent => ({
  id: `${ticketId}-${time}`, ticketId, ticketNumber, at: Temporal.Instant.from(`2026-12-02T${time}:00Z`), type, visibility: 'public',
  actor: { kind: type === 'escalation_requested' ? 'contact' : 'agent', id: 'someone' }, body, data,
});

// X (#10) and S (#11), of one organization. In the order they were written:
const events = [
  ev(X, 10, '10:00', 'escalation_requested', 'x1'),
  ev(S, 11, '10:10', 'escalation_requested', 's1'),
  ev(S, 11, '10:20', 'escalation_requested', 's2'),
  ev(S, 11, '10:25', 'escalation_unwarranted'), // S's oldest waiting, s1
  ev(X, 10, '10:30', 'escalated'), // x1; S is not merged yet: s2 is not X's to answer
  ev(X, 10, '11:00', 'merged_from', 'S words', { ticket_id: S, number: 11 }),
  ev(S, 11, '11:00', 'merged_into', 'Merged into ticket #10', { ticket_id: X, number: 10 }),
  ev(X, 10, '11:30', 'escalation_requested', 'x2'),
  ev(X, 10, '12:00', 'escalation_unwarranted'), // X's oldest waiting now: s2 (10:20), before x2 (11:30)
];

describe('escalation requests across a merge', () => {
  it('on the ticket merged into: its own, then the merged one\'s at the merge as they stood, answered here after it', () => {
    const r = escalationRequestsOf(events, X);
    assert.deepEqual(r.requests.map((q) => [q.reason, q.mergedFrom, q.state]), [
      ['x1', null, 'escalated'],
      ['s1', 11, 'unwarranted'],
      ['s2', 11, 'unwarranted'],
      ['x2', null, 'pending'],
    ]);
    // 1 waiting (x2); 2 of 4 marked, so a mark is still offered; not merged away.
    assert.deepEqual([r.pending, r.mayMark, r.movedTo], [1, true, null]);
  });

  it('on the ticket merged away: the one still waiting went with it, and nothing is marked there', () => {
    // Its own events only (the ticket merged into is not merged into it).
    const r = escalationRequestsOf(events.filter((e) => e.ticketId === S), S);
    assert.deepEqual(r.requests.map((q) => [q.reason, q.mergedFrom, q.state]), [['s1', null, 'unwarranted'], ['s2', null, 'moved']]);
    assert.deepEqual([r.pending, r.mayMark, r.movedTo], [0, false, 10]);
  });

  it('a request still waiting at the merge waits on the ticket merged into, and is counted there', () => {
    const waiting = [
      ev(S, 11, '10:10', 'escalation_requested', 's1'),
      ev(X, 10, '11:00', 'merged_from', 'S words', { ticket_id: S, number: 11 }),
      ev(S, 11, '11:00', 'merged_into', null, { ticket_id: X, number: 10 }),
    ];
    const r = escalationRequestsOf(waiting, X);
    assert.deepEqual(r.requests.map((q) => [q.reason, q.mergedFrom, q.state]), [['s1', 11, 'pending']]);
    assert.deepEqual([r.pending, r.mayMark], [1, true]);
    // Escalated on X after the merge: answered.
    const answered = escalationRequestsOf([...waiting, ev(X, 10, '12:00', 'escalated')], X);
    assert.deepEqual(answered.requests.map((q) => q.state), ['escalated']);
  });
});
