// People leave (customers/update-agent.ts, update-contact.ts), on OpenBack. An agent who left:
// their sessions end, tokens are revoked, their open tickets go back on the queue unassigned, they
// sign in no more and are offered nowhere; refused while they are on call or designated, for
// oneself, and for the last admin. A contact who left: sessions and tokens end, they sign in no
// more, their mail is a stranger's, they are copied on nothing. Named contacts change as the
// policy's change process says ("specifying the former and new contacts"): OpenBack's Pro plan
// allows 1 named contact, so the former is un-named or leaves before the new one is named.
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  authenticateToken, createApiToken, createContact, hashPassword, listAgents, updateAgent, updateContact, updateOrganization,
} from '../../src/customers/index.ts';
import { senderContact } from '../../src/email/match.ts';
import { addOverride, createRotation } from '../../src/oncall/index.ts';
import { ConflictError, ForbiddenError, LimitExceededError, NotFoundError, UnauthenticatedError } from '../../src/platform/index.ts';
import { addReply, ccsOf, createTicket, getTicket, listTicketEvents, setTicketCcs, updateTicket } from '../../src/tickets/index.ts';
import { authenticateSession, createSession, signIn } from '../../src/web/index.ts';
import { createWebhook } from '../../src/webhooks/index.ts';
import { suiteDesk } from '../support/desk.ts';

