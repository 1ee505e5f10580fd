// OfficeSpace's levels name who takes them: Technical Support, "Assign engineer to determine and correct
// the error"; Basic Product Support, "Assign customer support staff to contact customer" (severities[].
// handled_by). The agent's ticket page says so beside the assignee, in the policy's words, and names each
// agent's role in the choice, so whoever assigns by hand sees who the level is for. OpenBack's levels name
// no one: nothing of the kind.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';

const hint = (html: string) => /<p class="hint" id="assign-handled-by">([^<]*)<\/p>/.exec(html)?.[1] ?? null;

describe('who a level is given to, beside the assignee (OfficeSpace)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('officespace', 'standard');
  });
  after(() => h.close());

  it('Technical Support to the engineers, Basic Product Support to the support staff; each agent\'s role named in the choice', async () => {
    const a = await h.session(h.agent, 'agent');
    const technical = (await a.get(`/agent/tickets/${(await openTicket(h, h.contactA, { severity: 2 })).id}`)).body;
    assert.equal(hint(technical), 'Technical Support is given in turn to the escalation agents (our support policy: “Assign engineer to determine and correct the error”).');
    assert.match(technical, /<select id="assignee" name="assignee" data-shortcut="a" aria-describedby="assign-handled-by">/);
    // The desk's escalation agent, by role, as ROLE_NAMES writes it.
    assert.match(technical, new RegExp(`<option value="${h.escalation.id}">[^<(]+ \\(Escalation\\)</option>`));
    assert.match(technical, new RegExp(`<option value="${h.agent.id}">[^<(]+ \\(Front line\\)</option>`));
    const basic = (await a.get(`/agent/tickets/${(await openTicket(h, h.contactA, { severity: 3 })).id}`)).body;
    assert.equal(hint(basic), 'Basic Product Support is given in turn to the front-line agents (our support policy: “Assign customer support staff to contact customer”).');
  });
});

describe('levels that name no one (OpenBack)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('says nothing beside the assignee and lists agents by name alone', async () => {
    const a = await h.session(h.agent, 'agent');
    const html = (await a.get(`/agent/tickets/${(await openTicket(h, h.contactA, { severity: 2 })).id}`)).body;
    assert.equal(hint(html), null);
    assert.doesNotMatch(html, /\((Escalation|Front line)\)<\/option>/);
  });
});
