// The customer import page, OpenBack (Growth: no named contacts, Pro 1, Enterprise 2): linked from
// the admin organizations page; a file checked shows what each line would do and imports nothing;
// a file with problems shows them by line and imports nothing; "Import" creates and says so.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const HEADER = 'organization,plan,name,email,named_contact,onboarding,existing_customer';

describe('the customer import page', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());
  const orgs = async (name: string) => (await h.desk.t.db.query('SELECT plan_id FROM organizations WHERE name = $1', [name])).rows;

  it('is linked from the admin organizations page and the managers\' menu, and offers a file, a text box, Check and Import', async () => {
    const admin = await h.session(h.admin, 'agent');
    assert.match(main((await admin.get('/admin/organizations')).body), /<a href="\/admin\/organizations\/import">Import customers from a CSV file<\/a>/);
    const manager = await h.session(h.manager, 'agent');
    // A manager (no admin pages) reaches it from the menu, and is not offered the admins' page back.
    const page = (await manager.get('/admin/organizations/import')).body;
    assert.match(page, /<a href="\/admin\/organizations\/import">Import customers<\/a>/);
    assert.doesNotMatch(page, /href="\/admin\/organizations"/);
    assert.doesNotMatch((await admin.get('/admin/organizations')).body, />Import customers<\/a>/);
    const form = main(page);
    assert.match(form, /<input id="import-file" name="file" type="file"/);
    assert.match(form, /<textarea id="import-csv" name="csv"/);
    assert.match(form, /<button type="submit" name="action" value="check">Check<\/button>/);
    assert.match(form, /<button type="submit" name="action" value="import">Import<\/button>/);
  });

  it('a file checked: what each line would do, nothing imported; then imported', async () => {
    const manager = await h.session(h.manager, 'agent');
    const csv = `${HEADER}\nPage Org,Enterprise,Pam Page,pam@page.example,yes,complete,no\nPage Org,,Pete Page,pete@page.example,,,\n`;
    const checked = await manager.upload('/admin/organizations/import', { action: 'check' }, [{ name: 'customers.csv', content: csv, type: 'text/csv', field: 'file' }]);
    assert.equal(checked.statusCode, 200);
    const page = main(checked.body);
    assert.match(page, /Checked: no problems\. Importing would create 1 organization and 2 contacts; 0 lines are already here \(unchanged\)\. Nothing has been imported yet\./);
    assert.match(page, /<tr><td>2<\/td><td>create organization Page Org \(Enterprise plan\) and contact Pam Page &lt;pam@page\.example&gt; as a named support contact<\/td><\/tr>/);
    assert.match(page, /<tr><td>3<\/td><td>create contact Pete Page &lt;pete@page\.example&gt; at Page Org<\/td><\/tr>/);
    assert.deepEqual(await orgs('Page Org'), []);

    const imported = await manager.upload('/admin/organizations/import', { action: 'import', invite: 'on' }, [{ name: 'customers.csv', content: csv, type: 'text/csv', field: 'file' }]);
    assert.equal(imported.statusCode, 200);
    assert.match(main(imported.body), /Imported: 1 organization and 2 contacts created, 0 lines already here \(unchanged\)\./);
    assert.deepEqual(await orgs('Page Org'), [{ plan_id: 'enterprise' }]);
    // The box ticked: each new contact is mailed a link to choose their password.
    const invited = await h.desk.t.db.query<{ recipient: string }>("SELECT recipient FROM outbox WHERE kind = 'invitation' AND recipient LIKE '%@page.example' ORDER BY recipient");
    assert.deepEqual(invited.rows.map((r) => r.recipient), ['pam@page.example', 'pete@page.example']);
  });

  it('pasted text with problems: each by line and column, the text kept to fix, nothing imported', async () => {
    const manager = await h.session(h.manager, 'agent');
    const csv = `${HEADER}\nPaste Org,Growth,Gus,gus@paste.example,yes,,\nPaste Org,Growth,Gil,gil@paste.example,,,\n`;
    const res = await manager.post('/admin/organizations/import', { csv, action: 'import' });
    assert.equal(res.statusCode, 400);
    const page = main(res.body);
    assert.match(page, /1 problem on 1 line of the file: nothing was imported; fix it and import the file again/);
    assert.match(page, /<tr><td>2<\/td><td>named_contact<\/td><td>the Growth plan has no named support contacts: say no<\/td><\/tr>/);
    assert.match(page, /<textarea id="import-csv" name="csv" rows="10">organization,plan/);
    assert.deepEqual(await orgs('Paste Org'), []);
  });

  it('a quote never closed is named by the line it opens on, not the end of the file', async () => {
    const manager = await h.session(h.manager, 'agent');
    // Line 1 the header, 2 a good line, 3 blank, 4 the line whose quote never closes, 5 and 6 read as
    // inside it, 7 the empty rest after the last line break: the quote opens on line 4 (counted by hand).
    const csv = `${HEADER}\nQuote Org,Growth,,,,,\n\n"Quote Org,Growth,Una,una@quote.example,,,\nQuote Org,Growth,Vic,vic@quote.example,,,\nQuote Org,Growth,Wes,wes@quote.example,,,\n`;
    const res = await manager.post('/admin/organizations/import', { csv, action: 'check' });
    assert.equal(res.statusCode, 400);
    assert.match(main(res.body), /<tr><td>4<\/td><td><\/td><td>a quoted field begun on this line is never closed: the file ends inside quotes<\/td><\/tr>/);
    assert.deepEqual(await orgs('Quote Org'), []);
  });

  it('nothing sent: asks for a file or text', async () => {
    const manager = await h.session(h.manager, 'agent');
    const res = await manager.post('/admin/organizations/import', { csv: '  ', action: 'check' });
    assert.equal(res.statusCode, 400);
    assert.match(main(res.body), /Choose a CSV file or paste its text/);
  });

  it('is refused to front-line agents and contacts', async () => {
    assert.equal((await (await h.session(h.agent, 'agent')).get('/admin/organizations/import')).statusCode, 403);
    assert.equal((await (await h.session(h.contactA, 'contact')).post('/admin/organizations/import', { csv: `${HEADER}\nNo Org,growth,,,,,\n`, action: 'import' })).statusCode, 403);
    assert.deepEqual(await orgs('No Org'), []);
  });
});
