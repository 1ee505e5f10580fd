// Mail routed by the address it was written to, OpenKey: "Billing Questions: Billing@OpenKey.co",
// "Sales: Sales@OpenKey.co" (request types with queues of their own and no severity clocks); the
// support address tagged with a request type's id does the same; an address two request types name
// (Support@OpenKey.co: Customer Assistance's queue, Training Needs' address) decides nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acceptsRecipient, emailSettingsFor, processInbound, requestTypeAddresses, requestTypeOfMail, storeInbound, type EmailSettings } from '../../src/email/index.ts';
import { activePolicy } from '../../src/policy-versions/index.ts';
import { getTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('mail routed by the address it was written to, OpenKey', () => {
  let desk: Desk;
  let settings: EmailSettings;
  let contactEmail: string;
  before(async () => {
    desk = await openDesk('openkey', '2026-12-02T16:00:00Z'); // Wednesday 10:00 CST
    const { model } = await activePolicy(desk.t.db);
    settings = emailSettingsFor('support@desk.example', 'OpenKey', { ownAddresses: requestTypeAddresses(model.file) });
    const org = await desk.addOrganization('standard');
    contactEmail = (await desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [org.contactId])).rows[0].email;
  });
  after(() => desk.close());

  const deliver = async (envelopeTo: string, headerTo: string, subject: string) => {
    const raw = Buffer.from(`From: ${contactEmail}\r\nTo: ${headerTo}\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@customer.example>\r\n\r\nPlease help.\r\n`);
    const id = await storeInbound(desk.t.db, desk.clock, raw, { source: 'smtp', envelopeFrom: contactEmail, envelopeTo: [envelopeTo] });
    const r = (await processInbound({ ctx: desk.system, settings, inboundId: id! }))!;
    assert.equal(r.status, 'created', r.outcome);
    return { r, t: await getTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: r.ticketId! } }) };
  };

  it('takes the policy\'s request type and queue addresses as its own', () => {
    const file = { request_types: [{ id: 'b', name: 'B', address: 'Billing@X.example', queue: 'q' }], queues: [{ id: 'q', name: 'Q', address: 'q@x.example' }] };
    assert.deepEqual(requestTypeAddresses(file as Parameters<typeof requestTypeAddresses>[0]), ['billing@x.example', 'q@x.example']);
    assert.ok(acceptsRecipient('Billing@OpenKey.co', settings));
    assert.ok(acceptsRecipient('sales@openkey.co', settings));
    assert.ok(!acceptsRecipient('someone@openkey.co', settings));
  });

  it('mail to Billing@OpenKey.co is a billing question: the billing queue, no severity clocks', async () => {
    const { r, t } = await deliver('Billing@OpenKey.co', 'Billing@OpenKey.co', 'Invoice twice');
    assert.deepEqual([t.requestType, t.queue, t.clocks], ['billing', 'billing', []]);
    assert.match(r.outcome, /: opened ticket #\d+ \(billing, by the address it was sent to\)$/);
  });

  it('forwarded by the vendor\'s own server: the To header names Sales@OpenKey.co; a tag on the support address does as well', async () => {
    const forwarded = await deliver('support@desk.example', 'OpenKey Sales <Sales@OpenKey.co>', 'Demo please');
    assert.deepEqual([forwarded.t.requestType, forwarded.t.queue], ['sales', 'sales']);
    const tagged = await deliver('support+billing@desk.example', 'support+billing@desk.example', 'Refund');
    assert.deepEqual([tagged.t.requestType, tagged.t.queue], ['billing', 'billing']);
  });

  it('an address two request types name, or none, decides nothing', async () => {
    const shared = await deliver('support@desk.example', 'Support@OpenKey.co', 'Keys fail');
    assert.equal(shared.t.requestType, null);
    const plain = await deliver('support@desk.example', 'support@desk.example', 'Keys fail again');
    assert.equal(plain.t.requestType, null);
    const { model } = await activePolicy(desk.t.db);
    assert.equal(requestTypeOfMail(model.file, { envelope: ['support+nosuch@desk.example'], headers: [] }, settings), null, 'a tag that is no request type');
    // A mail to support that copies Sales is not a sales question; nor is one naming two request types.
    assert.equal(requestTypeOfMail(model.file, { envelope: ['support@desk.example'], headers: ['support@desk.example', 'sales@openkey.co'] }, settings), null);
    assert.equal(requestTypeOfMail(model.file, { envelope: ['support@desk.example'], headers: ['billing@openkey.co', 'sales@openkey.co'] }, settings), null);
    // The envelope decides before the headers: sent to Billing@ alone, whatever its To says; sent to support and Sales at once, nothing.
    assert.equal(requestTypeOfMail(model.file, { envelope: ['Billing@OpenKey.co'], headers: ['support@desk.example', 'sales@openkey.co'] }, settings), 'billing');
    assert.equal(requestTypeOfMail(model.file, { envelope: ['support@desk.example', 'Sales@OpenKey.co'], headers: ['support@desk.example', 'sales@openkey.co'] }, settings), null);
    assert.equal(requestTypeOfMail(model.file, { envelope: ['support@desk.example'], headers: ['Sales@OpenKey.co', 'someone@customer.example'] }, settings), 'sales');
  });
});
