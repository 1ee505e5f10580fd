// The pure rules of the email channel: threading ids, the quoted-text cut, the classification
// order (own, bounce, automatic, person) and what a message asks of us.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acceptsRecipient, classifyInbound, emailSettingsFor, imapOptionsOf, parseEmail, replyText, subjectTicketNumber, threadIds } from '../../src/email/index.ts';
import { ourIdTarget, outboxIdsIn } from '../../src/email/headers.ts';
import { withoutSignature } from '../../src/email/reply-text.ts';

const ID = '0b0f3c1e-1111-4222-8333-444455556666';
const ours = { addresses: ['support@desk.example'], domain: 'desk.example' };
const mail = (head: string, body = 'Hello') => parseEmail(Buffer.from(`${head}\r\n\r\n${body}\r\n`));

describe('threading ids', () => {
  it('recognises our outbox and ticket ids only on our domain', () => {
    assert.deepEqual(ourIdTarget(`<outbox.${ID}@desk.example>`, 'desk.example'), { outboxId: ID });
    assert.deepEqual(ourIdTarget(`ticket.${ID}@DESK.example`, 'desk.example'), { ticketId: ID });
    assert.equal(ourIdTarget(`<outbox.${ID}@evil.example>`, 'desk.example'), null);
    assert.equal(ourIdTarget('<abc@desk.example>', 'desk.example'), null);
  });
  it('orders In-Reply-To first, then References from the most recent, without duplicates', () => {
    assert.deepEqual(threadIds('<C@x>', ['<A@x>', '<B@x>', '<C@x>']), ['c@x', 'b@x', 'a@x']);
    assert.deepEqual(threadIds(undefined, '<A@x> <B@x>'), ['b@x', 'a@x']);
  });
  it('finds the subject reference and the outbox ids a bounce quotes', () => {
    assert.equal(subjectTicketNumber('Re: [#42] Keys fail'), 42);
    assert.equal(subjectTicketNumber('Re: #42 Keys fail'), null);
    assert.deepEqual(outboxIdsIn(`Message-ID: <outbox.${ID}@desk.example>\n<outbox.${ID}@other.example>`, 'desk.example'), [ID]);
  });
});

describe('replyText cuts the quoted conversation', () => {
  it('at "On ... wrote:", even wrapped, at Outlook\'s header block, and at trailing quotes', () => {
    assert.equal(replyText('Thanks!\n\nOn Wed, 2 Dec 2026 at 10:00, Support <s@x>\nwrote:\n> old'), 'Thanks!');
    assert.equal(replyText('Fixed.\n\n-----Original Message-----\nFrom: Support\n\nold'), 'Fixed.');
    assert.equal(replyText('Yes.\n> a\n>\n> b'), 'Yes.');
    assert.equal(replyText('> only a quote'), '> only a quote', 'nothing but quotation: kept whole');
    // A rule of dashes (Outlook's <hr> as text) is cut where the quoted header block follows it, not elsewhere.
    assert.equal(replyText(`Also on mobile.\n\n\n${'-'.repeat(80)}\nFrom: OpenBack <s@x>\nSent: Monday\n\nold`), 'Also on mobile.');
    assert.equal(replyText(`Totals:\n${'-'.repeat(20)}\n3 rooms`), `Totals:\n${'-'.repeat(20)}\n3 rooms`);
  });
});

describe('withoutSignature cuts an agent\'s mail signature', () => {
  it('at "-- " (or "--" whose space a client trimmed) on a line of its own; kept whole when nothing is above it', () => {
    assert.equal(withoutSignature('Fixed in 2.2.\n\n-- \nJordan Lee\nOpenBack support'), 'Fixed in 2.2.');
    assert.equal(withoutSignature('Fixed.\n--\nJordan'), 'Fixed.');
    assert.equal(withoutSignature('a -- b\n---\nc'), 'a -- b\n---\nc', 'dashes in a line, or three, are not the separator');
    assert.equal(withoutSignature('-- \nJordan'), '-- \nJordan');
  });
});

