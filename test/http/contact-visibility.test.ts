// What a contact can receive never carries what agents keep internal: markers put in an internal
// note, an engineering link, escalation and review reasons and internal notes of the ladder are
// looked for in every answer of every route a contact may call (the access matrix's rows) and in
// every outbox message addressed to the organization's people.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import type { Row, RowsEnv } from './access/matrix-kit.ts';
import { openTicket, openTicketApp, type TicketApp } from './ticket-app.ts';

const MARKERS = {
  note: 'MARKER-NOTE-3f9c',
  link: 'MARKER-LINK-77aa',
  escalation: 'MARKER-ESCALATION-b1d2',
  unwarranted: 'MARKER-UNWARRANTED-c4e5',
  qa: 'MARKER-QA-9e0f',
  fix: 'MARKER-FIX-NOTE-1a2b',
  coverage: 'MARKER-COVERAGE-REASON-5d6e',
};

describe('nothing internal reaches a contact', () => {
  let h: TicketApp;
  let ticketA: string;
  before(async () => {
    h = await openTicketApp('openback', 'enterprise');
    // An integration that takes every event: webhooks carry only what a customer may see (README).
    await h.desk.t.db.query(
      `INSERT INTO webhook_endpoints (id, url, secret, secret_prefix, events, active, created_at, updated_at)
       VALUES (gen_random_uuid(), 'https://hooks.example/all', 'whsec_test', 'whsec_t', '["*"]', true, $1, $1)`, [h.desk.clock.now()],
    );
    ticketA = (await openTicket(h, h.contactA)).id;
    const agent = (method: 'POST' | 'PUT', url: string, payload: Record<string, unknown>) => h.as(h.agent.token, { method, url: `/api/v1/tickets/${ticketA}${url}`, payload });
    const writes = [
      await agent('POST', '/notes', { body: `checked the shard ${MARKERS.note}` }),
      await agent('POST', '/links', { url: `https://tracker.example/${MARKERS.link}`, title: MARKERS.link }),
      // Three asked for and marked unwarranted in the window: OpenBack's abuse rule tells the managers.
      await agent('POST', '/escalation-requests', { reason: `customer pressure ${MARKERS.escalation}` }),
      await agent('POST', '/unwarranted-escalations', { reason: MARKERS.unwarranted }),
      await agent('POST', '/escalation-requests', { reason: `customer pressure ${MARKERS.escalation}` }),
      await agent('POST', '/unwarranted-escalations', { reason: MARKERS.unwarranted }),
      await agent('POST', '/escalation-requests', { reason: `customer pressure ${MARKERS.escalation}` }),
      await agent('POST', '/unwarranted-escalations', { reason: MARKERS.unwarranted }),
      await agent('POST', '/qa-verified', { note: MARKERS.qa }),
      await agent('POST', '/fix-released', { note: MARKERS.fix, release: '9.9.9', body: 'The fix is available.' }),
      await agent('PUT', '/coverage', { not_covered: { kind: 'exclusion', id: 'third-party' }, reason: MARKERS.coverage }),
    ];
    for (const w of writes) assert.ok(w.statusCode < 300, w.body);
  });
  after(() => h.close());

  const leaks = (text: string) => Object.values(MARKERS).filter((m) => text.includes(m) && m !== MARKERS.escalation);

  it("every route a contact may call answers without an internal marker (the escalation request is the customer's own words)", async () => {
    const rows: Row[] = [];
    const env: RowsEnv = { h, ticketA, unique: (l) => `${l}-${Math.random().toString(36).slice(2)}` };
    for (const file of readdirSync(new URL('./access/', import.meta.url)).filter((f) => f.endsWith('-rows.ts'))) {
      rows.push(...((await import(new URL(`./access/${file}`, import.meta.url).href)) as { rows: (e: RowsEnv) => Row[] }).rows(env));
    }
    let reached = 0;
    for (const row of rows) {
      const request = await row.request('contactA');
      const res = await h.app.inject({ ...request, headers: { ...(request.headers ?? {}), authorization: `Bearer ${h.contactA.token}` } });
      if (res.statusCode < 300) reached++;
      assert.deepEqual(leaks(res.body), [], `${row.method} ${row.url} -> ${res.statusCode}`);
    }
    assert.ok(reached >= 10, `the contact reached ${reached} routes`);
    const timeline = await h.as(h.contactA.token, { method: 'GET', url: `/api/v1/tickets/${ticketA}/events` });
    assert.ok(timeline.body.includes('The fix is available.'), 'the customer is told on the original ticket');
    assert.ok(timeline.body.includes('Non-OpenBack networks'), "the policy's coverage text is shown");
  });

  it("no outbox message to the organization's people carries a marker", async () => {
    const { rows } = await h.desk.t.db.query<{ recipient: string; subject: string; body: string; payload: unknown }>(
      `SELECT o.recipient, o.subject, o.body, o.payload FROM outbox o JOIN contacts c ON c.email = o.recipient WHERE c.organization_id = $1`,
      [h.contactA.organizationId],
    );
    assert.ok(rows.some((m) => m.subject.startsWith('[#')), 'the organization was mailed about its ticket');
    assert.ok(!rows.some((m) => m.subject.startsWith('Support request escalations')), 'OpenBack reserves the right: the managers decide, nothing is sent on the count');
    for (const m of rows) assert.deepEqual(leaks(JSON.stringify(m)), [], m.subject);
  });

  it('no webhook payload carries a marker', async () => {
    const { rows } = await h.desk.t.db.query<{ payload: { type: string } }>('SELECT payload FROM webhook_deliveries ORDER BY created_at');
    assert.ok(rows.some((r) => r.payload.type === 'ticket.created'), 'the integration was told of the ticket');
    for (const r of rows) assert.deepEqual(leaks(JSON.stringify(r.payload)), [], r.payload.type);
  });
});
