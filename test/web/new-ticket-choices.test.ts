// The agent's new-ticket form on OpenKey (seed: "classifies issues into separate tiers based on
// urgency, technical requirements, and requester type"; requests are Customer Assistance, Billing
// Questions, Training Needs or Sales): a choice the policy refuses is named back by the words the
// form shows (intake-words.ts), as the portal does, never by the policy's ids the agent never saw.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';

// The refusal above the form (the form's own options carry the ids as their values).
const refusal = (html: string) => /<div class="flash error"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';

describe('the new-ticket form names refused choices by their words, OpenKey', () => {
  let h: WebApp;
  let email: string;
  before(async () => {
    h = await openWebApp('openkey', 'standard');
    email = (await h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [h.contactA.id])).rows[0].email;
  });
  after(() => h.close());

  const send = async (fields: Record<string, string>) => {
    const a = await h.session(h.agent, 'agent');
    return a.post('/agent/tickets/new', { requester: email, channel: 'email', subject: 'Keys fail', description: 'Room 12 will not open.', ...fields });
  };

  it('names the answers to "Who is asking?" it offers', async () => {
    const res = await send({ q_requester_type: 'hotel_manager' });
    assert.equal(res.statusCode, 400);
    const page = refusal(res.body);
    assert.match(page, /must be one of the choices offered: Hotel staff, Guest/);
    assert.doesNotMatch(page, /hotel_staff/);
  });

  it('names the request types it offers', async () => {
    const res = await send({ request_type: 'repairs' });
    assert.equal(res.statusCode, 400);
    const page = refusal(res.body);
    assert.match(page, /must be one of the types offered: Customer Assistance, Billing Questions, Training Needs, Sales/);
    assert.doesNotMatch(page, /must be one of support, billing/);
  });
});
