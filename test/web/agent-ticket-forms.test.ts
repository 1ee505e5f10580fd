// The agent's ticket page as QA worked it (2026-12-05): a refused form comes back with what was
// typed in it (the copies, the link, the requester, the time, the merge number were replaced by
// what the ticket had, or emptied), and the page says how the severity was decided in words, not
// the code ("(contact)").
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('agent ticket page forms, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('a refused form keeps what was typed in it, beside its own message', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Keep my typing', severity: 3 });
    const a = await h.session(h.agent, 'agent');

    const ccs = await a.post(`/agent/tickets/${t.id}/ccs`, { emails: 'someone@nowhere.example, other@nowhere.example' });
    assert.equal(ccs.statusCode, 400);
    assert.match(main(ccs.body), /id="ccs-error"[\s\S]*No contact has the email someone@nowhere\.example/);
    assert.match(main(ccs.body), /<input id="cc-emails" name="emails" value="someone@nowhere\.example, other@nowhere\.example">/);

    const link = await a.post(`/agent/tickets/${t.id}/link`, { url: 'ftp://bugs.example/42', title: 'Crash <on> login' });
    assert.equal(link.statusCode, 400);
    assert.match(main(link.body), /id="link-error"/);
    assert.match(main(link.body), /<input id="link-url" name="url" type="url" required value="ftp:\/\/bugs\.example\/42">/);
    assert.match(main(link.body), /<input id="link-title" name="title" required value="Crash &lt;on&gt; login">/);

    const requester = await a.post(`/agent/tickets/${t.id}/requester`, { email: 'newcomer@nowhere.example' });
    assert.equal(requester.statusCode, 400);
    assert.match(main(requester.body), /<input id="requester-email" name="email" type="email" list="requester-emails" data-find="\/agent\/contacts\/suggest\?organization=[0-9a-f-]{36}" autocomplete="off" value="newcomer@nowhere\.example">/);

    const time = await a.post(`/agent/tickets/${t.id}/time`, { minutes: 'half an hour', note: 'Call with their admin' });
    assert.equal(time.statusCode, 400);
    assert.match(main(time.body), /id="time-error"[\s\S]*<strong>Minutes<\/strong> must be a whole number of minutes, like 25/);
    assert.match(main(time.body), /<input id="time-minutes" [^>]*value="half an hour">/);
    assert.match(main(time.body), /<input id="time-note" name="note" maxlength="500" value="Call with their admin">/);

    const merge = await a.post(`/agent/tickets/${t.id}/merge`, { into: '999999' });
    assert.equal(merge.statusCode, 400);
    assert.match(main(merge.body), /id="merge-error"/);
    assert.match(main(merge.body), /<input id="merge-into" [^>]*value="999999">/);

    // Forms that were not refused show the ticket as it is: the copies (none) and an empty link.
    assert.match(main(merge.body), /<input id="cc-emails" name="emails" value="">/);
    assert.match(main(merge.body), /<input id="link-url" name="url" type="url" required value="">/);
  });

  it('says how the severity was decided in words, and after a regrade which severity it came from', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Chosen severity', severity: 3 });
    const a = await h.session(h.agent, 'agent');
    assert.match(main((await a.get(`/agent/tickets/${t.id}`)).body), /<dt>Severity<\/dt><dd>S3: Minor <small>\(chosen by the customer\)<\/small><\/dd>/);
    const regraded = await a.post(`/agent/tickets/${t.id}/regrade`, { severity: '2', reason: 'Their whole region is affected' });
    assert.equal(regraded.statusCode, 303);
    assert.match(main((await a.get(`/agent/tickets/${t.id}`)).body),
      /<dt>Severity<\/dt><dd>S2: Major <small>\(regraded from S3, which was chosen by the customer\)<\/small><\/dd>/);
  });

  it('the timeline names each entry in words, and who was assigned, copied or made requester by name', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Say who', severity: 3 });
    await h.desk.t.db.query(
      "INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES (gen_random_uuid(), $1, 'dana@customer.example', 'Dana Field', false, now())",
      [h.contactA.organizationId],
    );
    const agentName = (await h.desk.t.db.query<{ name: string }>('SELECT name FROM agents WHERE id = $1', [h.agent.id])).rows[0].name;
    const requesterName = (await h.desk.t.db.query<{ name: string }>('SELECT name FROM contacts WHERE id = $1', [h.contactA.id])).rows[0].name;
    const a = await h.session(h.agent, 'agent');
    for (const [path, form] of [
      ['assign', { assignee: h.agent.id }], ['ccs', { emails: 'dana@customer.example' }], ['requester', { email: 'dana@customer.example' }],
      ['regrade', { severity: '2', reason: 'Checkout is down for all' }], ['tags', { tags: 'billing' }],
    ] as const) assert.equal((await a.post(`/agent/tickets/${t.id}/${path}`, form)).statusCode, 303, path);
    const timeline = /<ol class="timeline">[\s\S]*?<\/ol>/.exec((await a.get(`/agent/tickets/${t.id}`)).body)?.[0] ?? '';
    const entry = (title: string) => new RegExp(`<strong>${title}</strong>[\\s\\S]*?<p class="data">([\\s\\S]*?)</p>`).exec(timeline)?.[1].replace(/\s+/g, ' ').trim();
    assert.equal(entry('Opened'), '<span>Severity: 3: Minor</span> <span>How the severity was decided: Chosen by the customer: Minor</span> <span>Channel: Email</span> <span>Plan: Enterprise</span> <span>Support policy: version 1</span>');
    assert.equal(entry('Assignee changed'), `<span>From: nobody (unassigned)</span> <span>To: ${agentName}</span>`);
    assert.equal(entry('People copied changed'), '<span>Copied: Dana Field</span>');
    assert.equal(entry('Requester changed'), `<span>From: ${requesterName}</span> <span>To: Dana Field</span>`);
    assert.equal(entry('Severity changed'), '<span>From: 3: Minor</span> <span>To: 2: Major</span>');
    assert.equal(entry('Tags changed'), '<span>Added: billing</span>');
    assert.doesNotMatch(timeline, /enterprise|source contact|policy version|cc changed/);
  });

  // QA walk (2026-12-07): typing the requester the ticket already has said "Requester changed."
  // though nothing changed and no entry was written; it says so, as the assignee form does.
  it('choosing the requester the ticket already has changes nothing, and says so', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Same person', severity: 3 });
    const email = (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactA.id])).rows[0].email;
    const a = await h.session(h.agent, 'agent');
    const same = await a.post(`/agent/tickets/${t.id}/requester`, { email: email.toUpperCase() });
    assert.equal(same.headers.location, `/agent/tickets/${t.id}?done=requester-same`);
    const page = main((await a.get(same.headers.location as string)).body);
    assert.match(page, /Nothing changed: they are already the requester\./);
    assert.doesNotMatch(page, /Requester changed/);
    const { rows } = await h.desk.t.db.query("SELECT 1 FROM ticket_events WHERE ticket_id = $1 AND type = 'requester_changed'", [t.id]);
    assert.equal(rows.length, 0);
  });

  it('a bulk change refused whole keeps the tickets chosen, so it can be fixed and applied again', async () => {
    const one = await openTicket(h, h.contactA, { subject: 'Bulk one', severity: 3 });
    const two = await openTicket(h, h.contactA, { subject: 'Bulk two', severity: 3 });
    const a = await h.session(h.agent, 'agent');
    // Nothing to change (status, assignee and tags all kept): refused, nothing written.
    const res = await a.post('/agent/bulk', { ticket: [one.id], status: '', assignee: '', add_tags: '', back: '/agent' });
    assert.equal(res.statusCode, 400);
    const page = main(res.body);
    assert.match(page, /id="bulk-result"><p>Nothing was changed: nothing to change: give a status, an assignee or tags<\/p>/);
    // A field at fault is named as the form labels it, in words.
    const long = main((await a.post('/agent/bulk', { ticket: [one.id], add_tags: 'x'.repeat(60), back: '/agent' })).body);
    assert.match(long, /id="bulk-result"><p>Nothing was changed: Tags a tag is letters, digits and \. _ : - \(no spaces\), up to 50 characters<\/p>/);
    const forged = main((await a.post('/agent/bulk', { ticket: [one.id], assignee: 'nobody', back: '/agent' })).body);
    assert.match(forged, /id="bulk-result"><p>Nothing was changed: Assignee is not a valid id<\/p>/);
    assert.match(page, new RegExp(`<input type="checkbox" name="ticket" value="${one.id}" form="bulk-form" aria-label="Select #${one.number}" checked>`));
    assert.match(page, new RegExp(`<input type="checkbox" name="ticket" value="${two.id}" form="bulk-form" aria-label="Select #${two.number}">`));
  });

  it('offers the escalate key only where there is an escalation form (OpenBack has no ladder)', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'No ladder', severity: 3 });
    const page = main((await (await h.session(h.agent, 'agent')).get(`/agent/tickets/${t.id}`)).body);
    assert.doesNotMatch(page, /id="escalate-form"/);
    assert.match(page, /<p class="hint">Keyboard: <kbd>r<\/kbd> reply, <kbd>n<\/kbd> internal note, <kbd>s<\/kbd> status, <kbd>a<\/kbd> assign,/);
  });
});


