// A held request's reason is true when it is read. A chat sent to OpenBack on Saturday, when its
// chat is closed (staffed in the support hours, "Monday through Friday, 9am to 6pm GMT"), is told
// at once "Chat is closed now"; read on Monday morning, when chat is open, "closed now" would be
// false. The sender's cases page and the agent's held page say it in the past, with when it arrived
// (the sender's own zone on their page; the agent's page gives the time beside it already).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTicket, heldReasonRead } from '../../src/tickets/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('a held request read after the moment it was held', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'growth');
    // The sender reads times in New York (their profile's zone).
    await h.desk.t.db.query("UPDATE contacts SET time_zone = 'America/New_York' WHERE id = $1", [h.contactA.id]);
  });
  after(() => h.close());

  it('a chat held on Saturday reads, on Monday, that chat was closed when it arrived, not that it is closed now', async () => {
    // Saturday 5 December 2026, 11:00 GMT: OpenBack's chat is closed.
    h.desk.clock.set('2026-12-05T11:00:00Z');
    const contact = { kind: 'contact' as const, id: h.contactA.id, organizationId: h.contactA.organizationId };
    await assert.rejects(createTicket({ ctx: h.desk.ctx(contact), input: { subject: 'Push stuck', description: 'Since Friday', severity: 3, channel: 'chat' } }), /Chat is closed now/);

    // Monday 7 December 2026, 10:00 GMT: chat is open.
    h.desk.clock.set('2026-12-07T10:00:00Z');
    const cases = main((await (await h.session(h.contactA, 'contact')).get('/portal')).body);
    // 11:00 GMT on Saturday is 06:00 in New York (EST, GMT-5).
    assert.ok(cases.includes('<p class="hint">Why it is held: Chat was closed when this arrived, Sat Dec 5 2026 06:00 AM EST.</p>'), cases);
    assert.doesNotMatch(cases, /closed now|it opens Mon/);

    const held = main((await (await h.session(h.agent, 'agent')).get('/agent/held')).body);
    assert.match(held, /<dt>Held because<\/dt><dd><strong>[^<]+<\/strong>: Chat was closed when this arrived<\/dd>/);
    assert.doesNotMatch(held, /closed now/);
  });

  it('says each reason about a moment in the past, and a standing rule as it was stored', () => {
    const at = 'Sat 5 Dec 2026 11:00 GMT';
    assert.deepEqual(heldReasonRead({ reasonCode: 'channel_closed', reason: 'Chat is closed now; it opens Mon 7 Dec 2026 09:00 GMT; use Email' }, at), {
      said: 'Chat was closed when this arrived, Sat 5 Dec 2026 11:00 GMT', instead: 'it opens Mon 7 Dec 2026 09:00 GMT; use Email',
    });
    // A plan the request was served on, and why, said in the past too.
    const served = 'The Growth plan does not include Phone; use Email. Until the OpenBack Technical On-boarding is complete, '
      + 'Northwind\'s requests are served as Standard Support (the Growth plan), not Pro';
    assert.deepEqual(heldReasonRead({ reasonCode: 'channel_not_in_plan', reason: served }, at), {
      said: 'The Growth plan did not include Phone when this arrived, Sat 5 Dec 2026 11:00 GMT. Until the OpenBack Technical On-boarding is complete, '
        + 'Northwind\'s requests were served as Standard Support (the Growth plan), not Pro',
      instead: 'use Email',
    });
    assert.deepEqual(heldReasonRead({ reasonCode: 'unknown_channel', reason: 'OpenMethods takes no requests by email' }, null), {
      said: 'OpenMethods took no requests by email when this arrived', instead: null,
    });
    const rule = 'On the Pro plan, cases are reported by the named support contacts of Northwind; ask one of them to report it';
    assert.deepEqual(heldReasonRead({ reasonCode: 'not_named_contact', reason: rule }, at), { said: rule, instead: null });
  });
});
