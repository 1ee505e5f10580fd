// OPS-COM's escalation process, step by step: "Issues are escalated when the front line staff has
// determined ... that an item is a bug. The escalation manager will assess the bug's severity ...
// and enter the issue into JIRA ... The client will be advised on estimated time to resolution and
// the Development team will address the bug. Once addressed, it will be passed to the Quality
// Assurance team for testing. The client will be informed that the issue is addressed and
// available through the original Support ticket." And: never link a Sentry issue to a ticket.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { holdRequest } from '../../src/tickets/hold-request.ts';
import { openTicket, openTicketApp, type TicketApp } from '../http/ticket-app.ts';

describe('OPS-COM: the escalation ladder over the API', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('opscom', 'premium');
  });
  after(() => h.close());

  // The escalation manager enters the bug into JIRA and links the issue to the ticket (internal).
  const linkJira = (ticketId: string, key: string) =>
    h.as(h.escalation.token, { method: 'POST', url: `/api/v1/tickets/${ticketId}/links`, payload: { url: `https://opscom.atlassian.net/browse/${key}`, title: key } });

  it('front line -> escalation manager -> JIRA link -> ETA -> development -> QA -> fix released, customer told on the same ticket', async () => {
    const t = await openTicket(h, h.contactA, { severity: 2 });
    const as = (token: string, method: 'POST' | 'PUT' | 'GET', url: string, payload?: Record<string, unknown>) =>
      h.as(token, { method, url: `/api/v1/tickets/${t.id}${url}`, payload });
    assert.equal(t.escalation_level, null);
    const toManager = await as(h.agent.token, 'POST', '/escalations', { reason: 'Reproduced: a bug in the permit export' });
    assert.equal(toManager.statusCode, 200, toManager.body);
    assert.equal(toManager.json().escalation_level, 'escalation');
    const sentry = await as(h.escalation.token, 'POST', '/links', { url: 'https://sentry.io/organizations/opscom/issues/42/', title: 'crash' });
    assert.equal(sentry.statusCode, 400, 'never a Sentry link on a client ticket');
    const jira = await as(h.escalation.token, 'POST', '/links', { url: 'https://opscom.atlassian.net/browse/DEV-1234', title: 'DEV-1234' });
    assert.equal(jira.statusCode, 201);
    // The JIRA issue is internal (never_public: links on tickets are internal-only): a reply that
    // links to it, or to another issue of the same tracker, is refused, naming the field.
    for (const body of ['Tracked as https://opscom.atlassian.net/browse/DEV-1234.', 'See opscom.atlassian.net/browse/DEV-99']) {
      const leak = await as(h.escalation.token, 'POST', '/replies', { body });
      assert.equal(leak.statusCode, 400, leak.body);
      assert.deepEqual(leak.json().details.map((d: { path: string; message: string }) => [d.path, /an internal link of this ticket/.test(d.message)]), [['body', true]]);
    }
    // A public page of the same host (its wiki) is no engineering issue: it may be linked.
    const wiki = await as(h.escalation.token, 'POST', '/replies', { body: 'The workaround: https://opscom.atlassian.net/wiki/spaces/HELP/pages/1' });
    assert.equal(wiki.statusCode, 201, wiki.body);
    const eta = await as(h.escalation.token, 'POST', '/replies', { body: 'We have confirmed the bug and expect a fix in the next release.', eta: '2026-12-18T17:00:00Z' });
    assert.equal(eta.statusCode, 201);
    const toDev = await as(h.escalation.token, 'POST', '/escalations', { reason: 'Severity assessed: DEV-1234' });
    assert.equal(toDev.json().escalation_level, 'development');
    assert.equal(toDev.json().eta, '2026-12-18T17:00:00Z');
    const qa = await as(h.escalation.token, 'POST', '/qa-verified', { note: 'Passed regression' });
    assert.equal(qa.json().escalation_level, 'qa');
    const leaked = await as(h.escalation.token, 'POST', '/fix-released', { release: '2026.12', body: 'Fixed: https://opscom.atlassian.net/browse/DEV-1234' });
    assert.equal(leaked.statusCode, 400, leaked.body);
    const released = await as(h.escalation.token, 'POST', '/fix-released', { release: '2026.12', body: 'The issue is fixed and available in the December release.' });
    assert.equal(released.statusCode, 200, released.body);
    const top = await as(h.escalation.token, 'POST', '/escalations', { reason: 'again' });
    assert.equal(top.statusCode, 409, 'QA is the top of the ladder');

    const agentView = (await as(h.agent.token, 'GET', '/events')).json();
    assert.deepEqual(
      agentView.filter((e: any) => ['escalated', 'link_added', 'qa_verified', 'fix_released'].includes(e.type)).map((e: any) => [e.type, e.visibility, e.data.to ?? e.data.release ?? e.data.url ?? e.data.level]),
      [
        ['escalated', 'internal', 'escalation'],
        ['link_added', 'internal', 'https://opscom.atlassian.net/browse/DEV-1234'],
        ['escalated', 'internal', 'development'],
        ['qa_verified', 'internal', 'qa'],
        ['fix_released', 'internal', '2026.12'],
      ],
    );
    const customerView = (await as(h.contactA.token, 'GET', '/events')).json();
    // Opened at 05:00 EST (the test desk's clock), before support opens: acknowledged automatically.
    assert.deepEqual(customerView.map((e: any) => e.type), ['created', 'acknowledged', 'reply', 'reply', 'reply']);
    assert.equal(customerView[3].data.eta, '2026-12-18T17:00:00Z');
    assert.equal(customerView[4].body, 'The issue is fixed and available in the December release.');
    assert.ok(!JSON.stringify(customerView).includes('DEV-1234'), 'the JIRA link stays internal');
  });

  it("no Sentry link reaches the client by any of the team's words they read: a regrade's reason, a ticket opened for them, an escalation asked for them", async () => {
    const t = await openTicket(h, h.contactA, { severity: 2 });
    const sentry = 'https://sentry.io/organizations/opscom/issues/42/';
    const regrade = await h.as(h.escalation.token, { method: 'PATCH', url: `/api/v1/tickets/${t.id}`, payload: { severity: 1, reason: `Crashes for everyone: ${sentry}` } });
    assert.equal(regrade.statusCode, 400, regrade.body);
    assert.deepEqual(regrade.json().details.map((d: { path: string }) => d.path), ['reason']);
    assert.match(regrade.json().details[0].message, /^https:\/\/sentry\.io\/organizations\/opscom\/issues\/42\/: If we link a sentry bug/);
    assert.equal((await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/tickets/${t.id}` })).json().severity, 2, 'nothing changed');
    const opened = await h.as(h.agent.token, {
      method: 'POST', url: '/api/v1/tickets',
      payload: { requester_id: h.contactA.id, subject: 'Export crash', description: `Logged from the call; see ${sentry}`, channel: 'phone', severity: 2 },
    });
    assert.equal(opened.statusCode, 400, opened.body);
    assert.deepEqual(opened.json().details.map((d: { path: string }) => d.path), ['description']);
    // An escalation asked for on the client's behalf: its reason is on their timeline.
    const asked = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/tickets/${t.id}/escalation-requests`, payload: { reason: `Blocks payroll, see ${sentry}` } });
    assert.equal(asked.statusCode, 400, asked.body);
    assert.deepEqual(asked.json().details.map((d: { path: string }) => d.path), ['reason']);
    const askedByThem = await h.as(h.contactA.token, { method: 'POST', url: `/api/v1/tickets/${t.id}/escalation-requests`, payload: { reason: `Our dev found ${sentry}` } });
    assert.equal(askedByThem.statusCode, 201, 'a customer\'s own words are never refused');
    // A customer's own words are theirs: never refused, nor when an agent accepts their held request.
    const theirs = await h.as(h.contactA.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'Crash', description: `Our dev found ${sentry}`, severity: 2 } });
    assert.equal(theirs.statusCode, 201, theirs.body);
    const held = await h.desk.t.db.transaction((tx) =>
      holdRequest(tx, {
        actor: { kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId }, requesterId: h.contactA.id, organizationId: h.contactA.organizationId,
        channel: 'phone', request: { subject: 'Crash by phone', description: `Our dev found ${sentry}` }, refusal: { code: 'channel_not_in_plan', message: 'no phone' }, now: h.desk.clock.now(),
      }),
    );
    const accepted = await h.as(h.agent.token, { method: 'POST', url: `/api/v1/held-requests/${held.id}/review`, payload: { decision: 'accept', channel: 'email' } });
    assert.equal(accepted.statusCode, 200, accepted.body);
  });

  it('the escalation managers hear of a ticket escalated to them; the front line may not skip their assessment', async () => {
    const t = await openTicket(h, h.contactA, { severity: 2 });
    const as = (token: string, payload: Record<string, unknown>) => h.as(token, { method: 'POST', url: `/api/v1/tickets/${t.id}/escalations`, payload });
    const skip = await as(h.agent.token, { reason: 'Looks like a bug', to_level: 'development' });
    assert.equal(skip.statusCode, 400, skip.body);
    assert.deepEqual(skip.json().details, [{ path: 'to_level', message: 'must be escalation (Escalation manager): that level takes it further' }]);
    assert.equal((await as(h.agent.token, { reason: 'Reproduced: the export drops rows' })).statusCode, 200);
    const mailed = async () => (await h.desk.t.db.query<{ recipient: string; subject: string; body: string }>(
      "SELECT recipient, subject, body FROM outbox WHERE kind = 'agent_escalated' AND payload->>'ticket_id' = $1 ORDER BY created_at, recipient", [t.id],
    )).rows;
    const [notice, ...more] = await mailed();
    assert.deepEqual(more, []);
    assert.equal(notice.recipient, 'escalation@vendor.example');
    assert.match(notice.subject, /^\[#\d+\] Escalated to Escalation manager: /);
    assert.match(notice.body, /was escalated from Front line support agents to Escalation manager\.\n\nThe reason given \(internal\):\nReproduced: the export drops rows\n\n/);
    assert.match(notice.body, /Reply to this message to add an internal note on the ticket/);
    // What the escalation manager owes before development takes it, as the desk holds it ("enter the
    // issue into JIRA ... linked through JIRA to the Help Desk conversation. The client will be advised
    // on estimated time to resolution and the Development team will address the bug").
    assert.match(notice.body, /\n\nBefore Development team takes it: link its JIRA issue to the ticket \(an engineering link to the issue\), and advise the client on the estimated time to resolution \(a reply with an ETA\)\.\n\nReply to this message/);
    // Nor, now at the escalation manager's level, does the front line move it on, a step at a time.
    assert.equal((await as(h.agent.token, { reason: 'Still broken' })).statusCode, 400);
    // The escalation manager gives the client an ETA and moves it on to development (worked in JIRA,
    // not a role on the desk): nobody more is mailed.
    const eta = await h.as(h.escalation.token, { method: 'POST', url: `/api/v1/tickets/${t.id}/replies`, payload: { body: 'A fix is planned.', eta: '2026-12-18T17:00:00Z' } });
    assert.equal(eta.statusCode, 201, eta.body);
    assert.equal((await linkJira(t.id, 'DEV-77')).statusCode, 201);
    assert.equal((await as(h.escalation.token, { reason: 'Assessed: DEV-77', to_level: 'development' })).statusCode, 200);
    assert.equal((await mailed()).length, 1);
  });

  // "The Development team will address the bug. Once addressed, it will be passed to the Quality
  // Assurance team for testing": QA verifies a fix development addressed, so a ticket that never
  // reached development (nor the escalation manager's assessment) is not verified, nor the client
  // told it is fixed, by way of /qa-verified.
  it('QA verifies only a ticket development had: the front line may not skip the assessment by way of QA', async () => {
    const t = await openTicket(h, h.contactA, { severity: 2 });
    const post = (token: string, url: string, payload: Record<string, unknown>) => h.as(token, { method: 'POST', url: `/api/v1/tickets/${t.id}${url}`, payload });
    const skipped = await post(h.agent.token, '/qa-verified', { note: 'Works for me' });
    assert.equal(skipped.statusCode, 409, skipped.body);
    assert.match(skipped.json().message, /^The ticket is at Front line support agents: Quality Assurance team tests a fix once it reached Development team/);
    assert.deepEqual(skipped.json().details.map((d: { path: string }) => d.path), ['escalation_level']);
    assert.equal((await h.as(h.agent.token, { method: 'GET', url: `/api/v1/tickets/${t.id}` })).json().escalation_level, null, 'nothing changed');
    assert.equal((await post(h.agent.token, '/escalations', { reason: 'Reproduced' })).statusCode, 200);
    assert.equal((await post(h.escalation.token, '/qa-verified', {})).statusCode, 409, 'at the escalation manager: not addressed by development yet');
    assert.equal((await post(h.escalation.token, '/replies', { body: 'A fix is planned.', eta: '2026-12-18T17:00:00Z' })).statusCode, 201);
    assert.equal((await linkJira(t.id, 'DEV-5')).statusCode, 201);
    assert.equal((await post(h.escalation.token, '/escalations', { reason: 'Assessed: DEV-5' })).statusCode, 200);
    const verified = await post(h.escalation.token, '/qa-verified', { note: 'Passed' });
    assert.equal(verified.statusCode, 200, verified.body);
    assert.equal(verified.json().escalation_level, 'qa');
    assert.equal((await post(h.escalation.token, '/qa-verified', { note: 'Passed again' })).statusCode, 200, 'verified again at QA');
  });

  // "The client will be advised on estimated time to resolution and the Development team will
  // address the bug": a bug goes to development with the client given an ETA, never without.
  it('a bug goes to development only once the client was given an estimated time to resolution', async () => {
    const t = await openTicket(h, h.contactA, { severity: 2 });
    const post = (url: string, payload: Record<string, unknown>) => h.as(h.escalation.token, { method: 'POST', url: `/api/v1/tickets/${t.id}${url}`, payload });
    assert.equal((await post('/escalations', { reason: 'Reproduced' })).statusCode, 200);
    assert.equal((await linkJira(t.id, 'DEV-12')).statusCode, 201);
    const untold = await post('/escalations', { reason: 'Assessed: DEV-12' });
    assert.equal(untold.statusCode, 409, untold.body);
    assert.match(untold.json().message, /^The client is advised on the estimated time to resolution before Development team addresses the bug/);
    assert.deepEqual(untold.json().details.map((d: { path: string }) => d.path), ['eta']);
    assert.equal((await h.as(h.escalation.token, { method: 'GET', url: `/api/v1/tickets/${t.id}` })).json().escalation_level, 'escalation', 'nothing changed');
    assert.equal((await post('/replies', { body: 'Confirmed; a fix is planned for the next release.', eta: '2026-12-18T17:00:00Z' })).statusCode, 201);
    const told = await post('/escalations', { reason: 'Assessed: DEV-12' });
    assert.equal(told.statusCode, 200, told.body);
    assert.equal(told.json().escalation_level, 'development');
  });

  // "The escalation manager will assess the bug's severity ... and enter the issue into JIRA. ... The
  // issue will be linked through JIRA to the Help Desk conversation", and then "the Development team
  // will address the bug": development (tracker: JIRA) takes a bug once its JIRA issue is linked to
  // the ticket, never without, whether the ticket goes to it or jumps over it.
  it('a bug goes to development only once its JIRA issue is linked to the ticket', async () => {
    const t = await openTicket(h, h.contactA, { severity: 2 });
    const post = (url: string, payload: Record<string, unknown>) => h.as(h.escalation.token, { method: 'POST', url: `/api/v1/tickets/${t.id}${url}`, payload });
    assert.equal((await post('/escalations', { reason: 'Reproduced' })).statusCode, 200);
    assert.equal((await post('/replies', { body: 'A fix is planned.', eta: '2026-12-18T17:00:00Z' })).statusCode, 201);
    for (const payload of [{ reason: 'Assessed' }, { reason: 'Straight to testing', to_level: 'qa' }]) {
      const unlinked = await post('/escalations', payload);
      assert.equal(unlinked.statusCode, 409, unlinked.body);
      assert.equal(unlinked.json().message, 'The issue is entered into JIRA and linked to this ticket before Development team addresses the bug');
      assert.deepEqual(unlinked.json().details, [{ path: 'links', message: 'no JIRA issue linked to this ticket: link it first' }]);
    }
    const seen = (await h.as(h.escalation.token, { method: 'GET', url: `/api/v1/tickets/${t.id}/events` })).json();
    assert.deepEqual(seen.filter((e: { type: string }) => e.type === 'escalated').map((e: { data: { to: string } }) => e.data.to), ['escalation'], 'nothing changed');
    assert.equal((await linkJira(t.id, 'DEV-21')).statusCode, 201);
    const linked = await post('/escalations', { reason: 'Assessed: DEV-21' });
    assert.equal(linked.statusCode, 200, linked.body);
    assert.equal(linked.json().escalation_level, 'development');
    const events = (await h.as(h.escalation.token, { method: 'GET', url: `/api/v1/tickets/${t.id}/events` })).json();
    assert.equal(events.find((e: { type: string; data: { to?: string } }) => e.type === 'escalated' && e.data.to === 'development').data.tracker, 'JIRA');
  });

  // Jumping over development (toLevel) skips neither the ETA nor development's fix before QA.
  it('a jump from the escalation manager straight to QA is refused: development owes the ETA and addresses the bug first', async () => {
    const t = await openTicket(h, h.contactA, { severity: 2 });
    const post = (url: string, payload: Record<string, unknown>) => h.as(h.escalation.token, { method: 'POST', url: `/api/v1/tickets/${t.id}${url}`, payload });
    assert.equal((await post('/escalations', { reason: 'Reproduced' })).statusCode, 200);
    assert.equal((await linkJira(t.id, 'DEV-13')).statusCode, 201);
    const untold = await post('/escalations', { reason: 'Straight to testing', to_level: 'qa' });
    assert.equal(untold.statusCode, 409, untold.body);
    assert.deepEqual(untold.json().details.map((d: { path: string }) => d.path), ['eta']);
    assert.equal((await post('/replies', { body: 'A fix is planned.', eta: '2026-12-18T17:00:00Z' })).statusCode, 201);
    const jumped = await post('/escalations', { reason: 'Straight to testing', to_level: 'qa' });
    assert.equal(jumped.statusCode, 409, jumped.body);
    assert.match(jumped.json().message, /^Quality Assurance team tests a fix once it reached Development team/);
    assert.deepEqual(jumped.json().details.map((d: { path: string }) => d.path), ['to_level']);
    assert.equal((await h.as(h.escalation.token, { method: 'GET', url: `/api/v1/tickets/${t.id}` })).json().escalation_level, 'escalation', 'nothing changed');
    assert.equal((await post('/escalations', { reason: 'Assessed: DEV-13' })).json().escalation_level, 'development');
    const tested = await post('/escalations', { reason: 'Fixed in DEV-13', to_level: 'qa' });
    assert.equal(tested.statusCode, 200, tested.body);
    assert.equal(tested.json().escalation_level, 'qa');
  });

  it('a public release note never links to Sentry; an internal article may', async () => {
    const sentry = 'https://sentry.io/organizations/opscom/issues/42/';
    const post = (visibility: string) => h.as(h.admin.token, {
      method: 'POST', url: '/api/v1/kb/articles',
      payload: { title: `Release 2026.12 (${visibility})`, body_markdown: `Fixes the permit export crash (${sentry}).`, visibility, kind: 'release_note' },
    });
    const published = await post('public');
    assert.equal(published.statusCode, 400, published.body);
    assert.deepEqual(published.json().details.map((d: { path: string }) => d.path), ['body_markdown']);
    const internal = await post('internal');
    assert.equal(internal.statusCode, 201, internal.body);
    // Nor is the internal one published with its link.
    const made = await h.as(h.admin.token, { method: 'PATCH', url: `/api/v1/kb/articles/${internal.json().id}`, payload: { visibility: 'public' } });
    assert.equal(made.statusCode, 400, made.body);
  });

  it('the client is told a fix is addressed only once QA verified it; the release may be recorded before', async () => {
    const t = await openTicket(h, h.contactA, { severity: 2 });
    const post = (url: string, payload: Record<string, unknown>) => h.as(h.escalation.token, { method: 'POST', url: `/api/v1/tickets/${t.id}${url}`, payload });
    const early = await post('/fix-released', { release: '2026.12', body: 'Fixed in the December release.' });
    assert.equal(early.statusCode, 409, early.body);
    assert.deepEqual(early.json().details.map((d: { path: string }) => d.path), ['notify_customer']);
    assert.match(early.json().message, /^Quality Assurance team has not verified the fix on this ticket/);
    const recorded = await post('/fix-released', { release: '2026.12', notify_customer: false });
    assert.equal(recorded.statusCode, 200, recorded.body);
    // QA tests what development addressed: the ticket goes there first, the client given an ETA.
    assert.equal((await post('/replies', { body: 'A fix is planned.', eta: '2026-12-18T17:00:00Z' })).statusCode, 201);
    assert.equal((await linkJira(t.id, 'DEV-9')).statusCode, 201);
    assert.equal((await post('/escalations', { reason: 'Assessed: DEV-9', to_level: 'development' })).statusCode, 200);
    h.desk.clock.set(h.desk.clock.now().add({ minutes: 1 }));
    assert.equal((await post('/qa-verified', { note: 'Passed' })).statusCode, 200);
    const told = await post('/fix-released', { release: '2026.12', body: 'Fixed in the December release.' });
    assert.equal(told.statusCode, 200, told.body);
    const seen = (await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/tickets/${t.id}/events` })).json();
    assert.deepEqual(seen.filter((e: { type: string }) => e.type === 'reply').map((e: { body: string }) => e.body), ['A fix is planned.', 'Fixed in the December release.']);
    // The mail names the release the agent entered and the page its notes are on, by OPS-COM's name
    // for it: "Release notes are always available on the Upcoming Release page".
    const { rows: [mail] } = await h.desk.t.db.query<{ body: string; links: unknown }>(
      "SELECT body, payload->'links' AS links FROM outbox WHERE kind = 'ticket_reply' AND payload->>'event_id' = $1", [seen.at(-1).id],
    );
    assert.ok(mail.body.startsWith('Fixed in the December release.\n\nFix released in: 2026.12\nRelease notes are available on the Upcoming Release page.'), mail.body);
    assert.deepEqual(mail.links, [{ label: `Case #${t.number} in the support portal`, path: `/portal/cases/${t.id}` }, { label: 'Upcoming Release', path: '/help/releases' }]);
    // It came back: escalated again, the next fix needs QA again before the client is told.
    h.desk.clock.set(h.desk.clock.now().add({ minutes: 1 }));
    assert.equal((await post('/escalations', { reason: 'Regression in 2026.12', to_level: 'development' })).statusCode, 200);
    h.desk.clock.set(h.desk.clock.now().add({ minutes: 1 }));
    assert.equal((await post('/fix-released', { release: '2026.12.1', body: 'Fixed again.' })).statusCode, 409);
    assert.equal((await post('/qa-verified', { note: 'Passed again' })).statusCode, 200);
    assert.equal((await post('/fix-released', { release: '2026.12.1', body: 'Fixed again.' })).statusCode, 200);
  });

  it('a contact may not give an ETA, escalate, or verify', async () => {
    const t = await openTicket(h, h.contactA, { severity: 2 });
    const eta = await h.as(h.contactA.token, { method: 'POST', url: `/api/v1/tickets/${t.id}/replies`, payload: { body: 'When?', eta: '2026-12-18T17:00:00Z' } });
    assert.equal(eta.statusCode, 400);
    assert.equal(eta.json().details[0].path, 'eta');
    for (const url of ['/escalations', '/qa-verified', '/fix-released']) {
      const res = await h.as(h.contactA.token, { method: 'POST', url: `/api/v1/tickets/${t.id}${url}`, payload: { reason: 'x' } });
      assert.equal(res.statusCode, 403, url);
    }
  });
});
