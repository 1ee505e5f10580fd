// The admin pages name whose it is in English: a name ending in "s" takes an apostrophe alone
// ("Northwind Hotels' name and plan", not "Northwind Hotels's"), any other "'s" ("Ann Lee's email").
// The organizations page (an organization's and its contacts'), the agents page and the on-call page
// (each agent's turn). Apostrophes in the page are HTML-escaped (&#39;), as every value is.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAgent } from '../../src/customers/index.ts';
import { createRotation } from '../../src/oncall/index.ts';
import { adminDesk } from './admin-kit.ts';

describe('whose it is, on the admin pages, OpenBack', () => {
  const desk = adminDesk();

  it("an organization and a contact whose names end in s: Northwind Hotels' name and plan, Chris Jones' email", async () => {
    const person = await desk.app.newContact('enterprise');
    const orgId = person.organizationId;
    assert.equal((await desk.session.post(`/admin/organizations/${orgId}`, { name: 'Northwind Hotels', plan: 'enterprise' })).statusCode, 303);
    await desk.app.desk.t.db.query("UPDATE contacts SET name = 'Chris Jones' WHERE id = $1", [person.id]);
    const page = await desk.mainAt('/admin/organizations?q=Northwind');
    assert.match(page, /<button type="submit">Save Northwind Hotels&#39; name and plan<\/button>/);
    assert.match(page, /<summary>Correct Chris Jones&#39; email<\/summary>/);
    assert.match(page, /<button type="submit">Correct Chris Jones&#39; email<\/button>/);
    assert.match(page, /<summary>Chris Jones&#39; personal data: a copy, or erasure, on request<\/summary>/);
    assert.match(page, /<button type="submit">Download Chris Jones&#39; data \(JSON\)<\/button>/);
    assert.match(page, /<button type="submit" class="danger">Erase Chris Jones&#39; personal data<\/button>/);
    assert.doesNotMatch(page, /s(&#39;|')s /);
  });

  it("a name that does not end in s keeps its 's: Ann Lee's email", async () => {
    const person = await desk.app.newContact('enterprise');
    await desk.app.desk.t.db.query("UPDATE organizations SET name = 'Initrode' WHERE id = $1", [person.organizationId]);
    await desk.app.desk.t.db.query("UPDATE contacts SET name = 'Ann Lee' WHERE id = $1", [person.id]);
    const page = await desk.mainAt('/admin/organizations?q=Initrode');
    assert.match(page, /<button type="submit">Save Initrode&#39;s name and plan<\/button>/);
    assert.match(page, /<button type="submit">Correct Ann Lee&#39;s email<\/button>/);
  });

  it("an agent whose name ends in s: Chris Harris' email on the agents page, Chris Harris' turn on the on-call page", async () => {
    const chris = await createAgent({ ctx: desk.app.desk.system, input: { email: 'chris@vendor.example', name: 'Chris Harris', role: 'front_line' } });
    const agents = await desk.mainAt('/admin/agents');
    assert.match(agents, /<summary>Correct Chris Harris&#39; email<\/summary>/);
    assert.match(agents, /<button type="submit">Correct Chris Harris&#39; email<\/button>/);
    assert.doesNotMatch(agents, /Harris(&#39;|')s/);

    const r = await createRotation({ ctx: desk.app.desk.system, input: { name: 'Days', timeZone: 'UTC', handoverTime: '09:00', cadence: 'daily', startDate: '2026-12-01', members: [chris.id] } });
    const oncall = await desk.mainAt('/admin/oncall');
    assert.match(oncall, new RegExp(`<label for="turn-${r.id}-${chris.id}">Chris Harris&#39; turn</label>`));
    // A refused turn is named as the form labels it (the form-error partial's labels).
    const refused = await desk.session.post(`/admin/oncall/${r.id}/members`, { [`turn_${chris.id}`]: 'first' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /<strong>Chris Harris&#39; turn<\/strong>/);
  });
});
