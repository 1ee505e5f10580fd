// OPS-COM's ladder on the desk (QA, 2026-12-07): "Issues are escalated when the front line staff has
// determined ... that an item is a bug. The escalation manager will assess the bug's severity ...".
// The front line hands a ticket to the escalation manager, never past (tickets/escalate-ticket.ts);
// the form offered a front-line agent every level all the same, and once the ticket was with the
// escalation manager, still offered "The next level up", each refused when sent. The timeline said
// the step by the ladder's ids ("to: escalation from: front-line role: Escalation").
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

const levelPicker = (html: string) => /<select id="to-level"[\s\S]*?<\/select>/.exec(html)?.[0] ?? '';
const options = (select: string) => [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => `${m[1]}=${m[2]}`);

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

  it('the front line is offered the escalation manager only, then nothing', async () => {
    h.desk.clock.set('2026-12-03T15:00:00Z');
    const t = await openTicket(h, h.contactA, { subject: 'Export drops rows', severity: 2 });
    const front = await h.session(h.agent, 'agent');
    // The ladder (opscom.yaml): front-line, escalation, development, qa. From the front line, one step.
    assert.deepEqual(options(levelPicker(main((await front.get(`/agent/tickets/${t.id}`)).body))), ['=The next level up', 'escalation=Escalation manager']);

    assert.equal((await front.post(`/agent/tickets/${t.id}/escalate`, { reason: 'Reproduced: a bug', to_level: '' })).statusCode, 303);
    const page = main((await front.get(`/agent/tickets/${t.id}`)).body);
    assert.equal(levelPicker(page), '');
    assert.match(page, /<p class="hint" id="escalate-none">Escalation manager takes it further up the ladder: the front line escalates to the level that assesses it.<\/p>/);
    assert.doesNotMatch(page, /<kbd>e<\/kbd> escalate/);

    // The escalation manager climbs on: every other level, the next one up first.
    const manager = await h.session(h.escalation, 'agent');
    assert.deepEqual(options(levelPicker(main((await manager.get(`/agent/tickets/${t.id}`)).body))), [
      '=The next level up', 'front-line=Front line support agents', 'development=Development team', 'qa=Quality Assurance team',
    ]);
  });
});
