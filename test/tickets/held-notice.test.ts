// A request the policy holds is not left unseen, OpenBack Enterprise (only named support contacts
// open tickets): the managers and admins are mailed of it (who, by which channel, why, a link to
// review it), unless they turned that mail off; front-line and escalation agents are not; the
// queue says how many requests wait, until they are reviewed.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setMailPreferences } from '../../src/customers/index.ts';
import { ForbiddenError } from '../../src/platform/index.ts';
import { createTicket, reviewHeldRequest } from '../../src/tickets/index.ts';
import { endedSentence, responsibilitiesSentence } from '../../src/policy/index.ts';
import { openWebApp, type WebApp } from '../web/web-app.ts';

const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';

describe('held requests are seen, OpenBack', () => {
  let h: WebApp;
  let colleague: { kind: 'contact'; id: string; organizationId: string };
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
    const id = randomUUID();
    await h.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [
      id, h.contactA.organizationId, 'not-named@customer.example', 'Nat Notnamed', h.desk.clock.now(),
    ]);
    colleague = { kind: 'contact', id, organizationId: h.contactA.organizationId };
  });
  after(() => h.close());

  const held = async () => {
    try {
      await createTicket({ ctx: h.desk.ctx(colleague), input: { subject: 'Printer offline', description: 'Since 9', severity: 3 } });
    } catch (e) {
      assert.ok(e instanceof ForbiddenError);
      return e.details.find((d) => d.path === 'heldRequestId')!.message;
    }
    assert.fail('expected the request to be held');
  };
  const notices = async (id: string) =>
    (await h.desk.t.db.query<{ recipient: string; subject: string; body: string; payload: { links: unknown } }>(
      "SELECT recipient, subject, body, payload FROM outbox WHERE kind = 'held_notice' AND payload->>'held_request_id' = $1 ORDER BY recipient", [id],
    )).rows;

  it('mails the managers and admins who it was, how it came, why it was held and where to review it', async () => {
    const id = await held();
    const mail = await notices(id);
    assert.deepEqual(mail.map((m) => m.recipient), ['admin@vendor.example', 'manager@vendor.example']);
    const org = (await h.desk.t.db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [h.contactA.organizationId])).rows[0].name;
    assert.equal(mail[0].subject, 'Held for review: Printer offline');
    // The reason ends with the policy's quoted words in brackets: a full stop ends its sentence before the quote of the request.
    // The first lines of what they wrote too (here, all of it), so how grave it looks is read in the mail. A contact's
    // own request without a channel: OpenBack lists no web form, so it is filed as Email, by the policy's name for it.
    assert.match(mail[0].body, new RegExp(`^Nat Notnamed <not-named@customer\\.example> of ${org} asked "Printer offline" by Email, and the policy held it: On the Enterprise plan, cases are reported by the named support contacts of ${org}; ask one of them to report it \\(our support policy: .+\\)\\.\\n\\nThey wrote:\\n> Since 9\\n\\nAccept it \\(the ticket opens\\) or dismiss it with a note on the held requests page\\.$`));
    assert.deepEqual(mail[0].payload.links, [{ label: 'The held request', path: `/agent/held/${id}` }]);
  });

  it('a manager who turned it off is not mailed; the queue says how many wait until they are reviewed', async () => {
    await setMailPreferences({ ctx: h.desk.ctx(h.desk.manager), input: { heldRequest: false } });
    const id = await held();
    assert.deepEqual((await notices(id)).map((m) => m.recipient), ['admin@vendor.example']);
    const a = await h.session(h.agent, 'agent');
    assert.match(main((await a.get('/agent')).body), /<p class="warning" role="note" id="held-waiting"><a href="\/agent\/held">2 held requests wait for review<\/a>/);
    const { rows } = await h.desk.t.db.query<{ id: string }>("SELECT id FROM held_requests WHERE status = 'held'");
    for (const r of rows) await reviewHeldRequest({ ctx: h.desk.ctx(h.desk.agent), input: { heldRequestId: r.id, decision: 'dismiss', note: 'Asked a named contact to write in' } });
    assert.doesNotMatch(main((await a.get('/agent')).body), /id="held-waiting"/);
  });
});

describe("a held request's reason is one sentence, ended once", () => {
  it('a full stop after a time or a bracket; none added after one, nor after a quote closed after one', () => {
    assert.equal(endedSentence('Phone Support is closed now; it opens Wed 2 Dec 2026 05:00 GMT-6'), 'Phone Support is closed now; it opens Wed 2 Dec 2026 05:00 GMT-6.');
    assert.equal(endedSentence('ask one of them to report it (our support policy: “report cases”)'), 'ask one of them to report it (our support policy: “report cases”).');
    assert.equal(endedSentence('Call us first.'), 'Call us first.');
    assert.equal(endedSentence('The policy says: “Call us first.”'), 'The policy says: “Call us first.”');
    // A quote closing inside a quote after the full stop: ended already (two closing marks, not one).
    assert.equal(endedSentence('The policy says: “Write ‘urgent.’”'), 'The policy says: “Write ‘urgent.’”');
  });

  it("the contacts' duties, the vendor's words ended in a quote: no second full stop (policy/sentence-end.ts, the one rule)", () => {
    const contacts = { responsibilities: ['reporting cases', 'keeping to “the Support Terms.”'] } as Parameters<typeof responsibilitiesSentence>[0];
    assert.equal(responsibilitiesSentence(contacts), 'Named support contacts are responsible for: (i) reporting cases and (ii) keeping to “the Support Terms.”');
  });
});
