// Closing solved tickets nobody answered (tickets/close-solved.ts, jobs/close-solved-job.ts), on
// OpenBack, whose file says nothing of it: 7 days after it was solved, to the second. A reply in
// time reopens the ticket and the period starts again from the next solve; a waiting ticket is
// never closed, nor one whose resolution did not reach the customer (until it is sent again, the
// period counting from then); lifecycle.close_solved_after_days sets the period (0: never), and a ticket still on
// an older policy version keeps that version's. Instants are worked out by hand from the start,
// Wednesday 2 December 2026 10:00 UTC.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { handleCloseSolved } from '../../src/jobs/close-solved-job.ts';
import { ConflictError, silentLogger } from '../../src/platform/index.ts';
import { renderPolicy } from '../../src/policy/index.ts';
import { activatePolicy, activePolicy } from '../../src/policy-versions/index.ts';
import { createContact } from '../../src/customers/index.ts';
import { addReply, closeSolvedTickets, createTicket, getTicket, listTicketEvents, recordUndeliveredMail, reprojectBatch, resendMail, setTicketCcs, updateTicket } from '../../src/tickets/index.ts';
import { createWebhook } from '../../src/webhooks/index.ts';
import { examplePolicySource, suiteDesk } from '../support/desk.ts';

const withPeriod = (days: number) => `${examplePolicySource('openback')}\nlifecycle:\n  close_solved_after_days: ${days}\n`;

