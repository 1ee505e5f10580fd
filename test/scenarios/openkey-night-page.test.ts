// The page the After Hours Emergency Contact gets at night names the hotel and who reported it
// (QA, 2026-12-07, a night on call for OpenKey): it said 'Ticket #1000 "All keys down" arrived
// outside regular business hours and is yours to triage. Emergency Tier 2, Standard plan.', and the
// person woken at 03:00 had to open the desk to learn which property had no working keys and whom
// to call back. Expected names are the fixtures' own (read from the database), the instant by hand.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRotation } from '../../src/oncall/index.ts';
import { createTicket, sweepSlaClocks } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('OpenKey: the on-call page names the customer', () => {
  let desk: Desk;
  before(async () => {
    // Sat 5 Dec 2026 09:00 UTC is 03:00 CST: outside "Regular Business Hours 9 am - 5 pm CST M-F".
    desk = await openDesk('openkey', '2026-12-05T09:00:00Z');
    await createRotation({ ctx: desk.system, input: {
      name: 'After Hours Emergency Contact', timeZone: 'America/Chicago', handoverTime: '09:00', cadence: 'daily', startDate: '2026-11-30',
      members: [(desk.escalation as { id: string }).id], afterHoursRuleIds: ['emergency-line'],
    } });
  });
  after(() => desk.close());

  const pages = async (ticketId: string) =>
    (await desk.t.db.query<{ recipient: string; body: string }>("SELECT recipient, body FROM outbox WHERE kind = 'oncall_page' AND payload->>'ticket_id' = $1", [ticketId])).rows;
  const who = async (orgId: string) =>
    (await desk.t.db.query<{ name: string; email: string; org: string }>('SELECT c.name, c.email, o.name AS org FROM contacts c JOIN organizations o ON o.id = c.organization_id WHERE o.id = $1', [orgId])).rows[0];

  it('an emergency phoned in at 03:00 on a Saturday: the page says which hotel and who called', async () => {
    const org = await desk.addOrganization('standard');
    const t = await createTicket({ ctx: desk.ctx(desk.agent), input: {
      requesterId: org.contactId, subject: 'All keys down', description: 'No mobile or RFID key opens any room', channel: 'phone', intake: { total_outage: true },
    } });
    assert.equal(t.severity, 1);
    const [page, ...others] = await pages(t.id);
    assert.equal(others.length, 0);
    assert.equal(page.recipient, 'escalation@vendor.example');
    const c = await who(org.id);
    assert.ok(page.body.startsWith(`Ticket #${t.number} "All keys down" arrived outside regular business hours and is yours to triage.\n\nEmergency Tier 2, Standard plan.\n\nFrom ${c.name} <${c.email}> of ${c.org}.\n\n`), page.body);
    // OpenKey's after-hours words promise no time ("resolution times will vary"): what the policy says, not what it promises.
    // (The YAML's folded description keeps its paragraphs apart by one line break.)
    assert.ok(page.body.includes('\n\nWhat the policy says after hours:\nFor emergency assistance during off hours, our Support team can be reached at 1 (877) 800-2006 (answered 24/7/365).\nEmergency Tier 2 issues outside of business hours can be addressed by calling 877-800-2008. Please request to speak to the Openkey After Hours Emergency Contact. Off hours emergency issues resolution times will vary depending on the nature of the issue.\n\n'), page.body);
    assert.doesNotMatch(page.body, /promises after hours/);
  });

  it('an emergency filed on the web at 16:50 and still open at 17:00: the hand-over page names them too', async () => {
    desk.clock.set('2026-12-07T22:50:00Z'); // Mon 7 Dec 16:50 CST
    const org = await desk.addOrganization('standard');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Keys fail', description: 'Since 16:40', requestType: 'support', intake: { emergency: true } } });
    desk.clock.set('2026-12-07T23:00:00Z'); // 17:00 CST: closed
    await sweepSlaClocks({ ctx: desk.system });
    const [page] = await pages(t.id);
    const c = await who(org.id);
    assert.match(page.body, new RegExp(`\\n\\nFrom ${c.name} <${c.email.replace(/\./g, '\\.')}> of ${c.org}\\.\\n\\n`));
  });
});
