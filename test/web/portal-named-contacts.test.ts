// OpenBack (seed 001): "Named Support Contacts | - | 1 | 2" and "Named Support Contacts are
// responsible for: (i) reporting cases to OpenBack, ...". A case sent by someone at a Pro customer
// who is not its named contact waits for review (held); the portal's form says so before they
// write, in the same words as the refusal, not after they have typed it all. The named contact,
// and anyone on Growth (no named contacts: "-"), is told nothing of it.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { reviewHeldRequest } from '../../src/tickets/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

async function notNamed(h: WebApp) {
  const id = randomUUID();
  await h.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [
    id, h.contactA.organizationId, `unnamed-${id.slice(0, 8)}@customer.example`, 'Not Named', h.desk.clock.now(),
  ]);
  return h.session({ id, token: '', organizationId: h.contactA.organizationId }, 'contact');
}

describe('the new-case form for someone who is not a named support contact, OpenBack Pro', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'pro');
  });
  after(() => h.close());

  it('says before they write that named contacts report cases, quoting the seed, and that the request is kept for review', async () => {
    const org = (await h.desk.t.db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [h.contactA.organizationId])).rows[0].name;
    const page = main((await (await notNamed(h)).get('/portal/cases/new')).body);
    const notice = /<div class="flash warning" role="status" id="not-named">([\s\S]*?)<\/div>/.exec(page)?.[1] ?? '';
    assert.equal(
      notice,
      `<p>On the Pro plan, cases are reported by the named support contacts of ${org}; ask one of them to report it (our support policy: ` +
        '“Named Support Contacts are responsible for: (i) reporting cases to OpenBack, (ii) overseeing Customer’s support case activity, and (iii) ' +
        'technical knowledge of the OpenBack services and Customer’s use of such services in order to assist OpenBack in diagnosing and resolving the issue.”).</p>' +
        '<p>A request sent here is kept for our support team to review; no case opens until they accept it.</p>',
    );
  });

  it('sent anyway, it is held; the managers read that it was filed in the portal, as Email', async () => {
    const res = await (await notNamed(h)).upload('/portal/cases', { subject: 'Pushes late', description: 'Since Monday', severity: '3' }, []);
    assert.equal(res.statusCode, 403);
    const { rows } = await h.desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'held_notice' ORDER BY recipient");
    assert.ok(rows.length > 0);
    for (const r of rows) assert.match(r.body, /^Not Named <unnamed-[0-9a-f]{8}@customer\.example> of .+ asked "Pushes late" by Email, filed in the portal, and the policy held it: On the Pro plan, cases are reported by/);
  });

  it('accepted, the case is still one filed in the portal: its history says so and its receipt is no answer to a mail', async () => {
    const { rows: [held] } = await h.desk.t.db.query<{ id: string }>("SELECT id FROM held_requests WHERE status = 'held' ORDER BY created_at DESC LIMIT 1");
    const { ticket } = await reviewHeldRequest({ ctx: h.desk.ctx(h.desk.agent), input: { heldRequestId: held.id, decision: 'accept' } });
    assert.ok(ticket);
    const a = await h.session(h.agent, 'agent');
    const desk = main((await a.get(`/agent/tickets/${ticket.id}`)).body);
    assert.match(desk, /<span>Channel: Email \(filed in the portal\)<\/span>/);
    const { rows } = await h.desk.t.db.query<{ auto: boolean }>("SELECT (payload->>'auto_reply')::boolean AS auto FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [ticket.id]);
    assert.deepEqual(rows, [{ auto: false }]);
  });

  it('the named contact (Pro: 1) is told nothing of it', async () => {
    const page = main((await (await h.session(h.contactA, 'contact')).get('/portal/cases/new')).body);
    assert.match(page, /<h1>Open a case<\/h1>/);
    assert.doesNotMatch(page, /id="not-named"/);
  });
});

describe('the new-case form on Growth, which has no named support contacts ("-"), OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'growth');
  });
  after(() => h.close());

  it('says nothing of named contacts to someone not named', async () => {
    const page = main((await (await notNamed(h)).get('/portal/cases/new')).body);
    assert.match(page, /<h1>Open a case<\/h1>/);
    assert.doesNotMatch(page, /id="not-named"|named support contacts/);
  });
});