describe('classifyInbound', () => {
  it('a person, unless our own, a bounce or automatic, in that order', async () => {
    const person = await mail('From: a@customer.example\r\nSubject: Help');
    assert.deepEqual(classifyInbound(person, 'a@customer.example', '', ours), { kind: 'person', suppressAutoReply: false, forged: false, reason: null, spam: null });
    const own = await mail('From: support@desk.example\r\nSubject: x\r\nAuto-Submitted: auto-generated');
    assert.equal(classifyInbound(own, '', '', ours).kind, 'own');
    const autoBounce = await mail('From: MAILER-DAEMON@mx.example\r\nSubject: Undelivered Mail\r\nAuto-Submitted: auto-replied');
    assert.equal(classifyInbound(autoBounce, '', '', ours).kind, 'bounce', 'a bounce is a bounce even when marked automatic');
  });
  it("an autoresponder's subject in the languages Outlook words it in is automatic; a person's subject about auto-replies is not", async () => {
    // Each subject as Outlook (or Exchange, "Out of Office AutoReply") writes it in that language, by hand.
    for (const subject of ['Out of Office AutoReply: Keys fail', 'Automatische Antwort: Keys fail', 'Automatisch antwoord: Keys fail', 'Respuesta automática: Keys fail',
      'Risposta automatica: Keys fail', 'Resposta automática: Keys fail', 'Automatiskt svar: Keys fail', 'Automatisk svar: Keys fail', 'Automaattinen vastaus: Keys fail',
      'Odpowiedź automatyczna: Keys fail']) {
      const m = await mail(`From: a@customer.example\r\nSubject: =?utf-8?B?${Buffer.from(subject).toString('base64')}?=`);
      assert.equal(classifyInbound(m, 'a@customer.example', '', ours).kind, 'automatic', subject);
    }
    for (const subject of ['Automatic replies are not sent', 'Out of office settings: where?', 'Automatische Antworten gehen nicht raus']) {
      const m = await mail(`From: a@customer.example\r\nSubject: ${subject}`);
      assert.equal(classifyInbound(m, 'a@customer.example', '', ours).kind, 'person', subject);
    }
  });
  it('a subject that looks like a bounce from a person is a person\'s mail', async () => {
    const m = await mail('From: a@customer.example\r\nSubject: Undeliverable: invoices to our old address');
    assert.equal(classifyInbound(m, 'a@customer.example', '', ours).kind, 'person');
  });
  it('Auto-Submitted: no and X-Auto-Response-Suppress are a person\'s; the latter asks for no automatic reply', async () => {
    const no = await mail('From: a@customer.example\r\nSubject: x\r\nAuto-Submitted: no');
    assert.equal(classifyInbound(no, 'a@customer.example', '', ours).kind, 'person');
    const suppress = await mail('From: a@customer.example\r\nSubject: x\r\nX-Auto-Response-Suppress: DR, RN, NRN, OOF');
    const c = classifyInbound(suppress, 'a@customer.example', '', ours);
    assert.equal(c.kind === 'person' && c.suppressAutoReply, true);
  });
  it("carries a spam filter's yes where it came in (SpamAssassin, rspamd, Exchange's SCL 5-9), never a no", async () => {
    const spam = async (header: string) => {
      const c = classifyInbound(await mail(`From: a@customer.example\r\nSubject: x\r\n${header}`), 'a@customer.example', '', ours);
      return c.kind === 'person' ? c.spam : `not a person: ${c.kind}`;
    };
    assert.equal(await spam('X-Spam-Flag: YES'), 'x-spam-flag: YES');
    assert.equal(await spam('X-Spam-Status: Yes, score=9.1 required=5.0 tests=BAYES_99'), 'x-spam-status: Yes, score=9.1 required=5.0 tests=BAYES_99');
    assert.equal(await spam('X-Spam: yes'), 'x-spam: yes');
    assert.equal(await spam('X-MS-Exchange-Organization-SCL: 7'), 'x-ms-exchange-organization-scl: 7');
    for (const no of ['X-Spam-Flag: NO', 'X-Spam-Status: No, score=0.1', 'X-Spam: no', 'X-MS-Exchange-Organization-SCL: 1', 'X-MS-Exchange-Organization-SCL: -1', 'X-Spam-Level: *****']) {
      assert.equal(await spam(no), null, no);
    }
  });
  it('the null envelope sender is automatic', async () => {
    const m = await mail('From: robot@customer.example\r\nSubject: Report');
    assert.deepEqual(classifyInbound(m, '', '', ours), { kind: 'automatic', reason: 'sent from the null sender <>' });
  });
});

describe('the listener and IMAP settings', () => {
  it('accepts the support address, with +tags and in any case, and nothing else', () => {
    const s = emailSettingsFor('support@desk.example');
    assert.equal(acceptsRecipient('Support+billing@Desk.example', s), true);
    assert.equal(acceptsRecipient('support@desk.example.evil', s), false);
    assert.equal(acceptsRecipient('other@desk.example', s), false);
  });
  it('reads an IMAP URL with an encoded user and a mailbox', () => {
    assert.deepEqual(imapOptionsOf('imaps://support%40vendor.example:p%40ss@imap.example.com/Support%20Inbox'), {
      host: 'imap.example.com', port: 993, secure: true, user: 'support@vendor.example', pass: 'p@ss', mailbox: 'Support Inbox',
    });
    assert.equal(imapOptionsOf('imap://u:p@localhost:1143').mailbox, 'INBOX');
  });
});
