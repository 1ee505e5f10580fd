// An agent's reminder on a ticket (tickets/reminders.ts), on OpenBack: set for a time, replaced,
// mailed once when due (to them alone, whatever their mail preferences), dropped if the ticket
// closed meanwhile, cleared; refused in the past and for anyone but an agent.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { handleReminders } from '../../src/jobs/reminders-job.ts';
import { ForbiddenError, InvalidInputError, silentLogger } from '../../src/platform/index.ts';
import { createTicket, reminderOf, sendDueReminders, setReminder, updateTicket } from '../../src/tickets/index.ts';
import { suiteDesk } from '../support/desk.ts';

describe("an agent's reminders, OpenBack", () => {
  const s = suiteDesk('openback', 'enterprise', '2026-12-02T10:00:00Z');
  const mails = async () => (await s.desk.t.db.query<{ recipient: string; subject: string; body: string }>("SELECT recipient, subject, body FROM outbox WHERE kind = 'agent_reminder' ORDER BY created_at")).rows;

  it('is mailed once when due, to the agent who set it, with their note; a later one replaces it', async () => {
    const d = s.desk;
    const t = await createTicket({ ctx: d.ctx(s.org.contact), input: { subject: 'Waiting for the vendor patch', description: 'x', severity: 3 } });
    await setReminder({ ctx: d.ctx(d.agent), input: { ticketId: t.id, at: '2026-12-02T15:00:00Z', note: 'first try' } });
    const set = await setReminder({ ctx: d.ctx(d.agent), input: { ticketId: t.id, at: '2026-12-02T16:00:00+00:00', note: 'Patch due: check with the vendor' } });
    assert.equal(set?.remindAt.toString(), '2026-12-02T16:00:00Z');
    d.clock.set('2026-12-02T15:30:00Z');
    assert.equal(await sendDueReminders({ ctx: d.system }), 0, 'the 15:00 one was replaced');
    d.clock.set('2026-12-02T16:00:00Z');
    assert.equal(await handleReminders({ db: d.t.db, clock: d.clock, logger: silentLogger() }), 1);
    assert.equal(await sendDueReminders({ ctx: d.system }), 0, 'once');
    assert.deepEqual(await mails(), [{
      recipient: 'agent@vendor.example',
      subject: `[#${t.number}] Reminder: Waiting for the vendor patch`,
      body: `You asked to be reminded of ticket #${t.number} "Waiting for the vendor patch" now.\n\nYour note: Patch due: check with the vendor\n\nIt is open.\n\n`
        + 'Reply to this message to answer the customer: your reply goes on the ticket and is sent to them. A first line of #note makes it an internal note instead; #solved or #pending (waiting on the customer) sets the status with it; #eta and a date and time (2026-12-31 17:00, in your time zone) tells them the estimated time to resolution.',
    }]);
    assert.equal(await reminderOf(d.t.db, t.id, (d.agent as { id: string }).id), null, 'sent: none left');
  });

  it('refuses a time past and anyone but an agent; a ticket closed meanwhile gets none; cleared, none', async () => {
    const d = s.desk;
    const t = await createTicket({ ctx: d.ctx(s.org.contact), input: { subject: 'Closing soon', description: 'x', severity: 3 } });
    await assert.rejects(setReminder({ ctx: d.ctx(d.agent), input: { ticketId: t.id, at: '2026-12-01T09:00:00Z' } }), (e: unknown) => e instanceof InvalidInputError && e.details[0].path === 'at');
    await assert.rejects(setReminder({ ctx: d.ctx(s.org.contact), input: { ticketId: t.id, at: '2026-12-03T09:00:00Z' } }), ForbiddenError);
    await setReminder({ ctx: d.ctx(d.manager), input: { ticketId: t.id, at: '2026-12-03T09:00:00Z' } });
    await setReminder({ ctx: d.ctx(d.escalation), input: { ticketId: t.id, at: '2026-12-03T09:00:00Z' } });
    await setReminder({ ctx: d.ctx(d.escalation), input: { ticketId: t.id, at: null } });
    await updateTicket({ ctx: d.ctx(d.agent), input: { ticketId: t.id, status: 'closed' } });
    d.clock.set('2026-12-03T09:00:00Z');
    const before = (await mails()).length;
    assert.equal(await sendDueReminders({ ctx: d.system }), 0);
    assert.equal((await mails()).length, before);
  });
});
