// Regrading part-way through an open, unmet clock: the new target is measured from the opening,
// so the time already used counts against it. Expected instants are worked out by hand from the
// OpenBack seed: Enterprise support hours are Mon-Fri 09:00-18:00 and Sat 09:00-16:00 GMT
// (UTC in December), Severity 2 "12 business hours", Severity 3 "6 - 12 business hours",
// Severity 4 "1 business day".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTicket, getTicket, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('regrading keeps the time already used', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-02T10:00:00Z'); // Wednesday 10:00 GMT
  });
  after(() => desk.close());

  const firstResponse = async (id: string) => {
    const t = await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: id } });
    const c = t.clocks.find((x) => x.metric === 'first_response')!;
    return { goal: c.goal?.toString() ?? null, due: c.due?.toString() ?? null, state: c.state, severity: t.severity };
  };

  it('Severity 3 -> 4 two business hours in: due one business day after the opening, not after the regrade', async () => {
    desk.clock.set('2026-12-02T10:00:00Z');
    const org = await desk.addOrganization('enterprise');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Minor', description: 'A workaround exists', severity: 3 } });
    // 6 business hours from Wed 10:00 = Wed 16:00; 12 = Wed 10:00-18:00 (8 h) + Thu 09:00-13:00 (4 h).
    assert.deepEqual(await firstResponse(t.id), { goal: '2026-12-02T16:00:00Z', due: '2026-12-03T13:00:00Z', state: 'running', severity: 3 });

    desk.clock.set('2026-12-02T12:00:00Z'); // two business hours used, unmet
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 4, reason: 'An enhancement request' } });
    // 1 business day from the opening (Wed 10:00) ends Thu 10:00; from the regrade it would be Thu 12:00.
    assert.deepEqual(await firstResponse(t.id), { goal: null, due: '2026-12-03T10:00:00Z', state: 'running', severity: 4 });
  });

  it('Severity 4 -> 2 five business hours in: due twelve business hours after the opening', async () => {
    desk.clock.set('2026-12-02T10:00:00Z');
    const org = await desk.addOrganization('enterprise');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Worse than thought', description: 'Most users affected', severity: 4 } });
    assert.deepEqual(await firstResponse(t.id), { goal: null, due: '2026-12-03T10:00:00Z', state: 'running', severity: 4 });

    desk.clock.set('2026-12-02T15:00:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 2, reason: 'Production impact confirmed' } });
    // 12 business hours from Wed 10:00: Wed 10:00-18:00 (8 h), Thu 09:00-13:00 (4 h). From the regrade it would be Thu 17:00.
    assert.deepEqual(await firstResponse(t.id), { goal: null, due: '2026-12-03T13:00:00Z', state: 'running', severity: 2 });
  });

  it('Friday Severity 3 -> 2 on Enterprise: the Saturday hours count, the Sunday does not', async () => {
    desk.clock.set('2026-12-04T14:00:00Z'); // Friday 14:00
    const org = await desk.addOrganization('enterprise');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Friday', description: 'Before the weekend', severity: 3 } });
    // 6 bh: Fri 14:00-18:00 (4 h) + Sat 09:00-11:00 (2 h) = Sat 11:00.
    // 12 bh: Fri 4 h + Sat 09:00-16:00 (7 h) = 11 h; + Mon 09:00-10:00 (1 h) = Mon 10:00.
    assert.deepEqual(await firstResponse(t.id), { goal: '2026-12-05T11:00:00Z', due: '2026-12-07T10:00:00Z', state: 'running', severity: 3 });
    desk.clock.set('2026-12-04T17:00:00Z');
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 2, reason: 'Escalated by the customer' } });
    // Severity 2 is 12 business hours too, without a goal: the same due instant, measured from Friday 14:00.
    assert.deepEqual(await firstResponse(t.id), { goal: null, due: '2026-12-07T10:00:00Z', state: 'running', severity: 2 });
  });
});
