// The customer asked for an escalation by phone: the agent records it from the ticket page, beside
// the escalations the customer asked for (partials/escalation-requests.eta), for the requester or a
// person copied; both timelines say who asked and who recorded it. Not offered where no request is
// taken (a solved case: a reply reopens it; a policy with neither ladder nor abuse rule, OpenKey).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTicket } from '../../src/tickets/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('an escalation request recorded by an agent for the customer (OpenBack)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
    h.desk.clock.set('2026-12-02T15:00:00Z'); // Wednesday, 15:00 GMT
  });
  after(() => h.close());

  it('offered with no request yet; recorded for the requester, listed and on both timelines with who asked and who recorded it', async () => {
    const contact = h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId });
    const { id } = await createTicket({ ctx: contact, input: { subject: 'Called in', description: 'x', severity: 3 } });
    const { rows: [{ name, email }] } = await h.desk.t.db.query<{ name: string; email: string }>('SELECT name, email FROM contacts WHERE id = $1', [h.contactA.id]);
    const agent = await h.session(h.agent, 'agent');
    const before = main((await agent.get(`/agent/tickets/${id}`)).body);
    assert.match(before, /<h3 id="esc-requests-h">Escalations the customer asked for<\/h3>\s*<p class="hint">None yet\.<\/p>/);
    assert.match(before, /<form method="post" action="\/agent\/tickets\/[0-9a-f-]+\/escalation-request" class="stack" id="record-escalation-form">/);
    assert.ok(before.includes(`<option value="${h.contactA.id}">${name} &lt;${email}&gt; (the requester)</option>`));
    assert.doesNotMatch(before, /id="unwarranted-form"/, 'nothing to mark yet');

    // An empty reason comes back beside the form, the choice kept.
    const empty = await agent.post(`/agent/tickets/${id}/escalation-request`, { asked_by: h.contactA.id, reason: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(main(empty.body), /id="record-escalation-error"/);

    const recorded = await agent.post(`/agent/tickets/${id}/escalation-request`, { asked_by: h.contactA.id, reason: 'Their release is blocked' });
    assert.equal(recorded.statusCode, 303);
    assert.equal(recorded.headers.location, `/agent/tickets/${id}?done=record-escalation`);
    const page = main((await agent.get(recorded.headers.location!)).body);
    assert.match(page, /Their escalation request is recorded: it is on the timeline, and waits below for an answer\./);
    assert.match(page, /<h3 id="esc-requests-h">Escalations the customer asked for \(1 waiting\)<\/h3>/);
    // Agents are named by their email in this desk (test/support/desk.ts): agent@vendor.example.
    assert.ok(page.includes(`asked by ${name}, recorded by agent@vendor.example: “Their release is blocked” <small>(waiting for an answer)</small>`));
    assert.match(page, /id="unwarranted-form"/);
    // The agent's timeline: recorded by the agent, asked by the contact.
    assert.match(page, new RegExp(`<strong>Escalation asked for by the customer, recorded</strong>\\s*by agent@vendor\\.example[\\s\\S]*?<span>Asked by: ${name}</span>`));

    // The customer's timeline: recorded by support, asked by them.
    const customer = await h.session(h.contactA, 'contact');
    const theirs = main((await customer.get(`/portal/cases/${id}`)).body);
    assert.match(theirs, /<strong>Escalation asked for, recorded<\/strong>\s*by support[\s\S]*?<span>Asked by: you<\/span>/);
  });

  it('not offered on a solved ticket (a reply reopens it)', async () => {
    const contact = h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId });
    const { id } = await createTicket({ ctx: contact, input: { subject: 'Solved', description: 'x', severity: 3 } });
    const agent = await h.session(h.agent, 'agent');
    assert.equal((await agent.post(`/agent/tickets/${id}/status`, { status: 'solved' })).statusCode, 303);
    assert.doesNotMatch(main((await agent.get(`/agent/tickets/${id}`)).body), /id="record-escalation-form"|id="escalation-requests"/);
    const refused = await agent.post(`/agent/tickets/${id}/escalation-request`, { reason: 'They called' });
    assert.equal(refused.statusCode, 409);
    // Said where the form was, the form gone.
    assert.match(main(refused.body), /<section aria-labelledby="esc-requests-h" id="escalation-requests">[\s\S]*this ticket is solved: reply to it to reopen it, then ask for it to be escalated if it still needs to be/);
    assert.doesNotMatch(main(refused.body), /id="record-escalation-form"/);
  });
});

describe('OpenKey has neither escalation ladder nor abuse rule', () => {
  it('the desk offers no recording form', async () => {
    const h = await openWebApp('openkey', 'standard');
    try {
      const { id } = await createTicket({ ctx: h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId }), input: { subject: 'No ladder', description: 'x', severity: 2 } });
      const page = main((await (await h.session(h.agent, 'agent')).get(`/agent/tickets/${id}`)).body);
      assert.doesNotMatch(page, /id="record-escalation-form"|id="escalation-requests"/);
    } finally {
      await h.close();
    }
  });
});
