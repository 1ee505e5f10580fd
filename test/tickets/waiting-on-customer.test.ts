// Tickets waiting on the customer's reply (tickets/waiting-on-customer.ts, jobs/waiting-job.ts), on
// OpenBack with lifecycle.waiting_on_customer added: a reminder 3 days after the ticket began to
// wait, solved 7 days after, to the second; the customer's reply ends the wait and an agent's
// reply starts a new one; the file without it does neither. Instants worked out by hand from Wednesday 2 December 2026 10:00
// UTC; OpenBack's plans keep London time, which is UTC in December (GMT).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { handleWaiting } from '../../src/jobs/waiting-job.ts';
import { InvalidInputError, silentLogger } from '../../src/platform/index.ts';
import { activatePolicy } from '../../src/policy-versions/index.ts';
import { addReply, createTicket, getTicket, listTicketEvents, nudgeWaitingTickets, recordUndeliveredMail, reprojectBatch, resendMail, updateTicket } from '../../src/tickets/index.ts';
import { openWebApp } from '../web/web-app.ts';
import { examplePolicySource, suiteDesk } from '../support/desk.ts';

const withWaiting = (lines: string) => `${examplePolicySource('openback')}\nlifecycle:\n  waiting_on_customer:\n${lines}`;
const REMIND_3_SOLVE_7 = withWaiting('    remind_after_days: 3\n    solve_after_days: 7\n');

