// The customer's rating of the support on a ticket (tickets/rate-ticket.ts) and the managers'
// satisfaction figures (tickets/satisfaction.ts), on OpenBack. The counts are worked out by hand
// from the ratings each test gives.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictError, ForbiddenError, NotFoundError, type Actor } from '../../src/platform/index.ts';
import {
  createTicket, getTicket, listRatings, listTicketEvents, mergeTicket, rateTicket, satisfaction, setTicketCcs, updateTicket,
} from '../../src/tickets/index.ts';
import { createWebhook } from '../../src/webhooks/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { refusalOf } from '../support/refusal.ts';

describe('customers rate the support on a solved ticket, OpenBack', () => {
  let desk: Desk;
  let org: Awaited<ReturnType<Desk['addOrganization']>>;
  let other: Awaited<ReturnType<Desk['addOrganization']>>;
  let colleague: Actor & { kind: 'contact' };
  before(async () => {
    desk = await openDesk('openback', '2026-12-02T10:00:00Z');
    org = await desk.addOrganization('enterprise');
    other = await desk.addOrganization('pro');
    const id = randomUUID();
    await desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [
      id, org.id, 'colleague@customer.example', 'Cole League', desk.clock.now(),
    ]);
    colleague = { kind: 'contact', id, organizationId: org.id };
    await createWebhook({ ctx: desk.ctx(desk.admin), input: { url: 'https://hooks.example.com/accord', events: ['ticket.rated'] }, settings: { allowPrivate: false } });
  });
  after(() => desk.close());

  const open = (subject: string, by: Actor = org.contact) => createTicket({ ctx: desk.ctx(by), input: { subject, description: 'x', severity: 3 } });
  const setStatus = (id: string, status: 'solved' | 'closed' | 'open') => updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: id, status } });

  it('the requester rates a solved ticket; a later rating replaces it; each is on the timeline and a webhook', async () => {
    desk.clock.set('2026-12-02T10:00:00Z');
    const t = await open('Dashboard slow');
    await setStatus(t.id, 'solved');
    desk.clock.set('2026-12-02T12:00:00Z');
    const first = await rateTicket({ ctx: desk.ctx(org.contact), input: { ticketId: t.id, rating: 'bad', comment: '  Took two tries  ' } });
    assert.deepEqual({ ...first, ratedAt: first.ratedAt.toString() }, { rating: 'bad', comment: 'Took two tries', contactId: org.contactId, ratedAt: '2026-12-02T12:00:00Z' });
    desk.clock.set('2026-12-03T09:00:00Z');
    await rateTicket({ ctx: desk.ctx(org.contact), input: { ticketId: t.id, rating: 'good' } });
    const seen = await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id } });
    assert.deepEqual([seen.rating?.rating, seen.rating?.comment, seen.rating?.ratedAt.toString()], ['good', null, '2026-12-03T09:00:00Z']);
    const events = (await listTicketEvents({ ctx: desk.ctx(org.contact), input: { ticketId: t.id } })).filter((e) => e.type === 'rated');
    assert.deepEqual(events.map((e) => [e.at.toString(), e.data, e.body, e.actor.id]), [
      ['2026-12-02T12:00:00Z', { rating: 'bad' }, 'Took two tries', org.contactId],
      ['2026-12-03T09:00:00Z', { rating: 'good' }, null, org.contactId],
    ]);
    const { rows } = await desk.t.db.query<{ payload: any }>("SELECT payload FROM webhook_deliveries WHERE event_type = 'ticket.rated' ORDER BY created_at");
    assert.deepEqual(rows.map((r) => [r.payload.data.ticket.id, r.payload.data.rating]), [
      [t.id, { rating: 'bad', comment: 'Took two tries', contact_id: org.contactId, rated_at: '2026-12-02T12:00:00Z' }],
      [t.id, { rating: 'good', comment: null, contact_id: org.contactId, rated_at: '2026-12-03T09:00:00Z' }],
    ]);
  });

  it('a closed ticket is rated too; an open one, a merged one and a bad body are refused, naming why', async () => {
    const openOne = await open('Still open');
    await assert.rejects(rateTicket({ ctx: desk.ctx(org.contact), input: { ticketId: openOne.id, rating: 'good' } }), ConflictError);
    const closed = await open('Closed one');
    await setStatus(closed.id, 'closed');
    assert.equal((await rateTicket({ ctx: desk.ctx(org.contact), input: { ticketId: closed.id, rating: 'good' } })).rating, 'good');
    const merged = await open('Duplicate');
    await mergeTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: merged.id, intoTicketId: openOne.id } });
    await assert.rejects(rateTicket({ ctx: desk.ctx(org.contact), input: { ticketId: merged.id, rating: 'good' } }), {
      name: 'ConflictError', message: 'this ticket was merged into another: rate that one, where the work was done',
    });
    assert.deepEqual((await refusalOf(rateTicket({ ctx: desk.ctx(org.contact), input: { ticketId: closed.id, rating: 'meh' as 'good' } }))).details.map((d) => d.path), ['rating']);
    assert.deepEqual((await refusalOf(rateTicket({ ctx: desk.ctx(org.contact), input: { ticketId: closed.id, rating: 'bad', comment: 'x'.repeat(2001) } }))).details.map((d) => d.path), ['comment']);
  });

  it('only the requester and the people copied rate: not a colleague, not agents; another organization does not find the ticket', async () => {
    const t = await open('Who rates');
    await setStatus(t.id, 'solved');
    await assert.rejects(rateTicket({ ctx: desk.ctx(colleague), input: { ticketId: t.id, rating: 'good' } }), ForbiddenError);
    await setTicketCcs({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, contactIds: [colleague.id] } });
    assert.equal((await rateTicket({ ctx: desk.ctx(colleague), input: { ticketId: t.id, rating: 'good' } })).contactId, colleague.id);
    await assert.rejects(rateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, rating: 'good' } }), ForbiddenError);
    await assert.rejects(rateTicket({ ctx: desk.ctx(other.contact), input: { ticketId: t.id, rating: 'bad' } }), NotFoundError);
  });

  it('managers read the share of good ratings by when they were given, per plan, and each rating with its comment', async () => {
    // Ratings given so far, all in the week of Monday 30 November: on Enterprise, the first ticket
    // good (replaced its bad), the closed one good, the copied colleague's good: 3 good.
    // Then one on Pro, bad, in the week of 7 December.
    desk.clock.set('2026-12-08T10:00:00Z');
    const pro = await open('Pro ticket', other.contact);
    // Held by the front-line agent when rated: the rating counts to them.
    await updateTicket({ ctx: desk.ctx(desk.manager), input: { ticketId: pro.id, assigneeId: (desk.agent as { id: string }).id } });
    await setStatus(pro.id, 'solved');
    await rateTicket({ ctx: desk.ctx(other.contact), input: { ticketId: pro.id, rating: 'bad', comment: 'No answer for a day' } });
    const input = { from: '2026-11-30T00:00:00Z', to: '2026-12-14T00:00:00Z', period: 'week' as const };
    assert.deepEqual(await satisfaction({ ctx: desk.ctx(desk.manager), input }), [
      { period: '2026-11-30', plan: 'enterprise', agent: null, good: 3, bad: 0 },
      { period: '2026-12-07', plan: 'pro', agent: 'agent@vendor.example', good: 0, bad: 1 },
    ]);
    const list = await listRatings({ ctx: desk.ctx(desk.manager), input });
    assert.deepEqual(list.at(-1) && { ...list.at(-1)!, ratedAt: list.at(-1)!.ratedAt.toString() }, {
      number: pro.number, subject: 'Pro ticket', organization: 'Org 2', plan: 'pro', agent: 'agent@vendor.example', rating: 'bad', comment: 'No answer for a day', ratedBy: 'contact2@customer.example', ratedAt: '2026-12-08T10:00:00Z',
    });
    assert.equal(list.length, 4);
    await assert.rejects(satisfaction({ ctx: desk.ctx(desk.agent), input }), ForbiddenError);
    await assert.rejects(listRatings({ ctx: desk.ctx(org.contact), input }), ForbiddenError);
  });
  it('a bad rating is mailed, with its comment, to the agent holding the ticket, or to the managers and admins when nobody does; a good one to nobody', async () => {
    desk.clock.set('2026-12-07T10:00:00Z');
    const notices = async (ticketId: string) => (await desk.t.db.query<{ recipient: string; subject: string; body: string }>(
      "SELECT recipient, subject, body FROM outbox WHERE kind = 'agent_rating_notice' AND payload->>'ticket_id' = $1 ORDER BY recipient", [ticketId])).rows;
    const held = await open('Export fails');
    await updateTicket({ ctx: desk.ctx(desk.manager), input: { ticketId: held.id, assigneeId: (desk.agent as { id: string }).id } });
    await setStatus(held.id, 'solved');
    await rateTicket({ ctx: desk.ctx(org.contact), input: { ticketId: held.id, rating: 'good' } });
    assert.deepEqual(await notices(held.id), [], 'a good rating tells nobody');
    await rateTicket({ ctx: desk.ctx(org.contact), input: { ticketId: held.id, rating: 'bad', comment: 'It fails again.' } });
    assert.deepEqual(await notices(held.id), [{
      recipient: 'agent@vendor.example',
      subject: `[#${held.number}] Rated bad by the customer: Export fails`,
      body: `Contact 1 <contact1@customer.example> of Org 1 rated the support on ticket #${held.number} "Export fails" bad, and wrote:\n\nIt fails again.\n\n`
        + 'Reply to this message to answer the customer: your reply goes on the ticket and is sent to them. A first line of #note makes it an internal note instead; #solved or #pending (waiting on the customer) sets the status with it; #eta and a date and time (2026-12-31 17:00, in your time zone) tells them the estimated time to resolution.',
    }]);
    const nobody = await open('Logo blurry');
    await setStatus(nobody.id, 'solved');
    await rateTicket({ ctx: desk.ctx(org.contact), input: { ticketId: nobody.id, rating: 'bad' } });
    const toManagers = await notices(nobody.id);
    assert.deepEqual(toManagers.map((m) => m.recipient), ['admin@vendor.example', 'manager@vendor.example']);
    assert.match(toManagers[0].body, new RegExp(`^Contact 1 <contact1@customer\\.example> of Org 1 rated the support on ticket #${nobody.number} "Logo blurry" bad, without a comment\\.\n\n`));
  });
});
