// One person's mails are claimed in the order they were written (deliver.ts claimDueMail). An
// agent answers and solves in one action: the requester and the colleague copied on the case each
// get the reply, then "Case #n ... is solved" (tickets/customer-mail.ts), both written at the same
// instant. Claimed one at a time, neither of them has the "solved" before the reply.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deliverDueMail, type MailSender } from '../../src/email/index.ts';
import { addReply, createTicket, setTicketCcs } from '../../src/tickets/index.ts';
import { openMailDesk, type MailDesk } from './support.ts';

const REQUESTER = 'contact1@customer.example';
const COLLEAGUE = 'colleague@customer.example';

describe('one person\'s mails are claimed in the order they were written', () => {
  let m: MailDesk;
  let colleagueId: string;
  // What the relay accepted, in order: [recipient, outbox kind, ticket number].
  let sent: Array<[string, string, number]>;
  const sender: MailSender = {
    kind: 'smtp',
    async send(mail, outboxId) {
      const row = (await m.desk.t.db.query<{ kind: string; n: number }>("SELECT kind, (payload->>'ticket_number')::int AS n FROM outbox WHERE id = $1", [outboxId])).rows[0];
      sent.push([mail.to, row.kind, row.n]);
      return { sent: true };
    },
    close: () => {},
  };
  const run = (batchSize?: number) => deliverDueMail({ ctx: m.desk.system, settings: { email: m.settings, sender, random: () => 0, batchSize } });
  /** A new case of the requester's with the colleague copied, answered and solved in one action by the agent. */
  const answeredAndSolved = async (subject: string) => {
    const t = await createTicket({ ctx: m.desk.ctx(m.contact1), input: { subject, description: 'Guests cannot open rooms', severity: 3 } });
    await setTicketCcs({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: t.id, contactIds: [colleagueId] } });
    // Of this case, only the action's mail is left to send.
    await m.desk.t.db.query("UPDATE outbox SET status = 'sent' WHERE status = 'pending' AND payload->>'ticket_id' = $1", [t.id]);
    await addReply({ ctx: m.desk.ctx(m.desk.agent), input: { ticketId: t.id, body: 'Re-encode the keys; that fixes it.', status: 'solved' } });
    return t.number;
  };
  const to = (who: string) => sent.filter(([r]) => r === who).map(([, kind, n]) => `${kind} #${n}`);

  before(async () => {
    m = await openMailDesk();
    colleagueId = (await m.desk.t.db.query<{ id: string }>('SELECT id FROM contacts WHERE email = $1', [COLLEAGUE])).rows[0].id;
  });
  after(() => m.desk.close());
  beforeEach(async () => {
    sent = [];
    await m.desk.t.db.query("UPDATE outbox SET status = 'sent' WHERE status = 'pending'");
  });

  it('one claim at a time: the reply comes first to each of them, on every case', async () => {
    const numbers = [await answeredAndSolved('Keys fail'), await answeredAndSolved('Door reader offline'), await answeredAndSolved('Lobby kiosk frozen')];
    assert.deepEqual(await run(1), { sent: 12, retrying: 0, failed: 0, suppressed: 0 });
    const expected = numbers.flatMap((n) => [`ticket_reply #${n}`, `ticket_resolved #${n}`]);
    for (const who of [REQUESTER, COLLEAGUE]) {
      const got = to(who);
      // The cases interleave as they may; each case's two mails keep their order.
      for (const n of numbers) assert.deepEqual(got.filter((k) => k.endsWith(` #${n}`)), [`ticket_reply #${n}`, `ticket_resolved #${n}`], `${who}, case #${n}`);
      assert.deepEqual([...got].sort(), [...expected].sort());
    }
  });
});
