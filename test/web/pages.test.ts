// The pages over the verbs: the agent console (queues, ticket page, actions) and the portal (cases,
// intake, replies; only the contact's organization). Expected values are worked out from the
// OpenBack policy by hand. The policy editor and the reports: policy-editor-and-reports.test.ts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { emailSettingsFor, processInbound, storeInbound } from '../../src/email/index.ts';
import { contentDisposition } from '../../src/http/downloads.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('agent console and portal', () => {
  let h: WebApp;
  let ticketId: string;
  before(async () => {
    // Wed 2 Dec 2026 10:00 UTC: OpenBack's weekday hours are open.
    h = await openWebApp();
    ticketId = (await openTicket(h, h.contactA, { subject: 'Checkout fails', severity: 2 })).id;
  });
  after(() => h.close());

  it('lists open tickets in the queues with their next due time', async () => {
    const a = await h.session(h.agent, 'agent');
    const all = main((await a.get('/agent')).body);
    assert.match(all, /#\d+ Checkout fails/);
    // First response for Enterprise severity 2 is due Thu 3 Dec 13:00 UTC (12 business hours): 27 hours away.
    assert.match(all, /data-due="2026-12-03T13:00:00Z">in 1 day 3 h</);
    assert.match(main((await a.get('/agent?view=unassigned')).body), /Checkout fails/);
    assert.doesNotMatch(main((await a.get('/agent?view=mine')).body), /Checkout fails/);
    assert.doesNotMatch(main((await a.get('/agent?view=breaching')).body), /Checkout fails/);
    assert.match(main((await a.get('/agent?view=all&severity=2')).body), /Checkout fails/);
    assert.doesNotMatch(main((await a.get('/agent?view=all&severity=1')).body), /Checkout fails/);
    assert.doesNotMatch(main((await a.get('/agent?view=after_hours')).body), /Checkout fails/);
    const bad = await a.get('/agent?view=everything');
    assert.equal(bad.statusCode, 400);
  });

  it('works a ticket: a reply meets the first response, a note stays internal, assignee and regrade change', async () => {
    const a = await h.session(h.agent, 'agent');
    h.desk.clock.advance({ minutes: 30 });
    assert.equal((await a.post(`/agent/tickets/${ticketId}/note`, { body: 'Looks like the payment gateway' })).statusCode, 303);
    assert.equal((await a.post(`/agent/tickets/${ticketId}/reply`, { body: 'We are looking at it.', eta: '2026-12-04T12:00' })).statusCode, 303);
    const assigned = await a.post(`/agent/tickets/${ticketId}/assign`, { assignee: h.agent.id });
    assert.equal(assigned.headers.location, `/agent/tickets/${ticketId}?done=assign`);
    // Choosing the agent who holds it again changes nothing, and says so; no second entry.
    const again = await a.post(`/agent/tickets/${ticketId}/assign`, { assignee: h.agent.id });
    assert.equal(again.headers.location, `/agent/tickets/${ticketId}?done=assign-same`);
    assert.match(main((await a.get(again.headers.location as string)).body), /Nothing changed: the ticket is already assigned to that agent\./);
    const { rows: assignedEntries } = await h.desk.t.db.query("SELECT 1 FROM ticket_events WHERE ticket_id = $1 AND type = 'assigned'", [ticketId]);
    assert.equal(assignedEntries.length, 1);
    const missingReason = await a.post(`/agent/tickets/${ticketId}/regrade`, { severity: '1' });
    assert.equal(missingReason.statusCode, 400);
    assert.match(missingReason.body, /id="regrade-error"[\s\S]*a reason is required to regrade the ticket/);
    assert.equal((await a.post(`/agent/tickets/${ticketId}/regrade`, { severity: '1', reason: 'All stores affected' })).statusCode, 303);
    const page = main((await a.get(`/agent/tickets/${ticketId}?done=regrade`)).body);
    assert.match(page, /Severity changed; the clocks were recomputed/);
    assert.match(page, /<tr class="clock state-met">\s*<th scope="row">Initial Response Time <small class="metric">\(first response\)<\/small><\/th>\s*<td>Met \(2026-12-02 10:30 UTC\)/);
    assert.match(page, /<li class="event internal">[\s\S]*?Internal: not shown to the customer[\s\S]*?Looks like the payment gateway/);
    assert.match(page, /<li class="event public">[\s\S]*?We are looking at it\./);
    // London is on GMT in December: the support hours' zone shows the same wall time.
    assert.match(page, /<dt>ETA<\/dt><dd>2026-12-04 12:00 UTC <small class="local">\(Fri 4 Dec 2026 12:00 GMT\)<\/small><\/dd>/);
    // The intake's classification is no longer what the ticket has: the page says it was regraded.
    assert.match(page, /<dt>Severity<\/dt><dd>S1: [^<]*<small>\(regraded from S2, which was chosen by the customer\)<\/small>/);
    assert.match(page, /Why this deadline: Initial Response Time/);
    assert.match(page, /<dt>Assignee<\/dt><dd id="assignee-now">agent@vendor.example\s*<\/dd>/);
    assert.match(main((await a.get('/agent?view=mine')).body), /Checkout fails/);
    // The reply form sets the status with the reply: offered the others than the ticket's own.
    assert.match(page, /<select id="reply-status" name="status">\s*<option value="">as it is \(Open\)<\/option>\s*<option value="pending_customer">Waiting on customer<\/option><option value="pending_third_party">Waiting on third party<\/option><option value="solved">Solved<\/option>/);
    assert.equal((await a.post(`/agent/tickets/${ticketId}/reply`, { body: 'Could you send the error you see?', status: 'pending_customer' })).statusCode, 303);
    const waiting = main((await a.get(`/agent/tickets/${ticketId}`)).body);
    assert.match(waiting, /<dt>Status<\/dt><dd>Waiting on customer<\/dd>/);
    assert.match(waiting, /<option value="">as it is \(Waiting on customer\)<\/option>\s*<option value="open">Open<\/option>/);
    // A refused reply keeps the status chosen with it.
    const refused = await a.post(`/agent/tickets/${ticketId}/reply`, { body: '', status: 'solved' });
    assert.equal(refused.statusCode, 400);
    assert.match(main(refused.body), /<option value="solved" selected>Solved<\/option>/);
  });

  it('shows the contact its case without internal notes, with the severity definition and promised times', async () => {
    const c = await h.session(h.contactA, 'contact');
    const page = main((await c.get(`/portal/cases/${ticketId}`)).body);
    assert.match(page, /We are looking at it\./);
    assert.doesNotMatch(page, /payment gateway/);
    assert.doesNotMatch(page, /Internal: not shown/);
    assert.match(page, /All stores affected/);
    // In the zone of the plan's hours ("9am – 6pm GMT"), once.
    assert.match(page, /<dt>Estimated resolution<\/dt><dd>Fri 4 Dec 2026 12:00 GMT<\/dd>/);
    assert.match(page, /What severity 1 means/);
    assert.match(page, /<h3>What our support policy says<\/h3>/);
    const list = main((await c.get('/portal')).body);
    assert.match(list, /Checkout fails/);
    // OpenBack publishes no status page, so nothing links one (site-links.test.ts: OpenMethods does).
    assert.doesNotMatch(list, /href="\/status"/);
    assert.match(list, /href="\/policy"/);
  });

  it('keeps another organization out: its contact gets 404 and never sees the case listed', async () => {
    const b = await h.session(h.contactB, 'contact');
    assert.equal((await b.get(`/portal/cases/${ticketId}`)).statusCode, 404);
    assert.equal((await b.post(`/portal/cases/${ticketId}/reply`, { body: 'Me too' })).statusCode, 404);
    assert.doesNotMatch(main((await b.get('/portal')).body), /Checkout fails/);
    const stream = await b.get('/live?after=0&once=1');
    assert.equal(stream.statusCode, 200);
    assert.doesNotMatch(stream.body, new RegExp(ticketId));
  });

  it('opens a case through intake and replies on it; a refused field is named on the form', async () => {
    const c = await h.session(h.contactA, 'contact');
    const empty = await c.post('/portal/cases', { subject: '', description: 'x' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /id="case-error"[\s\S]*<strong>Subject<\/strong> must not be empty/);
    const made = await c.post('/portal/cases', { subject: 'Reports are slow', description: 'Since Monday', severity: '3' });
    assert.equal(made.statusCode, 303);
    const url = String(made.headers.location);
    assert.match(url, /^\/portal\/cases\/[0-9a-f-]{36}\?done=created$/);
    assert.equal((await c.post(`${url.split('?')[0]}/reply`, { body: 'Still slow' })).statusCode, 303);
    const page = main((await c.get(url)).body);
    assert.match(page, /Your case is open/);
    assert.match(page, /Still slow/);
  });

  it('lists files that came by email on the ticket and hands them out as downloads, to its readers only', async () => {
    const { rows: [{ email }] } = await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactA.id]);
    const raw = Buffer.from([
      `From: ${email}`, 'To: support@accord.localhost', 'Subject: Screenshot of the failure', 'Message-ID: <files-1@example.com>',
      'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b1"', '',
      '--b1', 'Content-Type: text/plain; charset=utf-8', '', 'The page shows this.', '',
      '--b1', 'Content-Type: text/html; name="page.html"', 'Content-Disposition: attachment; filename="page.html"', 'Content-Transfer-Encoding: base64', '',
      Buffer.from('<script>alert(1)</script>').toString('base64'), '--b1--', '',
    ].join('\r\n'));
    const inboundId = (await storeInbound(h.desk.t.db, h.desk.clock, raw, { source: 'smtp', envelopeFrom: email, envelopeTo: ['support@accord.localhost'] }))!;
    const result = await processInbound({ ctx: h.desk.system, settings: emailSettingsFor('support@accord.localhost'), inboundId });
    assert.equal(result?.status, 'created');
    const { rows: [{ ticket_id: ticketOfMail }] } = await h.desk.t.db.query<{ ticket_id: string }>('SELECT ticket_id FROM inbound_messages WHERE id = $1', [inboundId]);

    const agent = await h.session(h.agent, 'agent');
    const link = new RegExp(`href="(/tickets/${ticketOfMail}/attachments/[0-9a-f-]{36})" download>page\\.html</a> \\(Web page, 25 bytes\\)`);
    const href = link.exec(main((await agent.get(`/agent/tickets/${ticketOfMail}`)).body))?.[1];
    assert.ok(href, 'the agent sees the file on the ticket page');
    const file = await agent.get(href);
    assert.equal(file.statusCode, 200);
    assert.equal(file.body, '<script>alert(1)</script>');
    assert.equal(file.headers['content-type'], 'application/octet-stream');
    assert.equal(file.headers['content-disposition'], `attachment; filename="page.html"; filename*=UTF-8''page.html`);
    assert.equal(file.headers['x-content-type-options'], 'nosniff');

    const own = await h.session(h.contactA, 'contact');
    assert.match(main((await own.get(`/portal/cases/${ticketOfMail}`)).body), link);
    assert.equal((await own.get(href)).statusCode, 200);
    const other = await h.session(h.contactB, 'contact');
    assert.equal((await other.get(href)).statusCode, 404);
  });

  it('names a download so no header can be broken out of', () => {
    assert.equal(contentDisposition('report "final".pdf'), `attachment; filename="report _final_.pdf"; filename*=UTF-8''report%20_final_.pdf`);
    assert.equal(contentDisposition('a\r\nSet-Cookie: x'), `attachment; filename="a__Set-Cookie: x"; filename*=UTF-8''a__Set-Cookie%3A%20x`);
    assert.equal(contentDisposition('日本.txt'), `attachment; filename="__.txt"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt`);
    assert.equal(contentDisposition(null), `attachment; filename="attachment"; filename*=UTF-8''attachment`);
  });

  it('streams changes as server-sent events', async () => {
    const a = await h.session(h.agent, 'agent');
    const res = await a.get('/live?after=0&once=1');
    assert.equal(res.headers['content-type'], 'text/event-stream');
    assert.match(res.body, new RegExp(`event: ticket\\ndata: \\{"id":"${ticketId}","number":\\d+\\}`));
  });
});
