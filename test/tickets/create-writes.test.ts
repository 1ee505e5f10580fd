// Opening a ticket is computed first and written once (ADR 0012): one read, one write, no
// transaction of its own, and what the answer says is what was stored.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor, Db } from '../../src/platform/index.ts';
import { createTicket, listTicketEvents } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

/** The Db with every statement and transaction it is asked for counted. */
function counting(db: Db): { db: Db; statements: string[]; transactions: number } {
  const seen = { statements: [] as string[], transactions: 0 };
  const wrap = (inner: Db): Db => ({
    query: (sql, params) => {
      seen.statements.push(sql);
      return inner.query(sql, params);
    },
    exec: (sql) => inner.exec(sql),
    transaction: (fn) => {
      seen.transactions++;
      return inner.transaction((tx) => fn(wrap(tx)));
    },
  });
  return Object.assign(seen, { db: wrap(db) });
}

describe('opening a ticket: one read, one write', () => {
  let desk: Desk;
  let contact: Actor;
  before(async () => {
    // Wednesday 2 December 2026, 10:00 in London (GMT): OpenBack's support is open.
    desk = await openDesk('openback', '2026-12-02T10:00:00Z');
    contact = (await desk.addOrganization('growth')).contact;
  });
  after(() => desk.close());

  it('reads once and writes once, and stores what it answers', async () => {
    // The first ticket loads the policy version's model (a read of its source, once per process).
    const first = await createTicket({ ctx: desk.ctx(contact), input: { subject: 'Warm-up', description: 'First ticket', severity: 3 } });
    const c = counting(desk.t.db);
    const ticket = await createTicket({ ctx: { ...desk.ctx(contact), db: c.db }, input: { subject: 'Agents cannot log in', description: 'Nobody can sign in', severity: 1 } });
    assert.equal(c.statements.length, 2, `statements sent:\n${c.statements.join('\n---\n')}`);
    assert.match(c.statements[0], /^SELECT/);
    assert.match(c.statements[1], /^WITH w0 AS \(INSERT INTO tickets .* FROM unnest\(/s);
    assert.equal(c.transactions, 0, 'one statement is atomic: no BEGIN/COMMIT');

    // The number taken in the read is the stored one, the next after the first ticket.
    assert.equal(ticket.number, first.number + 1);
    const stored = await desk.t.db.query<{ number: number; severity: number; status: string }>('SELECT number, severity, status FROM tickets WHERE id = $1', [ticket.id]);
    assert.deepEqual(stored.rows, [{ number: first.number + 1, severity: 1, status: 'open' }]);

    // OpenBack severity 1 on Growth: first response "within 6 hours", on a 24x7 clock: 10:00 + 6 h.
    const answered = ticket.clocks.map((k) => [k.metric, k.state, k.due?.toString() ?? null]);
    assert.deepEqual(answered, [['first_response', 'running', '2026-12-02T16:00:00Z']]);
    assert.ok((ticket.clocks[0].explain ?? []).length > 0, 'the answer explains its deadline');
    const clocks = await desk.t.db.query<{ metric: string; state: string; due_at: Temporal.Instant }>('SELECT metric, state, due_at FROM sla_clocks WHERE ticket_id = $1', [ticket.id]);
    assert.deepEqual(clocks.rows.map((k) => [k.metric, k.state, k.due_at.toString()]), answered);

    const events = await listTicketEvents({ ctx: desk.ctx(contact), input: { ticketId: ticket.id } });
    assert.deepEqual(events.map((e) => e.type), ['created']);
    const receipt = await desk.t.db.query<{ subject: string; body: string; recipient: string }>("SELECT subject, body, recipient FROM outbox WHERE dedupe_key = $1", [`received:${ticket.id}`]);
    assert.equal(receipt.rows.length, 1);
    assert.equal(receipt.rows[0].subject, `[#${first.number + 1}] Agents cannot log in`);
    assert.match(receipt.rows[0].body, /by Wed 2 Dec 2026 16:00 GMT/);
  });
});

describe('opening a ticket after hours: still one read, one write', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openkey', '2026-12-02T23:30:00Z'); // Wednesday 17:30 CST: OpenKey has closed
  });
  after(() => desk.close());

  it('the acknowledgement is written with the ticket, after its creation', async () => {
    const org = await desk.addOrganization('standard');
    await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Warm-up', description: 'First', channel: 'email' } });
    const c = counting(desk.t.db);
    // Tier 2 (severity 2): a Tier 1 ticket would also read the knowledge base for its suggestions.
    const ticket = await createTicket({ ctx: { ...desk.ctx(org.contact), db: c.db }, input: { subject: 'App', description: 'Question', channel: 'email', severity: 2 } });
    assert.equal(c.statements.length, 2);
    assert.equal(c.transactions, 0);
    const events = await listTicketEvents({ ctx: desk.ctx(org.contact), input: { ticketId: ticket.id } });
    assert.deepEqual(events.map((e) => e.type), ['created', 'acknowledged']);
    assert.match(events[1].body ?? '', /Work on it resumes Thu Dec 3 2026 09:00 AM CST/);
    const receipt = await desk.t.db.query<{ body: string }>('SELECT body FROM outbox WHERE dedupe_key = $1', [`received:${ticket.id}`]);
    assert.match(receipt.rows[0].body, /Work on it resumes Thu Dec 3 2026 09:00 AM CST/);
    // Filed by email as Tier 2, it waits for the morning; the receipt says where an emergency goes
    // now, in the after-hours rule's own words: Emergency Tier 2, by the two phone numbers (not email).
    assert.match(receipt.rows[0].body, /CST\.\n\nFor emergency assistance during off hours, our Support team can be reached at 1 \(877\) 800-2006 \(answered 24\/7\/365\)\.\n\nEmergency Tier 2 issues outside of business hours can be addressed by calling 877-800-2008\./);
  });
});