// OPS-COM: "enter the issue into JIRA ... The issue will be linked through JIRA to the Help Desk
// conversation": an escalation to development with no JIRA issue linked is refused beside the
// escalate form, naming the form where the link is added, with the reason typed kept.
describe('agent ticket page forms, OPS-COM', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('opscom', 'premium');
  });
  after(() => h.close());

  it('an escalation to development with no JIRA issue linked is refused beside the escalate form', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Export drops rows', severity: 2 });
    const post = (url: string, payload: Record<string, unknown>) => h.as(h.escalation.token, { method: 'POST', url: `/api/v1/tickets/${t.id}${url}`, payload });
    assert.equal((await post('/escalations', { reason: 'Reproduced' })).statusCode, 200);
    assert.equal((await post('/replies', { body: 'A fix is planned.', eta: '2026-12-18T17:00:00Z' })).statusCode, 201);
    const a = await h.session(h.escalation, 'agent');
    const refused = await a.post(`/agent/tickets/${t.id}/escalate`, { reason: 'Assessed', to_level: '' });
    assert.equal(refused.statusCode, 409);
    assert.match(main(refused.body), /id="escalate-error"[^>]*>\s*<p>The issue is entered into JIRA and linked to this ticket before Development team addresses the bug<\/p>\s*<ul><li><strong>Engineering link<\/strong> no JIRA issue linked to this ticket: link it first<\/li><\/ul>/);
    assert.match(main(refused.body), /<input id="escalate-reason" name="reason" required data-shortcut="e" value="Assessed">/);
    // The link form says which link lets the bug go on: the JIRA issue's own address.
    assert.match(main(refused.body), /<p class="hint" id="link-tracker">Development team takes a bug once its JIRA issue is linked here: the issue's own address, its key in it.<\/p>/);
    assert.equal((await a.post(`/agent/tickets/${t.id}/link`, { url: 'https://opscom.atlassian.net/browse/DEV-3', title: 'DEV-3' })).statusCode, 303);
    assert.equal((await a.post(`/agent/tickets/${t.id}/escalate`, { reason: 'Assessed: DEV-3', to_level: '' })).statusCode, 303);
  });
});
