// OfficeSpace (seed 003) gives each level a "Response Goal: N Hours": a goal, not a deadline
// (severities[].targets goal: true). The ticket page says the time is "aimed for" it; the queue and
// its download say the same of a ticket's next time: "Goal" beside the countdown, a goal passed is
// "ago", never "overdue", and the CSV marks the time as a goal; so still once the SLA sweep has
// recorded that it passed (the ticket's clock then reads "breached" to the desk, yet is a goal).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sweepSlaClocks } from '../../src/tickets/index.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const rowOf = (html: string, subject: string) => new RegExp(`<tr>(?:(?!</tr>)[\\s\\S])*?#\\d+ ${subject}<(?:(?!</tr>)[\\s\\S])*</tr>`).exec(main(html))?.[0] ?? '';
const lastCell = (row: string) => /<td>((?:(?!<td>)[\s\S])*)<\/td>\s*<\/tr>$/.exec(row)?.[1] ?? '';

describe('the queue says a Response Goal is a goal (OfficeSpace)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('officespace', 'standard');
    // Wednesday 2026-12-02 16:00 UTC is 10:00 at GMT-6, within the support hours (05:00-22:00 GMT-6).
    h.desk.clock.set('2026-12-02T16:00:00Z');
    // Critical Technical Support, "Response Goal: 2 Hours": aimed for 12:00 GMT-6, 18:00 UTC, in 2 h.
    await openTicket(h, h.contactA, { subject: 'Goal ahead', severity: 1 });
    // Its goal moved by hand to 15:30 UTC: half an hour past.
    const passed = (await openTicket(h, h.contactA, { subject: 'Goal passed', severity: 1 })).id as string;
    await h.desk.t.db.query("UPDATE sla_clocks SET due_at = '2026-12-02T15:30:00Z' WHERE ticket_id = $1", [passed]);
  });
  after(() => h.close());

  it('heads the column "Next target" and says "Goal" beside each countdown, a passed one "ago", not overdue', async () => {
    const page = (await (await h.session(h.agent, 'agent')).get('/agent')).body;
    assert.match(main(page), /<th scope="col">Next target<\/th><\/tr><\/thead>/);
    assert.doesNotMatch(/<table class="queue"[\s\S]*<\/table>/.exec(main(page))?.[0] ?? '', /Next due|overdue/);
    const ahead = lastCell(rowOf(page, 'Goal ahead'));
    assert.match(ahead, /^<span class="hedge" title="aimed for[^"]+\(a goal, not a deadline: the team is alerted if it passes\)">Goal:<\/span> <time datetime="2026-12-02T18:00:00Z" class="countdown" data-due="2026-12-02T18:00:00Z" data-late="ago">in 2 h<\/time>$/);
    const passed = lastCell(rowOf(page, 'Goal passed'));
    assert.match(passed, /Goal:<\/span> <time datetime="2026-12-02T15:30:00Z" class="countdown" data-due="2026-12-02T15:30:00Z" data-late="ago">30 min ago<\/time>$/);
  });

  it('marks the next time as a goal in the download', async () => {
    const csv = (await (await h.session(h.agent, 'agent')).get('/agent/queue.csv')).body.trim().split('\r\n');
    assert.equal(csv[0], 'ticket,subject,organization,requester,plan,severity,severity_name,status,channel,assignee,created_at,solved_at,next_due_at,next_due_metric,next_due_hedge,tags');
    // Both severity 1; the default order puts the earlier time first.
    assert.deepEqual(csv.slice(1).map((l) => [l.split(',')[1], ...l.split(',').slice(-4, -1)]), [
      ['Goal passed', '2026-12-02T15:30:00Z', 'First response', 'goal'],
      ['Goal ahead', '2026-12-02T18:00:00Z', 'First response', 'goal'],
    ]);
  });

  it('once the sweep has recorded the goal passed, the queue and the download still call it a goal, "ago"', async () => {
    // Run last: the sweep at 16:00 UTC records the passing of the goal moved to 15:30 UTC (the team is alerted).
    await sweepSlaClocks({ ctx: h.desk.system });
    const { rows } = await h.desk.t.db.query<{ breached_at: unknown }>("SELECT c.breached_at FROM sla_clocks c JOIN tickets t ON t.id = c.ticket_id WHERE t.subject = 'Goal passed'");
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0].breached_at, null);
    const a = await h.session(h.agent, 'agent');
    const page = (await a.get('/agent')).body;
    assert.match(lastCell(rowOf(page, 'Goal passed')), /^<span class="hedge" title="aimed for[^"]+">Goal:<\/span> <time datetime="2026-12-02T15:30:00Z" class="countdown" data-due="2026-12-02T15:30:00Z" data-late="ago">30 min ago<\/time>$/);
    assert.doesNotMatch(/<table class="queue"[\s\S]*<\/table>/.exec(main(page))?.[0] ?? '', /overdue/);
    const csv = (await a.get('/agent/queue.csv')).body.trim().split('\r\n');
    assert.deepEqual(csv.find((l) => l.split(',')[1] === 'Goal passed')?.split(',').slice(-4, -1), ['2026-12-02T15:30:00Z', 'First response', 'goal']);
  });
});