describe('tickets waiting on the customer, OpenBack with a reminder at 3 days and solved at 7', () => {
  const s = suiteDesk('openback', 'enterprise', '2026-12-02T10:00:00Z');
  const open = (subject: string) => createTicket({ ctx: s.desk.ctx(s.org.contact), input: { subject, description: 'x', severity: 3 } });
  const wait = (id: string) => updateTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: id, status: 'pending_customer' } });
  const view = (id: string) => getTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: id } });
  const run = () => nudgeWaitingTickets({ ctx: s.desk.system });
  const reminders = async (id: string) => (await s.desk.t.db.query<{ recipient: string; body: string }>(
    "SELECT recipient, body FROM outbox WHERE kind = 'ticket_waiting_reminder' AND payload->>'ticket_id' = $1", [id])).rows;

  it('without the rule in the file, a waiting ticket has no deadline and nothing happens to it', async () => {
    const t = await open('Waits forever');
    await wait(t.id);
    const v = await view(t.id);
    assert.deepEqual([v.remindsAt, v.solvesAt], [null, null]);
    s.desk.clock.set('2027-06-01T10:00:00Z');
    assert.deepEqual(await run(), { reminded: 0, solved: 0, found: 0 });
    assert.equal((await view(t.id)).status, 'pending_customer');
    // It started waiting before the rule: it counts from then once the rule comes (the next test's first run).
    await updateTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, status: 'open' } });
  });

  it('reminds the customer 3 days after the wait began and solves the ticket at 7 days, not a second before; each once', async () => {
    await activatePolicy({ ctx: s.desk.system, input: { source: REMIND_3_SOLVE_7 } });
    while ((await reprojectBatch({ ctx: s.desk.system })).left);
    s.desk.clock.set('2026-12-02T10:00:00Z');
    const t = await open('Need logs');
    s.desk.clock.set('2026-12-02T11:00:00Z');
    await wait(t.id);
    let v = await view(t.id);
    assert.deepEqual([v.remindsAt?.toString(), v.solvesAt?.toString()], ['2026-12-05T11:00:00Z', '2026-12-09T11:00:00Z']);
    const contactView = await getTicket({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id } });
    assert.equal(contactView.solvesAt?.toString(), '2026-12-09T11:00:00Z');

    s.desk.clock.set('2026-12-05T10:59:59Z');
    assert.equal((await run()).reminded, 0);
    s.desk.clock.set('2026-12-05T11:00:00Z');
    assert.deepEqual(await run(), { reminded: 1, solved: 0, found: 1 });
    assert.deepEqual(await run(), { reminded: 0, solved: 0, found: 0 }, 'one reminder per wait');
    assert.deepEqual(await reminders(t.id), [{
      recipient: 'contact1@customer.example',
      body: `We are waiting for your reply on case #${t.number} "Need logs": the last message on it asks you for something. Reply to this message to go on. `
        + 'If we have not heard from you by Wed 9 Dec 2026 11:00 GMT, we will take it that the matter is settled and mark the case solved; a reply after that still reopens it.',
    }]);
    v = await view(t.id);
    assert.deepEqual([v.remindsAt, v.solvesAt?.toString(), v.status], [null, '2026-12-09T11:00:00Z', 'pending_customer']);

    s.desk.clock.set('2026-12-09T10:59:59Z');
    assert.equal((await run()).solved, 0);
    s.desk.clock.set('2026-12-09T11:00:00Z');
    assert.deepEqual(await run(), { reminded: 0, solved: 1, found: 1 });
    assert.deepEqual(await run(), { reminded: 0, solved: 0, found: 0 });
    v = await view(t.id);
    assert.deepEqual([v.status, v.solvesAt, v.closesAt?.toString()], ['solved', null, '2026-12-16T11:00:00Z']);
    // The customer sees both on their timeline, by Accord, and gets the resolution mail.
    const events = (await listTicketEvents({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id } })).filter((e) => e.actor.kind === 'system');
    assert.deepEqual(events.map((e) => [e.type, e.at.toString(), e.data]), [
      ['customer_reminded', '2026-12-05T11:00:00Z', { waiting_since: '2026-12-02T11:00:00Z', days: 3, solves_at: '2026-12-09T11:00:00Z' }],
      ['status_changed', '2026-12-09T11:00:00Z', { from: 'pending_customer', to: 'solved', reason: 'no reply from the customer in 7 days' }],
    ]);
    const { rows: resolved } = await s.desk.t.db.query("SELECT 1 FROM outbox WHERE kind = 'ticket_resolved' AND payload->>'ticket_id' = $1", [t.id]);
    assert.equal(resolved.length, 1);
  });

  it("the customer's reply ends the wait; the next counts from when the agent waits again, and again from an agent's reply", async () => {
    s.desk.clock.set('2026-12-10T09:00:00Z');
    const t = await open('Which version?');
    await wait(t.id);
    s.desk.clock.set('2026-12-12T09:00:00Z');
    await addReply({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id, body: 'Version 4.2' } });
    assert.deepEqual([(await view(t.id)).status, (await view(t.id)).solvesAt], ['open', null]);
    s.desk.clock.set('2026-12-12T10:00:00Z');
    await wait(t.id);
    // 3 days from the first wait: nothing; 3 days from the second: the reminder.
    s.desk.clock.set('2026-12-13T09:00:00Z');
    assert.equal((await run()).reminded, 0);
    s.desk.clock.set('2026-12-15T09:59:59Z');
    assert.equal((await run()).reminded, 0);
    s.desk.clock.set('2026-12-15T10:00:00Z');
    assert.equal((await run()).reminded, 1);
    assert.equal((await reminders(t.id)).length, 1);
    assert.equal((await view(t.id)).solvesAt?.toString(), '2026-12-19T10:00:00Z');
    // An agent's reply while it waits asks the customer again: a new wait, a new reminder in 3 days.
    s.desk.clock.set('2026-12-16T08:00:00Z');
    await addReply({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, body: 'Could you also send the logs?' } });
    const again = await view(t.id);
    assert.deepEqual([again.status, again.remindsAt?.toString(), again.solvesAt?.toString()], ['pending_customer', '2026-12-19T08:00:00Z', '2026-12-23T08:00:00Z']);
  });

  it('the job goes batch after batch; two runs at once remind each ticket once', async () => {
    s.desk.clock.set('2027-01-04T09:00:00Z');
    const ids: string[] = [];
    for (let i = 0; i < 103; i++) {
      const t = await open(`Bulk ${i}`);
      await wait(t.id);
      ids.push(t.id);
    }
    s.desk.clock.set('2027-01-07T09:00:00Z');
    const deps = { db: s.desk.t.db, clock: s.desk.clock, logger: silentLogger() };
    const [a, b] = await Promise.all([handleWaiting(deps), handleWaiting(deps)]);
    // And the ticket of the test before, waiting since 16 December: its 7 days are long past.
    assert.deepEqual([a.reminded + b.reminded, a.solved + b.solved], [103, 1]);
    const { rows } = await s.desk.t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM ticket_events WHERE type = 'customer_reminded' AND ticket_id = ANY($1::uuid[])", [ids]);
    assert.equal(rows[0].n, 103);
  });

  it("is not solved for the customer's silence when our mail to them since they last wrote did not arrive; once they write, it counts again", async () => {
    s.desk.clock.set('2027-02-01T09:00:00Z');
    // The tickets of the test before are solved first: their 7 days are up.
    while ((await run()).found > 0);
    const t = await open('Mail bounced');
    s.desk.clock.set('2027-02-01T10:00:00Z');
    await addReply({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, body: 'Please send the logs.', status: 'pending_customer' } });
    // Their mail server refused the reply for good (as email/deliver.ts records it).
    const { rows: [reply] } = await s.desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'ticket_reply' AND payload->>'ticket_id' = $1", [t.id]);
    await s.desk.t.db.query("UPDATE outbox SET status = 'failed', attempts = 1, last_error = '550 mailbox unavailable' WHERE id = $1", [reply.id]);
    s.desk.clock.set('2027-02-01T10:05:00Z');
    assert.equal(await recordUndeliveredMail({ ctx: s.desk.system, input: { outboxId: reply.id, how: 'failed' } }), true);
    let v = await view(t.id);
    assert.deepEqual([v.remindsAt?.toString(), v.solvesAt, v.solveHeld], ['2027-02-04T10:00:00Z', null, true]);
    // 7 days on: reminded (without a date to be solved by), not solved; and not found again hour after hour.
    s.desk.clock.set('2027-02-08T10:00:00Z');
    assert.deepEqual(await run(), { reminded: 1, solved: 0, found: 1 });
    assert.doesNotMatch((await reminders(t.id))[0].body, /If we have not heard from you/);
    assert.equal((await view(t.id)).status, 'pending_customer');
    assert.deepEqual(await run(), { reminded: 0, solved: 0, found: 0 });
    // The customer writes (their address fixed); the next wait counts again: solved 7 days after it began.
    s.desk.clock.set('2027-02-09T09:00:00Z');
    await addReply({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id, body: 'Logs attached.' } });
    s.desk.clock.set('2027-02-09T10:00:00Z');
    await wait(t.id);
    v = await view(t.id);
    assert.deepEqual([v.solvesAt?.toString(), v.solveHeld], ['2027-02-16T10:00:00Z', undefined]);
    s.desk.clock.set('2027-02-16T10:00:00Z');
    assert.deepEqual(await run(), { reminded: 0, solved: 1, found: 1 });
  });

  it('mail they missed, sent again during the wait: the 7 days to solve count from then', async () => {
    s.desk.clock.set('2027-03-01T09:00:00Z');
    while ((await run()).found > 0);
    const t = await open('Bounced, then resent');
    s.desk.clock.set('2027-03-01T10:00:00Z');
    await addReply({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, body: 'Which version do you run?', status: 'pending_customer' } });
    const { rows: [reply] } = await s.desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'ticket_reply' AND payload->>'ticket_id' = $1", [t.id]);
    await s.desk.t.db.query("UPDATE outbox SET status = 'failed', attempts = 1, last_error = '550 mailbox unavailable' WHERE id = $1", [reply.id]);
    s.desk.clock.set('2027-03-01T10:05:00Z');
    await recordUndeliveredMail({ ctx: s.desk.system, input: { outboxId: reply.id, how: 'failed' } });
    assert.deepEqual([(await view(t.id)).solvesAt, (await view(t.id)).solveHeld], [null, true]);
    // Sent again on 3 March at 15:30: solved 7 days after that, not after the wait began (8 March).
    s.desk.clock.set('2027-03-03T15:30:00Z');
    await resendMail({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, mailId: reply.id } });
    const v = await view(t.id);
    assert.deepEqual([v.remindsAt?.toString(), v.solvesAt?.toString(), v.solveHeld], ['2027-03-04T10:00:00Z', '2027-03-10T15:30:00Z', undefined]);
    s.desk.clock.set('2027-03-08T10:00:00Z');
    assert.deepEqual(await run(), { reminded: 1, solved: 0, found: 1 }, 'reminded on the 4th day of the wait, as ever; not solved');
    s.desk.clock.set('2027-03-10T15:29:59Z');
    assert.deepEqual(await run(), { reminded: 0, solved: 0, found: 0 });
    s.desk.clock.set('2027-03-10T15:30:00Z');
    assert.deepEqual(await run(), { reminded: 0, solved: 1, found: 1 });
  });

  it('refuses a file whose reminder does not come before the solve, naming the field', async () => {
    await assert.rejects(
      activatePolicy({ ctx: s.desk.system, input: { source: withWaiting('    remind_after_days: 7\n    solve_after_days: 7\n') } }),
      (e: unknown) => e instanceof InvalidInputError && JSON.stringify(e.details).includes('lifecycle.waiting_on_customer.remind_after_days')
        && JSON.stringify(e.details).includes('must be fewer days than solve_after_days'),
    );
  });
});

