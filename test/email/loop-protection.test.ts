// Mail-loop protection on the email channel. Loop headers: `X-Loop` (procmail, many ticket systems)
// or Exchange's `X-MS-Exchange-Inbox-Rules-Loop` naming one of our addresses is our own mail come
// back through a forwarding rule: ignored as our own, never a ticket; naming someone else's address
// it is a customer's rule, and the mail is a person's. Everything we send carries
// `X-Loop: <support address>`, so other systems see the loop too and we know it on the way back.
// A mail storm: more than the limit (20 by default, as Zendesk's) of messages from one address within
// an hour: those past it open nothing, get no answer, and are held for an admin, who releases one
// by processing it again. Numbers worked by hand in each test.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyInbound, composeMail, deliverDueMail, emailSettingsFor, parseEmail, retryInboundMessage, type ComposedMail, type MailSender, type OutboxRow } from '../../src/email/index.ts';
import { loadConfig } from '../../src/platform/index.ts';
import { openMailDesk, type MailDesk } from './support.ts';

const ours = { addresses: ['support@desk.example', 'billing@desk.example'], domain: 'desk.example' };
const head = (lines: string[]) => parseEmail(Buffer.from(`${lines.join('\r\n')}\r\n\r\nHello\r\n`));
const mail = (from: string, subject: string, extra: string[] = []) => Buffer.from([
  `From: ${from}`, 'To: support@desk.example', `Subject: ${subject}`, `Message-ID: <${randomUUID()}@sender.example>`, ...extra,
  'Content-Type: text/plain; charset=utf-8', '', 'Please help.', '',
].join('\r\n'));

describe('loop headers naming one of our addresses', () => {
  it('X-Loop naming the support address (any case, in brackets, with a name, +tagged) or a queue address is our own mail', async () => {
    const cases: Array<[string, string]> = [
      ['X-Loop: support@desk.example', 'X-Loop names our address support@desk.example: our own mail came back'],
      ['X-Loop: <Support@Desk.Example>', 'X-Loop names our address support@desk.example: our own mail came back'],
      ['X-Loop: OpenBack <support+billing@desk.example>', 'X-Loop names our address support+billing@desk.example: our own mail came back'],
      ['X-Loop: billing@desk.example', 'X-Loop names our address billing@desk.example: our own mail came back'],
      ['X-MS-Exchange-Inbox-Rules-Loop: support@desk.example', 'X-MS-Exchange-Inbox-Rules-Loop names our address support@desk.example: our own mail came back'],
    ];
    for (const [header, reason] of cases) {
      const parsed = await head(['From: ana@customer.example', 'Subject: Re: [#12] Keys fail', header]);
      assert.deepEqual(classifyInbound(parsed, 'ana@customer.example', '', ours), { kind: 'own', reason }, header);
    }
  });

  it('one X-Loop line of several naming us is enough; X-Loop naming only others is a person\'s mail', async () => {
    const both = await head(['From: ana@customer.example', 'Subject: x', 'X-Loop: helpdesk@customer.example', 'X-Loop: support@desk.example']);
    assert.equal(classifyInbound(both, null, '', ours).kind, 'own');
    for (const header of ['X-Loop: helpdesk@customer.example', 'X-MS-Exchange-Inbox-Rules-Loop: ana@customer.example', 'X-Loop: support@desk.example.evil.example', 'X-Loop: yes']) {
      const parsed = await head(['From: ana@customer.example', 'Subject: Help', header]);
      assert.equal(classifyInbound(parsed, null, '', ours).kind, 'person', header);
    }
  });

  it('everything we send carries X-Loop with the support address, automatic or a person\'s, and a row cannot set its own', () => {
    const settings = emailSettingsFor('Support@Desk.example', 'OpenBack');
    const row = (payload: Record<string, unknown>): OutboxRow => ({
      id: randomUUID(), kind: 'ticket_reply', recipient: 'ana@customer.example', subject: 's', body: 'b', payload, created_at: Temporal.Instant.from('2026-12-02T10:00:00Z'), attempts: 0,
    });
    assert.equal(composeMail(row({}), settings, null).headers['X-Loop'], 'support@desk.example');
    assert.equal(composeMail(row({ automatic: false }), settings, null).headers['X-Loop'], 'support@desk.example');
    const forged = composeMail(row({ headers: { 'X-Loop': 'elsewhere@example.com', 'x-loop': 'other@example.com' } }), settings, null).headers;
    assert.deepEqual(Object.entries(forged).filter(([k]) => k.toLowerCase() === 'x-loop'), [['X-Loop', 'support@desk.example']]);
  });
});

