// OpenBack's designated people on the pages and the API (seed 001: an Enterprise customer is
// "assigned a Customer Success Manager who will be the dedicated primary contact at OpenBack";
// the Technical Account Manager is optional on Pro and Enterprise, absent on Growth). The admin
// page flags an Enterprise organization with none, an admin designates one, and the customer's
// portal and the agent's ticket page show who it is.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('designated people, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('an admin sees an Enterprise organization owed a CSM, designates one; the portal and the ticket page show it', async () => {
    const orgId = h.contactA.organizationId;
    const admin = await h.session(h.admin, 'agent');
    const before = main((await admin.get('/admin/organizations')).body);
    const section = new RegExp(`<section aria-labelledby="org-${orgId}">[\\s\\S]*?</section>`).exec(before)?.[0] ?? '';
    assert.match(section, /<p class="warning" role="note"><strong>Designated Customer Success Manager<\/strong>: the plan includes one and none is designated\.<\/p>/);
    assert.match(section, /<label for="d-[^"]+-technical_account_manager">Designated Technical Account Manager \(optional\)<\/label>/);

    const saved = await admin.post(`/admin/organizations/${orgId}/designations`, { d_customer_success_manager: h.escalation.id, d_technical_account_manager: '' });
    assert.equal(saved.statusCode, 303);
    const after = main((await admin.get('/admin/organizations')).body);
    const again = new RegExp(`<section aria-labelledby="org-${orgId}">[\\s\\S]*?</section>`).exec(after)?.[0] ?? '';
    assert.doesNotMatch(again, /none is designated/);
    assert.match(again, new RegExp(`<option value="${h.escalation.id}" selected>`));

    const c = await h.session(h.contactA, 'contact');
    const portal = main((await c.get('/portal')).body);
    const { rows } = await h.desk.t.db.query<{ name: string; email: string }>('SELECT name, email FROM agents WHERE id = $1', [h.escalation.id]);
    assert.match(portal, /<h2 id="people-h">Your designated contacts<\/h2>/);
    assert.match(portal, new RegExp(`<li>Designated Customer Success Manager: ${rows[0].name} &lt;<a href="mailto:${rows[0].email}">`));
    assert.doesNotMatch(portal, /Technical Account Manager/, 'an optional one nobody holds is not shown');

    const ticket = await openTicket(h, h.contactA);
    const agent = await h.session(h.agent, 'agent');
    const page = main((await agent.get(`/agent/tickets/${ticket.id}`)).body);
    assert.match(page, new RegExp(`<dt>Designated Customer Success Manager</dt><dd>${rows[0].name}</dd>`));
    assert.match(page, /<dt>Designated Technical Account Manager<\/dt><dd>None<\/dd>/);
  });

  it('refuses a designation the plan does not include beside the form, and over the API', async () => {
    const growth = await h.newContact('growth');
    const admin = await h.session(h.admin, 'agent');
    const page = await admin.post(`/admin/organizations/${growth.organizationId}/designations`, { d_customer_success_manager: h.agent.id });
    assert.equal(page.statusCode, 400);
    assert.match(main(page.body), /The Growth plan does not include Designated Customer Success Manager/);

    const api = await h.as(h.manager.token, { method: 'PATCH', url: `/api/v1/organizations/${growth.organizationId}`, payload: { designated_agents: { customer_success_manager: h.agent.id } } });
    assert.equal(api.statusCode, 400);
    assert.deepEqual(api.json().details, [{ path: 'designated_agents.customer_success_manager', message: 'is not in the Growth plan' }]);

    const pro = await h.newContact('pro');
    const ok = await h.as(h.manager.token, { method: 'PATCH', url: `/api/v1/organizations/${pro.organizationId}`, payload: { designated_agents: { technical_account_manager: h.agent.id } } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json().designated_agents, { technical_account_manager: h.agent.id });
    const read = await h.as(pro.token, { method: 'GET', url: `/api/v1/organizations/${pro.organizationId}/designations` });
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json().map((d: any) => [d.feature_id, d.owed, d.agent?.id ?? null]), [['technical_account_manager', false, h.agent.id]]);
    assert.equal((await h.as(growth.token, { method: 'GET', url: `/api/v1/organizations/${pro.organizationId}/designations` })).statusCode, 404);
  });
});
