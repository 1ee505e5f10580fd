// The retention schedule (privacy/retention.ts), on OpenBack Enterprise, worked out by hand: kept
// 30 days. A ticket closed on 2 December 2026 at 10:00 UTC is past it on 2 January 2027 at 10:00
// (31 days later); one closed on 20 December is not (13 days), nor an open one. Mail that needed
// nothing (an automatic reply, ignored) from 2 December goes; a stranger's held mail waits for a person.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emailSettingsFor, processInbound, storeInbound } from '../../src/email/index.ts';
import { handleRetention } from '../../src/jobs/retention-job.ts';
import { silentLogger } from '../../src/platform/index.ts';
import { applyRetention } from '../../src/privacy/index.ts';
import { createArticle, voteOnArticle } from '../../src/kb/index.ts';
import { addReply, createTicket, reviewHeldRequest, updateTicket } from '../../src/tickets/index.ts';
import { createContact } from '../../src/customers/index.ts';
import { createWebhook } from '../../src/webhooks/index.ts';
import { suiteDesk } from '../support/desk.ts';

describe('the retention schedule, OpenBack', () => {
  const s = suiteDesk('openback', 'enterprise', '2026-12-02T09:00:00Z');
  const db = () => s.desk.t.db;
  const KEEP = { ticketDays: 30, mailDays: 30 };

  it('erases the words of tickets closed longer ago than the schedule keeps them, deletes mail that needed nothing, and nothing else', async () => {
    const d = s.desk;
    const open = (subject: string) => createTicket({ ctx: d.ctx(s.org.contact), input: { subject, description: `About ${subject}`, severity: 3 } });
    await createWebhook({ ctx: d.ctx(d.admin), input: { url: 'https://hooks.example.com/retention', events: ['ticket.erased'] }, settings: { allowPrivate: false } });
    const old = await open('Old VPN trouble');
    await addReply({ ctx: d.ctx(d.agent), input: { ticketId: old.id, body: 'Try the new profile, please.' } });
    d.clock.set('2026-12-02T10:00:00Z');
    await updateTicket({ ctx: d.ctx(d.agent), input: { ticketId: old.id, status: 'closed' } });
    const recent = await open('Recent printer trouble');
    const stillOpen = await open('Still open');
    d.clock.set('2026-12-20T10:00:00Z');
    await updateTicket({ ctx: d.ctx(d.agent), input: { ticketId: recent.id, status: 'closed' } });
    const settings = emailSettingsFor('support@accord.localhost');
    const mail = async (from: string, subject: string, extra = '') => {
      const raw = Buffer.from(`From: ${from}\r\nTo: support@accord.localhost\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@x.example>\r\n${extra}\r\nHello.\r\n`);
      const id = (await storeInbound(db(), d.clock, raw, { source: 'smtp', envelopeFrom: from, envelopeTo: ['support@accord.localhost'] }))!;
      return { id, status: (await processInbound({ ctx: d.system, settings, inboundId: id }))!.status };
    };
    d.clock.set('2026-12-02T11:00:00Z');
    const automatic = await mail('robot@customer.example', 'Out of office', 'Auto-Submitted: auto-replied\r\n');
    const held = await mail('stranger@elsewhere.example', 'Who are you');
    assert.deepEqual([automatic.status, held.status], ['ignored', 'held']);
    const clocksBefore = (await db().query('SELECT metric, due_at, met_at, state FROM sla_clocks WHERE ticket_id = $1 ORDER BY metric, due_at', [old.id])).rows;

    d.clock.set('2027-01-02T10:00:01Z');
    assert.deepEqual(await applyRetention({ ctx: d.system, settings: KEEP }), { ticketsErased: 1, heldRequestsCleared: 0, commentsCleared: 0, mailDeleted: 1 });
    const words = async (id: string) => (await db().query<{ subject: string; description: string }>('SELECT subject, description FROM tickets WHERE id = $1', [id])).rows[0];
    assert.deepEqual(await words(old.id), { subject: '[erased]', description: '[erased]' });
    assert.deepEqual(await words(recent.id), { subject: 'Recent printer trouble', description: 'About Recent printer trouble' });
    assert.deepEqual(await words(stillOpen.id), { subject: 'Still open', description: 'About Still open' });
    const { rows: events } = await db().query<{ type: string; actor_kind: string; body: string | null }>('SELECT type, actor_kind, body FROM ticket_events WHERE ticket_id = $1 ORDER BY at, seq', [old.id]);
    assert.deepEqual(events.filter((e) => e.body !== null && e.body !== '[erased]' && e.type !== 'erased'), []);
    assert.deepEqual(events.at(-1), {
      type: 'erased', actor_kind: 'system',
      body: "Closed more than 30 days ago: the words and files of this ticket were erased as the desk's retention schedule says; its history stays.",
    });
    assert.deepEqual((await db().query('SELECT metric, due_at, met_at, state FROM sla_clocks WHERE ticket_id = $1 ORDER BY metric, due_at', [old.id])).rows, clocksBefore);
    const { rows: left } = await db().query<{ id: string }>('SELECT id FROM inbound_messages WHERE id = ANY($1::uuid[])', [[automatic.id, held.id]]);
    assert.deepEqual(left.map((r) => r.id), [held.id], 'held mail waits for a person');
    // Integrations are told which ticket's words went (ids only), to erase their copies.
    const { rows: told } = await db().query<{ payload: any }>("SELECT payload FROM webhook_deliveries WHERE event_type = 'ticket.erased'");
    assert.deepEqual(told.map((t) => t.payload.data), [{ ticket_id: old.id, number: Number(old.number), erased_at: '2027-01-02T10:00:01Z' }]);
    // Run again: nothing more; the job says the same.
    assert.equal((await handleRetention({ db: db(), clock: d.clock, logger: silentLogger(), settings: KEEP })).ticketsErased, 0);
    // Off: nothing at all, however old.
    d.clock.set('2030-01-01T00:00:00Z');
    assert.deepEqual(await applyRetention({ ctx: d.system, settings: { ticketDays: null, mailDays: null } }), { ticketsErased: 0, heldRequestsCleared: 0, commentsCleared: 0, mailDeleted: 0 });
    assert.equal((await words(recent.id)).subject, 'Recent printer trouble');
  });

  it('clears the comments readers left on articles longer ago than the schedule keeps words, keeping their votes', async () => {
    const d = s.desk;
    d.clock.set('2027-02-01T09:00:00Z');
    const article = await createArticle({ ctx: d.ctx(d.admin), input: { title: 'Android push setup', bodyMarkdown: 'Steps.', visibility: 'public' } });
    const vote = (who: ReturnType<typeof d.ctx>, comment: string) => voteOnArticle({ ctx: who, input: { articleId: article.id, helpful: false, comment } });
    await vote(d.ctx(s.org.contact), 'Nothing about Android 15');
    d.clock.set('2027-02-20T09:00:00Z');
    await vote(d.ctx(d.agent), 'Missing the token step');
    const comments = async () => (await db().query<{ helpful: boolean; comment: string | null }>('SELECT helpful, comment FROM kb_article_feedback WHERE article_id = $1 ORDER BY created_at', [article.id])).rows;
    // 3 March 09:00:01 is 30 days and a second after 1 February: the first comment goes; the second (11 days old) stays.
    // (The ticket closed on 20 December is now past the 30 days too: its words go in the same run.)
    d.clock.set('2027-03-03T09:00:01Z');
    assert.deepEqual(await applyRetention({ ctx: d.system, settings: KEEP }), { ticketsErased: 1, heldRequestsCleared: 0, commentsCleared: 1, mailDeleted: 0 });
    assert.deepEqual(await comments(), [{ helpful: false, comment: null }, { helpful: false, comment: 'Missing the token step' }]);
    // Off: kept, however old.
    d.clock.set('2030-01-01T00:00:00Z');
    assert.deepEqual(await applyRetention({ ctx: d.system, settings: { ticketDays: null, mailDays: 30 } }), { ticketsErased: 0, heldRequestsCleared: 0, commentsCleared: 0, mailDeleted: 0 });
    assert.equal((await comments())[1]!.comment, 'Missing the token step');
  });

  it("erases the managers' notice of a held request with the words of the ticket it became", async () => {
    const d = s.desk;
    d.clock.set('2031-01-05T10:00:00Z');
    const nat = await createContact({ ctx: d.ctx(d.admin), input: { organizationId: s.org.id, name: 'Nat', email: 'nat@retention.example' } });
    await assert.rejects(createTicket({ ctx: d.ctx({ kind: 'contact', id: nat.id, organizationId: s.org.id }), input: { subject: 'Patient records fail', description: 'Jane Roe, DOB 1970-01-01', severity: 3 } }));
    const { rows: [held] } = await db().query<{ id: string }>("SELECT id FROM held_requests WHERE requester_id = $1", [nat.id]);
    const { rows: quoted } = await db().query<{ id: string; body: string }>("SELECT id, body FROM outbox WHERE kind = 'held_notice' AND payload->>'held_request_id' = $1", [held.id]);
    assert.ok(quoted.length > 0 && quoted.every((n) => n.body.includes('Jane Roe')), "the managers' notice quotes the request");
    const notices = async () => (await db().query<{ body: string }>('SELECT body FROM outbox WHERE id = ANY($1::uuid[])', [quoted.map((n) => n.id)])).rows;
    const accepted = await reviewHeldRequest({ ctx: d.ctx(d.manager), input: { heldRequestId: held.id, decision: 'accept' } });
    await updateTicket({ ctx: d.ctx(d.agent), input: { ticketId: accepted.ticket!.id, status: 'closed' } });
    d.clock.set('2031-02-05T10:00:01Z'); // 31 days on
    await applyRetention({ ctx: d.system, settings: KEEP });
    const after = await notices();
    assert.ok(after.length > 0 && after.every((n) => n.body === '[erased]'), JSON.stringify(after));
  });

  it('clears the words of a request dismissed longer ago than the schedule keeps words, and of the mail about it; a request still held waits', async () => {
    const d = s.desk;
    d.clock.set('2031-03-01T10:00:00Z');
    const kim = await createContact({ ctx: d.ctx(d.admin), input: { organizationId: s.org.id, name: 'Kim', email: 'kim@retention.example' } });
    const ask = (subject: string, description: string) => assert.rejects(createTicket({ ctx: d.ctx({ kind: 'contact', id: kim.id, organizationId: s.org.id }), input: { subject, description, severity: 3 } }));
    await ask('Invoice question', 'Card ending 4242');
    await ask('Export fails', 'Patient list for Ward 7');
    // And by mail: held as it came, the mail kept with the request.
    const raw = Buffer.from('From: kim@retention.example\r\nTo: support@accord.localhost\r\nSubject: Refund please\r\nMessage-ID: <refund-kim@x.example>\r\n\r\nRefund for card 4242.\r\n');
    const inboundId = (await storeInbound(db(), d.clock, raw, { source: 'smtp', envelopeFrom: 'kim@retention.example', envelopeTo: ['support@accord.localhost'] }))!;
    assert.equal((await processInbound({ ctx: d.system, settings: emailSettingsFor('support@accord.localhost'), inboundId }))!.status, 'held');
    const heldAbout = async (subject: string) => (await db().query<{ id: string }>("SELECT id FROM held_requests WHERE requester_id = $1 AND request->>'subject' = $2", [kim.id, subject])).rows[0];
    const [dismissed, waiting] = [await heldAbout('Invoice question'), await heldAbout('Export fails')];
    const mailed = await heldAbout('Refund please');
    const mailKept = async () => (await db().query('SELECT 1 FROM inbound_messages WHERE id = $1', [inboundId])).rows.length;
    const requestOf = async (id: string) => (await db().query<{ status: string; reason: string; request: Record<string, unknown>; review_note: string | null; reviewed_at: unknown }>(
      'SELECT status, reason, request, review_note, reviewed_at FROM held_requests WHERE id = $1', [id])).rows[0]!;
    assert.equal((await requestOf(dismissed!.id)).request.subject, 'Invoice question');
    d.clock.set('2031-03-02T10:00:00Z');
    await reviewHeldRequest({ ctx: d.ctx(d.manager), input: { heldRequestId: dismissed!.id, decision: 'dismiss', note: 'Kim asked about card 4242; told to ask a named contact' } });
    await reviewHeldRequest({ ctx: d.ctx(d.manager), input: { heldRequestId: mailed!.id, decision: 'dismiss' } });
    const before = await requestOf(dismissed!.id);
    const notices = async (id: string) => (await db().query<{ body: string; subject: string }>("SELECT subject, body FROM outbox WHERE payload->>'held_request_id' = $1", [id])).rows;
    assert.ok((await notices(dismissed!.id)).some((n) => n.body.includes('Card ending 4242')), "the managers' notice quotes the request");
    // Dismissed 2 March 10:00; 30 days on is 1 April 10:00 (March has 31 days). A second before: kept.
    d.clock.set('2031-04-01T09:59:59Z');
    assert.equal((await applyRetention({ ctx: d.system, settings: KEEP })).heldRequestsCleared, 0);
    assert.equal((await requestOf(dismissed!.id)).request.subject, 'Invoice question');
    d.clock.set('2031-04-01T10:00:01Z');
    assert.equal(await mailKept(), 1);
    assert.equal((await applyRetention({ ctx: d.system, settings: KEEP })).heldRequestsCleared, 2);
    // The mailed one: its request and the mail it came as are gone.
    assert.deepEqual((await requestOf(mailed!.id)).request, {});
    assert.equal(await mailKept(), 0);
    // What was asked and the note go; who decided what, when and why it was held stay.
    assert.deepEqual(await requestOf(dismissed!.id), { ...before, request: {}, review_note: null });
    const erased = await notices(dismissed!.id);
    assert.ok(erased.length > 0 && erased.every((n) => n.subject === '[erased]' && n.body === '[erased]'), JSON.stringify(erased));
    // Still held: it waits for a person, words and all.
    assert.equal((await requestOf(waiting!.id)).status, 'held');
    assert.equal((await requestOf(waiting!.id)).request.subject, 'Export fails');
    assert.ok((await notices(waiting!.id)).some((n) => n.body.includes('Patient list for Ward 7')));
    // Once: the next run finds nothing more.
    assert.equal((await applyRetention({ ctx: d.system, settings: KEEP })).heldRequestsCleared, 0);
  });
});
