// Merging a ticket into another of its organization (tickets/merge-ticket.ts), on OpenBack's
// policy (seed 001's response table), Critical (severity 1), first response on the 24x7 clock:
// Growth "within 6 hours", Enterprise "within 1 hour". Worked out by hand from Wednesday
// 2 December 2026: a Growth request opened 10:00 UTC is due 16:00:00, one opened 10:20 is due
// 16:20:00; an Enterprise request opened 12:00 is due 13:00:00. Growth has no named contacts, so
// any contact opens tickets; on Enterprise only named contacts do.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictError, ForbiddenError, type Actor } from '../../src/platform/index.ts';
import { addReply, createTicket, getTicket, listTicketEvents, mergeTicket, sweepSlaClocks, updateTicket } from '../../src/tickets/index.ts';
import { createWebhook } from '../../src/webhooks/index.ts';
import { openMailDesk, type MailDesk } from '../email/support.ts';
import { refusalOf } from '../support/refusal.ts';

describe('merging tickets (OpenBack, Critical)', () => {
  let m: MailDesk;
  let owner: Actor;
  let reporter: Actor & { kind: 'contact' };
  before(async () => {
    m = await openMailDesk('openback', '2026-12-02T10:00:00Z');
    // A Growth organization, and a contact of it who is not a named contact: they may write by mail on their own tickets only.
    const growth = await m.desk.addOrganization('growth');
    owner = growth.contact;
    const id = randomUUID();
    await m.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [
      id, growth.id, 'reporter@customer.example', 'Ray Porter', m.desk.clock.now(),
    ]);
    reporter = { kind: 'contact', id, organizationId: growth.id };
    await createWebhook({ ctx: m.desk.ctx(m.desk.admin), input: { url: 'https://hooks.example.com/accord', events: ['*'] }, settings: { allowPrivate: false } });
  });
  after(() => m.desk.close());

  const open = (actor: Actor, subject: string, description = 'The media bar is down for every user') =>
    createTicket({ ctx: m.desk.ctx(actor), input: { subject, description, severity: 1, channel: 'email' } });
  const firstResponse = async (ticketId: string) => (await getTicket({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId } })).clocks.find((c) => c.metric === 'first_response')!;

  it('closes the merged ticket, tells its requester, gives the other its words, and leaves that one\'s clocks alone', async () => {
    m.desk.clock.set('2026-12-02T10:00:00Z');
    const into = await open(owner, 'Media bar down');
    m.desk.clock.set('2026-12-02T10:20:00Z');
    const from = await open(reporter, 'Nothing loads', 'Our dashboard shows no media bar since 10:15');
    m.desk.clock.set('2026-12-02T10:30:00Z');

    const result = await mergeTicket({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: from.id, intoNumber: into.number } });
    assert.deepEqual([result.ticket.status, result.ticket.mergedInto, result.into.status, result.into.mergedInto], ['closed', into.id, 'open', null]);

    // The merged ticket's first response (due 16:20) had not fallen due: it stops, no breach.
    const stopped = await firstResponse(from.id);
    assert.deepEqual([stopped.state, stopped.breachedAt], ['stopped', null]);
    // The ticket merged into keeps its own clock: due 16:00, running.
    const kept = await firstResponse(into.id);
    assert.deepEqual([kept.state, kept.due?.toString()], ['running', '2026-12-02T16:00:00Z']);
    m.desk.clock.set('2026-12-02T16:30:00Z');
    await sweepSlaClocks({ ctx: m.desk.system });
    assert.equal((await firstResponse(from.id)).breachedAt, null, 'a stopped clock is never breached later');
    assert.equal((await firstResponse(into.id)).breachedAt?.toString(), '2026-12-02T16:00:00Z');

    // The timelines: public on both; the merged request's words are on the other ticket.
    const intoEvents = await listTicketEvents({ ctx: m.desk.ctx(owner), input: { ticketId: into.id } });
    const mergedFrom = intoEvents.find((e) => e.type === 'merged_from')!;
    assert.deepEqual([mergedFrom.visibility, mergedFrom.body, mergedFrom.data], ['public', 'Our dashboard shows no media bar since 10:15', { ticket_id: from.id, number: from.number, subject: 'Nothing loads' }]);
    const fromEvents = await listTicketEvents({ ctx: m.desk.ctx(reporter), input: { ticketId: from.id } });
    const mergedInto = fromEvents.find((e) => e.type === 'merged_into')!;
    assert.deepEqual(mergedInto.data, { ticket_id: into.id, number: into.number });
    assert.equal(mergedInto.body, `Merged into ticket #${into.number} "Media bar down": the conversation continues there.`);
    assert.ok(fromEvents.some((e) => e.type === 'status_changed' && e.data.to === 'closed'));

    // The requester of the merged ticket is told, once, in its thread.
    const { rows: mail } = await m.desk.t.db.query<{ recipient: string; subject: string; body: string; payload: Record<string, unknown> }>(
      "SELECT recipient, subject, body, payload FROM outbox WHERE kind = 'ticket_merged'",
    );
    assert.equal(mail.length, 1);
    assert.deepEqual([mail[0].recipient, mail[0].subject, mail[0].payload.ticket_id, mail[0].payload.merged_into], [
      'reporter@customer.example', `Re: [#${from.number}] Nothing loads`, from.id, into.id,
    ]);
    assert.ok(mail[0].body.includes(`We continue on case #${into.number}.`));
    // The customer's word is the portal's: a case, never "ticket" (QA: mail and portal differed).
    assert.ok(mail[0].body.startsWith(`Your case #${from.number} "Nothing loads" is about the same matter as case #${into.number} `), mail[0].body);
    assert.doesNotMatch(mail[0].body, /ticket/i);

    // Webhooks: the status change and the merge, naming where it went; the description stays out.
    const { rows: hooks } = await m.desk.t.db.query<{ event_type: string; payload: any }>("SELECT event_type, payload FROM webhook_deliveries WHERE event_type IN ('ticket.merged', 'ticket.updated')");
    const merged = hooks.filter((h) => h.event_type === 'ticket.merged');
    assert.equal(merged.length, 1);
    assert.deepEqual([merged[0].payload.data.ticket.id, merged[0].payload.data.ticket.status, merged[0].payload.data.into], [from.id, 'closed', { id: into.id, number: into.number }]);
    assert.ok(hooks.some((h) => h.event_type === 'ticket.updated' && h.payload.data.ticket.id === from.id && h.payload.data.changes.status?.to === 'closed'));
    assert.ok(!JSON.stringify(hooks).includes('Our dashboard shows'));

    // Mail in the merged ticket's thread goes to the ticket merged into, from its own requester
    // (who is not a named contact, so could not otherwise write there).
    const { rows: notice } = await m.desk.t.db.query<{ id: string }>("SELECT id FROM outbox WHERE kind = 'ticket_merged'");
    const raw = [
      'From: Ray Porter <reporter@customer.example>', 'To: support@desk.example', `Subject: Re: [#${from.number}] Nothing loads`,
      `Message-ID: <${randomUUID()}@customer.example>`, `In-Reply-To: <outbox.${notice[0].id}@desk.example>`, 'Date: Wed, 02 Dec 2026 16:40:00 +0000',
      'Content-Type: text/plain; charset=utf-8', '', 'Still down here, 40 users affected.', '',
    ].join('\r\n');
    const taken = await m.deliver(Buffer.from(raw), 'reporter@customer.example');
    assert.equal(taken.status, 'appended');
    assert.equal(taken.ticketId, into.id);
    assert.match(taken.outcome, new RegExp(`about #${from.number}, merged into it`));
    const replies = (await listTicketEvents({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: into.id } })).filter((e) => e.type === 'reply');
    assert.equal(replies.at(-1)!.body?.trim(), 'Still down here, 40 users affected.');
  });

  it('a breach the merged ticket already had stands (Enterprise)', async () => {
    m.desk.clock.set('2026-12-02T12:00:00Z');
    const into = await open(m.contact1, 'Outage');
    const from = await open(m.contact1, 'Outage again'); // first response due 13:00
    m.desk.clock.set('2026-12-02T13:10:00Z');
    await mergeTicket({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: from.id, intoTicketId: into.id } });
    await sweepSlaClocks({ ctx: m.desk.system });
    const clock = await firstResponse(from.id);
    assert.deepEqual([clock.state, clock.breachedAt?.toString()], ['breached', '2026-12-02T13:00:00Z']);
  });

  it('reopens a solved ticket merged into, which holds an open request again', async () => {
    const into = await open(m.contact1, 'Login fails');
    await addReply({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: into.id, body: 'Fixed.' } });
    await updateTicket({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: into.id, status: 'solved' } });
    const from = await open(m.contact1, 'Login fails again');
    const result = await mergeTicket({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: from.id, intoNumber: into.number } });
    assert.equal(result.into.status, 'open');
    const events = await listTicketEvents({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: into.id } });
    assert.ok(events.some((e) => e.type === 'reopened' && e.data.from === 'solved' && e.data.to === 'open'));
  });

  it('refuses: itself, another organization\'s ticket, no such number, a closed or merged one, and a contact', async () => {
    const agent = m.desk.ctx(m.desk.agent);
    const a = await open(m.contact1, 'A');
    const b = await open(m.contact1, 'B');
    assert.deepEqual(await refusalOf(mergeTicket({ ctx: agent, input: { ticketId: a.id, intoTicketId: a.id } })), {
      message: 'a ticket cannot be merged into itself', details: [{ path: 'intoTicketId', message: 'is this ticket' }],
    });
    const [other] = (await m.desk.t.db.query<{ id: string }>('SELECT id FROM contacts WHERE organization_id = $1', [m.org2])).rows;
    const theirs = await open({ kind: 'contact', id: other.id, organizationId: m.org2 }, 'Theirs');
    assert.deepEqual((await refusalOf(mergeTicket({ ctx: agent, input: { ticketId: a.id, intoNumber: theirs.number } }))).details, [
      { path: 'intoNumber', message: "is another organization's ticket" },
    ]);
    assert.deepEqual((await refusalOf(mergeTicket({ ctx: agent, input: { ticketId: a.id, intoNumber: 2_000_000_000 } }))).details, [{ path: 'intoNumber', message: 'is no ticket' }]);
    assert.deepEqual((await refusalOf(mergeTicket({ ctx: agent, input: { ticketId: a.id } }))).details[0].path, 'intoTicketId');
    assert.deepEqual((await refusalOf(mergeTicket({ ctx: agent, input: { ticketId: a.id, intoTicketId: b.id, intoNumber: b.number } }))).details[0].path, 'intoTicketId');

    await mergeTicket({ ctx: agent, input: { ticketId: a.id, intoNumber: b.number } });
    await assert.rejects(mergeTicket({ ctx: agent, input: { ticketId: a.id, intoNumber: b.number } }), ConflictError, 'merged twice');
    const c = await open(m.contact1, 'C');
    assert.deepEqual((await refusalOf(mergeTicket({ ctx: agent, input: { ticketId: c.id, intoNumber: a.number } }))).details, [
      { path: 'intoNumber', message: 'was merged into another ticket: merge into that one' },
    ]);
    await assert.rejects(mergeTicket({ ctx: m.desk.ctx(m.contact1), input: { ticketId: c.id, intoNumber: b.number } }), ForbiddenError);
    // Nothing was written by the refusals: C is open and has no merge event.
    const cEvents = await listTicketEvents({ ctx: agent, input: { ticketId: c.id } });
    assert.ok(!cEvents.some((e) => e.type.startsWith('merged')));
  });
});