describe('loop headers on mail that reaches the desk', () => {
  let m: MailDesk;
  before(async () => { m = await openMailDesk(); });
  after(() => m.desk.close());
  const tickets = async () => (await m.desk.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets')).rows[0].n;

  it('our receipt redirected back by a customer\'s rule (new Message-ID, our X-Loop kept) is ignored as our own: no ticket, nothing sent', async () => {
    const { rows: [receipt] } = await m.desk.t.db.query<OutboxRow>('SELECT * FROM outbox WHERE id = $1', [m.receiptId]);
    const sent = composeMail(receipt, m.settings, null);
    const before = await tickets();
    const r = await m.deliver(mail('contact1@customer.example', sent.subject, [`X-Loop: ${sent.headers['X-Loop']}`]));
    assert.deepEqual([r.status, r.outcome, r.ticketId], ['ignored', 'Ignored: X-Loop names our address support@desk.example: our own mail came back', null]);
    assert.equal(await tickets(), before);
    const { rows } = await m.desk.t.db.query<{ automatic: string }>('SELECT automatic FROM inbound_messages WHERE id = $1', [r.id]);
    assert.equal(rows[0].automatic, 'X-Loop names our address support@desk.example: our own mail came back', 'the reason kept for admins');
  });

  it('a contact\'s mail a rule of their own forwarded (X-Loop naming their address) opens a ticket as any', async () => {
    const before = await tickets();
    const r = await m.deliver(mail('contact1@customer.example', 'Printer jams', ['X-Loop: helpdesk@customer.example']));
    assert.equal(r.status, 'created');
    assert.equal(await tickets(), before + 1);
  });
});

describe('a mail storm from one address, limit 20 an hour', () => {
  let m: MailDesk;
  const sent: ComposedMail[] = [];
  const sender: MailSender = { kind: 'capture', send: async (composed) => (sent.push(composed), { sent: true }), close: () => {} };
  const deliverOut = () => deliverDueMail({ ctx: m.desk.system, settings: { email: m.settings, sender, random: () => 0 } });
  const STORM = 'colleague@customer.example'; // Bea Colleague, a named contact of Org 1 with no ticket yet (support.ts)
  const tickets = async () => (await m.desk.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets')).rows[0].n;
  const toStorm = async () => (await m.desk.t.db.query<{ status: string }>('SELECT status FROM outbox WHERE recipient = $1 ORDER BY created_at, id', [STORM])).rows;
  let held = '';

  // Wednesday 2 December 2026, 10:00 UTC.
  before(async () => { m = await openMailDesk('openback', '2026-12-02T10:00:00Z'); });
  after(() => m.desk.close());

  it('the default is 20 an hour, and ACCORD_MAIL_LOOP_LIMIT sets it', () => {
    assert.equal(m.settings.mailLoopLimit, 20);
    assert.equal(loadConfig({}).email.mailLoopLimit, 20);
    assert.equal(loadConfig({ ACCORD_MAIL_LOOP_LIMIT: '50' }).email.mailLoopLimit, 50);
    assert.throws(() => loadConfig({ ACCORD_MAIL_LOOP_LIMIT: '0' }), /ACCORD_MAIL_LOOP_LIMIT/);
  });

  it('20 messages at 10:00 each open a ticket; 5 receipts go out (the automatic-answer limit), 15 are kept unsent', async () => {
    const before = await tickets();
    for (let i = 1; i <= 20; i++) assert.equal((await m.deliver(mail(`Bea Colleague <${STORM}>`, `Storm ${i}`))).status, 'created', `message ${i}`);
    assert.equal(await tickets(), before + 20);
    await deliverOut();
    const statuses = (await toStorm()).map((r) => r.status);
    assert.deepEqual([statuses.length, statuses.filter((s) => s === 'sent').length, statuses.filter((s) => s === 'suppressed').length], [20, 5, 15]);
  });

  it('the 21st, at 10:59, is held: no ticket, no answer, the reason for admins', async () => {
    m.desk.clock.set('2026-12-02T10:59:00Z');
    const before = await tickets();
    const r = await m.deliver(mail(`Bea Colleague <${STORM}>`, 'Storm 21'));
    assert.equal(r.status, 'held');
    assert.equal(r.ticketId, null);
    assert.equal(r.outcome, `Held: mail loop suspected: 21 messages from ${STORM} in the last hour (more than 20); no ticket opened and nothing sent: process it again to take it`);
    assert.equal(await tickets(), before);
    assert.equal((await toStorm()).length, 20, 'nothing more queued to the sender');
    held = r.id;
  });

  it('another address at 10:59 is not held: the limit is per sender', async () => {
    assert.equal((await m.deliver(mail('contact1@customer.example', 'Unrelated'))).status, 'created');
  });

  it('at 11:01, 61 minutes after the first 20, a message is taken again (the hour before it holds 1, the held one)', async () => {
    m.desk.clock.set('2026-12-02T11:01:00Z');
    const before = await tickets();
    const r = await m.deliver(mail(`Bea Colleague <${STORM}>`, 'Storm 22'));
    assert.equal(r.status, 'created');
    assert.equal(await tickets(), before + 1);
    // Its receipt goes out: none was sent to the address since 10:01 (the automatic-answer limit counts 60 minutes).
    await deliverOut();
    const statuses = (await toStorm()).map((r) => r.status);
    assert.deepEqual([statuses.length, statuses.filter((s) => s === 'sent').length], [21, 6]);
  });

  it('an admin releases the held one by processing it again: a ticket, though the hour before it still holds 21', async () => {
    const before = await tickets();
    const r = await retryInboundMessage({ ctx: m.desk.ctx(m.desk.admin), settings: m.settings, input: { inboundId: held } });
    assert.equal(r.status, 'created');
    assert.equal(await tickets(), before + 1);
  });

  it('a storm past the limit while the sender keeps writing stays held: the held messages count', async () => {
    // 11:30: the hour before, (10:30, 11:30], holds 2 from this address (10:59, released; 11:01); 18 more make 20.
    m.desk.clock.set('2026-12-02T11:30:00Z');
    for (let i = 1; i <= 18; i++) assert.equal((await m.deliver(mail(STORM, `Again ${i}`))).status, 'created', `again ${i}`);
    assert.equal((await m.deliver(mail(STORM, 'Again 19'))).status, 'held', '21 in the hour');
    m.desk.clock.set('2026-12-02T11:58:00Z');
    assert.equal((await m.deliver(mail(STORM, 'Again 20'))).status, 'held', '(10:58, 11:58]: 2 + 19 + this one, 22');
    // 12:02: (11:02, 12:02] holds the 19 of 11:30 (18 taken, 1 held) and the one of 11:58 (held): this one makes 21.
    // Counting only those taken it would be 18 + 1, 19, and a loop would leak 20 tickets an hour.
    m.desk.clock.set('2026-12-02T12:02:00Z');
    const r = await m.deliver(mail(STORM, 'Again 21'));
    assert.equal(r.status, 'held');
    assert.match(r.outcome, /^Held: mail loop suspected: 21 messages from colleague@customer\.example in the last hour/);
  });

  it("a stranger's storm marked as spam where it came in stays dismissed, never put before admins as held", async () => {
    // 12:10: none from this address before; the 21st and 22nd are past the limit, dismissed as the first 20.
    m.desk.clock.set('2026-12-02T12:10:00Z');
    const statuses = [];
    for (let i = 1; i <= 22; i++) statuses.push((await m.deliver(mail('offers@spam.example', `Offer ${i}`, ['X-Spam-Flag: YES']))).status);
    assert.deepEqual([...new Set(statuses)], ['dismissed']);
  });
});
