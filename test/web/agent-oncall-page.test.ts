// /agent/oncall: every agent reads who is on call now in each rotation, until when (in the reader's own
// zone, named), and who is next; an override's reason where the answer comes from one; "Nobody is on
// call" when so. Only an admin (who may open /admin/oncall) is offered the link to change it.
// OpenBack; the desk's clock is Wednesday 2026-12-02 10:00 UTC (London is on UTC then; Chicago UTC-6; New York UTC-5).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addOverride, createRotation } from '../../src/oncall/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('who is on call, on an agent page', () => {
  let h: WebApp;
  const nameOf = async (id: string) => (await h.desk.t.db.query<{ name: string }>('SELECT name FROM agents WHERE id = $1', [id])).rows[0].name;
  const section = (page: string, name: string) => new RegExp(`<section[^>]*>\\s*<h2[^>]*>${name}</h2>[\\s\\S]*?</section>`).exec(page)?.[0] ?? '';
  before(async () => { h = await openWebApp(); });
  after(() => h?.close());

  it('says plainly when there is no rotation at all', async () => {
    const page = main((await (await h.session(h.agent, 'agent')).get('/agent/oncall')).body);
    assert.match(page, /<h1>On call<\/h1>/);
    assert.match(page, /No on-call rotations: nobody is on call\./);
  });

  it('shows each rotation: who holds it now and until when, an override with its reason, who is next; nobody before a rotation starts', async () => {
    const system = h.desk.system;
    const [agent, escalation, manager] = await Promise.all([nameOf(h.agent.id), nameOf(h.escalation.id), nameOf(h.manager.id)]);
    // Weekly from Monday 30 Nov 09:00 London: the first member (the front line) holds 30 Nov 09:00 to 7 Dec 09:00 UTC, the second next.
    await createRotation({ ctx: system, input: { name: 'Weekly nights', timeZone: 'Europe/London', handoverTime: '09:00', cadence: 'weekly', handoverWeekday: 'mon', startDate: '2026-11-30', members: [h.agent.id, h.escalation.id] } });
    // Daily 18:00 Chicago from 1 Dec, the manager alone: 2 Dec 00:00 to 3 Dec 00:00 UTC; covered by the escalation agent 09:00 to 14:00 UTC.
    const daily = await createRotation({ ctx: system, input: { name: 'Emergency line', timeZone: 'America/Chicago', handoverTime: '18:00', cadence: 'daily', startDate: '2026-12-01', members: [h.manager.id] } });
    await addOverride({ ctx: h.desk.ctx(h.desk.admin), input: { rotationId: daily.id, agentId: h.escalation.id, startsAt: '2026-12-02T09:00:00Z', endsAt: '2026-12-02T14:00:00Z', reason: 'Covering a dentist visit' } });
    // Starts 10 Dec 08:00 UTC: nobody now; the front line first.
    await createRotation({ ctx: system, input: { name: 'Holiday cover', timeZone: 'UTC', handoverTime: '08:00', cadence: 'daily', startDate: '2026-12-10', members: [h.agent.id] } });

    const page = main((await (await h.session(h.agent, 'agent')).get('/agent/oncall')).body);
    const weekly = section(page, 'Weekly nights');
    assert.match(weekly, new RegExp(`On call now: ${agent}, until 2026-12-07 09:00 UTC\\.`));
    assert.match(weekly, new RegExp(`Next: ${escalation}, from 2026-12-07 09:00 UTC until 2026-12-14 09:00 UTC\\.`));
    assert.doesNotMatch(weekly, /override/i);

    const line = section(page, 'Emergency line');
    assert.match(line, new RegExp(`On call now: ${escalation} \\(an override: Covering a dentist visit\\), until 2026-12-02 14:00 UTC\\.`));
    assert.match(line, new RegExp(`Next: ${manager}, from 2026-12-02 14:00 UTC until 2026-12-03 00:00 UTC\\.`));

    const holiday = section(page, 'Holiday cover');
    assert.match(holiday, /Nobody is on call now\./);
    assert.match(holiday, new RegExp(`Next: ${agent}, from 2026-12-10 08:00 UTC until 2026-12-11 08:00 UTC\\.`));

    // In the reader's own zone, named (as localText words it): 7 Dec 09:00 UTC is 04:00 in New York.
    await h.desk.t.db.query("UPDATE agents SET time_zone = 'America/New_York' WHERE id = $1", [h.escalation.id]);
    const zoned = section(main((await (await h.session(h.escalation, 'agent')).get('/agent/oncall')).body), 'Weekly nights');
    assert.match(zoned, new RegExp(`On call now: ${agent}, until Mon Dec 7 2026 04:00 AM EST\\.`));
  });

  it('is for agents: the link to change it for an admin only; a contact is refused, a visitor sent to sign in', async () => {
    for (const who of [h.agent, h.escalation, h.manager, h.admin]) {
      const res = await (await h.session(who, 'agent')).get('/agent/oncall');
      assert.equal(res.statusCode, 200);
      // The navigation links to it for every agent.
      assert.match(res.body, /<a href="\/agent\/oncall">On call<\/a>/);
      const change = /<a href="\/admin\/oncall">Change the rotations<\/a>/;
      if (who === h.admin) assert.match(main(res.body), change);
      else assert.doesNotMatch(main(res.body), change);
    }
    assert.equal((await (await h.session(h.contactA, 'contact')).get('/agent/oncall')).statusCode, 403);
    const anonymous = await (await h.visitor()).get('/agent/oncall');
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/login/);
  });
});
