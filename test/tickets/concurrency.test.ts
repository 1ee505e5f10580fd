// Concurrent writes on one ticket: replies (an agent's and the customer's), status changes and
// regrades at once. The timeline read back is in the order the writes held the ticket's lock,
// each from -> to continues the previous one, and its last state is the ticket's. The clock
// ticks on every read, as a real one does, so an event time read before the lock would show.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Clock } from '../../src/platform/index.ts';
import { addReply, createTicket, getTicket, listTicketEvents, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { testBackend } from '../support/test-db.ts';

/** A clock that moves one millisecond every time it is read. */
function tickingClock(start: string): Clock {
  let at = Temporal.Instant.from(start);
  return { now: () => (at = at.add({ milliseconds: 1 })) };
}

describe(`concurrent writes on one ticket (${testBackend})`, () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openmethods', '2026-12-02T14:00:00Z');
  });
  after(() => desk.close());

  for (const round of [1, 2, 3, 4]) {
    it(`round ${round}: 10 replies, 8 status changes and 6 regrades at once leave an ordered timeline that ends in the ticket's state`, async () => {
      const org = await desk.addOrganization('premium');
      const clock = tickingClock('2026-12-02T14:00:00Z');
      const as = (actor: typeof desk.agent) => ({ ...desk.ctx(actor), clock });
      const ticket = await createTicket({ ctx: as(org.contact), input: { subject: 'Race', description: 'Many hands', severity: 3 } });
      const statuses = ['pending_customer', 'open', 'pending_third_party', 'pending_customer', 'open', 'pending_third_party', 'pending_customer', 'open'] as const;
      const writes: Array<() => Promise<unknown>> = [
        ...Array.from({ length: 5 }, (_, i) => () => addReply({ ctx: as(desk.agent), input: { ticketId: ticket.id, body: `agent ${i}` } })),
        ...Array.from({ length: 5 }, (_, i) => () => addReply({ ctx: as(org.contact), input: { ticketId: ticket.id, body: `customer ${i}` } })),
        ...statuses.map((status) => () => updateTicket({ ctx: as(desk.agent), input: { ticketId: ticket.id, status } })),
        ...[1, 2, 4, 2, 1, 3].map((severity) => () => updateTicket({ ctx: as(desk.agent), input: { ticketId: ticket.id, severity, reason: `to ${severity}` } })),
      ];
      // Interleave the kinds, then start them all together.
      const shuffled = writes.map((w, i) => ({ w, k: (i * 7919 + round * 104729) % writes.length })).sort((a, b) => a.k - b.k);
      await Promise.all(shuffled.map(({ w }) => w()));

      const events = await listTicketEvents({ ctx: desk.ctx(desk.agent), input: { ticketId: ticket.id } });
      const { rows } = await desk.t.db.query<{ id: string; seq: number }>('SELECT id, seq FROM ticket_events WHERE ticket_id = $1', [ticket.id]);
      const seq = new Map(rows.map((r) => [r.id, Number(r.seq)]));
      for (let i = 1; i < events.length; i++) {
        assert.ok(Temporal.Instant.compare(events[i - 1].at, events[i].at) <= 0, `times go forward at ${i}`);
        assert.ok(seq.get(events[i - 1].id)! < seq.get(events[i].id)!, `time order is write order at ${i}`);
      }
      const changes = events.filter((e) => e.type === 'status_changed' || e.type === 'reopened');
      let status = 'open';
      for (const e of changes) {
        assert.equal(e.data.from, status, `status change ${e.id} starts where the last ended`);
        status = e.data.to as string;
      }
      const regrades = events.filter((e) => e.type === 'regraded');
      let severity = 3;
      for (const e of regrades) {
        assert.equal(e.data.from, severity, `regrade ${e.id} starts where the last ended`);
        severity = e.data.to as number;
      }
      const now = await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: ticket.id } });
      assert.equal(now.status, status);
      assert.equal(now.severity, severity);
      assert.equal(events.filter((e) => e.type === 'reply').length, 10);
    });
  }
});
