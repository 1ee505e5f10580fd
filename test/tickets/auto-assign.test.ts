// New tickets assigned in turn (tickets/auto-assign.ts), on OpenBack Enterprise: support hours
// Monday to Friday 09:00-18:00 and Saturday 09:00-16:00, Europe/London (GMT in December). The
// turn order is worked out here by hand from each agent's last ticket given in turn (set below):
// never first, then the longest ago; tickets go in the queue's order (plan priority, due, age). Wednesday 2 December 2026 10:00 UTC is 10:00 in London: open.
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { updateProfile } from '../../src/customers/index.ts';
import { handleAutoAssign } from '../../src/jobs/auto-assign-job.ts';
import { InvalidInputError, silentLogger } from '../../src/platform/index.ts';
import { autoAssignTickets, createTicket, updateTicket } from '../../src/tickets/index.ts';
import { suiteDesk } from '../support/desk.ts';

describe('new tickets assigned in turn, OpenBack', () => {
  const s = suiteDesk('openback', 'enterprise', '2026-12-02T10:00:00Z');
  const FRONT = { roles: 'front_line' as const, maxOpen: null };
  const db = () => s.desk.t.db;
  const agent = async (email: string, role = 'front_line', lastAssigned: string | null = null) => {
    const id = randomUUID();
    await db().query('INSERT INTO agents (id, email, name, role, created_at, last_assigned_at) VALUES ($1, $2, $2, $3, $4, $5)', [id, email, role, s.desk.clock.now(), lastAssigned]);
    return { kind: 'agent' as const, id, role: role as 'front_line' };
  };
  const open = async (subject: string, severity = 3) => {
    const t = await createTicket({ ctx: s.desk.ctx(s.org.contact), input: { subject, description: 'x', severity } });
    s.desk.clock.advance({ minutes: 1 });
    return t;
  };
  const holder = async (ticketId: string) => (await db().query<{ assignee_id: string | null }>('SELECT assignee_id FROM tickets WHERE id = $1', [ticketId])).rows[0].assignee_id;
  const lastAssigned = (id: string, at: string | null) => db().query('UPDATE agents SET last_assigned_at = $2 WHERE id = $1', [id, at]);

  it('gives the most severe, then the oldest, ticket to whoever was given one longest ago; once each; the front line only', async () => {
    const d = s.desk;
    // The desk's own front-line agent was given a ticket at 09:00 yesterday, Ava at 08:00, Ben never.
    await lastAssigned(d.agent.kind === 'agent' ? d.agent.id : '', '2026-12-01T09:00:00Z');
    const ava = await agent('ava@vendor.example', 'front_line', '2026-12-01T08:00:00Z');
    const ben = await agent('ben@vendor.example');
    const older = await open('Older, severity 3');
    const newer = await open('Newer, severity 3');
    const critical = await open('Critical, newest', 1);
    const result = await autoAssignTickets({ ctx: d.system, settings: FRONT });
    assert.deepEqual(result, { assigned: 3, waiting: 0 });
    // Critical first, to Ben (never given one); then the older to Ava (08:00); then the newer to the desk's agent (09:00).
    assert.deepEqual([await holder(critical.id), await holder(older.id), await holder(newer.id)], [ben.id, ava.id, (d.agent as { id: string }).id]);
    const { rows: events } = await db().query<{ actor_kind: string; data: unknown }>("SELECT actor_kind, data FROM ticket_events WHERE ticket_id = $1 AND type = 'assigned'", [critical.id]);
    assert.deepEqual(events, [{ actor_kind: 'system', data: { from: null, to: ben.id } }]);
    const { rows: mail } = await db().query<{ recipient: string; subject: string }>("SELECT recipient, subject FROM outbox WHERE kind = 'agent_assigned' AND payload->>'ticket_id' = $1", [critical.id]);
    assert.deepEqual(mail.map((m) => m.recipient), ['ben@vendor.example'], 'told as by any assignment');
    // Routed once: unassigned by hand, it is not given out again.
    await updateTicket({ ctx: d.ctx(d.manager), input: { ticketId: older.id, assigneeId: null } });
    assert.deepEqual(await autoAssignTickets({ ctx: d.system, settings: FRONT }), { assigned: 0, waiting: 0 });
    assert.equal(await holder(older.id), null);
    // A ticket an agent took before the run is left with them.
    const taken = await open('Taken at once');
    await updateTicket({ ctx: d.ctx(d.escalation), input: { ticketId: taken.id, assigneeId: (d.escalation as { id: string }).id } });
    assert.deepEqual(await autoAssignTickets({ ctx: d.system, settings: FRONT }), { assigned: 0, waiting: 0 });
    assert.equal(await holder(taken.id), (d.escalation as { id: string }).id);
  });

  it('passes over agents who are away or at the cap; with nobody left the ticket waits for the next run', async () => {
    const d = s.desk;
    const cara = await agent('cara@vendor.example', 'front_line', '2026-11-01T00:00:00Z');
    const dan = await agent('dan@vendor.example', 'front_line', '2026-11-02T00:00:00Z');
    // Everyone else of the front line was given one later than Cara and Dan.
    await db().query("UPDATE agents SET last_assigned_at = '2026-12-01T12:00:00Z' WHERE role = 'front_line' AND id <> ALL($1::uuid[])", [[cara.id, dan.id]]);
    await updateProfile({ ctx: d.ctx(cara), input: { away: true } });
    const first = await open('While Cara is away');
    assert.deepEqual(await autoAssignTickets({ ctx: d.system, settings: FRONT }), { assigned: 1, waiting: 0 });
    assert.equal(await holder(first.id), dan.id, 'Cara (first in turn) is away: Dan');
    // A cap of 1 open ticket: every front-line agent holds one or more, but Cara, who is away.
    const { rows: counts } = await db().query<{ id: string; n: number }>(
      "SELECT a.id, (SELECT count(*)::int FROM tickets t WHERE t.assignee_id = a.id AND t.status NOT IN ('solved', 'closed')) AS n FROM agents a WHERE a.role = 'front_line' AND a.id <> $1", [cara.id],
    );
    const free = counts.filter((c) => c.n === 0).map((c) => c.id);
    await db().query("UPDATE agents SET away_since = '2026-12-02T00:00:00Z' WHERE id = ANY($1::uuid[])", [free]);
    const second = await open('Nobody under the cap');
    assert.deepEqual(await autoAssignTickets({ ctx: d.system, settings: { roles: 'front_line', maxOpen: 1 } }), { assigned: 0, waiting: 1 });
    assert.equal(await holder(second.id), null);
    // Cara is back: the next run gives it to her.
    await updateProfile({ ctx: d.ctx(cara), input: { away: false } });
    assert.equal(await handleAutoAssign({ db: db(), clock: d.clock, logger: silentLogger(), settings: { roles: 'front_line', maxOpen: 1 } }), 1);
    assert.equal(await holder(second.id), cara.id);
    await db().query('UPDATE agents SET away_since = NULL WHERE id = ANY($1::uuid[])', [free]);
    // Being away is an agent's: a contact saying so is refused naming the field.
    await assert.rejects(updateProfile({ ctx: d.ctx(s.org.contact), input: { away: true } }), (e: unknown) => e instanceof InvalidInputError && e.details[0].path === 'away');
  });

  it("waits while the plan's support is closed and gives the ticket out at the next opening; 'agents' takes every role in turn", async () => {
    const d = s.desk;
    // Sunday 6 December 2026, 10:00 in London: Enterprise support is closed (Saturday 09:00-16:00, then Monday).
    d.clock.set('2026-12-06T10:00:00Z');
    const sunday = await open('Sunday morning');
    assert.deepEqual(await autoAssignTickets({ ctx: d.system, settings: FRONT }), { assigned: 0, waiting: 1 });
    assert.equal(await holder(sunday.id), null);
    // Monday 7 December, 09:00 London: open.
    d.clock.set('2026-12-07T09:00:00Z');
    // The manager was never given one in turn: with 'agents', the manager's turn comes first.
    await db().query('UPDATE agents SET last_assigned_at = $1', ['2026-12-05T00:00:00Z']);
    await lastAssigned((d.manager as { id: string }).id, null);
    assert.deepEqual(await autoAssignTickets({ ctx: d.system, settings: { roles: 'agents', maxOpen: null } }), { assigned: 1, waiting: 0 });
    assert.equal(await holder(sunday.id), (d.manager as { id: string }).id);
  });

  it("follows the queue's order: a plan of higher priority first (OpenBack's Priority Case Routing: Enterprise 2, Pro 1), whatever arrived first", async () => {
    const d = s.desk;
    const pro = await d.addOrganization('pro');
    await db().query("UPDATE agents SET last_assigned_at = '2026-12-07T08:00:00Z', away_since = NULL");
    const first = await agent('first.in.turn@vendor.example');
    const second = await agent('second.in.turn@vendor.example', 'front_line', '2026-01-01T00:00:00Z');
    const proTicket = await createTicket({ ctx: d.ctx(pro.contact), input: { subject: 'Pro, earlier', description: 'x', severity: 3 } });
    d.clock.advance({ minutes: 5 });
    const enterprise = await open('Enterprise, later');
    assert.deepEqual(await autoAssignTickets({ ctx: d.system, settings: FRONT }), { assigned: 2, waiting: 0 });
    assert.deepEqual([await holder(enterprise.id), await holder(proTicket.id)], [first.id, second.id]);
  });
});

