// Canned responses (src/canned): written by managers and admins, used by every agent, filled for
// a ticket. The filled values are read off the test desk by hand: OpenBack's vendor name is
// "OpenBack" (examples/policies/openback.yaml), the desk names its contacts "Contact <n>" and its
// front-line agent "agent@vendor.example".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createCannedResponse, deleteCannedResponse, fillPlaceholders, listCannedResponses, renderCannedResponse, unknownPlaceholders, updateCannedResponse,
} from '../../src/canned/index.ts';
import { ConflictError, ForbiddenError, NotFoundError, type Actor } from '../../src/platform/index.ts';
import { createTicket } from '../../src/tickets/index.ts';
import { openDesk, suiteDesk, type Desk } from '../support/desk.ts';
import { refusalOf } from '../support/refusal.ts';

describe('placeholders (pure)', () => {
  it('names the unknown ones once each, with or without spaces, and fills the known ones', () => {
    assert.deepEqual(unknownPlaceholders('Hi {{ requester.name }}, {{requester.nam}} {{ticket.id}} {{requester.nam}} {{}}'), ['requester.nam', 'ticket.id', '']);
    assert.deepEqual(unknownPlaceholders('{{ticket.number}} and {ticket.subject} and {{ vendor.name}}'), []);
    const values = { 'requester.name': 'Ann', 'ticket.number': '1042', 'ticket.subject': 'Keys {{fail}}', 'agent.name': 'Bo', 'vendor.name': 'OpenBack' };
    // A value is put in as it is, never read again for placeholders.
    assert.equal(fillPlaceholders('Dear {{requester.name}}, about #{{ ticket.number }} "{{ticket.subject}}" - {{agent.name}}, {{vendor.name}}', values), 'Dear Ann, about #1042 "Keys {{fail}}" - Bo, OpenBack');
  });
});

