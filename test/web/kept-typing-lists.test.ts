// Lists typed or pasted are never lost on a refusal (OpenBack): the portal's colleagues copied on a
// case, and the admin's customer import. A NUL (U+0000) is removed from what was typed; a list over
// its limit comes back whole, saying how long it is and what it may be; a file over the limit is
// named with the limit, the text and the box ticked kept; a form too large to read says nothing was
// saved. Never a 500, never an error page without the form. Other actors are still refused.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { colleagueOfA, copiedOn } from './desk-kit.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { errorBox, main } from './page-parts.ts';

const HEADER = 'organization,plan,name,email,named_contact,onboarding,existing_customer';

describe('lists typed are kept, OpenBack', () => {
  let h: WebApp;
  let colleague: string;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
    colleague = await colleagueOfA(h, 'Kept Colleague');
  });
  after(() => h.close());

  describe("the portal's colleagues copied", () => {
    const ccsOf = (ticketId: string) => copiedOn(h, ticketId);

    it('a NUL in the emails typed is removed', async () => {
      const t = await openTicket(h, h.contactA, { subject: 'Copy with a NUL', severity: 3 });
      const c = await h.session(h.contactA, 'contact');
      const res = await c.post(`/portal/cases/${t.id}/ccs`, { emails: `${colleague}\u0000` });
      assert.equal(res.statusCode, 303);
      assert.deepEqual(await ccsOf(t.id), [{ name: 'Kept Colleague' }]);
    });

    it('more addresses than a case may copy come back whole, counted, with the limit', async () => {
      const t = await openTicket(h, h.contactA, { subject: 'Copy too many', severity: 3 });
      const c = await h.session(h.contactA, 'contact');
      // 21 addresses, one over the 20 people a case may copy (tickets/ccs.ts), none of them looked up.
      const typed = Array.from({ length: 21 }, (_, i) => `person${i}@customer.example`).join(', ');
      const res = await c.post(`/portal/cases/${t.id}/ccs`, { emails: typed });
      assert.equal(res.statusCode, 400);
      const page = main(res.body);
      assert.match(errorBox(page, 'ccs'), /<strong>Emails<\/strong> has 21 addresses: at most 20 people may be copied on a case\./);
      assert.ok(page.includes(`value="${typed}"`), 'the addresses are kept whole');
      assert.deepEqual(await ccsOf(t.id), []);
    });

    it('a list of more than 1 MiB is still given back beside the form; one over 2 MiB says nothing was saved', async () => {
      const t = await openTicket(h, h.contactA, { subject: 'Copy a whole file', severity: 3 });
      const c = await h.session(h.contactA, 'contact');
      const long = `${'a'.repeat(1_200_000)}@customer.example`;
      const res = await c.post(`/portal/cases/${t.id}/ccs`, { emails: long });
      assert.equal(res.statusCode, 400);
      // 1,200,000 letters and "@customer.example" (17 characters), one address far over the 320 any may be.
      assert.match(errorBox(main(res.body), 'ccs'), /<strong>Emails<\/strong> holds an address 1,200,017 characters long: an email address is at most 320\./);
      assert.ok(main(res.body).includes(`value="${long}"`));
      const huge = await c.post(`/portal/cases/${t.id}/ccs`, { emails: 'a'.repeat(2_200_000) });
      assert.equal(huge.statusCode, 413);
      assert.match(main(huge.body), /The form is more than 2 MiB, too large to read: nothing in it was saved\./);
      assert.deepEqual(await ccsOf(t.id), []);
    });

    it('is refused to a contact of another organization, an agent and anyone signed out', async () => {
      const t = await openTicket(h, h.contactA, { subject: 'Copy refused', severity: 3 });
      assert.equal((await (await h.session(h.contactB, 'contact')).post(`/portal/cases/${t.id}/ccs`, { emails: `${colleague}\u0000` })).statusCode, 404);
      assert.equal((await (await h.session(h.agent, 'agent')).post(`/portal/cases/${t.id}/ccs`, { emails: colleague })).statusCode, 403);
      const anonymous = await (await h.visitor()).post(`/portal/cases/${t.id}/ccs`, { emails: `${colleague}\u0000` });
      assert.equal(anonymous.statusCode, 303);
      assert.equal(anonymous.headers.location, '/login');
      assert.deepEqual(await ccsOf(t.id), []);
    });
  });

  describe('the customer import', () => {
    const orgs = async (name: string) => (await h.desk.t.db.query('SELECT plan_id FROM organizations WHERE name = $1', [name])).rows;

    it('a NUL in the pasted text is removed, as a browser sends the form and urlencoded', async () => {
      const manager = await h.session(h.manager, 'agent');
      const csv = `${HEADER}\nNul Org,Growth,Nia\u0000 Nul,nia@nul.example,,,\n`;
      const checked = await manager.upload('/admin/organizations/import', { csv, action: 'check' }, []);
      assert.equal(checked.statusCode, 200);
      assert.match(main(checked.body), /create organization Nul Org \(Growth plan\) and contact Nia Nul &lt;nia@nul\.example&gt;/);
      assert.equal((await manager.post('/admin/organizations/import', { csv, action: 'import' })).statusCode, 200);
      assert.deepEqual((await h.desk.t.db.query('SELECT name FROM contacts WHERE email = $1', ['nia@nul.example'])).rows, [{ name: 'Nia Nul' }]);
      // The box to invite is a choice: a NUL in it refused, naming it, shown ticked as sent, nothing imported.
      const box = await manager.upload('/admin/organizations/import', { csv: `${HEADER}\nBox Org,Growth,,,,,\n`, action: 'import', invite: 'on\u0000' }, []);
      assert.equal(box.statusCode, 400);
      assert.match(errorBox(main(box.body), 'import'), /<strong>Invite<\/strong> contains a NUL \(U\+0000\) character/);
      assert.match(main(box.body), /<input type="checkbox" name="invite" checked>/);
      assert.deepEqual(await orgs('Box Org'), []);
    });

    it('a file holding NUL characters (saved as UTF-16) is refused to an admin, naming it, the box ticked kept', async () => {
      const manager = await h.session(h.admin, 'agent');
      const utf16 = Buffer.from(`${HEADER}\nWide Org,Growth,Wu,wu@wide.example,,,\n`, 'utf16le');
      const res = await manager.upload('/admin/organizations/import', { action: 'check', invite: 'on' }, [{ name: 'wide.csv', content: new Uint8Array(utf16), field: 'file' }]);
      assert.equal(res.statusCode, 400);
      const page = main(res.body);
      assert.match(errorBox(page, 'import'), /<strong>CSV file<\/strong> wide\.csv holds NUL characters/);
      assert.match(page, /<input type="checkbox" name="invite" checked>/);
      assert.deepEqual(await orgs('Wide Org'), []);
    });

    it('pasted text over 2 MB comes back whole, with its size and the limit', async () => {
      const manager = await h.session(h.manager, 'agent');
      const csv = `${HEADER}\n${'Big Org,Growth,,,,,\n'.repeat(110_000)}`;
      const res = await manager.upload('/admin/organizations/import', { csv, action: 'check' }, []);
      assert.equal(res.statusCode, 400);
      const page = main(res.body);
      // 72 bytes of header and 110,000 lines of 20, each line break sent as CR LF as a browser sends a
      // textarea's: 2,200,072 + 110,001 = 2,310,073 bytes.
      assert.match(errorBox(page, 'import'), /<strong>Pasted CSV text<\/strong> is 2,310,073 bytes long: an import takes at most 2,097,152 bytes \(2 MB\)/);
      assert.ok(page.includes(`${csv.replaceAll('\n', '\r\n')}</textarea>`), 'the text is kept whole');
      assert.deepEqual(await orgs('Big Org'), []);
    });

    it('a file over the limit is named with the limit, the pasted text and the box ticked kept', async () => {
      const manager = await h.session(h.manager, 'agent');
      const big = `${HEADER}\n${'Big Org,Growth,,,,,\n'.repeat(110_000)}`;
      const res = await manager.upload('/admin/organizations/import', { csv: 'typed beside', action: 'check', invite: 'on' }, [{ name: 'big.csv', content: big, field: 'file' }]);
      assert.equal(res.statusCode, 400);
      const page = main(res.body);
      assert.match(errorBox(page, 'import'), /<strong>CSV file<\/strong> big\.csv is larger than the 2 MB an import takes/);
      assert.match(page, /typed beside<\/textarea>/);
      assert.match(page, /<input type="checkbox" name="invite" checked>/);
      assert.deepEqual(await orgs('Big Org'), []);
    });

    it('is refused to a front-line agent, a contact and anyone signed out', async () => {
      const csv = `${HEADER}\nNope Org,Growth,,,,,\n`;
      assert.equal((await (await h.visitor()).upload('/admin/organizations/import', { csv, action: 'import' }, [])).headers.location, '/login');
      assert.equal((await (await h.session(h.agent, 'agent')).upload('/admin/organizations/import', { csv, action: 'import' }, [])).statusCode, 403);
      assert.equal((await (await h.session(h.contactA, 'contact')).upload('/admin/organizations/import', { csv, action: 'import' }, [])).statusCode, 403);
      assert.deepEqual(await orgs('Nope Org'), []);
    });
  });
});
