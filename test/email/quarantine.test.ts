// A message whose processing fails is quarantined with its raw source and its error, never blocks
// the messages behind it, and is processed again by an admin's retry once the cause is fixed.
// A worker that died mid-way leaves its claim to lapse; the sweep then takes the message up.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { processWaitingInbound, retryInboundMessage, storeInbound } from '../../src/email/index.ts';
import { openMailDesk, type MailDesk } from './support.ts';
import { testBackend } from '../support/test-db.ts';

const message = (from: string, subject: string) =>
  Buffer.from(`From: ${from}\r\nTo: support@desk.example\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@customer.example>\r\n\r\n${subject}\r\n`);

describe(`quarantine and retry on ${testBackend}`, () => {
  let m: MailDesk;
  before(async () => {
    m = await openMailDesk();
  });
  after(() => m.desk.close());

  it('a failing message is quarantined, the next one goes through, and a retry after the fix opens its ticket', async () => {
    // Organization 2's plan is no longer in the policy: opening a ticket for its contact fails.
    await m.desk.t.db.query("UPDATE organizations SET plan_id = 'retired' WHERE id = $1", [m.org2]);
    const store = (raw: Buffer) => storeInbound(m.desk.t.db, m.desk.clock, raw, { source: 'smtp', envelopeFrom: null, envelopeTo: [] });
    const failing = (await store(message('contact2@customer.example', 'Fails first')))!;
    m.desk.clock.advance({ seconds: 1 }); // processed oldest first
    const fine = (await store(message('contact1@customer.example', 'Goes through')))!;
    const results = await processWaitingInbound({ ctx: m.desk.system, settings: m.settings });
    assert.deepEqual(results.map((r) => [r.id, r.status]), [[failing, 'quarantined'], [fine, 'created']]);
    const { rows } = await m.desk.t.db.query<{ error: string; raw: Uint8Array }>('SELECT error, raw FROM inbound_messages WHERE id = $1', [failing]);
    assert.match(rows[0].error, /plan "retired" is not in the active policy/);
    assert.match(Buffer.from(rows[0].raw).toString(), /Subject: Fails first/);
    assert.deepEqual(await processWaitingInbound({ ctx: m.desk.system, settings: m.settings }), [], 'a quarantined message waits for a person');

    await m.desk.t.db.query("UPDATE organizations SET plan_id = 'enterprise' WHERE id = $1", [m.org2]);
    const retried = await retryInboundMessage({ ctx: m.desk.ctx(m.desk.admin), input: { inboundId: failing }, settings: m.settings });
    assert.equal(retried.status, 'created');
    await assert.rejects(retryInboundMessage({ ctx: m.desk.ctx(m.desk.agent), input: { inboundId: failing }, settings: m.settings }), /Only admins/);
  });

  it('a request the policy refuses (not a named contact) is held as a held request, kept for an agent', async () => {
    await m.desk.t.db.query("INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES (gen_random_uuid(), $1, 'intern@customer.example', 'Intern', false, $2)", [m.org1, m.desk.clock.now()]);
    const id = (await storeInbound(m.desk.t.db, m.desk.clock, message('intern@customer.example', 'Please reset my key'), { source: 'smtp', envelopeFrom: null, envelopeTo: [] }))!;
    const [result] = await processWaitingInbound({ ctx: m.desk.system, settings: m.settings });
    assert.deepEqual([result.id, result.status], [id, 'held']);
    assert.match(result.outcome, /cases are reported by the named support contacts of Org 1; ask one of them to report it/);
    const { rows } = await m.desk.t.db.query<{ held_request_id: string; channel: string }>(
      'SELECT i.held_request_id, h.channel FROM inbound_messages i JOIN held_requests h ON h.id = i.held_request_id WHERE i.id = $1', [id],
    );
    assert.equal(rows[0].channel, 'email');
  });

  it('a message claimed by a worker that died is taken up again once the claim lapses, and processed once', async () => {
    const id = (await storeInbound(m.desk.t.db, m.desk.clock, message('contact1@customer.example', 'Interrupted'), { source: 'smtp', envelopeFrom: null, envelopeTo: [] }))!;
    await m.desk.t.db.query("UPDATE inbound_messages SET status = 'processing', attempts = 1, claimed_until = $2 WHERE id = $1", [id, m.desk.clock.now().add({ minutes: 5 })]);
    assert.deepEqual(await processWaitingInbound({ ctx: m.desk.system, settings: m.settings }), []);
    m.desk.clock.advance({ minutes: 6 });
    const [result] = await processWaitingInbound({ ctx: m.desk.system, settings: m.settings });
    assert.deepEqual([result.id, result.status], [id, 'created']);
    assert.deepEqual(await processWaitingInbound({ ctx: m.desk.system, settings: m.settings }), []);
  });
});
