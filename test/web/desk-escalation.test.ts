// OPS-COM's ladder on the desk (QA, 2026-12-07): the timeline said a step up by the ladder's ids
// ("to: escalation from: front-line role: Escalation"), and QA's verification as "level: qa".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';

const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';

describe('OPS-COM: the escalation ladder as each agent may climb it', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('opscom', 'premium');
  });
  after(() => h.close());

  it('the timeline names the levels a ticket was escalated from and to, and the one that verified it', async () => {
    // Thu 3 Dec 2026 15:00Z is 10:00 EST, in support hours; not critical.
    h.desk.clock.set('2026-12-03T15:00:00Z');
    const t = await openTicket(h, h.contactA, { subject: 'Report totals wrong', severity: 2 });
    const a = await h.session(h.agent, 'agent');
    assert.equal((await a.post(`/agent/tickets/${t.id}/escalate`, { reason: 'Reproduced: a bug', to_level: '' })).statusCode, 303);
    const page = main((await a.get(`/agent/tickets/${t.id}`)).body);
    assert.match(page, /<span>From: Front line support agents<\/span> <span>To: Escalation manager<\/span>/);
    assert.doesNotMatch(page, /front-line|role: Escalation|level: Escalation/);

    // The escalation manager enters it into JIRA, gives the client an ETA, hands it to development; QA verifies the fix.
    const m = await h.session(h.escalation, 'agent');
    assert.equal((await m.post(`/agent/tickets/${t.id}/link`, { url: 'https://jira.example.com/browse/DEV-12', title: 'DEV-12' })).statusCode, 303);
    assert.equal((await m.post(`/agent/tickets/${t.id}/reply`, { body: 'A fix is planned.', eta: '2026-12-18T17:00', eta_zone: 'America/New_York' })).statusCode, 303);
    assert.equal((await m.post(`/agent/tickets/${t.id}/escalate`, { reason: 'In DEV-12', to_level: 'development' })).statusCode, 303);
    assert.equal((await m.post(`/agent/tickets/${t.id}/qa-verified`, { note: 'Tested on preview' })).statusCode, 303);
    const verified = main((await m.get(`/agent/tickets/${t.id}`)).body);
    assert.match(verified, /<span>From: Escalation manager<\/span> <span>To: Development team<\/span>/);
    assert.match(verified, /Tested on preview<\/div>\s*<p class="data"><span>Level: Quality Assurance team<\/span>/);
    assert.doesNotMatch(verified, /level: qa|to: development/);
  });
});