describe('people leave, OpenBack', () => {
  const s = suiteDesk('openback', 'enterprise', '2026-12-02T10:00:00Z');
  const idOf = (a: unknown) => (a as { id: string }).id;
  const newAgent = async (email: string, role: 'front_line' | 'admin' = 'front_line') => {
    const id = randomUUID();
    await s.desk.t.db.query('INSERT INTO agents (id, email, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      id, email, email.split('@')[0], role, await hashPassword('correct horse battery'), s.desk.clock.now(),
    ]);
    return { id, actor: { kind: 'agent' as const, id, role } };
  };
  const open = (subject: string) => createTicket({ ctx: s.desk.ctx(s.org.contact), input: { subject, description: 'x', severity: 3 } });
  const deps = () => ({ db: s.desk.t.db, clock: s.desk.clock });

  it('an agent who left: sessions end, tokens are revoked, open tickets go back unassigned; they sign in no more and are assigned nothing', async () => {
    const leaver = await newAgent('leaver@vendor.example');
    await createWebhook({ ctx: s.desk.ctx(s.desk.admin), input: { url: 'https://hooks.example.com/leavers', events: ['ticket.updated'] }, settings: { allowPrivate: false } });
    const [a, b, done] = [await open('Held A'), await open('Held B'), await open('Held closed')];
    for (const t of [a, b, done]) await updateTicket({ ctx: s.desk.ctx(s.desk.manager), input: { ticketId: t.id, assigneeId: leaver.id } });
    await updateTicket({ ctx: s.desk.ctx(s.desk.manager), input: { ticketId: done.id, status: 'closed' } });
    const session = await createSession(s.desk.t.db, s.desk.clock, { kind: 'agent', id: leaver.id });
    const { token } = await createApiToken({ ctx: s.desk.ctx(leaver.actor), input: {} });
    s.desk.clock.set('2026-12-02T11:00:00Z');
    const after = await updateAgent({ ctx: s.desk.ctx(s.desk.admin), input: { agentId: leaver.id, active: false } });
    assert.equal(after.deactivatedAt?.toString(), '2026-12-02T11:00:00Z');
    assert.equal(await authenticateSession(s.desk.t.db, s.desk.clock, session.token), null);
    assert.equal((await authenticateToken(s.desk.t.db, s.desk.clock, token)).status, 'invalid');
    await assert.rejects(signIn(deps(), { email: 'leaver@vendor.example', password: 'correct horse battery', address: '192.0.2.1' }), UnauthenticatedError);
    for (const t of [a, b]) {
      assert.equal((await getTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id } })).assigneeId, null);
      const last = (await listTicketEvents({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id } })).filter((e) => e.type === 'assigned').at(-1)!;
      assert.deepEqual([last.visibility, last.actor.id, last.data], ['internal', idOf(s.desk.admin), { from: leaver.id, to: null, reason: 'the agent was deactivated' }]);
    }
    assert.equal((await getTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: done.id } })).assigneeId, leaver.id, 'a closed ticket keeps who worked it');
    // Integrations hear of it as of any assignment change: ticket.updated, from the leaver to nobody, with the reason.
    const { rows: hooks } = await s.desk.t.db.query<{ payload: any }>(
      "SELECT payload FROM webhook_deliveries WHERE payload->>'created_at' = '2026-12-02T11:00:00Z' AND payload->>'type' = 'ticket.updated' ORDER BY payload->'data'->'ticket'->>'subject'",
    );
    assert.deepEqual(hooks.map((h) => [h.payload.data.ticket.subject, h.payload.data.ticket.assignee_id, h.payload.data.changes, h.payload.data.reason]), [
      ['Held A', null, { assignee_id: { from: leaver.id, to: null } }, 'the agent was deactivated'],
      ['Held B', null, { assignee_id: { from: leaver.id, to: null } }, 'the agent was deactivated'],
    ]);
    await assert.rejects(updateTicket({ ctx: s.desk.ctx(s.desk.manager), input: { ticketId: a.id, assigneeId: leaver.id } }), { name: 'ConflictError', message: 'that agent is deactivated' });
    await assert.rejects(createApiToken({ ctx: s.desk.ctx(s.desk.admin), input: { agentId: leaver.id } }), ConflictError);
    const { rows } = await s.desk.t.db.query<{ type: string; data: unknown }>("SELECT type, data FROM audit_events WHERE subject_id = $1 AND type LIKE 'agent.%'", [leaver.id]);
    assert.deepEqual(rows, [{ type: 'agent.deactivated', data: { unassignedTickets: 2 } }]);
    // Back again: active, assignable; the old token stays revoked.
    const back = await updateAgent({ ctx: s.desk.ctx(s.desk.admin), input: { agentId: leaver.id, active: true } });
    assert.equal(back.deactivatedAt, null);
    await updateTicket({ ctx: s.desk.ctx(s.desk.manager), input: { ticketId: a.id, assigneeId: leaver.id } });
    assert.equal((await authenticateToken(s.desk.t.db, s.desk.clock, token)).status, 'invalid');
    assert.equal((await listAgents({ ctx: s.desk.ctx(s.desk.agent), input: { ids: [leaver.id] } })).items[0].deactivatedAt, null);
  });

  it('refuses to let go of someone on call or designated, naming what to change; oneself; the last admin; and anyone but an admin', async () => {
    const onCall = await newAgent('oncall@vendor.example');
    await createRotation({
      ctx: s.desk.system,
      input: { name: 'Nights', timeZone: 'Europe/London', handoverTime: '09:00', cadence: 'weekly', handoverWeekday: 'mon', startDate: '2026-11-30', members: [onCall.id] },
    });
    await updateOrganization({ ctx: s.desk.ctx(s.desk.admin), input: { organizationId: s.org.id, designatedAgents: { customer_success_manager: onCall.id } } });
    await assert.rejects(updateAgent({ ctx: s.desk.ctx(s.desk.admin), input: { agentId: onCall.id, active: false } }), (e: ConflictError) => {
      assert.deepEqual(e.details, [
        { path: 'active', message: 'is on the on-call rotation "Nights" (or covers it): take them off it first' },
        { path: 'active', message: 'is designated to Org 1: designate someone else first' },
      ]);
      return true;
    });
    assert.equal((await listAgents({ ctx: s.desk.ctx(s.desk.agent), input: { ids: [onCall.id] } })).items[0].deactivatedAt, null, 'nothing changed');
    // Covering a rotation they are not a member of, with an override not ended yet, holds them too.
    const cover = await newAgent('cover@vendor.example');
    const weekends = await createRotation({
      ctx: s.desk.system,
      input: { name: 'Weekends', timeZone: 'Europe/London', handoverTime: '09:00', cadence: 'weekly', handoverWeekday: 'sat', startDate: '2026-11-28', members: [idOf(s.desk.agent)] },
    });
    await addOverride({ ctx: s.desk.system, input: { rotationId: weekends.id, agentId: cover.id, startsAt: '2026-12-05T09:00:00Z', endsAt: '2026-12-06T09:00:00Z' } });
    await assert.rejects(updateAgent({ ctx: s.desk.ctx(s.desk.admin), input: { agentId: cover.id, active: false } }), (e: ConflictError) => {
      assert.deepEqual(e.details, [{ path: 'active', message: 'is on the on-call rotation "Weekends" (or covers it): take them off it first' }]);
      return true;
    });
    await assert.rejects(updateAgent({ ctx: s.desk.ctx(s.desk.admin), input: { agentId: idOf(s.desk.admin), active: false } }), { message: 'You cannot deactivate yourself: another admin does it' });
    // Two admins: one demotes the other; the one left may not demote itself.
    const other = await newAgent('second-admin@vendor.example', 'admin');
    await updateAgent({ ctx: s.desk.ctx(other.actor), input: { agentId: idOf(s.desk.admin), role: 'manager' } });
    await assert.rejects(updateAgent({ ctx: s.desk.ctx(other.actor), input: { agentId: other.id, role: 'manager' } }), (e: ConflictError) => {
      assert.equal(e.message, 'Accord needs an active admin: make another agent admin first');
      assert.deepEqual(e.details, [{ path: 'role', message: 'is the last active admin' }]);
      return true;
    });
    await updateAgent({ ctx: s.desk.ctx(other.actor), input: { agentId: idOf(s.desk.admin), role: 'admin' } });
    await assert.rejects(updateAgent({ ctx: s.desk.ctx(s.desk.manager), input: { agentId: onCall.id, name: 'X' } }), ForbiddenError);
    await assert.rejects(updateAgent({ ctx: s.desk.ctx(s.desk.admin), input: { agentId: randomUUID(), name: 'X' } }), NotFoundError);
  });

  it('a contact who left: sessions and tokens end, no sign-in, their mail is a stranger\'s, copied on nothing, no ticket opened for them', async () => {
    const id = randomUUID();
    await s.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, password_hash, created_at) VALUES ($1, $2, $3, $4, false, $5, $6)', [
      id, s.org.id, 'gone@customer.example', 'Gone Person', await hashPassword('correct horse battery'), s.desk.clock.now(),
    ]);
    const t = await open('Copy the leaver');
    await setTicketCcs({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, contactIds: [id] } });
    const session = await createSession(s.desk.t.db, s.desk.clock, { kind: 'contact', id });
    const { token } = await createApiToken({ ctx: s.desk.ctx(s.desk.admin), input: { contactId: id } });
    await updateContact({ ctx: s.desk.ctx(s.desk.manager), input: { contactId: id, active: false } });
    assert.equal(await authenticateSession(s.desk.t.db, s.desk.clock, session.token), null);
    assert.equal((await authenticateToken(s.desk.t.db, s.desk.clock, token)).status, 'invalid');
    await assert.rejects(signIn(deps(), { email: 'gone@customer.example', password: 'correct horse battery', address: '192.0.2.2' }), UnauthenticatedError);
    assert.equal(await senderContact(s.desk.t.db, 'gone@customer.example'), null);
    assert.deepEqual(await ccsOf(s.desk.t.db, t.id), []);
    await assert.rejects(createTicket({ ctx: s.desk.ctx(s.desk.agent), input: { subject: 'For them', description: 'x', requesterId: id } }), NotFoundError);
    await assert.rejects(updateContact({ ctx: s.desk.ctx(s.desk.agent), input: { contactId: id, active: true } }), ForbiddenError);
  });

  it('a requester who left is mailed nothing more about their ticket (an agent hands it to a colleague); the colleagues copied still are', async () => {
    const id = randomUUID();
    // A named contact (on Enterprise only they open tickets).
    await s.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, true, $5)', [
      id, s.org.id, 'left-requester@customer.example', 'Left Requester', s.desk.clock.now(),
    ]);
    const t = await createTicket({ ctx: s.desk.ctx(s.desk.agent), input: { subject: 'Asked, then left', description: 'x', severity: 3, requesterId: id } });
    await setTicketCcs({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, contactIds: [s.org.contactId] } });
    await updateContact({ ctx: s.desk.ctx(s.desk.manager), input: { contactId: id, active: false } });
    await addReply({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, body: 'Here is the fix.' } });
    await updateTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, status: 'solved' } });
    const { rows } = await s.desk.t.db.query<{ kind: string; recipient: string }>(
      "SELECT kind, recipient FROM outbox WHERE payload->>'ticket_id' = $1 AND kind IN ('ticket_reply', 'ticket_resolved') ORDER BY kind, recipient", [t.id],
    );
    assert.deepEqual(rows, [{ kind: 'ticket_reply', recipient: 'contact1@customer.example' }, { kind: 'ticket_resolved', recipient: 'contact1@customer.example' }]);
  });

  it('changes the named contact as the policy\'s process says: Pro allows 1, so the former goes before the new one is named', async () => {
    const pro = await s.desk.addOrganization('pro'); // its first contact is named
    const next = await createContact({ ctx: s.desk.ctx(s.desk.manager), input: { organizationId: pro.id, email: 'next@pro.example', name: 'Next Named' } });
    const org = (await s.desk.t.db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [pro.id])).rows[0].name;
    await assert.rejects(updateContact({ ctx: s.desk.ctx(s.desk.manager), input: { contactId: next.id, namedContact: true } }), (e: unknown) => {
      assert.ok(e instanceof LimitExceededError);
      assert.equal(e.message, `The Pro plan allows 1 named support contact; ${org} has 1 already: un-name one first`);
      return true;
    });
    await updateContact({ ctx: s.desk.ctx(s.desk.manager), input: { contactId: pro.contactId, active: false } });
    assert.equal((await updateContact({ ctx: s.desk.ctx(s.desk.manager), input: { contactId: next.id, namedContact: true } })).namedContact, true);
    // The former coming back would make 2 named on a plan of 1.
    await assert.rejects(updateContact({ ctx: s.desk.ctx(s.desk.manager), input: { contactId: pro.contactId, active: true } }), {
      name: 'LimitExceededError', message: `The Pro plan allows 1 named support contact; ${org} has 1 already: un-name one first, or bring them back as not named`,
    });
    assert.equal((await updateContact({ ctx: s.desk.ctx(s.desk.manager), input: { contactId: pro.contactId, active: true, namedContact: false } })).deactivatedAt, null);
    const { rows } = await s.desk.t.db.query<{ type: string }>("SELECT type FROM audit_events WHERE subject_id = $1 AND type LIKE 'contact.%' ORDER BY at, type", [pro.contactId]);
    assert.deepEqual(rows.map((r) => r.type), ['contact.deactivated', 'contact.reactivated']);
  });
});
