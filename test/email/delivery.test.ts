// Delivering the outbox to a real SMTP server on loopback: every row is sent with a Message-ID
// made from its id; an outage that refuses for a while loses nothing and sends nothing twice; a
// crash between sending and recording sends at most one duplicate, with the same Message-ID; a
// 5xx fails at once; the per-recipient limit on automatic replies holds; any row is sent
// generically, with the HTML and headers another domain puts in its payload.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { claimDueMail, CLAIM, deliverDueMail, emailSettingsFor, smtpSender, type MailSender } from '../../src/email/index.ts';
import { queueMessage } from '../../src/outbox/index.ts';
import { addReply, createTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { startSink, type Sink } from './sink.ts';

const settings = emailSettingsFor('support@desk.example', 'OpenBack');

describe('outbox delivery over SMTP', () => {
  let desk: Desk;
  let sink: Sink;
  let sender: MailSender;
  const run = () => deliverDueMail({ ctx: desk.system, settings: { email: settings, sender, random: () => 0 } });
  const statusOf = async (id: string) =>
    (await desk.t.db.query<{ status: string; attempts: number; last_error: string | null; message_id: string | null }>('SELECT status, attempts, last_error, message_id FROM outbox WHERE id = $1', [id])).rows[0];
  const queue = async (m: Partial<Parameters<typeof queueMessage>[1]> = {}) => {
    const dedupeKey = randomUUID();
    await queueMessage(desk.t.db, { kind: 'sla_warning', recipient: 'manager@vendor.example', subject: 'Warning', body: 'Ticket #1 nears its target.', createdAt: desk.clock.now(), dedupeKey, ...m });
    return (await desk.t.db.query<{ id: string }>('SELECT id FROM outbox WHERE dedupe_key = $1', [dedupeKey])).rows[0].id;
  };

  before(async () => {
    desk = await openDesk('openback', '2026-12-02T10:00:00Z');
    sink = await startSink();
    sender = smtpSender(sink.url, { timeoutMs: 5_000 });
  });
  after(async () => {
    sender.close();
    await sink.close();
    await desk.close();
  });
  beforeEach(async () => {
    sink.received.length = 0;
    sink.refuseWith = null;
    // Each test sees only its own rows.
    await desk.t.db.query("UPDATE outbox SET status = 'sent' WHERE status = 'pending'");
  });

  it('sends a row with a Message-ID made from its id, Auto-Submitted on automatic mail, text and HTML', async () => {
    const id = await queue();
    assert.deepEqual(await run(), { sent: 1, retrying: 0, failed: 0, suppressed: 0 });
    assert.equal(sink.received.length, 1);
    const m = sink.received[0];
    assert.equal(m.messageId, `<outbox.${id}@desk.example>`);
    assert.deepEqual([m.from, m.to, m.subject], ['support@desk.example', ['manager@vendor.example'], 'Warning']);
    assert.equal(m.headers.get('auto-submitted'), 'auto-generated');
    assert.match(m.raw, /Content-Type: multipart\/alternative/);
    assert.equal(m.text, 'Ticket #1 nears its target.');
    assert.match(m.html, /<p style="margin:0 0 1em">Ticket #1 nears its target\.<\/p>/);
    assert.deepEqual(await statusOf(id), { status: 'sent', attempts: 1, last_error: null, message_id: `<outbox.${id}@desk.example>` });
    assert.deepEqual(await run(), { sent: 0, retrying: 0, failed: 0, suppressed: 0 }, 'a sent row is not sent again');
  });

  it('an outage that refuses for a while loses nothing and sends nothing twice', async () => {
    const ids = [await queue(), await queue(), await queue()];
    sink.refuseWith = 421;
    assert.deepEqual(await run(), { sent: 0, retrying: 3, failed: 0, suppressed: 0 });
    for (const id of ids) assert.match((await statusOf(id)).last_error!, /^421 /);
    desk.clock.advance({ seconds: 30 });
    assert.deepEqual(await run(), { sent: 0, retrying: 0, failed: 0, suppressed: 0 }, 'not before the backoff (1 minute)');
    desk.clock.advance({ seconds: 31 });
    assert.deepEqual(await run(), { sent: 0, retrying: 3, failed: 0, suppressed: 0 }, 'second attempt, still refused');
    sink.refuseWith = null;
    desk.clock.advance({ minutes: 5, seconds: 1 });
    assert.deepEqual(await run(), { sent: 3, retrying: 0, failed: 0, suppressed: 0 });
    assert.deepEqual(sink.received.map((m) => m.messageId).sort(), ids.map((id) => `<outbox.${id}@desk.example>`).sort());
    for (const id of ids) assert.equal((await statusOf(id)).attempts, 3);
  });

  it('a crash between sending and recording sends at most one duplicate, with the same Message-ID', async () => {
    const id = await queue();
    // A worker claims the row and sends it, then dies before recording (nothing is written back).
    const [claimed] = await claimDueMail(desk.t.db, desk.clock.now(), 10);
    assert.equal(claimed.id, id);
    const first = await sender.send({ from: { name: 'x', address: 'support@desk.example' }, to: claimed.recipient, subject: claimed.subject, text: claimed.body, html: '', messageId: `<outbox.${id}@desk.example>`, date: new Date(), headers: {} }, id);
    assert.deepEqual(first, { sent: true });
    assert.deepEqual(await run(), { sent: 0, retrying: 0, failed: 0, suppressed: 0 }, 'nothing while the dead worker\'s claim holds');
    desk.clock.advance(CLAIM.add({ seconds: 1 }));
    assert.deepEqual(await run(), { sent: 1, retrying: 0, failed: 0, suppressed: 0 });
    assert.deepEqual(sink.received.map((m) => m.messageId), [`<outbox.${id}@desk.example>`, `<outbox.${id}@desk.example>`]);
    assert.deepEqual(await run(), { sent: 0, retrying: 0, failed: 0, suppressed: 0 });
  });

  it('a shorter claim (ACCORD_MAIL_CLAIM_SECONDS) brings a dead worker\'s rows back sooner', async () => {
    const id = await queue();
    const claim = Temporal.Duration.from({ seconds: 15 });
    // A worker that claims the row and never comes back from the relay: as good as dead.
    const hung: MailSender = { kind: 'smtp', send: () => new Promise(() => {}), close: () => {} };
    void deliverDueMail({ ctx: desk.system, settings: { email: settings, sender: hung, claim } });
    for (let i = 0; i < 500 && (await statusOf(id)).attempts === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const live = () => deliverDueMail({ ctx: desk.system, settings: { email: settings, sender, random: () => 0, claim } });
    desk.clock.advance({ seconds: 14 });
    assert.deepEqual(await live(), { sent: 0, retrying: 0, failed: 0, suppressed: 0 }, 'the claim holds for 15 s');
    desk.clock.advance({ seconds: 2 });
    assert.deepEqual(await live(), { sent: 1, retrying: 0, failed: 0, suppressed: 0 });
    assert.deepEqual(await statusOf(id), { status: 'sent', attempts: 2, last_error: null, message_id: `<outbox.${id}@desk.example>` });
  });

  it('a permanent refusal (5xx) fails the row at once, with the relay\'s answer', async () => {
    const id = await queue();
    sink.refuseWith = 550;
    assert.deepEqual(await run(), { sent: 0, retrying: 0, failed: 1, suppressed: 0 });
    assert.match((await statusOf(id)).last_error!, /^550 /);
  });

  it('sends any row generically: payload.html and payload.headers are used, reserved headers are not overridden', async () => {
    await queue({
      kind: 'sla_breach', recipient: 'subscriber@customer.example', subject: 'Incident: API degraded',
      payload: { html: '<p>Custom <b>status</b> page mail</p>', headers: { 'List-Unsubscribe': '<https://status.example/u/1>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'Message-ID': '<evil@x>', 'X-Bad': 'a\r\nBcc: x@y' } },
    });
    await run();
    const m = sink.received[0];
    assert.match(m.raw, /^List-Unsubscribe: <https:\/\/status\.example\/u\/1>\r$/m);
    assert.match(m.raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    assert.match(m.messageId, /^<outbox\./);
    assert.equal(m.headers.get('x-bad'), undefined);
    assert.equal(m.html, '<p>Custom <b>status</b> page mail</p>');
  });

  it('ticket mail is threaded on one root per ticket; a person\'s reply is not marked automatic', async () => {
    const org = await desk.addOrganization('enterprise');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Keys fail', description: 'Rooms stay locked', severity: 2 } });
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'We are on it.' } });
    await run();
    const [receipt, reply] = [sink.received.find((m) => m.subject === `[#${t.number}] Keys fail`)!, sink.received.find((m) => m.subject === `Re: [#${t.number}] Keys fail`)!];
    const root = `<ticket.${t.id}@desk.example>`;
    for (const m of [receipt, reply]) {
      assert.equal(m.headers.get('in-reply-to'), root);
      assert.equal(m.headers.get('references'), root);
    }
    assert.equal(receipt.headers.get('auto-submitted'), 'auto-generated');
    assert.equal(reply.headers.get('auto-submitted'), undefined);
    // The words, then the link to the case in the portal, under the desk's address (the settings' default here).
    assert.equal(reply.text, `We are on it.\n\nCase #${t.number} in the support portal: http://localhost:3000/portal/cases/${t.id}`);
  });

  it('an address gets at most 5 automatic replies to its mail an hour; the rest are kept, suppressed, with the reason', async () => {
    const org = await desk.addOrganization('enterprise');
    for (let i = 0; i < 7; i++) await createTicket({ ctx: desk.ctx(org.contact), input: { subject: `Loop ${i}`, description: 'x', severity: 3, channel: 'email' } });
    // Receipts of requests made in the web form are not answers to mail: not limited.
    await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'By the web form', description: 'x', severity: 3 } });
    assert.deepEqual(await run(), { sent: 6, retrying: 0, failed: 0, suppressed: 2 });
    const { rows } = await desk.t.db.query<{ last_error: string }>("SELECT last_error FROM outbox WHERE status = 'suppressed' AND recipient LIKE 'contact%'");
    assert.deepEqual(rows.map((r) => r.last_error), Array(2).fill('automatic reply limit: 5 to this address in 60 minutes'));
    desk.clock.advance({ minutes: 61 });
    await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'An hour later', description: 'x', severity: 3, channel: 'email' } });
    assert.equal((await run()).sent, 1);
  });

  it('the limit counts each answer once when a run records some of them before deciding on the rest', async () => {
    desk.clock.advance({ hours: 2 });
    const org = await desk.addOrganization('enterprise');
    const other = await desk.addOrganization('enterprise');
    // A mail's receipt answers that mail (held to the limit); a portal case's answers none (OpenBack files it as Email).
    const open = async (who: typeof org, how: 'mail' | 'portal') => {
      desk.clock.advance({ seconds: 1 });
      await createTicket({ ctx: desk.ctx(who.contact), input: { subject: 'x', description: 'y', severity: 3, channel: 'email' }, options: { portal: how === 'portal' } });
    };
    // 3 answers, then 20 receipts to someone else (recorded together), then 4 more answers: 5 go, 2 wait.
    for (let i = 0; i < 3; i++) await open(org, 'mail');
    for (let i = 0; i < 20; i++) await open(other, 'portal');
    for (let i = 0; i < 4; i++) await open(org, 'mail');
    assert.deepEqual(await run(), { sent: 25, retrying: 0, failed: 0, suppressed: 2 });
  });
});
