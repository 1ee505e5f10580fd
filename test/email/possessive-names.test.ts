// A name ending in s takes the apostrophe alone, as the vendors write theirs ("OpenMethods’"): an
// agent named "Chris Harris" is "Chris Harris' address", never "Chris Harris's", in what the desk
// says of a mail held or a side conversation refused (policy/names.ts possessive). A name that does
// not end in s keeps "'s".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../../src/platform/index.ts';
import { sendSideMessage } from '../../src/tickets/index.ts';
import { openMailDesk, type MailDesk } from './support.ts';

describe('possessives of names ending in s, OpenBack', () => {
  let m: MailDesk;
  before(async () => {
    m = await openMailDesk();
    await m.desk.t.db.query("UPDATE agents SET name = 'Chris Harris' WHERE email = 'agent@vendor.example'");
    await m.desk.t.db.query("UPDATE agents SET name = 'Dana Lee' WHERE email = 'escalation@vendor.example'");
  });
  after(() => m.desk.close());

  const lunch = (from: string, id: string) =>
    Buffer.from(`From: ${from}\r\nTo: support@desk.example\r\nSubject: Lunch?\r\nMessage-ID: <${id}@vendor.example>\r\n\r\nAnyone?\r\n`);

  it("an agent's mail answering no notice is held as Chris Harris' address; Dana Lee's keeps 's", async () => {
    const harris = await m.deliver(lunch('agent@vendor.example', 'l1'));
    assert.equal(harris.outcome, "Held for review: agent@vendor.example is Chris Harris' address (an agent), and the message answers no mail Accord sent them about a ticket: agents answer on the desk, or by replying to a ticket's notice");
    const lee = await m.deliver(lunch('escalation@vendor.example', 'l2'));
    assert.equal(lee.outcome, "Held for review: escalation@vendor.example is Dana Lee's address (an agent), and the message answers no mail Accord sent them about a ticket: agents answer on the desk, or by replying to a ticket's notice");
  });

  it("a side conversation to an agent's address is refused as Chris Harris' address", async () => {
    await assert.rejects(
      sendSideMessage({ ctx: m.desk.ctx(m.desk.manager), input: { ticketId: m.ticket.id, to: 'agent@vendor.example', body: 'Can you look?' } }),
      (e: unknown) => e instanceof InvalidInputError && e.message === "agent@vendor.example is Chris Harris' address, an agent of the desk",
    );
  });
});
