// A ticket's level in the vendor's words on the portal, the desk and the receipt (policy/names.ts,
// web/level-words.ts). OfficeSpace's seed: "Support Levels", listed "Basic Product Support",
// "Technical Support", "Critical Technical Support", none numbered or called a severity. OPS-COM's
// FAQ defines "Critical" only; "Not critical" is the desk's name, never the vendor's.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';
import { fileCase } from './portal-kit.ts';

// What a reader sees: the text, without the markup's ids and names ("severity-hint", name="severity").
const words = (html: string) => html.replace(/<[^>]*>/g, ' ');

describe('OfficeSpace: its Support Levels by name, labelled "Support level"', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('officespace', 'standard');
  });
  after(() => h.close());

  it('the new-case form offers them as the seed lists them, Basic first, under "Support level"', async () => {
    const c = await h.session(h.contactA, 'contact');
    const form = main((await c.get('/portal/cases/new')).body);
    assert.match(form, /<legend>Support level \(optional\)<\/legend>/);
    const at = ['value="3"> Basic Product Support</label>', 'value="2"> Technical Support</label>', 'value="1"> Critical Technical Support</label>'].map((x) => form.indexOf(x));
    assert.ok(at.every((i) => i > 0), String(at));
    assert.ok(at[0] < at[1] && at[1] < at[2], String(at));
    assert.doesNotMatch(words(form), /[Ss]everity/);
  });

  it('the case page, the cases list and the receipt name Critical Technical Support, never Severity 1', async () => {
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'Nothing loads', description: 'A down system', severity: '1' });
    const page = main((await c.get(made.url)).body);
    assert.match(page, /<dt>Support level<\/dt><dd>Critical Technical Support<\/dd>/);
    assert.match(page, /<h2 id="sev-h">What Critical Technical Support means<\/h2>/);
    assert.doesNotMatch(words(page), /[Ss]everity|S1\b/);
    const list = main((await c.get('/portal')).body);
    assert.match(list, /<th scope="col">Support level<\/th>/);
    assert.match(list, /Nothing loads<\/a><\/td><td>Critical Technical Support<\/td>/);
    const { rows: [receipt] } = await h.desk.t.db.query<{ body: string }>(
      "SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [made.id],
    );
    assert.match(receipt.body, /^We received your request "Nothing loads" and opened case #\d+ \(Critical Technical Support\)\./);
    assert.doesNotMatch(receipt.body, /[Ss]everity 1/);
  });

  it('the desk\'s ticket page and queue label it "Support level" and name it, not "S1"', async () => {
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'Floor plan to update', description: 'x', severity: '2' });
    const a = await h.session(h.agent, 'agent');
    const ticket = main((await a.get(`/agent/tickets/${made.id}`)).body);
    assert.match(ticket, /<dt>Support level<\/dt><dd>Technical Support <small>/);
    assert.match(ticket, /<label for="severity">Support level<\/label>/);
    const queue = main((await a.get('/agent')).body);
    assert.match(queue, /<th scope="col">Support level<\/th>/);
    assert.match(queue, /<td>Technical Support<\/td>/);
    assert.doesNotMatch(queue, /<td>S\d<\/td>/);
  });
});

describe('OPS-COM: "Critical" offered, its unnamed "Not critical" never shown to the customer', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('opscom', 'premium');
  });
  after(() => h.close());

  it('the new-case form offers Critical and "decide from my answers", not "Not critical"', async () => {
    const c = await h.session(h.contactA, 'contact');
    const form = main((await c.get('/portal/cases/new')).body);
    assert.match(form, /value="1"> Critical<\/label>/);
    assert.match(form, /value=""[^>]*> Decide from my answers<\/label>/);
    assert.doesNotMatch(form, /Not critical/i);
    assert.doesNotMatch(form, /value="2"/);
  });

  it('a case left to the default level shows a dash, not the desk\'s name for it, on its page, the list and the receipt', async () => {
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'Report layout', description: 'A column is too narrow', severity: '' });
    const page = main((await c.get(made.url)).body);
    assert.match(page, /<dt>Severity<\/dt><dd>—<\/dd>/);
    assert.doesNotMatch(page, /Not critical/i);
    assert.doesNotMatch(page, /id="sev-h"/);
    const list = main((await c.get('/portal')).body);
    assert.match(list, /Report layout<\/a><\/td><td>—<\/td>/);
    assert.doesNotMatch(list, /Not critical/i);
    const { rows: [receipt] } = await h.desk.t.db.query<{ body: string }>(
      "SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [made.id],
    );
    assert.match(receipt.body, /^We received your request "Report layout" and opened case #\d+\./);
    assert.doesNotMatch(receipt.body, /Not critical/i);
    // The desk still reads the level it is worked at.
    const a = await h.session(h.agent, 'agent');
    assert.match(main((await a.get(`/agent/tickets/${made.id}`)).body), /<dt>Severity<\/dt><dd>Not critical <small>/);
  });
});
