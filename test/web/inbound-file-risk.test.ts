// Risky files in inbound mail, as admins read it: the attachment list of one inbound message (the
// admin email page and GET /api/v1/email/inbound/:id) flags a file that can run code when opened,
// with the same "Caution" the ticket's files have (tickets/file-risk.ts), whether the mail's files
// were stored (processed) or are read from the raw message (not processed yet). OpenBack.
// QA: a held stranger's invoice.pdf.exe showed as a plain file on the admin page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emailSettingsFor, processInbound, storeInbound } from '../../src/email/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const withFiles = (subject: string) => Buffer.from([
  'From: stranger@elsewhere.example', 'To: support@accord.localhost', `Subject: ${subject}`, `Message-ID: <${subject.replace(/\W/g, '')}@x.example>`,
  'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b1"', '',
  '--b1', 'Content-Type: text/plain; charset=utf-8', '', 'Please pay.', '',
  '--b1', 'Content-Type: application/pdf; name="invoice.pdf.exe"', 'Content-Disposition: attachment; filename="invoice.pdf.exe"', 'Content-Transfer-Encoding: base64', '', 'TVqQAAMAAAAEAAAA', '',
  '--b1', 'Content-Type: text/plain; name="notes.txt"', 'Content-Disposition: attachment; filename="notes.txt"', '', 'plain notes', '',
  '--b1--', '',
].join('\r\n'));

describe('risky files in inbound mail, for admins', () => {
  let h: WebApp;
  const settings = emailSettingsFor('support@accord.localhost');
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());
  const store = async (subject: string) =>
    (await storeInbound(h.desk.t.db, h.desk.clock, withFiles(subject), { source: 'smtp', envelopeFrom: 'stranger@elsewhere.example', envelopeTo: ['support@accord.localhost'] }))!;
  // Worked out from the rule: .exe is a program, after .pdf it is named to look like a PDF; a .txt is nothing.
  // Sizes: the program's 16 base64 characters are 12 bytes; the notes are "plain notes" and the line's end, 13.
  const caution = 'Caution: a program (.exe) named to look like a .pdf file. Open it only if you expected it.';

  it('a processed (held) message: the API names the risk of each stored file, the page flags the program only', async () => {
    const id = await store('Invoice held');
    assert.equal((await processInbound({ ctx: h.desk.system, settings, inboundId: id }))!.status, 'held');
    const one = (await h.as(h.admin.token, { method: 'GET', url: `/api/v1/email/inbound/${id}` })).json();
    const byName = Object.fromEntries(one.attachments.map((a: { filename: string; risk: string | null }) => [a.filename, a.risk]));
    assert.deepEqual(byName, { 'invoice.pdf.exe': 'a program (.exe) named to look like a .pdf file', 'notes.txt': null });
    const a = await h.session(h.admin, 'agent');
    const page = main((await a.get(`/admin/email/inbound/${id}`)).body).replace(/<[^>]+>/g, '');
    assert.ok(page.includes(`invoice.pdf.exe (12 bytes) ${caution}`), page);
    assert.match(page, /notes\.txt \(13 bytes\)(?! Caution)/);
    assert.equal(page.split('Caution').length - 1, 1);
  });

  it('a message not processed yet: its files, read from the raw message, are flagged too', async () => {
    const id = await store('Invoice waiting');
    const a = await h.session(h.admin, 'agent');
    const page = main((await a.get(`/admin/email/inbound/${id}`)).body).replace(/<[^>]+>/g, '');
    assert.ok(page.includes(caution), page);
  });
});
