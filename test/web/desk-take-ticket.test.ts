// On call paged at night for an OPS-COM critical issue ("Issues will be triaged within 15 minutes")
// opens the ticket from the page's mail: taking it was a select far down the page (Assign to: your
// name, then Assign). The assignee's fact has a button for the reader to take it; that meets the
// triage as any agent action does (sla/clocks.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const assigneeFact = (html: string) => /<dd id="assignee-now">[\s\S]*?<\/dd>/.exec(html)?.[0] ?? '';
const clocksOf = (html: string) => /<table class="clocks">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';

describe('OPS-COM: on call takes a ticket with one button', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('opscom', 'premium');
  });
  after(() => h.close());

  it('"Assign to me" beside the assignee; taken, it is gone, and the triage is met then', async () => {
    // Wed 2 Dec 2026 23:00 EST (Thu 04:00Z), by email, the system down: triage due 23:15 EST (04:15Z).
    h.desk.clock.set('2026-12-03T04:00:00Z');
    const made = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'Portal down', description: 'x', channel: 'email', intake: { system_outage: true } } });
    assert.equal(made.statusCode, 201);
    const id = made.json().id as string;
    const a = await h.session(h.agent, 'agent');
    const fact = assigneeFact(main((await a.get(`/agent/tickets/${id}`)).body));
    assert.match(fact, /^<dd id="assignee-now">Unassigned\s*<form method="post" action="\/agent\/tickets\/[0-9a-f-]{36}\/assign" class="inline">/);
    assert.match(fact, new RegExp(`<input type="hidden" name="assignee" value="${h.agent.id}"><button type="submit">Assign to me</button></form>`));

    // Taken at 23:05 EST (04:05Z), within the 15 minutes.
    h.desk.clock.set('2026-12-03T04:05:00Z');
    const taken = await a.post(`/agent/tickets/${id}/assign`, { assignee: h.agent.id });
    assert.equal(taken.headers.location, `/agent/tickets/${id}?done=assign`);
    const page = main((await a.get(taken.headers.location!)).body);
    assert.match(assigneeFact(page), /^<dd id="assignee-now">agent@vendor.example\s*<\/dd>$/);
    assert.match(clocksOf(page), /<th scope="row">Triage<\/th>\s*<td>Met \(2026-12-03 04:05 UTC\)<\/td>/);

    // Another agent reads the button: they may take it over.
    const m = await h.session(h.escalation, 'agent');
    assert.match(assigneeFact(main((await m.get(`/agent/tickets/${id}`)).body)), new RegExp(`value="${h.escalation.id}"><button type="submit">Assign to me</button>`));
  });
});
