// A customer who mails a vendor whose policy takes no requests by email (OpenMethods: its channels are
// Customer Care, on the web, and the Status Page) is held for review, as before, and now told so at
// once, once: that it is kept, why in the refusal's words, what to use instead, and where the support
// portal is. (QA: "Queue routing broken" mailed by a customer was held and they heard nothing.)
// Automatic mail still gets no answer (classify.ts), nor a sender who asked for none.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emailSettingsFor, processInbound, storeInbound, type EmailSettings } from '../../src/email/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

const mail = (subject: string, extra: string[] = []) => Buffer.from([
  'From: contact1@customer.example', 'To: support@desk.example', `Subject: ${subject}`, `Message-ID: <${randomUUID()}@customer.example>`, ...extra,
  'Content-Type: text/plain; charset=utf-8', '', 'Calls are not routed to agents.', '',
].join('\r\n'));

describe('a mail to a desk whose policy takes no requests by email (OpenMethods)', () => {
  let desk: Desk;
  let settings: EmailSettings;
  const deliver = async (raw: Buffer) => {
    const id = await storeInbound(desk.t.db, desk.clock, raw, { source: 'smtp', envelopeFrom: 'contact1@customer.example', envelopeTo: ['support@desk.example'] });
    return (await processInbound({ ctx: desk.system, settings, inboundId: id! }))!;
  };
  const answers = async () => (await desk.t.db.query<{ subject: string; body: string; status: string; payload: Record<string, unknown> }>(
    "SELECT subject, body, status, payload FROM outbox WHERE recipient = 'contact1@customer.example' ORDER BY created_at, id",
  )).rows;

  before(async () => {
    // Monday 7 December 2026, 15:00 UTC.
    desk = await openDesk('openmethods', '2026-12-07T15:00:00Z');
    settings = emailSettingsFor('support@desk.example', 'OpenMethods');
    await desk.addOrganization('standard'); // contact1@customer.example
  });
  after(() => desk.close());

  it('is held, and the sender is told once why and what to use instead', async () => {
    const r = await deliver(mail('Queue routing broken'));
    assert.equal(r.status, 'held', r.outcome);
    assert.match(r.outcome, /; contact1@customer\.example was told it is held for review and what to use instead$/);
    const [answer, ...more] = await answers();
    assert.equal(more.length, 0, 'once');
    assert.equal(answer.subject, 'Received, held for review: Queue routing broken');
    // The refusal as the policy words it (intake.ts), in the past with when it arrived (a mail is read
    // later): 15:00 UTC is 10:00 AM in New York (EST, the plan's zone; the contact chose none). Then
    // what the plan took requests by at that hour, said as of then: Customer Care (web, 24x7 in
    // openmethods.yaml); the Status Page takes none (it is only read).
    assert.equal(answer.body, [
      'We received your request "Queue routing broken". It is held for our support team to review, and no case is open for it. It is kept: you need not send it again.',
      'OpenMethods took no requests by email when this arrived, Mon Dec 7 2026 10:00 AM EST.',
      'At that time: use Customer Care.',
    ].join('\n\n'));
    assert.deepEqual(answer.payload.links, [{ label: 'The support portal', path: '/portal' }]);
    assert.equal(answer.payload.auto_reply, true, 'counted against the automatic answers to the address (deliver.ts: loops)');
  });

  it('a sender who asked for no automatic answers gets it kept, not sent', async () => {
    const r = await deliver(mail('Second try', ['X-Auto-Response-Suppress: All']));
    assert.equal(r.status, 'held');
    assert.match(r.outcome, /; the sender's answer that it is held was kept, not sent: the sender asked for no automatic replies/);
    assert.deepEqual((await answers()).filter((a) => a.subject === 'Received, held for review: Second try').map((a) => a.status), ['suppressed']);
  });
});