describe('opening tickets at the same time: grouped reads and writes (ADR 0013)', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-02T10:00:00Z'); // Wednesday, open
  });
  after(() => desk.close());

  it('twelve tickets at once share round trips, and each is stored whole, with its own number', async () => {
    const orgs: Array<Awaited<ReturnType<Desk['addOrganization']>>> = [];
    for (let i = 0; i < 4; i++) orgs.push(await desk.addOrganization('growth'));
    await createTicket({ ctx: desk.ctx(orgs[0].contact), input: { subject: 'Warm-up', description: 'First', severity: 3 } });
    const c = counting(desk.t.db);
    const tickets = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      createTicket({ ctx: { ...desk.ctx(orgs[i % 4].contact), db: c.db }, input: { subject: `Outage ${i}`, description: `Report ${i}`, severity: 1 + (i % 4) } })));
    // Alone, each would be a read and a write: 24 statements.
    assert.ok(c.statements.length < 24, `${c.statements.length} statements for 12 tickets`);
    assert.equal(c.transactions, 0);
    const numbers = tickets.map((t) => t.number);
    assert.equal(new Set(numbers).size, 12, 'every ticket has a number of its own');
    for (const [i, ticket] of tickets.entries()) {
      const stored = await desk.t.db.query<{ subject: string; severity: number; requester_id: string }>('SELECT subject, severity, requester_id FROM tickets WHERE number = $1', [ticket.number]);
      assert.deepEqual(stored.rows, [{ subject: `Outage ${i}`, severity: 1 + (i % 4), requester_id: orgs[i % 4].contactId }]);
      const events = await listTicketEvents({ ctx: desk.ctx(orgs[i % 4].contact), input: { ticketId: ticket.id } });
      assert.deepEqual(events.map((e) => [e.type, e.body]), [['created', `Report ${i}`]]);
      const receipt = await desk.t.db.query<{ subject: string }>('SELECT subject FROM outbox WHERE dedupe_key = $1', [`received:${ticket.id}`]);
      assert.deepEqual(receipt.rows, [{ subject: `[#${ticket.number}] Outage ${i}` }]);
      const clocks = await desk.t.db.query<{ n: number }>('SELECT count(*) AS n FROM sla_clocks WHERE ticket_id = $1', [ticket.id]);
      assert.equal(Number(clocks.rows[0].n), ticket.clocks.length);
    }
  });
});
