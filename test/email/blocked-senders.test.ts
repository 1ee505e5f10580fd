// Blocked senders (email/blocked-senders.ts): a stranger's mail from a blocked address, or from anyone
// at a blocked domain or its subdomains, arrives dismissed, kept whole, the block named and counted;
// contacts and agents are never blocked; the desk's own address and domain, a contact's or an
// agent's address, a top-level domain and anything not an address or domain are refused naming the
// field; blocking from a held message dismisses it too; unblocking lets the next mail be held again.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { blockSender, blockSenderOf, listBlockedSenders, listInboundMessages, retryInboundMessage, unblockSender } from '../../src/email/index.ts';
import { openMailDesk, type MailDesk } from './support.ts';

const mail = (from: string, subject: string, extra: string[] = []) => Buffer.from([
  `From: ${from}`, 'To: support@desk.example', `Subject: ${subject}`, `Message-ID: <${subject.replace(/\W/g, '')}.${from.replace(/\W/g, '')}@sender>`, ...extra,
  'Content-Type: text/plain; charset=utf-8', '', `About: ${subject}`, '',
].join('\r\n'));

describe('blocked senders, OpenBack', () => {
  let m: MailDesk;
  before(async () => {
    m = await openMailDesk();
  });
  after(() => m.desk.close());

  const admin = () => m.desk.ctx(m.desk.admin);
  const refusal = (code: string, path?: string, message?: RegExp) => (e: { code: string; details: Array<{ path: string; message: string }> }) => {
    assert.equal(e.code, code);
    if (path) assert.deepEqual(e.details.map((d) => d.path), [path]);
    if (message) assert.match(e.details[0].message, message);
    return true;
  };

  it("a stranger's held mail: blocking its sender dismisses it, and their next mail arrives dismissed, the block named and counted", async () => {
    const first = await m.deliver(mail('Sales Bot <bot@leads.example>', 'Grow your pipeline'));
    assert.equal(first.status, 'held');
    m.desk.clock.advance({ minutes: 1 });
    const { block, message } = await blockSenderOf({ ctx: admin(), settings: m.settings, input: { inboundId: first.id, reason: 'cold sales' } });
    assert.deepEqual([block.pattern, block.kind, block.reason, block.createdBy, block.dismissed], ['bot@leads.example', 'address', 'cold sales', 'admin@vendor.example', 0]);
    assert.equal(message.status, 'dismissed');
    assert.match(message.outcome!, /^Dismissed by admin@vendor\.example: sender blocked \(bot@leads\.example\), cold sales\. Before: Held for review: bot@leads\.example is not a contact/);
    m.desk.clock.advance({ minutes: 30 });
    const next = await m.deliver(mail('bot@leads.example', 'Still there?'));
    assert.equal(next.status, 'dismissed');
    assert.equal(next.outcome, 'Dismissed: bot@leads.example is blocked (bot@leads.example, since 2026-12-02 10:01 UTC: cold sales); kept: unblock the sender and process it again to take it');
    // A colleague of theirs is not blocked by the address.
    assert.equal((await m.deliver(mail('ann@leads.example', 'Hello'))).status, 'held');
    const [listed] = await listBlockedSenders({ ctx: admin() });
    assert.deepEqual([listed.dismissed, listed.lastDismissedAt?.toString()], [1, '2026-12-02T10:31:00Z']);
    const { rows: audit } = await m.desk.t.db.query<{ type: string; data: Record<string, unknown> }>("SELECT type, data FROM audit_events WHERE type LIKE 'email.sender_%'");
    assert.deepEqual(audit, [{ type: 'email.sender_blocked', data: { pattern: 'bot@leads.example', kind: 'address', reason: 'cold sales' } }]);
  });

  it('a domain blocks everyone there and at its subdomains, never a contact there; the list counts the contacts it spares', async () => {
    const block = await blockSender({ ctx: admin(), settings: m.settings, input: { sender: '@Spam.Example' } });
    assert.deepEqual([block.pattern, block.kind, block.contactsThere], ['spam.example', 'domain', 0]);
    assert.equal((await m.deliver(mail('a@spam.example', 'One'))).status, 'dismissed');
    assert.equal((await m.deliver(mail('b@mail.spam.example', 'Two'))).status, 'dismissed');
    assert.equal((await m.deliver(mail('c@notspam.example', 'Three'))).status, 'held', 'another domain ending in the same letters');
    // A From that failed DMARC is no proven sender, but the block asks nothing of it: dismissed; unblocked, it would be held as forged.
    const forged = ['Authentication-Results: mx.desk.example; dmarc=fail header.from=spam.example'];
    assert.equal((await m.deliver(mail('d@spam.example', 'Four', forged))).status, 'dismissed');
    const unproven = await m.deliver(mail('e@elsewhere.example', 'Five', forged));
    assert.deepEqual([unproven.status, unproven.outcome], ['held', 'Held: DMARC failed for e@elsewhere.example, so the sender is not proven; a person decides']);
    // The customer's own domain: three contacts there (contact1, contact2, colleague), whose mail goes on.
    const theirs = await blockSender({ ctx: admin(), settings: m.settings, input: { sender: 'customer.example', reason: 'a test' } });
    assert.equal(theirs.contactsThere, 3);
    const reply = await m.deliver(mail('contact1@customer.example', `Re: [#${m.ticket.number}] Keys fail`));
    assert.equal(reply.status, 'appended');
    assert.equal((await m.deliver(mail('stranger@customer.example', 'Me too'))).status, 'dismissed');
    await unblockSender({ ctx: admin(), input: { blockId: theirs.id } });
  });

  it('refuses what cannot or need not be blocked, naming the field; admins only', async () => {
    const block = (sender: string) => blockSender({ ctx: admin(), settings: m.settings, input: { sender } });
    await assert.rejects(block('contact1@customer.example'), refusal('invalid_input', 'sender', /a contact's address: their mail is never blocked; deactivate the contact instead/));
    await assert.rejects(block('Agent@vendor.example'), refusal('invalid_input', 'sender', /an agent's address/));
    await assert.rejects(block('support@desk.example'), refusal('invalid_input', 'sender', /desk's own/));
    await assert.rejects(block('desk.example'), refusal('invalid_input', 'sender', /desk's own/));
    await assert.rejects(block('someone@desk.example'), refusal('invalid_input', 'sender', /desk's own/));
    await assert.rejects(block('example'), refusal('invalid_input', 'sender', /top-level domain/));
    await assert.rejects(block('not an address'), refusal('invalid_input', 'sender', /is not an email address \(someone@example\.com\) or a domain \(example\.com\)/));
    await assert.rejects(block(''), refusal('invalid_input', 'sender'));
    await assert.rejects(block('BOT@leads.example'), refusal('conflict', 'sender', /is blocked already/));
    await assert.rejects(blockSender({ ctx: m.desk.ctx(m.desk.agent), settings: m.settings, input: { sender: 'x@y.example' } }), { code: 'forbidden' });
    await assert.rejects(blockSender({ ctx: m.desk.ctx(m.contact1), settings: m.settings, input: { sender: 'x@y.example' } }), { code: 'forbidden' });
    await assert.rejects(listBlockedSenders({ ctx: m.desk.ctx(m.desk.manager) }), { code: 'forbidden' });
    await assert.rejects(unblockSender({ ctx: admin(), input: { blockId: 'nope' } }), { code: 'not_found' });
    // A message that became a ticket came from someone the desk takes mail from.
    const taken = (await listInboundMessages({ ctx: admin(), input: { status: 'appended', limit: 1 } })).items[0];
    await assert.rejects(blockSenderOf({ ctx: admin(), settings: m.settings, input: { inboundId: taken.id } }), { code: 'conflict' });
  });

  it('unblocked, the next mail is held again; a dismissed one processed again is too', async () => {
    const [block] = (await listBlockedSenders({ ctx: admin() })).filter((b) => b.pattern === 'bot@leads.example');
    await unblockSender({ ctx: admin(), input: { blockId: block.id } });
    assert.equal((await m.deliver(mail('bot@leads.example', 'Back again'))).status, 'held');
    const dismissed = (await listInboundMessages({ ctx: admin(), input: { status: 'dismissed', limit: 50 } })).items.find((i) => i.subject === 'Still there?')!;
    assert.equal((await retryInboundMessage({ ctx: admin(), settings: m.settings, input: { inboundId: dismissed.id } })).status, 'held');
    const { rows } = await m.desk.t.db.query<{ type: string }>("SELECT type FROM audit_events WHERE type = 'email.sender_unblocked'");
    assert.equal(rows.length, 2);
  });
});
