// Tags on tickets (tickets/tags.ts), on OpenBack: the team's own words, internal like a note.
// Agents set them (any case, stored lower case), filter the queue and the list by one, and tag
// several tickets from the queue; a contact never sees them nor filters by them; a closed ticket
// may still be tagged.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ForbiddenError } from '../../src/platform/index.ts';
import {
  bulkUpdateTickets, createTicket, getTicket, listQueue, listTicketEvents, listTickets, setTicketTags, updateTicket,
} from '../../src/tickets/index.ts';
import { suiteDesk } from '../support/desk.ts';
import { refusalOf } from '../support/refusal.ts';

describe('tags on tickets, OpenBack', () => {
  const s = suiteDesk('openback', 'enterprise', '2026-12-02T10:00:00Z');
  const open = (subject: string) => createTicket({ ctx: s.desk.ctx(s.org.contact), input: { subject, description: 'x', severity: 3 } });
  const set = (ticketId: string, tags: string[]) => setTicketTags({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId, tags } });

  it('agents set a ticket\'s tags (lower case, once each, sorted); each change is an internal event naming what changed', async () => {
    const t = await open('iOS push missing');
    assert.deepEqual(await set(t.id, [' iOS ', 'push', 'IOS', 'bug-4512']), ['bug-4512', 'ios', 'push']);
    assert.deepEqual(await set(t.id, ['ios', 'billing']), ['billing', 'ios']);
    assert.deepEqual((await getTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id } })).tags, ['billing', 'ios']);
    const events = (await listTicketEvents({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id } })).filter((e) => e.type === 'tags_changed');
    assert.deepEqual(events.map((e) => [e.visibility, e.data]), [
      ['internal', { added: ['bug-4512', 'ios', 'push'], removed: [] }],
      ['internal', { added: ['billing'], removed: ['bug-4512', 'push'] }],
    ]);
    assert.equal((await set(t.id, ['billing', 'ios'])).length, 2);
    assert.equal((await listTicketEvents({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: t.id } })).filter((e) => e.type === 'tags_changed').length, 2, 'no change, no event');
  });

  it('refuses a tag with a space or a stray sign, and more than 20, naming the field; contacts may not tag', async () => {
    const t = await open('Refusals');
    assert.deepEqual((await refusalOf(set(t.id, ['fine', 'two words']))).details, [
      { path: 'tags.1', message: 'a tag is letters, digits and . _ : - (no spaces), up to 50 characters' },
    ]);
    assert.deepEqual((await refusalOf(set(t.id, ['#hash']))).details.map((d) => d.path), ['tags.0']);
    assert.deepEqual((await refusalOf(set(t.id, Array.from({ length: 21 }, (_, i) => `t${i}`)))).details, [{ path: 'tags', message: 'at most 20 tags on a ticket' }]);
    await assert.rejects(setTicketTags({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id, tags: ['mine'] } }), ForbiddenError);
  });

  it('a contact never sees them: not on the ticket, the timeline, nor by filtering', async () => {
    const t = await open('Hidden tags');
    await set(t.id, ['angry-customer']);
    const theirs = await getTicket({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id } });
    assert.equal('tags' in theirs, false);
    assert.equal((await listTicketEvents({ ctx: s.desk.ctx(s.org.contact), input: { ticketId: t.id } })).some((e) => e.type === 'tags_changed'), false);
    assert.deepEqual((await refusalOf(listTickets({ ctx: s.desk.ctx(s.org.contact), input: { tag: 'angry-customer' } }))).details, [{ path: 'tag', message: 'only agents filter by tag' }]);
  });

  it('the queue and the list filter by a tag, whatever its case; the queue shows each ticket\'s tags', async () => {
    const [a, b, c] = [await open('Filter A'), await open('Filter B'), await open('Filter C')];
    await set(a.id, ['sso']);
    await set(b.id, ['sso', 'okta']);
    await set(c.id, ['okta']);
    const queue = await listQueue({ ctx: s.desk.ctx(s.desk.agent), input: { tag: 'SSO' } });
    assert.deepEqual(queue.items.map((i) => [i.subject, i.tags]).sort(), [['Filter A', ['sso']], ['Filter B', ['okta', 'sso']]]);
    const list = await listTickets({ ctx: s.desk.ctx(s.desk.agent), input: { tag: 'okta' } });
    assert.deepEqual(list.items.map((i) => i.subject).sort(), ['Filter B', 'Filter C']);
  });

  it('tags several tickets from the queue, keeping the tags they have; a closed ticket is tagged too', async () => {
    const [a, closed] = [await open('Bulk tag A'), await open('Bulk tag closed')];
    await set(a.id, ['keep']);
    await updateTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: closed.id, status: 'closed' } });
    const results = await bulkUpdateTickets({ ctx: s.desk.ctx(s.desk.agent), input: { ticketIds: [a.id, closed.id], addTags: ['Outage-Dec'] } });
    assert.deepEqual(results.map((r) => r.ok), [true, true]);
    assert.deepEqual((await getTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: a.id } })).tags, ['keep', 'outage-dec']);
    assert.deepEqual((await getTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: closed.id } })).tags, ['outage-dec']);
    // With a status change the closed ticket is refused, and so not tagged.
    const other = await open('Bulk tag with status');
    const mixed = await bulkUpdateTickets({ ctx: s.desk.ctx(s.desk.agent), input: { ticketIds: [other.id, closed.id], status: 'solved', addTags: ['wave-2'] } });
    assert.deepEqual(mixed.map((r) => r.ok), [true, false]);
    assert.deepEqual((await getTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: closed.id } })).tags, ['outage-dec']);
    assert.deepEqual((await getTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: other.id } })).tags, ['wave-2']);
    // A ticket with 19 tags has room for one: two more refuse it whole, status and all; the other ticket is changed.
    const full = await open('Nearly full');
    await set(full.id, Array.from({ length: 19 }, (_, i) => `t${String(i).padStart(2, '0')}`));
    const capped = await bulkUpdateTickets({ ctx: s.desk.ctx(s.desk.agent), input: { ticketIds: [full.id, a.id], status: 'pending_customer', addTags: ['x1', 'x2'] } });
    assert.deepEqual(capped.map((r) => (r.ok ? 'ok' : r.message)), ['these tags would give the ticket more than 20', 'ok']);
    const after = await getTicket({ ctx: s.desk.ctx(s.desk.agent), input: { ticketId: full.id } });
    assert.deepEqual([after.status, after.tags?.length], ['open', 19]);
  });
});
