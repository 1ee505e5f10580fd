// A ticket's files over the API, on OpenBack (seed 001): a contact sends a log with its ticket
// (JSON, base64), lists and downloads it; an agent's file on an internal note is listed for
// agents only; bad base64, too many files and another organization are refused as envelopes
// naming the field, with nothing written. The app's clock: Wednesday 2026-12-02T10:00Z.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addNote } from '../../src/tickets/index.ts';
import { assertEnvelopeShape, openTicket, openTicketApp, type TicketApp } from './ticket-app.ts';

const LOG = 'ERROR push worker stalled at 09:58\n';
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('ticket attachments over HTTP', () => {
  let h: TicketApp;
  let ticketId: string;
  before(async () => {
    h = await openTicketApp('openback', 'enterprise');
    ticketId = (await openTicket(h, h.contactA)).id;
  });
  after(() => h.close());

  const stored = async () => (await h.desk.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ticket_files WHERE ticket_id = $1', [ticketId])).rows[0].n;

  it('a contact sends a log with its ticket, lists it and downloads the same bytes', async () => {
    const sent = await h.as(h.contactA.token, {
      method: 'POST', url: `/api/v1/tickets/${ticketId}/attachments`,
      payload: { files: [{ filename: 'worker.log', content_type: 'text/plain', content_base64: b64(LOG) }] },
    });
    assert.equal(sent.statusCode, 201, sent.body);
    const event = sent.json();
    assert.equal(event.type, 'files_added');
    assert.equal(event.visibility, 'public');
    assert.equal(event.at, '2026-12-02T10:00:00Z');
    assert.equal(event.data.files.length, 1);
    const fileId = event.data.files[0].id;
    assert.deepEqual(event.data.files[0], { id: fileId, filename: 'worker.log', content_type: 'text/plain', size: 35 });

    const list = await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/tickets/${ticketId}/attachments` });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json(), [{
      id: fileId, filename: 'worker.log', content_type: 'text/plain', size: 35, received_at: '2026-12-02T10:00:00Z', source: 'desk', event_id: event.id, visibility: 'public', risk: null,
    }]);

    const download = await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/tickets/${ticketId}/attachments/${fileId}` });
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/octet-stream');
    assert.equal(download.headers['content-disposition'], `attachment; filename="worker.log"; filename*=UTF-8''worker.log`);
    assert.equal(download.body, LOG);

    // The contact's timeline shows the event with its files.
    const events = (await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/tickets/${ticketId}/events` })).json();
    assert.deepEqual(events.find((e: any) => e.type === 'files_added')?.data, { files: [{ id: fileId, filename: 'worker.log', content_type: 'text/plain', size: 35 }] });
  });

  it("a file on an agent's internal note is listed and handed out to agents only", async () => {
    await addNote({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId, body: 'Heap dump', files: [{ filename: 'heap.dump', contentType: 'application/octet-stream', content: Buffer.from('heap') }] } });
    const agentList = (await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${ticketId}/attachments` })).json();
    const dump = agentList.find((f: any) => f.filename === 'heap.dump');
    assert.equal(dump?.visibility, 'internal');
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${ticketId}/attachments/${dump.id}` })).body, 'heap');
    const contactList = (await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/tickets/${ticketId}/attachments` })).json();
    assert.deepEqual(contactList.map((f: any) => f.filename), ['worker.log']);
    const hidden = await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/tickets/${ticketId}/attachments/${dump.id}` });
    assert.equal(hidden.statusCode, 404);
    assertEnvelopeShape(hidden.json());
  });

  it('refuses bad base64, an empty list, eleven files and another organization, naming the field, writing nothing', async () => {
    const before = await stored();
    const post = (token: string, files: unknown) => h.as(token, { method: 'POST', url: `/api/v1/tickets/${ticketId}/attachments`, payload: { files } });

    const bad = await post(h.contactA.token, [{ filename: 'a.txt', content_base64: b64('ok') }, { filename: 'b.txt', content_base64: 'not base64!' }]);
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().details, [{ path: 'files.1.content_base64', message: 'is not standard base64 with padding' }]);

    const empty = await post(h.contactA.token, [{ filename: 'empty.txt', content_base64: '' }]);
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(empty.json().details.map((d: any) => d.path), ['files.0.content_base64']);

    const none = await post(h.contactA.token, []);
    assert.equal(none.statusCode, 400);
    assert.match(JSON.stringify(none.json().details), /files/);

    const eleven = await post(h.contactA.token, Array.from({ length: 11 }, (_, i) => ({ filename: `${i}.txt`, content_base64: b64(String(i)) })));
    assert.equal(eleven.statusCode, 400);
    assert.match(JSON.stringify(eleven.json().details), /files/);

    const other = await post(h.contactB.token, [{ filename: 'x.txt', content_base64: b64('x') }]);
    assert.equal(other.statusCode, 404);
    assert.equal((await h.as(h.contactB.token, { method: 'GET', url: `/api/v1/tickets/${ticketId}/attachments` })).statusCode, 404);

    const extra = await h.as(h.contactA.token, { method: 'POST', url: `/api/v1/tickets/${ticketId}/attachments`, payload: { files: [{ filename: 'x.txt', content_base64: b64('x') }], visibility: 'internal' } });
    assert.equal(extra.statusCode, 400);
    assert.equal(await stored(), before);
  });
});
