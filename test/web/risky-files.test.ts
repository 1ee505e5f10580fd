// Files that can run code when opened (tickets/file-risk.ts), on OpenBack: kept as sent, whichever
// way they came (the portal, a mail, the API), and flagged beside the file on the portal's case page
// and the agent's ticket page (its Files list and its timeline entry) and in the API's listing;
// handed out as downloads only: application/octet-stream, Content-Disposition: attachment, nosniff.
// QA: "invoice.pdf.exe" was listed as an ordinary file.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emailSettingsFor, processInbound, storeInbound } from '../../src/email/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]); // "MZ": a Windows program's first bytes
const CAUTION = (why: string) => `<span class="file-risk" role="note"><strong>Caution:</strong> ${why}. Open it only if you expected it.</span>`;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('files that can run code when opened, OpenBack', () => {
  let h: WebApp;
  let caseId: string;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('sent on the portal: kept, and flagged beside the file for the customer and the agent; a screenshot is not', async () => {
    const c = await h.session(h.contactA, 'contact');
    const res = await c.upload('/portal/cases', { subject: 'Invoice question', description: 'See the attached.', severity: '3' }, [
      { name: 'invoice.pdf.exe', content: EXE, type: 'application/pdf' },
      { name: 'budget.xlsm', content: 'cells', type: 'application/vnd.ms-excel.sheet.macroEnabled.12' },
      { name: 'screen.png', content: 'png', type: 'image/png' },
    ]);
    assert.equal(res.statusCode, 303);
    caseId = /^\/portal\/cases\/([0-9a-f-]{36})\?done=created$/.exec(String(res.headers.location))?.[1] ?? '';
    const exe = CAUTION('a program (.exe) named to look like a .pdf file');
    const xlsm = CAUTION('an Office file with macros (.xlsm): its code runs if macros are enabled');
    for (const page of [main((await c.get(`/portal/cases/${caseId}`)).body), main((await (await h.session(h.agent, 'agent')).get(`/agent/tickets/${caseId}`)).body)]) {
      const files = /<h2 id="files-h">Files<\/h2>[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
      assert.match(files, new RegExp(`invoice\\.pdf\\.exe</a> \\([^)]*\\) ${esc(exe)} · attached by`));
      assert.match(files, new RegExp(`budget\\.xlsm</a> \\([^)]*\\) ${esc(xlsm)} · attached by`));
      assert.match(files, /screen\.png<\/a> \(PNG image, 3 bytes\) · attached by/);
      // The timeline's entry names its files with the same caution.
      assert.match(page, new RegExp(`download>invoice\\.pdf\\.exe</a> \\(6 bytes\\) ${esc(exe)}</li>`));
      assert.equal(page.split('class="file-risk"').length - 1, 4, 'two flagged files, each in the list and in the timeline');
    }
  });

  it('downloaded as a download only, the bytes as sent: octet-stream, attachment, nosniff', async () => {
    const { rows } = await h.desk.t.db.query<{ id: string }>("SELECT id FROM ticket_files WHERE ticket_id = $1 AND filename = 'invoice.pdf.exe'", [caseId]);
    for (const who of [await h.session(h.contactA, 'contact'), await h.session(h.agent, 'agent')]) {
      const download = await who.get(`/tickets/${caseId}/attachments/${rows[0].id}`);
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'application/octet-stream');
      assert.equal(download.headers['content-disposition'], `attachment; filename="invoice.pdf.exe"; filename*=UTF-8''invoice.pdf.exe`);
      assert.equal(download.headers['x-content-type-options'], 'nosniff');
      assert.deepEqual(new Uint8Array(download.rawPayload), EXE);
    }
  });

  it('sent with a request the policy holds: flagged beside it on the held requests page', async () => {
    const id = randomUUID();
    await h.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [
      id, h.contactA.organizationId, 'unnamed@customer.example', 'Not Named', h.desk.clock.now(),
    ]);
    const c = await h.session({ id, token: '', organizationId: h.contactA.organizationId }, 'contact');
    const res = await c.upload('/portal/cases', { subject: 'Tool for you', description: 'Run this.', severity: '3' }, [{ name: 'tool.scr', content: EXE, type: 'application/octet-stream' }]);
    assert.equal(res.statusCode, 403, 'held: not a named support contact');
    const page = main((await (await h.session(h.agent, 'agent')).get('/agent/held')).body);
    assert.match(page, new RegExp(`download>tool\\.scr</a> \\(6 bytes\\) ${esc(CAUTION('a program or script (.scr): it runs when opened'))}</li>`));
  });

  it('by mail and by the API, flagged the same way: on the page and in the listing', async () => {
    const settings = emailSettingsFor('support@accord.localhost');
    const raw = Buffer.from([
      'From: contact1@customer.example', 'To: support@accord.localhost', 'Subject: Installer fails', 'Message-ID: <risky-1@customer.example>',
      'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain; charset=utf-8', '', 'The installer stops.',
      '--b', 'Content-Type: application/x-msdownload; name="report.pdf"', 'Content-Disposition: attachment; filename="report.pdf"', 'Content-Transfer-Encoding: base64', '',
      Buffer.from(EXE).toString('base64'), '--b--', '',
    ].join('\r\n'));
    const id = await storeInbound(h.desk.t.db, h.desk.clock, raw, { source: 'smtp', envelopeFrom: 'contact1@customer.example', envelopeTo: ['support@accord.localhost'] }) ?? '';
    const r = await processInbound({ ctx: h.desk.system, settings, inboundId: id });
    assert.equal(r?.status, 'created', String(r?.outcome));
    const mailed = CAUTION('sent as application/x-msdownload, a program, script or file with macros, though named .pdf');
    assert.match(main((await (await h.session(h.agent, 'agent')).get(`/agent/tickets/${r!.ticketId}`)).body), new RegExp(`report\\.pdf</a> \\([^)]*\\) ${esc(mailed)} · received by email`));

    const sent = await h.as(h.contactA.token, {
      method: 'POST', url: `/api/v1/tickets/${r!.ticketId}/attachments`,
      payload: { files: [{ filename: 'fix.ps1', content_type: 'text/plain', content_base64: Buffer.from('Remove-Item').toString('base64') }] },
    });
    assert.equal(sent.statusCode, 201, sent.body);
    const list = (await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/tickets/${r!.ticketId}/attachments` })).json();
    // Both at the same instant (the clock did not move): by name.
    assert.deepEqual(list.map((f: { filename: string; risk: string | null }) => [f.filename, f.risk]).sort(), [
      ['fix.ps1', 'a program or script (.ps1): it runs when opened'],
      ['report.pdf', 'sent as application/x-msdownload, a program, script or file with macros, though named .pdf'],
    ]);
  });
});