describe('canned responses, OpenBack', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback');
  });
  after(() => desk.close());

  it('a manager writes one; any agent fills it for a ticket; a contact cannot see them', async () => {
    const org = await desk.addOrganization('enterprise');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Push delayed', description: 'Since 09:00', severity: 3 } });
    const canned = await createCannedResponse({
      ctx: desk.ctx(desk.manager),
      input: { title: 'Logs received', body: 'Hello {{requester.name}},\n\nThanks: we have the logs for #{{ticket.number}} ({{ticket.subject}}).\n\n{{agent.name}}, {{vendor.name}} support' },
    });
    assert.equal(canned.createdBy, (desk.manager as { id: string }).id);
    const filled = await renderCannedResponse({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, cannedResponseId: canned.id } });
    // The desk names its contacts "Contact <n>" (test/support/desk.ts).
    const { rows: [requester] } = await desk.t.db.query<{ name: string }>('SELECT name FROM contacts WHERE id = $1', [org.contactId]);
    assert.match(requester.name, /^Contact \d+$/);
    assert.equal(filled.body, `Hello ${requester.name},\n\nThanks: we have the logs for #${t.number} (Push delayed).\n\nagent@vendor.example, OpenBack support`);
    await assert.rejects(renderCannedResponse({ ctx: desk.ctx(org.contact), input: { ticketId: t.id, cannedResponseId: canned.id } }), ForbiddenError);
    await assert.rejects(listCannedResponses({ ctx: desk.ctx(org.contact), input: {} }), ForbiddenError);
    await assert.rejects(renderCannedResponse({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, cannedResponseId: 'nope' } }), NotFoundError);
    await assert.rejects(renderCannedResponse({ ctx: desk.ctx(desk.agent), input: { ticketId: 'nope', cannedResponseId: canned.id } }), NotFoundError);
  });

  it('may say what becomes of the ticket when sent (a status, tags): kept as typed in any case, changed, cleared; filled with them', async () => {
    const org = await desk.addOrganization('enterprise');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Sync fails', description: 'x', severity: 3 } });
    const canned = await createCannedResponse({ ctx: desk.ctx(desk.manager), input: { title: 'Fixed in 4.2', body: 'Fixed in 4.2.', status: 'solved', tags: ['Fixed-4.2', 'fixed-4.2', 'release'] } });
    assert.deepEqual([canned.status, canned.tags], ['solved', ['fixed-4.2', 'release']]);
    const filled = await renderCannedResponse({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, cannedResponseId: canned.id } });
    assert.deepEqual([filled.status, filled.tags], ['solved', ['fixed-4.2', 'release']]);
    const cleared = await updateCannedResponse({ ctx: desk.ctx(desk.manager), input: { cannedResponseId: canned.id, status: null } });
    assert.deepEqual([cleared.status, cleared.tags, cleared.body], [null, ['fixed-4.2', 'release'], 'Fixed in 4.2.']);
    const bad = await refusalOf(createCannedResponse({ ctx: desk.ctx(desk.manager), input: { title: 'Closed', body: 'x', status: 'closed' as 'solved' } }));
    assert.deepEqual(bad.details.map((d) => d.path), ['status'], 'closing is not a reply\'s: a customer may still answer a solved ticket');
  });

  it('front-line and escalation agents may not write them; managers and admins may', async () => {
    for (const who of [desk.agent, desk.escalation]) {
      await assert.rejects(createCannedResponse({ ctx: desk.ctx(who), input: { title: 'Mine', body: 'Text' } }), ForbiddenError);
    }
    const c = await createCannedResponse({ ctx: desk.ctx(desk.admin), input: { title: 'Admin wrote', body: 'Text' } });
    await assert.rejects(updateCannedResponse({ ctx: desk.ctx(desk.agent), input: { cannedResponseId: c.id, body: 'Changed' } }), ForbiddenError);
    await assert.rejects(deleteCannedResponse({ ctx: desk.ctx(desk.agent), input: { cannedResponseId: c.id } }), ForbiddenError);
  });

  it('refuses an unknown placeholder naming body, an empty title, and a title already used in any case', async () => {
    const manager = desk.ctx(desk.manager);
    assert.deepEqual(await refusalOf(createCannedResponse({ ctx: manager, input: { title: 'Typo', body: 'Hi {{requester.nmae}}' } })), {
      message: 'The input is not valid',
      details: [{ path: 'body', message: 'unknown placeholder {{requester.nmae}}: use {{requester.name}}, {{ticket.number}}, {{ticket.subject}}, {{agent.name}}, {{vendor.name}}' }],
    });
    assert.deepEqual((await refusalOf(createCannedResponse({ ctx: manager, input: { title: '  ', body: 'x' } }))).details, [{ path: 'title', message: 'must not be empty' }]);
    await createCannedResponse({ ctx: manager, input: { title: 'Known issue', body: 'We know.' } });
    try {
      await createCannedResponse({ ctx: manager, input: { title: 'KNOWN ISSUE', body: 'Again' } });
      assert.fail('expected a conflict');
    } catch (e) {
      assert.ok(e instanceof ConflictError);
      assert.deepEqual(e.details, [{ path: 'title', message: 'is already used' }]);
    }
  });

  it('updates and deletes, audited; a deleted one is not found', async () => {
    const manager = desk.ctx(desk.manager);
    const c = await createCannedResponse({ ctx: manager, input: { title: 'Release soon', body: 'Next week.' } });
    desk.clock.set('2026-12-02T11:00:00Z');
    const changed = await updateCannedResponse({ ctx: manager, input: { cannedResponseId: c.id, body: 'In release 4.2.' } });
    assert.deepEqual([changed.title, changed.body, changed.updatedAt.toString()], ['Release soon', 'In release 4.2.', '2026-12-02T11:00:00Z']);
    await deleteCannedResponse({ ctx: manager, input: { cannedResponseId: c.id } });
    await assert.rejects(deleteCannedResponse({ ctx: manager, input: { cannedResponseId: c.id } }), NotFoundError);
    await assert.rejects(updateCannedResponse({ ctx: manager, input: { cannedResponseId: c.id, title: 'Back' } }), NotFoundError);
    const { rows } = await desk.t.db.query<{ type: string; data: { title?: string; changed?: string[] } }>(
      "SELECT type, data FROM audit_events WHERE subject_kind = 'canned_response' AND subject_id = $1 ORDER BY at, type",
      [c.id],
    );
    assert.deepEqual(rows.map((r) => r.type), ['canned_response.created', 'canned_response.deleted', 'canned_response.updated']);
    assert.deepEqual(rows.find((r) => r.type === 'canned_response.updated')?.data.changed, ['body']);
  });

  it('lists by title in any case, keeps those whose title has every word typed (% is a letter), and pages', async () => {
    const manager = desk.ctx(desk.manager);
    for (const title of ['zeta reset password', 'Alpha Reset', 'beta 100% done', 'Gamma reset password']) await createCannedResponse({ ctx: manager, input: { title, body: 'x' } });
    const titles = async (input: Parameters<typeof listCannedResponses>[0]['input']) => (await listCannedResponses({ ctx: desk.ctx(desk.agent), input })).items.map((c) => c.title);
    assert.deepEqual(await titles({ q: 'RESET password' }), ['Gamma reset password', 'zeta reset password']);
    assert.deepEqual(await titles({ q: '100%' }), ['beta 100% done']);
    assert.deepEqual(await titles({ q: '%' }), ['beta 100% done']);
    const first = await listCannedResponses({ ctx: desk.ctx(desk.agent), input: { q: 'reset', limit: 2 } });
    assert.deepEqual(first.items.map((c) => c.title), ['Alpha Reset', 'Gamma reset password']);
    assert.deepEqual(await titles({ q: 'reset', limit: 2, cursor: first.nextCursor! }), ['zeta reset password']);
    assert.deepEqual((await refusalOf(listCannedResponses({ ctx: desk.ctx(desk.agent), input: { cursor: 'bad' } }))).details, [{ path: 'cursor', message: 'use the next_cursor of a previous page' }]);
  });
});

