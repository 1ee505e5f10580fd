// Which channel the portal files a contact's case through, and what the case is then called.
// OpenBack (seed 001) lists its ways in as "support@openback.com", "Chat | Chat widget on our
// website, docs and dashboard", "Phone | Provided to our Pro and Enterprise Customers" and
// "Documentation | https://docs.openback.com/", and says Growth gives "online support services ...
// via email, live chat and documentation": no web form. Documentation is read, not written to, so
// no case comes in "by Documentation"; the portal files a case as Email (every plan has it), says
// so on its form, and the case's history reads "Email (filed in the portal)", not "Web form".
// OPS-COM's plans have an "Online support ticket" (a web channel that takes requests): its portal
// files through that, and its form adds nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { portalChannel, requestChannelsOfKind } from '../../src/policy/index.ts';
import { ForbiddenError } from '../../src/platform/index.ts';
import { createTicket } from '../../src/tickets/index.ts';
import { examplePolicy, exampleSource, policyFrom } from '../helpers/policies.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';
import { fileCase } from './portal-kit.ts';

describe('the channel the portal files through', () => {
  it('OpenBack: Email on every plan; Documentation takes no request', () => {
    const policy = examplePolicy('openback');
    for (const plan of ['growth', 'pro', 'enterprise']) assert.equal(portalChannel(policy, plan)?.id, 'email', plan);
    assert.deepEqual(requestChannelsOfKind(policy, 'web'), []);
  });

  it('OPS-COM: its Online support ticket, a web channel that takes requests', () => {
    const policy = examplePolicy('opscom');
    for (const plan of ['standard-plus', 'premium']) assert.equal(portalChannel(policy, plan)?.name, 'Online support ticket', plan);
  });

  it('a plan with neither a web channel that takes requests nor email: none, the portal offers no way in it lacks', () => {
    // OpenBack's Growth with only its chat: no email, and Documentation is only read.
    const source = exampleSource('openback').replace('channels: { email: email, chat: weekdays, web: 24x7 }', 'channels: { chat: weekdays, web: 24x7 }');
    assert.equal(portalChannel(policyFrom(source), 'growth'), null);
  });
});

describe('a case filed in the portal, OpenBack Growth', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'growth');
  });
  after(() => h.close());

  it('the form says where the case goes; the case reads Email (filed in the portal) to the customer and the agent', async () => {
    const c = await h.session(h.contactA, 'contact');
    const form = main((await c.get('/portal/cases/new')).body);
    assert.match(form, /<p id="filed-as">Cases opened here are sent to OpenBack support as Email \(support@openback\.com\), and answered as it is\.<\/p>/);
    const made = await fileCase(c, { subject: 'Pushes late', description: 'Since Monday', severity: '3' });
    assert.equal(made.res.statusCode, 303);
    const mine = main((await c.get(made.path)).body);
    assert.match(mine, /<span>Channel: Email \(filed in the portal\)<\/span>/);
    assert.doesNotMatch(mine, /Documentation|Web form/);
    const a = await h.session(h.agent, 'agent');
    const desk = main((await a.get(`/agent/tickets/${made.id}`)).body);
    assert.match(desk, /<span>Channel: Email \(filed in the portal\)<\/span>/);
    assert.doesNotMatch(desk, /Documentation/);
    // No mail came in: its receipt is no automatic answer to one, not held to the mail-loop limit.
    const { rows } = await h.desk.t.db.query<{ auto: boolean }>("SELECT (payload->>'auto_reply')::boolean AS auto FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [made.id]);
    assert.deepEqual(rows, [{ auto: false }]);
  });

  it('a request sent by web over the API is not taken in as Documentation: OpenBack takes none by web', async () => {
    const refused = await createTicket({ ctx: h.desk.ctx({ kind: 'contact', id: h.contactA.id, organizationId: h.contactA.organizationId }), input: { subject: 'x', description: 'y', channel: 'web' } }).catch((e) => e);
    assert.ok(refused instanceof ForbiddenError);
    assert.match(refused.message, /^OpenBack takes no requests by web/);
    assert.doesNotMatch(refused.message, /Documentation/);
  });

  it('an agent opening a ticket is offered the ways in OpenBack takes: no Web form', async () => {
    const a = await h.session(h.agent, 'agent');
    const form = main((await a.get('/agent/tickets/new')).body);
    const received = /<select id="channel" name="channel">([\s\S]*?)<\/select>/.exec(form)?.[1] ?? '';
    assert.deepEqual([...received.matchAll(/<option value="(\w+)"/g)].map((m) => m[1]), ['email', 'phone', 'chat']);
  });
});

describe('a case filed in the portal, OPS-COM Premium', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('opscom', 'premium');
  });
  after(() => h.close());

  it('is filed through its Online support ticket; the form adds no sentence of where it goes', async () => {
    const c = await h.session(h.contactA, 'contact');
    assert.doesNotMatch(main((await c.get('/portal/cases/new')).body), /id="filed-as"/);
    const made = await fileCase(c, { subject: 'Permits', description: 'Cannot print', severity: '' });
    assert.equal(made.res.statusCode, 303);
    const mine = main((await c.get(made.path)).body);
    assert.match(mine, /<span>Channel: Online support ticket<\/span>/);
    const a = await h.session(h.agent, 'agent');
    const received = /<select id="channel" name="channel">([\s\S]*?)<\/select>/.exec(main((await a.get('/agent/tickets/new')).body))?.[1] ?? '';
    assert.deepEqual([...received.matchAll(/<option value="(\w+)"/g)].map((m) => m[1]), ['web', 'email', 'phone']);
  });
});
