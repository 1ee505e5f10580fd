// How long meeting the targets took (tickets/response-times.ts), on OpenBack Enterprise, worked
// out by hand. OpenBack's support hours: Monday to Friday 09:00-18:00 and Saturday 09:00-16:00,
// London (GMT = UTC in December). Major (severity 2): first response within 12 business hours, on
// those hours; Critical (severity 1): within 1 hour, round the clock.
//   A  Major,    opened Wed 2 Dec 10:00, answered 12:30:            2 h 30 min
//   B  Major,    opened Wed 2 Dec 17:00, answered Thu 3 Dec 10:00:  1 h (17-18) + 1 h (09-10) = 2 h
//   C  Major,    opened Wed 2 Dec 11:00, answered 11:20:            20 min
//   D  Critical, opened Sat 5 Dec 20:00 (hours closed), answered 20:45, round the clock: 45 min
//   E  Major,    opened Wed 2 Dec 15:00, never answered: not counted (attainment counts it)
// Enterprise first response, four met: sorted 20 min, 45 min, 2 h, 2 h 30 min. Half within: rank
// ceil(0.5 x 4) = 2nd, 45 min; 9 in 10 within: rank ceil(0.9 x 4) = 4th, 2 h 30 min.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { policyVersion } from '../../src/policy-versions/index.ts';
import { addReply, createTicket, responseTimes, updateTicket } from '../../src/tickets/index.ts';
import { examplePolicySource, openDesk, suiteDesk } from '../support/desk.ts';

const MIN = 60_000;

describe('how long meeting the targets took, OpenBack Enterprise', () => {
  const s = suiteDesk('openback', 'enterprise', '2026-12-02T10:00:00Z');

  it('counts each met first response in its target\'s own hours: half within 45 min, 9 in 10 within 2 h 30 min', async () => {
    const d = s.desk;
    const open = async (at: string, subject: string, severity: number) => {
      d.clock.set(at);
      return createTicket({ ctx: d.ctx(s.org.contact), input: { subject, description: 'x', severity } });
    };
    const answer = async (at: string, ticketId: string) => {
      d.clock.set(at);
      await addReply({ ctx: d.ctx(d.agent), input: { ticketId, body: 'On it.' } });
    };
    const a = await open('2026-12-02T10:00:00Z', 'A', 2);
    const c = await open('2026-12-02T11:00:00Z', 'C', 2);
    await answer('2026-12-02T11:20:00Z', c.id);
    await answer('2026-12-02T12:30:00Z', a.id);
    await open('2026-12-02T15:00:00Z', 'E', 2);
    const b = await open('2026-12-02T17:00:00Z', 'B', 2);
    await answer('2026-12-03T10:00:00Z', b.id);
    const dd = await open('2026-12-05T20:00:00Z', 'D', 1);
    await answer('2026-12-05T20:45:00Z', dd.id);

    const input = { from: '2026-12-01T00:00:00Z', to: '2026-12-07T00:00:00Z' };
    const rows = await responseTimes({ ctx: d.ctx(d.manager), input, policyOf: (v) => policyVersion(d.t.db, v) });
    assert.deepEqual(rows, [{ metric: 'first_response', plan: 'enterprise', met: 4, halfWithinMs: 45 * MIN, nineInTenWithinMs: 150 * MIN }]);
    // Only what was opened in the window: Wednesday alone leaves out D (Saturday).
    const wednesday = await responseTimes({ ctx: d.ctx(d.manager), input: { from: '2026-12-02T00:00:00Z', to: '2026-12-03T00:00:00Z' }, policyOf: (v) => policyVersion(d.t.db, v) });
    // Three met: 20 min, 2 h, 2 h 30 min; half within the 2nd (2 h), 9 in 10 within the 3rd.
    assert.deepEqual(wednesday, [{ metric: 'first_response', plan: 'enterprise', met: 3, halfWithinMs: 120 * MIN, nineInTenWithinMs: 150 * MIN }]);
    // Managers' reading only.
    await assert.rejects(responseTimes({ ctx: d.ctx(d.agent), input, policyOf: (v) => policyVersion(d.t.db, v) }), { name: 'ForbiddenError' });
  });
});

// A variant of OpenBack whose first response stops while the team waits on the customer (OpenBack
// itself pauses nothing), so the time counted leaves the wait out, as the deadline did:
//   Major, opened Wed 2 Dec 10:00; waiting on the customer from 10:30; the customer writes at 13:00
//   (open again); answered 14:00: 30 min (10:00-10:30) + 1 h (13:00-14:00) = 1 h 30 min, not 4 h.
describe('how long meeting the targets took, with a pause', () => {
  it('leaves out the time the clock was paused', async () => {
    const source = examplePolicySource('openback').replace(
      '# No pauses: the seed never says',
      'pauses:\n  - status: pending_customer\n    metrics: [first_response]\n\n# No pauses: the seed never says',
    );
    const d = await openDesk('openback', '2026-12-02T10:00:00Z', source);
    try {
      const org = await d.addOrganization('enterprise');
      const t = await createTicket({ ctx: d.ctx(org.contact), input: { subject: 'Paused', description: 'x', severity: 2 } });
      d.clock.set('2026-12-02T10:30:00Z');
      await updateTicket({ ctx: d.ctx(d.agent), input: { ticketId: t.id, status: 'pending_customer' } });
      d.clock.set('2026-12-02T13:00:00Z');
      await addReply({ ctx: d.ctx(org.contact), input: { ticketId: t.id, body: 'Here are the logs.' } });
      d.clock.set('2026-12-02T14:00:00Z');
      await addReply({ ctx: d.ctx(d.agent), input: { ticketId: t.id, body: 'Thanks: on it.' } });
      const rows = await responseTimes({ ctx: d.ctx(d.manager), input: { from: '2026-12-01T00:00:00Z', to: '2026-12-07T00:00:00Z' }, policyOf: (v) => policyVersion(d.t.db, v) });
      assert.deepEqual(rows, [{ metric: 'first_response', plan: 'enterprise', met: 1, halfWithinMs: 90 * MIN, nineInTenWithinMs: 90 * MIN }]);
    } finally {
      await d.close();
    }
  });
});