describe('tickets waiting on the customer, on the pages', () => {
  it('the agent sees when the customer is reminded and when the ticket is solved; the customer, the solve', async () => {
    const h = await openWebApp('openback', 'enterprise');
    try {
      await activatePolicy({ ctx: h.desk.ctx({ kind: 'system' }), input: { source: REMIND_3_SOLVE_7 } });
      const t = await createTicket({ ctx: h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId }), input: { subject: 'Logs please', description: 'x', severity: 3 } });
      const at = h.desk.clock.now();
      await updateTicket({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: t.id, status: 'pending_customer' } });
      // By hand: the reminder 3 days on, the solve 7 days on, shown to the agent in UTC (no zone of the reader's own).
      const text = (d: number) => at.add({ hours: 24 * d }).toString().replace(/T(\d\d:\d\d).*$/, ' $1 UTC');
      const agentPage = (await (await h.session(h.agent, 'agent')).get(`/agent/tickets/${t.id}`)).body;
      assert.match(agentPage, new RegExp(`<small id="waiting-deadlines">\\(the customer is reminded ${text(3)}; solved ${text(7)} unless they reply\\)</small>`));
      const casePage = (await (await h.session(h.contactA, 'contact')).get(`/portal/cases/${t.id}`)).body;
      // The customer reads it in the plan's zone: opened Wed 2 Dec 2026 10:00 UTC, 7 days on is Wed 9 Dec,
      // London on GMT in December.
      assert.equal(at.toString(), '2026-12-02T10:00:00Z');
      assert.match(casePage, /<small id="waiting-deadline">\(we wait for your reply; without one by Wed 9 Dec 2026 10:00 GMT, we take it that the matter is settled and mark this case solved\)<\/small>/);
      // Mail to them that did not arrive: the agent reads why it is not solved for their silence; the customer, no date.
      const { rows: [receipt] } = await h.desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [t.id]);
      await h.desk.t.db.query("UPDATE outbox SET status = 'failed', attempts = 1, last_error = '550 mailbox unavailable' WHERE id = $1", [receipt.id]);
      h.desk.clock.set(at.add({ minutes: 5 }));
      await recordUndeliveredMail({ ctx: h.desk.ctx({ kind: 'system' }), input: { outboxId: receipt.id, how: 'failed' } });
      const held = (await (await h.session(h.agent, 'agent')).get(`/agent/tickets/${t.id}`)).body;
      assert.match(held, new RegExp(`<small id="waiting-deadlines">\\(the customer is reminded ${text(3)}\\)</small> <small id="waiting-held">\\(not solved for their silence: our mail to them since they last wrote did not arrive; see the mail below\\)</small>`));
      assert.doesNotMatch((await (await h.session(h.contactA, 'contact')).get(`/portal/cases/${t.id}`)).body, /id="waiting-deadline"/);
      // Solved by the agent: not closed for their silence either; the customer is offered no date to reply by.
      await updateTicket({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: t.id, status: 'solved' } });
      const solved = (await (await h.session(h.agent, 'agent')).get(`/agent/tickets/${t.id}`)).body;
      assert.match(solved, /<dd>Solved <small id="close-held">\(not closed for their silence: our mail to them since they last wrote did not arrive, so they may not know it is solved; see the mail below: sent again, the days to close count from then\)<\/small><\/dd>/);
      assert.doesNotMatch((await (await h.session(h.contactA, 'contact')).get(`/portal/cases/${t.id}`)).body, /Reply before/);
    } finally {
      await h.close();
    }
  });
});
