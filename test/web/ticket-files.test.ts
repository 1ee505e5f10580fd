// Files attached on the desk, on OpenBack (seed 001): a customer opens a case with a screenshot
// and a log, an agent answers with a file (which goes with the customer's mail) and leaves one on
// an internal note (which the customer never sees), and what the limits refuse is said beside
// the form with nothing written. Downloads are the bytes sent, as attachments, to the ticket's
// readers only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { simpleParser } from 'mailparser';
import { captureSender, deliverDueMail, emailSettingsFor } from '../../src/email/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

// Not text: every byte value, so a download that re-encoded anything would not match.
const PNG = new Uint8Array(Array.from({ length: 2048 }, (_, i) => (i * 7) % 256));
const LOG = 'ERROR 2026-12-02 09:58:11 push worker stalled\n';
const MIB = 1024 * 1024;

describe('files on tickets, OpenBack', () => {
  let h: WebApp;
  let caseId: string;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  const filesOf = async (ticketId: string) =>
    (await h.desk.t.db.query<{ id: string; filename: string; size: number; content: Uint8Array }>('SELECT id, filename, size, content FROM ticket_files WHERE ticket_id = $1 ORDER BY filename', [ticketId])).rows;

  it('a customer opens a case with a screenshot and a log; both are listed and download as sent', async () => {
    const c = await h.session(h.contactA, 'contact');
    const form = main((await c.get('/portal/cases/new')).body);
    assert.match(form, /<form method="post" action="\/portal\/cases" class="stack" enctype="multipart\/form-data">/);
    assert.match(form, /Up to 10 files, 10 MiB each and 25 MiB together\./);
    const res = await c.upload('/portal/cases', { subject: 'Push stuck', description: 'See the screenshot and the log.', severity: '2' }, [
      { name: 'screen.png', content: PNG, type: 'image/png' },
      { name: 'worker.log', content: LOG, type: 'text/plain' },
    ]);
    assert.equal(res.statusCode, 303);
    caseId = /^\/portal\/cases\/([0-9a-f-]{36})\?done=created$/.exec(String(res.headers.location))?.[1] ?? '';
    const stored = await filesOf(caseId);
    assert.deepEqual(stored.map((f) => [f.filename, f.size]), [['screen.png', 2048], ['worker.log', LOG.length]]);

    const page = main((await c.get(`/portal/cases/${caseId}`)).body);
    assert.match(page, /<h2 id="files-h">Files<\/h2>/);
    const png = stored[0];
    assert.match(page, new RegExp(`<a href="/tickets/${caseId}/attachments/${png.id}" download>screen\\.png</a> \\(PNG image, 2 KB\\) · attached by you`), 'the portal names who attached it, as its timeline does');
    // The timeline's entry: the files the customer sent, by name.
    assert.match(page, /<strong>Files added<\/strong>[\s\S]*?<ul class="event-files" aria-label="Files">\s*<li><a href="[^"]+" download>screen\.png<\/a> \(2 KB\)<\/li><li><a href="[^"]+" download>worker\.log<\/a> \(46 bytes\)<\/li>/);

    const download = await c.get(`/tickets/${caseId}/attachments/${png.id}`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/octet-stream');
    assert.equal(download.headers['content-disposition'], `attachment; filename="screen.png"; filename*=UTF-8''screen.png`);
    assert.deepEqual(new Uint8Array(download.rawPayload), PNG);

    // Another organization's contact: neither the case nor its files.
    const b = await h.session(h.contactB, 'contact');
    assert.equal((await b.get(`/tickets/${caseId}/attachments/${png.id}`)).statusCode, 404);
    // An agent sees them too, on the ticket page.
    const a = await h.session(h.agent, 'agent');
    assert.match(main((await a.get(`/agent/tickets/${caseId}`)).body), /screen\.png<\/a> \(PNG image, 2 KB\) · attached by the customer/);
    assert.equal((await a.get(`/tickets/${caseId}/attachments/${png.id}`)).statusCode, 200);
  });

  it("an agent's reply carries a file to the customer, by the portal and by mail", async () => {
    const a = await h.session(h.agent, 'agent');
    const res = await a.upload(`/agent/tickets/${caseId}/reply`, { body: 'Here is the patched worker config.' }, [{ name: 'worker.conf', content: 'threads=8\n', type: 'text/plain' }]);
    assert.equal(res.statusCode, 303);
    const conf = (await filesOf(caseId)).find((f) => f.filename === 'worker.conf');
    assert.ok(conf);
    const c = await h.session(h.contactA, 'contact');
    const page = main((await c.get(`/portal/cases/${caseId}`)).body);
    assert.match(page, /Here is the patched worker config\.<\/div>\s*<ul class="event-files" aria-label="Files">\s*<li><a href="[^"]+" download>worker\.conf<\/a> \(10 bytes\)<\/li>/);
    assert.equal(Buffer.from((await c.get(`/tickets/${caseId}/attachments/${conf.id}`)).rawPayload).toString(), 'threads=8\n');

    const run = await deliverDueMail({ ctx: h.desk.system, settings: { email: emailSettingsFor('support@vendor.example'), sender: captureSender(h.desk.t.db, h.desk.clock) } });
    assert.ok(run.sent >= 1);
    const { rows } = await h.desk.t.db.query<{ raw: string }>(
      "SELECT m.raw FROM captured_mail m JOIN outbox o ON o.id = m.outbox_id WHERE o.kind = 'ticket_reply' AND o.payload->>'ticket_id' = $1",
      [caseId],
    );
    assert.equal(rows.length, 1);
    const mail = await simpleParser(rows[0].raw);
    assert.match(mail.text ?? '', /Here is the patched worker config\./);
    assert.deepEqual(mail.attachments.map((f) => [f.filename, f.contentType, f.content.toString()]), [['worker.conf', 'text/plain', 'threads=8\n']]);
  });

  it('files too large together for a mailbox stay on the case, and the mail says so', async () => {
    const a = await h.session(h.agent, 'agent');
    // Two of 6 MiB: 12 MiB, over the 10 MiB that goes by mail, under the 25 MiB a reply may carry.
    const two = [{ name: 'trace-1.bin', content: new Uint8Array(6 * MIB) }, { name: 'trace-2.bin', content: new Uint8Array(6 * MIB) }];
    assert.equal((await a.upload(`/agent/tickets/${caseId}/reply`, { body: 'Traces from our side.' }, two)).statusCode, 303);
    const { rows } = await h.desk.t.db.query<{ body: string; payload: Record<string, unknown> }>(
      "SELECT body, payload FROM outbox WHERE kind = 'ticket_reply' AND payload->>'ticket_id' = $1 AND body LIKE 'Traces%'",
      [caseId],
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0].body, 'Traces from our side.\n\nFiles with this reply, too large to send by email, are on the case in the support portal: trace-1.bin, trace-2.bin');
    assert.equal(rows[0].payload.files, undefined);
  });

  it("a file on an internal note is for agents only: not listed, not downloadable, not in the customer's timeline", async () => {
    const a = await h.session(h.agent, 'agent');
    assert.equal((await a.upload(`/agent/tickets/${caseId}/note`, { body: 'Heap dump from the worker.' }, [{ name: 'heap.dump', content: 'secret heap' }])).statusCode, 303);
    const dump = (await filesOf(caseId)).find((f) => f.filename === 'heap.dump');
    assert.ok(dump);
    const agentPage = main((await a.get(`/agent/tickets/${caseId}`)).body);
    assert.match(agentPage, /heap\.dump<\/a> \(DUMP file, 11 bytes\) · attached by support <span class="badge internal">Internal: not shown to the customer<\/span>/);
    const c = await h.session(h.contactA, 'contact');
    assert.doesNotMatch((await c.get(`/portal/cases/${caseId}`)).body, /heap\.dump/);
    assert.equal((await c.get(`/tickets/${caseId}/attachments/${dump.id}`)).statusCode, 404);
    const events = (await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/tickets/${caseId}/events` })).body;
    assert.doesNotMatch(events, /heap\.dump/);
  });

  it('refuses a file over 10 MiB and an eleventh file beside the form, writing nothing', async () => {
    const c = await h.session(h.contactA, 'contact');
    const before = (await filesOf(caseId)).length;
    const replies = async () => (await h.desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'reply'", [caseId])).rows[0].n;
    const repliesBefore = await replies();

    const big = await c.upload(`/portal/cases/${caseId}/reply`, { body: 'The full log' }, [{ name: 'full.log', content: new Uint8Array(10 * MIB + 1) }]);
    assert.equal(big.statusCode, 400);
    assert.match(main(big.body), /Files may be at most 10 MiB each and 25 MiB together/);
    assert.match(main(big.body), /<strong>Files<\/strong> full\.log is too large/);

    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `part-${i}.txt`, content: `part ${i}` }));
    const many = await c.upload(`/portal/cases/${caseId}/reply`, { body: 'All the parts' }, eleven);
    assert.equal(many.statusCode, 400);
    assert.match(main(many.body), /<strong>Files<\/strong> at most 10 files at once/);

    // Three of 9 MiB: each is allowed, together they are more than 25 MiB.
    const three = Array.from({ length: 3 }, (_, i) => ({ name: `chunk-${i}.bin`, content: new Uint8Array(9 * MIB) }));
    const together = await c.upload(`/portal/cases/${caseId}/reply`, { body: 'Three chunks' }, three);
    assert.equal(together.statusCode, 400);
    assert.match(main(together.body), /<strong>Files<\/strong> chunk-2\.bin is too large/);

    assert.equal((await filesOf(caseId)).length, before);
    assert.equal(await replies(), repliesBefore);

    // A new case with a file too large: no case is opened.
    const newCase = await c.upload('/portal/cases', { subject: 'Huge upload', description: 'x', severity: '3' }, [{ name: 'huge.bin', content: new Uint8Array(10 * MIB + 1) }]);
    assert.equal(newCase.statusCode, 400);
    assert.match(main(newCase.body), /huge\.bin is too large/);
    assert.match(main(newCase.body), /value="Huge upload"/);
    assert.equal((await h.desk.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM tickets WHERE subject = 'Huge upload'")).rows[0].n, 0);
  });

  it('sends no file when the file input is left empty, takes files only where a form has a file field, and checks the form token', async () => {
    const c = await h.session(h.contactA, 'contact');
    const before = (await filesOf(caseId)).length;
    const empty = await c.upload(`/portal/cases/${caseId}/reply`, { body: 'No file this time' }, [{ name: '', content: '' }]);
    assert.equal(empty.statusCode, 303);
    assert.equal((await filesOf(caseId)).length, before);

    const a = await h.session(h.agent, 'agent');
    const status = await a.upload(`/agent/tickets/${caseId}/status`, { status: 'pending_customer' }, []);
    assert.equal(status.statusCode, 415);
    const noToken = await c.upload(`/portal/cases/${caseId}/reply`, { body: 'Forged' }, [{ name: 'x.txt', content: 'x' }], { csrf: false });
    assert.equal(noToken.statusCode, 403);
    // A NUL (which PostgreSQL text cannot hold) is removed from the message, not refused (web/kept-form.ts); no file comes of it.
    const nul = await c.upload(`/portal/cases/${caseId}/reply`, { body: 'a\u0000b' }, []);
    assert.equal(nul.statusCode, 303);
    assert.equal((await h.desk.t.db.query<{ body: string }>("SELECT body FROM ticket_events WHERE ticket_id = $1 AND type = 'reply' ORDER BY seq DESC LIMIT 1", [caseId])).rows[0].body, 'ab');
    assert.equal((await filesOf(caseId)).length, before);
  });
});
