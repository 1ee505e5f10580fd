// OfficeSpace's support levels name who takes a ticket: Basic Product Support, "Assign customer support
// staff to contact customer"; Technical and Critical Technical Support, "Assign engineer to determine and
// correct the error" (severities[].handled_by: front_line, escalation). Tickets given in turn
// (tickets/auto-assign.ts) go to those agents only, whichever agents ACCORD_AUTO_ASSIGN names; with no
// engineer free a Critical ticket waits and a Basic one behind it is still given to the front line.
// Monday 7 December 2026 15:00 UTC is 09:00 at GMT-6: support is open.
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { autoAssignTickets, createTicket } from '../../src/tickets/index.ts';
import { suiteDesk } from '../support/desk.ts';

describe('tickets given in turn by the support level (OfficeSpace)', () => {
  const s = suiteDesk('officespace', 'standard', '2026-12-07T15:00:00Z');
  const db = () => s.desk.t.db;
  const agent = async (email: string, role: string, lastAssigned: string | null) => {
    const id = randomUUID();
    await db().query('INSERT INTO agents (id, email, name, role, created_at, last_assigned_at) VALUES ($1, $2, $2, $3, $4, $5)', [id, email, role, s.desk.clock.now(), lastAssigned]);
    return id;
  };
  const open = async (subject: string, severity: number) => {
    const t = await createTicket({ ctx: s.desk.ctx(s.org.contact), input: { subject, description: 'x', severity } });
    s.desk.clock.advance({ minutes: 1 });
    return t.id;
  };
  const holder = async (ticketId: string) => (await db().query<{ assignee_id: string | null }>('SELECT assignee_id FROM tickets WHERE id = $1', [ticketId])).rows[0].assignee_id;
  const idOf = (actor: unknown) => (actor as { id: string }).id;

  it('gives Critical and Technical tickets to the engineers and Basic ones to the support staff, even when the setting names the front line', async () => {
    const d = s.desk;
    // Turns, by hand: the desk's own agents were given tickets yesterday (front line 09:00, escalation 09:00);
    // Erin (escalation) at 08:00, Sam (front line) never. The managers and admins are never given one here.
    await db().query("UPDATE agents SET last_assigned_at = '2026-12-06T09:00:00Z' WHERE id = ANY($1::uuid[])", [[idOf(d.agent), idOf(d.escalation)]]);
    const erin = await agent('erin@vendor.example', 'escalation', '2026-12-06T08:00:00Z');
    const sam = await agent('sam@vendor.example', 'front_line', null);
    const basic = await open('How do I book a desk?', 3);
    const technical = await open('Floor plan needs updating', 2);
    const critical = await open('Nothing loads', 1);
    const result = await autoAssignTickets({ ctx: d.system, settings: { roles: 'front_line', maxOpen: null } });
    assert.deepEqual(result, { assigned: 3, waiting: 0 });
    // Queue order: Critical, Technical, Basic. Critical to Erin (escalation, 08:00), Technical to the desk's
    // escalation agent (09:00); Basic to Sam (front line, never), not to an engineer.
    assert.deepEqual([await holder(critical), await holder(technical), await holder(basic)], [erin, idOf(d.escalation), sam]);
  });

  it('with every agent named by the setting, Basic still goes to the front line; with no engineer free, Critical waits and Basic is given', async () => {
    const d = s.desk;
    // Every engineer away; the managers and admins (never given one) would be first in an "agents" turn.
    await db().query("UPDATE agents SET away_since = $1 WHERE role = 'escalation'", [d.clock.now()]);
    const critical = await open('Down again', 1);
    const basic = await open('Where are the release notes?', 3);
    const result = await autoAssignTickets({ ctx: d.system, settings: { roles: 'agents', maxOpen: null } });
    assert.deepEqual(result, { assigned: 1, waiting: 1 });
    assert.equal(await holder(critical), null, 'no engineer free: it waits, never handed to the front line or a manager');
    const { rows } = await db().query<{ role: string }>('SELECT a.role FROM tickets t JOIN agents a ON a.id = t.assignee_id WHERE t.id = $1', [basic]);
    assert.deepEqual(rows.map((r) => r.role), ['front_line']);
    // An engineer back: the Critical one is given at the next run.
    await db().query("UPDATE agents SET away_since = NULL WHERE role = 'escalation'");
    assert.deepEqual(await autoAssignTickets({ ctx: d.system, settings: { roles: 'agents', maxOpen: null } }), { assigned: 1, waiting: 0 });
    const { rows: after } = await db().query<{ role: string }>('SELECT a.role FROM tickets t JOIN agents a ON a.id = t.assignee_id WHERE t.id = $1', [critical]);
    assert.deepEqual(after.map((r) => r.role), ['escalation']);
  });
});
