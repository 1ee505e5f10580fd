// A mailed request the policy holds (OpenBack Enterprise: from a contact who is not a named support
// contact) keeps the files that came with it, as a request held on the portal keeps those chosen
// with it (held_request_files): the agent reviewing it sees them, and accepting it puts them on the
// new ticket, where the sender's words are. (QA: a crash log mailed by a colleague was on no ticket
// once the request was accepted, and the agent had to ask for it again.)
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { listHeldRequests, reviewHeldRequest } from '../../src/tickets/index.ts';
import { openMailDesk, type MailDesk } from './support.ts';

const LOG = 'ERROR 02:40 push gateway timeout\n';
const withFile = (from: string, subject: string) => Buffer.from([
  `From: ${from}`, 'To: support@desk.example', `Subject: ${subject}`, `Message-ID: <${randomUUID()}@customer.example>`,
  'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b1"', '',
  '--b1', 'Content-Type: text/plain; charset=utf-8', '', 'The crash log is attached.', '',
  '--b1', 'Content-Type: text/plain; name="crash.log"', 'Content-Disposition: attachment; filename="crash.log"', 'Content-Transfer-Encoding: base64', '',
  Buffer.from(LOG).toString('base64'), '--b1--', '',
].join('\r\n'));

describe('a held mailed request keeps its files, and accepting it puts them on the ticket', () => {
  let m: MailDesk;
  before(async () => {
    m = await openMailDesk('openback', '2026-12-07T10:00:00Z');
    await m.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [
      randomUUID(), m.org1, 'nat@customer.example', 'Nat Notnamed', m.desk.clock.now(),
    ]);
  });
  after(() => m.desk.close());

  it('the file is listed with the held request, and on the ticket once accepted, its bytes whole', async () => {
    const r = await m.deliver(withFile('Nat Notnamed <nat@customer.example>', 'App crashes'));
    assert.equal(r.status, 'held', r.outcome);
    assert.match(r.outcome, /; its file is kept with the held request$|; its file is kept with the held request;/);
    const page = await listHeldRequests({ ctx: m.desk.ctx(m.desk.manager), input: {} });
    const held = page.items.find((h) => (h.request as { subject?: string }).subject === 'App crashes');
    assert.ok(held, 'the request is held');
    // One file, as mailed: its name, its type, and its length (33 bytes of LOG, counted by hand).
    assert.deepEqual(held.files.map((f) => [f.filename, f.contentType, f.size]), [['crash.log', 'text/plain', 33]]);

    const { ticket } = await reviewHeldRequest({ ctx: m.desk.ctx(m.desk.manager), input: { heldRequestId: held.id, decision: 'accept' } });
    assert.ok(ticket);
    const { rows } = await m.desk.t.db.query<{ filename: string; content: Uint8Array }>('SELECT filename, content FROM ticket_files WHERE ticket_id = $1', [ticket.id]);
    assert.deepEqual(rows.map((f) => [f.filename, Buffer.from(f.content).toString()]), [['crash.log', LOG]]);
  });

  it('a mail with no files holds a request with none', async () => {
    const r = await m.deliver(Buffer.from(['From: nat@customer.example', 'To: support@desk.example', 'Subject: Plain question', `Message-ID: <${randomUUID()}@customer.example>`, '', 'No files here.', ''].join('\r\n')));
    assert.equal(r.status, 'held');
    assert.doesNotMatch(r.outcome, /kept with the held request/);
    const page = await listHeldRequests({ ctx: m.desk.ctx(m.desk.manager), input: {} });
    assert.deepEqual(page.items.find((h) => (h.request as { subject?: string }).subject === 'Plain question')?.files, []);
  });
});
