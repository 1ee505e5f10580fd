// What the portal says, held to the seeds' words (audit 2026-12): OpenMethods' remediation hours
// beside its response times, as its published page lists them, and its possessive; no name for a
// plan the vendor never named (OfficeSpace); and one order for cases opened at the same instant.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTicket } from '../../src/tickets/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';
import { fileCase } from './portal-kit.ts';

const choice = (html: string, id: number) => new RegExp(`<div class="severity-choice">\\s*<label><input type="radio" name="severity" value="${id}">[\\s\\S]*?</div>`).exec(html)?.[0] ?? '';

describe('OpenMethods Standard: remediation work as the published page states it', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openmethods', 'standard');
  });
  after(() => h.close());

  // Seed 002, Severity 1: "Response time: 30 minutes", "Remediation work: 24/7 until resolved",
  // "Communication cadence: status update once every 60 minutes"; Severities 2-4: "Remediation
  // work: 6am-4pm U.S. Eastern Standard Time".
  it('the new-case form lists remediation work after the response time, in the seed\'s words', async () => {
    const c = await h.session(h.contactA, 'contact');
    const form = main((await c.get('/portal/cases/new')).body);
    assert.match(choice(form, 1), /<ul class="hint promised"><li>Response time: 30 minutes<\/li><li>Remediation work: 24\/7 until resolved<\/li><li>Communication cadence: status update once every 60 minutes<\/li><\/ul>/);
    assert.match(choice(form, 2), /<li>Response time: 2 hours<\/li><li>Remediation work: 6am-4pm U\.S\. Eastern Standard Time<\/li>/);
  });

  it('the case page lists it too, and the receipt says "OpenMethods\' support policy"', async () => {
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'Screen pops slow', description: 'x', severity: '3' });
    const sev = /<section aria-labelledby="sev-h">[\s\S]*?<\/section>/.exec((await c.get(made.url)).body)?.[0] ?? '';
    assert.match(sev, /<ul class="promised"><li><strong>Response time:<\/strong> 6 hours<\/li><li><strong>Remediation work:<\/strong> 6am-4pm U\.S\. Eastern Standard Time<\/li>/);
    const { rows: [receipt] } = await h.desk.t.db.query<{ body: string }>(
      "SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [made.id],
    );
    assert.match(receipt.body, /\n\nWhat OpenMethods' support policy says about it:\n/);
    assert.doesNotMatch(receipt.body, /OpenMethods's/);
  });
});

describe('OfficeSpace: the one plan\'s name, which the vendor never wrote', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('officespace', 'standard');
  });
  after(() => h.close());

  // officespace.yaml: "The seed has no plans: one plan holds its terms. Its name is not published."
  it('is not on the case list nor the customer\'s timeline; the agent still reads it', async () => {
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'Floor plan to update', description: 'x', severity: '2' });
    assert.doesNotMatch(main((await c.get('/portal')).body), /Plan:/);
    assert.doesNotMatch(main((await c.get(made.url)).body), /Plan:|>Support<\/strong>/);
    const agent = await h.session(h.agent, 'agent');
    assert.match((await agent.get(`/agent/tickets/${made.id}`)).body, /<span>Plan: Support<\/span>/);
  });
});

describe('OpenBack Growth: cases opened at the same instant', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'growth');
  });
  after(() => h.close());

  it('come back in one order on every load: newest first, then by id', async () => {
    // The desk's clock does not move: all three are opened at the same instant.
    const ids: string[] = [];
    for (const subject of ['First', 'Second', 'Third']) {
      ids.push((await createTicket({ ctx: h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId }), input: { subject, description: 'x' } })).id);
    }
    const c = await h.session(h.contactA, 'contact');
    const listed = async () => [...main((await c.get('/portal')).body).matchAll(/href="\/portal\/cases\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    const first = await listed();
    assert.deepEqual(first, [...ids].sort().reverse());
    assert.deepEqual(await listed(), first);
    assert.deepEqual(await listed(), first);
  });
});