describe('canned responses of one\'s own, OpenBack', () => {
  const s = suiteDesk('openback', 'enterprise');
  const titles = async (actor: Actor) => (await listCannedResponses({ ctx: s.desk.ctx(actor), input: { q: 'wrap' } })).items.map((c) => [c.title, c.ownerId]);

  it('any agent writes their own, seen and used by them alone; the same title as the team\'s is fine, twice their own is not', async () => {
    const agentId = (s.desk.agent as { id: string }).id;
    await createCannedResponse({ ctx: s.desk.ctx(s.desk.manager), input: { title: 'Wrap up', body: 'Team wording.' } });
    const mine = await createCannedResponse({ ctx: s.desk.ctx(s.desk.agent), input: { title: 'Wrap up', body: 'Cheers, {{agent.name}}', private: true } });
    assert.equal(mine.ownerId, agentId);
    assert.deepEqual((await titles(s.desk.agent)).map((t) => t[1]).sort(), [agentId, null].sort());
    assert.deepEqual(await titles(s.desk.manager), [['Wrap up', null]]);
    await assert.rejects(createCannedResponse({ ctx: s.desk.ctx(s.desk.agent), input: { title: 'wrap UP', body: 'Again', private: true } }), ConflictError);
    // Filled for a ticket by its owner; to anyone else it does not exist.
    const t = await createTicket({ ctx: s.desk.ctx(s.org.contact), input: { subject: 'Done', description: 'x', severity: 3 } });
    assert.equal((await renderCannedResponse({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id, cannedResponseId: mine.id } })).body, 'Cheers, agent@vendor.example');
    for (const other of [s.desk.manager, s.desk.escalation]) {
      await assert.rejects(renderCannedResponse({ ctx: s.desk.ctx(other), input: { ticketId: t.id, cannedResponseId: mine.id } }), NotFoundError);
      await assert.rejects(updateCannedResponse({ ctx: s.desk.ctx(other), input: { cannedResponseId: mine.id, body: 'Mine now' } }), NotFoundError);
      await assert.rejects(deleteCannedResponse({ ctx: s.desk.ctx(other), input: { cannedResponseId: mine.id } }), NotFoundError);
    }
    assert.equal((await updateCannedResponse({ ctx: s.desk.ctx(s.desk.agent), input: { cannedResponseId: mine.id, body: 'Best, {{agent.name}}' } })).body, 'Best, {{agent.name}}');
    await deleteCannedResponse({ ctx: s.desk.ctx(s.desk.agent), input: { cannedResponseId: mine.id } });
    assert.deepEqual(await titles(s.desk.agent), [['Wrap up', null]]);
  });

  it("the team's stay a manager's to write: a front-line agent may not add, change or delete them", async () => {
    const team = await createCannedResponse({ ctx: s.desk.ctx(s.desk.manager), input: { title: 'Team only', body: 'x' } });
    await assert.rejects(createCannedResponse({ ctx: s.desk.ctx(s.desk.agent), input: { title: 'Team try', body: 'x' } }), ForbiddenError);
    await assert.rejects(updateCannedResponse({ ctx: s.desk.ctx(s.desk.agent), input: { cannedResponseId: team.id, body: 'y' } }), ForbiddenError);
    await assert.rejects(deleteCannedResponse({ ctx: s.desk.ctx(s.desk.agent), input: { cannedResponseId: team.id } }), ForbiddenError);
  });
});