// OpenMethods: "The severity levels and SLAs apply to both Standard & Premium Support, though
// tickets for clients with Premium Support are prioritized for remediation work". A new ticket is
// owed its response, an SLA both plans share, so the one due first goes first whatever its plan.
describe('new tickets assigned in turn, OpenMethods', () => {
  const s = suiteDesk('openmethods', 'standard', '2026-12-02T15:00:00Z'); // Wednesday 10:00 EST
  it('gives the Standard ticket due first before a later Premium one: Premium is prioritized for remediation work, not the response', async () => {
    const d = s.desk;
    const db = d.t.db;
    await db.query("UPDATE agents SET last_assigned_at = '2026-12-01T08:00:00Z'");
    const first = randomUUID();
    const second = randomUUID();
    await db.query("INSERT INTO agents (id, email, name, role, created_at, last_assigned_at) VALUES ($1, 'first@vendor.example', 'First', 'front_line', $3, NULL), ($2, 'second@vendor.example', 'Second', 'front_line', $3, '2026-01-01T00:00:00Z')", [first, second, d.clock.now()]);
    const premium = await d.addOrganization('premium');
    // Severity 2, 2 hours of 6am-4pm Eastern: 10:00 EST -> 12:00 EST (17:00Z); 10:05 EST -> 17:05Z.
    const standard = await createTicket({ ctx: d.ctx(s.org.contact), input: { subject: 'Standard, due first', description: 'x', intake: { affected_agents_percent: 10 } } });
    d.clock.advance({ minutes: 5 });
    const later = await createTicket({ ctx: d.ctx(premium.contact), input: { subject: 'Premium, due later', description: 'x', intake: { affected_agents_percent: 10 } } });
    assert.deepEqual([standard.severity, later.severity], [2, 2]);
    assert.deepEqual(await autoAssignTickets({ ctx: d.system, settings: { roles: 'front_line', maxOpen: null } }), { assigned: 2, waiting: 0 });
    const holderOf = async (id: string) => (await db.query<{ assignee_id: string }>('SELECT assignee_id FROM tickets WHERE id = $1', [id])).rows[0].assignee_id;
    assert.deepEqual([await holderOf(standard.id), await holderOf(later.id)], [first, second]);
  });
});
