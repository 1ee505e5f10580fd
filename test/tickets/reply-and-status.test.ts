// An agent's reply that sets the status in the same change ("reply and solve", "reply and wait on
// the customer"), OpenBack Enterprise, severity 3 (first response 6 - 12 business hours): the
// reply comes first on the timeline and meets the first response; then the status changes, with
// what that change does on its own (a solve mails the resolution with its rating links). Only
// agents set a status with a reply; a refused status writes nothing, not even the reply.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../../src/platform/index.ts';
import { addReply, createTicket, getTicket, listTicketEvents } from '../../src/tickets/index.ts';
import { suiteDesk } from '../support/desk.ts';

describe('a reply that sets the status, OpenBack', () => {
  const s = suiteDesk('openback', 'enterprise', '2026-12-02T10:00:00Z');
  const open = (subject: string) => createTicket({ ctx: s.desk.ctx(s.org.contact), input: { subject, description: 'x', severity: 3 } });
  const kinds = async (ticketId: string) =>
    (await s.desk.t.db.query<{ kind: string }>("SELECT kind FROM outbox WHERE payload->>'ticket_id' = $1 ORDER BY created_at, kind", [ticketId])).rows.map((r) => r.kind);

  it('reply and solve: the reply meets the first response, then the ticket is solved; the customer gets the reply and the resolution', async () => {
    const t = await open('How do I export?');
    s.desk.clock.set('2026-12-02T11:00:00Z');
    await addReply({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, body: 'Settings > Export. Solving this; reply if not.', status: 'solved' } });
    const after = await getTicket({ ctx: s.desk.system, input: { ticketId: t.id } });
    assert.equal(after.status, 'solved');
    const first = after.clocks.find((c) => c.metric === 'first_response')!;
    assert.deepEqual([first.state, first.metAt?.toString()], ['met', '2026-12-02T11:00:00Z']);
    const events = await listTicketEvents({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id } });
    assert.deepEqual(events.map((e) => [e.type, e.at.toString()]), [['created', '2026-12-02T10:00:00Z'], ['reply', '2026-12-02T11:00:00Z'], ['status_changed', '2026-12-02T11:00:00Z']]);
    assert.deepEqual(events.at(-1)!.data, { from: 'open', to: 'solved' });
    assert.deepEqual(await kinds(t.id), ['ticket_received', 'ticket_reply', 'ticket_resolved']);
  });

  it('reply and wait on the customer; a contact may not set a status with a reply, and nothing is written', async () => {
    const t = await open('Need your logs');
    await addReply({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, body: 'Please send the logs.', status: 'pending_customer' } });
    assert.equal((await getTicket({ ctx: s.desk.system, input: { ticketId: t.id } })).status, 'pending_customer');
    const before = (await listTicketEvents({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id } })).length;
    await assert.rejects(addReply({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id, body: 'Here.', status: 'solved' } }), (e: InvalidInputError) => {
      assert.deepEqual(e.details, [{ path: 'status', message: 'is for agents only' }]);
      return true;
    });
    await assert.rejects(addReply({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, body: 'x', status: 'closed' as 'solved' } }), InvalidInputError);
    assert.equal((await listTicketEvents({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id } })).length, before);
    assert.equal((await getTicket({ ctx: s.desk.system, input: { ticketId: t.id } })).status, 'pending_customer');
  });

  it('refuses an estimate of resolution that is not in the future, naming eta; nothing is written or mailed', async () => {
    const t = await open('When will it be fixed?');
    s.desk.clock.set('2026-12-02T12:00:00Z');
    for (const eta of ['2026-12-01T10:00:00Z', '2026-12-02T12:00:00Z']) {
      await assert.rejects(addReply({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, body: 'Fixed by then.', eta } }), (e: InvalidInputError) => {
        assert.deepEqual(e.details, [{ path: 'eta', message: 'must be after now (2026-12-02 12:00 UTC)' }]);
        return e instanceof InvalidInputError;
      });
    }
    assert.deepEqual((await listTicketEvents({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id } })).map((e) => e.type), ['created']);
    assert.deepEqual(await kinds(t.id), ['ticket_received']);
    await addReply({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, body: 'Fixed by then.', eta: '2026-12-02T12:00:01Z' } });
    assert.equal((await getTicket({ ctx: s.desk.system, input: { ticketId: t.id } })).eta?.toString(), '2026-12-02T12:00:01Z');
  });
});