describe('closing solved tickets nobody answered, OpenBack (7 days unless the file says)', () => {
  const s = suiteDesk('openback', 'enterprise', '2026-12-02T10:00:00Z');
  before(async () => {
    await createWebhook({ ctx: s.desk.ctx(s.desk.admin), input: { url: 'https://hooks.example.com/accord', events: ['ticket.updated'] }, settings: { allowPrivate: false } });
  });

  const open = (subject: string) => createTicket({ ctx: s.desk.ctx(s.org.contact), input: { subject, description: 'x', severity: 3 } });
  const status = async (id: string) => (await getTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: id } })).status;
  const solve = (id: string) => updateTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: id, status: 'solved' } });
  const run = () => closeSolvedTickets({ ctx: s.desk.system });

  it('closes a solved ticket 7 days after it was solved, not a second before; once; said on the timeline and the webhook', async () => {
    s.desk.clock.set('2026-12-02T10:00:00Z');
    const t = await open('Sync fails');
    s.desk.clock.set('2026-12-02T11:00:00Z');
    await solve(t.id);
    const contactView = await getTicket({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id } });
    assert.equal(contactView.closesAt?.toString(), '2026-12-09T11:00:00Z');
    const { rows: mail } = await s.desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_resolved' AND payload->>'ticket_id' = $1", [t.id]);
    assert.equal(
      mail[0].body,
      `Case #${t.number} "Sync fails" is solved. If it is not, reply to this message within 7 days and the case reopens. After that it is closed, and a reply opens a new request.\n\n`
        + 'How did we do? Rate the support you had on this case with one of the links below (each opens a page to confirm, where you may add a comment), or in the support portal.',
    );

    s.desk.clock.set('2026-12-09T10:59:59Z');
    assert.equal((await run()).closed, 0);
    assert.equal(await status(t.id), 'solved');

    s.desk.clock.set('2026-12-09T11:00:00Z');
    assert.equal((await run()).closed, 1);
    assert.equal((await run()).closed, 0, 'a second run closes nothing');
    const closed = await getTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id } });
    assert.deepEqual([closed.status, closed.closesAt, closed.solvedAt?.toString()], ['closed', null, '2026-12-02T11:00:00Z']);
    // The customer sees why, on a public event by Accord.
    const events = (await listTicketEvents({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id } })).filter((e) => e.data.to === 'closed');
    assert.deepEqual(events.map((e) => [e.type, e.actor.kind, e.at.toString(), e.data]), [
      ['status_changed', 'system', '2026-12-09T11:00:00Z', { from: 'solved', to: 'closed', reason: 'solved 7 days ago with no reply' }],
    ]);
    const { rows: hooks } = await s.desk.t.db.query<{ payload: any }>(
      "SELECT payload FROM webhook_deliveries WHERE event_type = 'ticket.updated' AND payload->'data'->'ticket'->>'id' = $1 ORDER BY created_at",
      [t.id],
    );
    assert.deepEqual(hooks.at(-1)!.payload.data.changes, { status: { from: 'solved', to: 'closed' } });
    assert.equal(hooks.at(-1)!.payload.data.reason, 'solved 7 days ago with no reply');
    // Closed is final: a reply is refused (by mail it opens a new ticket: email/decide-inbound.ts).
    await assert.rejects(addReply({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id, body: 'Still broken' } }), ConflictError);
  });

  it('a reply in time reopens it, and the period runs again from the next solve; a waiting ticket is not closed', async () => {
    s.desk.clock.set('2026-12-10T09:00:00Z');
    const t = await open('Push delayed');
    const waiting = await open('Need logs');
    await updateTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: waiting.id, status: 'pending_customer' } });
    await solve(t.id);
    s.desk.clock.set('2026-12-15T09:00:00Z');
    await addReply({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id, body: 'It came back' } });
    assert.equal(await status(t.id), 'open');
    s.desk.clock.set('2026-12-16T12:30:00Z');
    await solve(t.id);
    // 7 days from the first solve: the ticket is no longer that solve's.
    s.desk.clock.set('2026-12-17T09:00:00Z');
    assert.equal((await run()).closed, 0);
    s.desk.clock.set('2026-12-23T12:29:59Z');
    assert.equal((await run()).closed, 0);
    s.desk.clock.set('2026-12-23T12:30:00Z');
    assert.equal((await run()).closed, 1);
    assert.deepEqual([await status(t.id), await status(waiting.id)], ['closed', 'pending_customer']);
  });

  it('the job closes batch after batch until none is due; two runs at once close each ticket once', async () => {
    s.desk.clock.set('2027-01-04T09:00:00Z');
    const ids: string[] = [];
    for (let i = 0; i < 103; i++) {
      const t = await open(`Bulk ${i}`);
      await solve(t.id);
      ids.push(t.id);
    }
    s.desk.clock.set('2027-01-11T09:00:00Z');
    const [a, b] = await Promise.all([
      handleCloseSolved({ db: s.desk.t.db, clock: s.desk.clock, logger: silentLogger() }),
      handleCloseSolved({ db: s.desk.t.db, clock: s.desk.clock, logger: silentLogger() }),
    ]);
    assert.equal(a + b, 103);
    const { rows } = await s.desk.t.db.query<{ status: string; n: number; events: number }>(
      `SELECT t.status, count(*)::int AS n, sum((SELECT count(*) FROM ticket_events e WHERE e.ticket_id = t.id AND e.data->>'to' = 'closed'))::int AS events
       FROM tickets t WHERE t.id = ANY($1::uuid[]) GROUP BY t.status`,
      [ids],
    );
    assert.deepEqual(rows, [{ status: 'closed', n: 103, events: 103 }]);
  });

  it("is not closed for the customer's silence when the resolution did not reach them; sent again, the 7 days count from then", async () => {
    const db = s.desk.t.db;
    const view = async (id: string) => getTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: id } });
    s.desk.clock.set('2027-01-12T09:00:00Z');
    const t = await open('Resolution came back');
    s.desk.clock.set('2027-01-12T10:00:00Z');
    await solve(t.id);
    const { rows: [resolved] } = await db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'ticket_resolved' AND payload->>'ticket_id' = $1", [t.id]);
    // Sent, then returned (as email/bounces.ts records it).
    await db.query("UPDATE outbox SET status = 'sent', sent_at = created_at, bounced_at = '2027-01-12T10:02:00Z', bounce_reason = '5.1.1 user unknown' WHERE id = $1", [resolved.id]);
    s.desk.clock.set('2027-01-12T10:05:00Z');
    assert.equal(await recordUndeliveredMail({ ctx: s.desk.system, input: { outboxId: resolved.id, how: 'bounced' } }), true);
    let v = await view(t.id);
    assert.deepEqual([v.closesAt, v.closeHeld], [null, true]);
    // Its 7 days are up: not closed, and not found either, so it stands in no batch's way.
    s.desk.clock.set('2027-01-19T10:00:00Z');
    assert.deepEqual(await run(), { closed: 0, found: 0 });
    assert.equal(await status(t.id), 'solved');
    // Sent again on 20 January at 12:00: they could read it then, so 7 days from then.
    s.desk.clock.set('2027-01-20T12:00:00Z');
    await resendMail({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, mailId: resolved.id } });
    v = await view(t.id);
    assert.deepEqual([v.closesAt?.toString(), v.closeHeld], ['2027-01-27T12:00:00Z', undefined]);
    const contactView = await getTicket({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id } });
    assert.equal(contactView.closesAt?.toString(), '2027-01-27T12:00:00Z', 'the customer is told the same');
    s.desk.clock.set('2027-01-27T11:59:59Z');
    assert.deepEqual(await run(), { closed: 0, found: 0 });
    s.desk.clock.set('2027-01-27T12:00:00Z');
    assert.deepEqual(await run(), { closed: 1, found: 1 });
    assert.equal(await status(t.id), 'closed');
  });

  it("a colleague's words passed on to the requester that came back, sent again, move nothing: only our own mail held the wait", async () => {
    const db = s.desk.t.db;
    s.desk.clock.set('2027-02-01T09:00:00Z');
    const t = await open('Words passed on came back');
    const colleague = await createContact({ ctx: s.desk.ctx(s.desk.manager), input: { organizationId: s.org.id, email: 'colleague.relay@customer.example', name: 'Colleague Relay', namedContact: false } });
    await setTicketCcs({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, contactIds: [colleague.id] } });
    await addReply({ ctx: s.desk.ctx({ kind: 'contact', id: colleague.id, organizationId: s.org.id }), input: { ticketId: t.id, body: 'Same here.' } });
    const { rows: [relay] } = await db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'ticket_customer_reply' AND payload->>'ticket_id' = $1", [t.id]);
    await db.query("UPDATE outbox SET status = 'sent', sent_at = created_at, bounced_at = '2027-02-01T09:05:00Z', bounce_reason = '5.2.2 mailbox full' WHERE id = $1", [relay.id]);
    s.desk.clock.set('2027-02-01T09:10:00Z');
    assert.equal(await recordUndeliveredMail({ ctx: s.desk.system, input: { outboxId: relay.id, how: 'bounced' } }), true);
    s.desk.clock.set('2027-02-01T10:00:00Z');
    await solve(t.id);
    const closesAt = async () => (await getTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id } })).closesAt?.toString();
    assert.equal(await closesAt(), '2027-02-08T10:00:00Z');
    // Sent again on day 6: the requester's 7 days still count from the solve.
    s.desk.clock.set('2027-02-07T10:00:00Z');
    await resendMail({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, mailId: relay.id } });
    assert.equal(await closesAt(), '2027-02-08T10:00:00Z');
    s.desk.clock.set('2027-02-08T10:00:00Z');
    assert.deepEqual(await run(), { closed: 1, found: 1 });
    assert.equal(await status(t.id), 'closed');
  });

  it('the file sets the period: 1 day is said so; a ticket on the older version keeps its 7 days until it is moved', async () => {
    s.desk.clock.set('2027-02-01T09:00:00Z');
    const old = await open('On the old version');
    await solve(old.id);
    await activatePolicy({ ctx: s.desk.system, input: { source: withPeriod(1) } });
    s.desk.clock.set('2027-02-03T09:00:00Z');
    assert.equal((await run()).closed, 0, 'still on the version that gave it 7 days');
    const fresh = await open('On the new version');
    s.desk.clock.set('2027-02-03T10:00:00Z');
    await solve(fresh.id);
    const { rows: mail } = await s.desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_resolved' AND payload->>'ticket_id' = $1", [fresh.id]);
    assert.match(mail[0].body, /reply to this message within 1 day and the case reopens\. After that it is closed/);
    assert.equal((await getTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: fresh.id } })).closesAt?.toString(), '2027-02-04T10:00:00Z');
    while ((await reprojectBatch({ ctx: s.desk.system })).left);
    s.desk.clock.set('2027-02-04T10:00:00Z');
    assert.equal((await run()).closed, 2, 'the moved ticket now has 1 day too, long past');
    assert.deepEqual([await status(old.id), await status(fresh.id)], ['closed', 'closed']);
  });

  it('0 days: solved tickets stay open to a reply, and the mail names no period; the published page says nothing of it', async () => {
    await activatePolicy({ ctx: s.desk.system, input: { source: withPeriod(0) } });
    while ((await reprojectBatch({ ctx: s.desk.system })).left);
    s.desk.clock.set('2027-03-01T09:00:00Z');
    const t = await open('Forever open to a reply');
    await solve(t.id);
    const { rows: mail } = await s.desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_resolved' AND payload->>'ticket_id' = $1", [t.id]);
    assert.equal(mail[0].body, `Case #${t.number} "Forever open to a reply" is solved. If it is not, reply to this message and the case reopens.\n\n`
      + 'How did we do? Rate the support you had on this case with one of the links below (each opens a page to confirm, where you may add a comment), or in the support portal.');
    assert.equal((await getTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id } })).closesAt, null);
    s.desk.clock.set('2028-03-01T09:00:00Z');
    assert.deepEqual(await run(), { closed: 0, found: 0 });
    assert.equal(await status(t.id), 'solved');
    // Housekeeping, not a promise: the page rendered from the file is the same with or without it.
    const page = renderPolicy((await activePolicy(s.desk.t.db)).model, 'md', { year: 2027 });
    await activatePolicy({ ctx: s.desk.system, input: { source: examplePolicySource('openback') } });
    assert.equal(renderPolicy((await activePolicy(s.desk.t.db)).model, 'md', { year: 2027 }), page);
  });
});
