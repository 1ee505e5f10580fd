// A request the policy holds, opened on the portal (QA, 2026-12-04, OpenBack Enterprise, where only
// named support contacts open cases): the customer read "(held request c4bb943b-...)", the same
// reason twice, "Files are not kept: choose them again" (they are kept), and the form again with
// its button, which sent a second held request. Now: the reason, that the request and its files
// are kept, and no form. Also: the training hours the case list shows, named in words.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { grantTrainingHours } from '../../src/training/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('a request the policy holds, on the portal (OpenBack Enterprise)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('says why and that the request and its files are kept, without its id or a form to send it again', async () => {
    const id = randomUUID();
    await h.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [
      id, h.contactA.organizationId, `unnamed-${id.slice(0, 8)}@customer.example`, 'Not Named', h.desk.clock.now(),
    ]);
    const org = (await h.desk.t.db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [h.contactA.organizationId])).rows[0].name;
    const c = await h.session({ id, token: '', organizationId: h.contactA.organizationId }, 'contact');
    const res = await c.upload('/portal/cases', { subject: 'Push stuck', description: 'Since Monday', severity: '2' }, [{ name: 'log.txt', content: 'queue full', type: 'text/plain' }]);
    assert.equal(res.statusCode, 403);
    const page = main(res.body);
    assert.match(page, /<h1>Your request is kept for review<\/h1>/);
    assert.match(page, new RegExp(`<p>On the Enterprise plan, cases are reported by the named support contacts of ${org}; ask one of them to report it \\(our support policy: “Named Support Contacts are responsible for: \\(i\\) reporting cases to OpenBack, [^<]+\\.”\\)\\.</p>\\s*<p>Your request “Push stuck”, with any files you chose, is kept for our support team to review: you need not send it again\\.</p>`));
    assert.match(page, /<a href="\/portal">Back to your cases<\/a>/);
    assert.doesNotMatch(page, /<form|held request|[0-9a-f]{8}-[0-9a-f]{4}-|choose them again/);
    const held = (await h.desk.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM held_requests WHERE requester_id = $1', [id])).rows[0].n;
    assert.equal(held, 1);
    const files = (await h.desk.t.db.query<{ filename: string }>('SELECT f.filename FROM held_request_files f JOIN held_requests r ON r.id = f.held_request_id WHERE r.requester_id = $1', [id])).rows;
    assert.deepEqual(files.map((f) => f.filename), ['log.txt'], 'the file is kept, as the page says');
    // The agent reviewing it reads how it came as the managers' notice says it: OpenBack lists no web
    // form, so the portal files it as Email, "filed in the portal", not a mail the contact sent.
    const heldId = (await h.desk.t.db.query<{ id: string }>('SELECT id FROM held_requests WHERE requester_id = $1', [id])).rows[0].id;
    const agent = await h.session({ id: (h.desk.agent as { id: string }).id, token: '' }, 'agent');
    assert.match(main((await agent.get(`/agent/held/${heldId}`)).body), /<dt>Arrived<\/dt><dd><time [^>]+>[^<]+<\/time> by Email, filed in the portal<\/dd>/);
  });

  it('a form refused for what was typed still comes back with it, and says files are chosen again', async () => {
    const c = await h.session(h.contactA, 'contact');
    const res = await c.upload('/portal/cases', { subject: '', description: 'Kept words', severity: '2' }, []);
    assert.equal(res.statusCode, 400);
    const page = main(res.body);
    assert.match(page, /<textarea id="description" name="description" rows="6" required data-suggest-more>Kept words<\/textarea>/);
    assert.match(page, /Files are not kept with a refused form: choose them again\./);
  });
});

describe("the organization's training hours on the portal, OPS-COM Premium", () => {
  // QA 2026-12-04: the grants' source read "contract", "negotiated", the ledger's codes.
  it('names where each grant of hours comes from in words', async () => {
    const h = await openWebApp('opscom', 'premium');
    try {
      const manager = h.desk.ctx(h.desk.manager);
      const organizationId = h.contactA.organizationId;
      await grantTrainingHours({ ctx: manager, input: { organizationId, source: 'contract', hours: 4, reason: 'Onboarding', validFrom: '2026-01-01', validUntil: '2026-12-31' } });
      await grantTrainingHours({ ctx: manager, input: { organizationId, source: 'negotiated', hours: 2, reason: 'Goodwill', validFrom: '2026-06-01', validUntil: '2027-05-31' } });
      const page = main((await (await h.session(h.contactA, 'contact')).get('/portal')).body);
      assert.match(page, /<tr><td>Your contract<\/td><td>2026-01-01 to 2026-12-31<\/td><td>4<\/td><td>4<\/td><\/tr>/);
      assert.match(page, /<tr><td>Agreed with you<\/td><td>2026-06-01 to 2027-05-31<\/td><td>2<\/td><td>2<\/td><\/tr>/);
      assert.doesNotMatch(page, /<td>(contract|negotiated|plan)<\/td>/);
    } finally {
      await h.close();
    }
  });
});

describe('a refused new case names each refused field right after it (OpenBack)', () => {
  // QA 2026-12-04: the refusal was only in a summary above the form, far from a long form's fields.
  it('the subject typed as spaces, a refused answer and a file too large are each said after their field, which points to it', async () => {
    const h = await openWebApp('openback', 'enterprise');
    try {
      const c = await h.session(h.contactA, 'contact');
      const blank = main((await c.upload('/portal/cases', { subject: '   ', description: 'Words kept', severity: '3' }, [])).body);
      assert.match(blank, /<input id="subject" name="subject" required maxlength="300" value="   " data-suggest autocomplete="off" aria-invalid="true" aria-describedby="subject-error">\s*<p class="flash error field-error" id="subject-error">must not be empty<\/p>/);
      assert.doesNotMatch(blank, /id="description-error"/);
      const odd = main((await c.upload('/portal/cases', { subject: 'Odd', description: 'x', q_workaround: 'maybe' }, [])).body);
      assert.match(odd, /<select id="q_workaround" name="q_workaround" aria-invalid="true" aria-describedby="q_workaround-error">[\s\S]*?<\/select>\s*<p class="flash error field-error" id="q_workaround-error">must be one of the choices offered: None, Unsustainable, Acceptable<\/p>/);
      // Named as the form's options name them (QA 2026-12-07: the policy's ids, "none, unsustainable, acceptable").
      assert.match(odd, /<option value="none">None<\/option><option value="unsustainable">Unsustainable<\/option><option value="acceptable">Acceptable<\/option>/);
      const big = main((await c.upload('/portal/cases', { subject: 'Big', description: 'x', severity: '3' }, [{ name: 'huge.bin', content: new Uint8Array(10 * 1024 * 1024 + 1) }])).body);
      assert.match(big, /<p class="hint" id="case-files-hint">[^<]*<\/p>\s*<p class="flash error field-error" id="case-files-error">huge\.bin is too large<\/p>/);
    } finally {
      await h.close();
    }
  });
});
