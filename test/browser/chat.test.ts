// In Chromium: live chat on OpenBack (Enterprise: chat staffed on weekdays; the desk's clock is
// Wednesday 2 December 2026, 10:00 GMT). The customer starts a chat; the page says they are there
// (its heartbeat), so an agent's answer appears on it without a reload and is not mailed; when they
// leave the page, they are no longer there and the next answer is mailed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, screenshot, seriousViolations, signIn, type Site } from './browser-kit.ts';

describe('live chat in the browser', () => {
  let site: Site;
  let email: string;
  before(async () => {
    site = await openSite('openback', 'enterprise');
    email = (await site.h.desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [site.h.contactA.id])).rows[0].email;
  });
  after(() => site.close());

  const present = async (ticketId: string) => (await site.h.desk.t.db.query('SELECT 1 FROM chat_presence WHERE ticket_id = $1', [ticketId])).rows.length;
  const until = async (what: () => Promise<boolean>, label: string) => {
    for (let i = 0; i < 100; i++) {
      if (await what()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`waited 10 s for ${label}`);
  };
  const mailed = async (ticketId: string) =>
    (await site.h.desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_reply' AND payload->>'ticket_id' = $1", [ticketId])).rows.map((r) => r.body);

  it("an agent's answer appears on the chat page without a reload, and is mailed only once the customer left", async () => {
    const page = await site.context.newPage();
    await signIn(page, site.url, email);
    await page.click('nav a:has-text("Chat with us")');
    assert.equal(new URL(page.url()).pathname, '/portal/chat');
    assert.deepEqual(await seriousViolations(page), []);
    await page.fill('#chat-message', 'Push delivery stalls at 60%');
    await Promise.all([page.waitForURL(/\/portal\/chat\/[0-9a-f-]{36}$/), page.click('button:has-text("Start the chat")')]);
    const ticketId = new URL(page.url()).pathname.split('/').pop()!;
    await until(async () => (await present(ticketId)) === 1, 'the page to say the customer is there');
    assert.match(await page.locator('#chat-waiting').textContent() ?? '', /Waiting for someone from support to answer/);

    const answered = await site.h.as(site.h.agent.token, { method: 'POST', url: `/api/v1/tickets/${ticketId}/replies`, payload: { body: 'Hello, I am looking at it now.' } });
    assert.equal(answered.statusCode, 201);
    await page.locator('.said.theirs .body', { hasText: 'Hello, I am looking at it now.' }).waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('#chat-waiting').count(), 0);
    assert.deepEqual(await mailed(ticketId), [], 'read on the page, not mailed');
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'portal-live-chat');

    await page.goto(`${site.url}/portal`);
    await until(async () => (await present(ticketId)) === 0, 'leaving the page to be heard');
    await site.h.as(site.h.agent.token, { method: 'POST', url: `/api/v1/tickets/${ticketId}/replies`, payload: { body: 'Fixed: restart the SDK.' } });
    assert.deepEqual(await mailed(ticketId), ['Fixed: restart the SDK.']);
    await page.close();
  });

  it('an agent on any desk page is told, without a reload, when a customer starts waiting in live chat, and when that ends', async () => {
    // Earlier chats' customers are long gone (their presence lapsed).
    site.h.desk.clock.advance({ minutes: 5 });
    const page = await site.context.newPage();
    await signIn(page, site.url, 'agent@vendor.example');
    await page.goto(`${site.url}/agent/kb`);
    const link = page.locator('#chats-waiting');
    assert.equal(await link.isHidden(), true);
    const title = await page.title();
    // The customer, from their own browser (here: the server's own requests), starts a chat and is on its page.
    const customer = await site.h.session(site.h.contactA, 'contact');
    const started = await customer.post('/portal/chat', { subject: 'Badge', message: 'The badge count is wrong' });
    const ticketId = String(started.headers.location).split('/').pop()!;
    await customer.post(`/portal/chat/${ticketId}/presence`, {});
    await link.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await link.textContent(), '1 customer waiting in live chat');
    assert.equal(await link.getAttribute('href'), `/agent/tickets/${ticketId}`);
    assert.equal(await page.title(), `(1 in chat) ${title}`);
    assert.deepEqual(await seriousViolations(page), []);
    await site.h.as(site.h.agent.token, { method: 'POST', url: `/api/v1/tickets/${ticketId}/replies`, payload: { body: 'Looking now.' } });
    await link.waitFor({ state: 'hidden', timeout: 15_000 });
    assert.equal(await page.title(), title);
    await page.close();
  });

  it('each side sees the other writing, without a reload', async () => {
    site.h.desk.clock.advance({ minutes: 5 });
    // The customer in the browser; the agent from their own (here: the server's own requests).
    const page = await site.context.newPage();
    await signIn(page, site.url, email);
    await page.goto(`${site.url}/portal/chat`);
    await page.fill('#chat-message', 'Sync is slow');
    await Promise.all([page.waitForURL(/\/portal\/chat\/[0-9a-f-]{36}$/), page.click('button:has-text("Start the chat")')]);
    const ticketId = new URL(page.url()).pathname.split('/').pop()!;
    const note = page.locator('#support-writing');
    assert.equal(await note.isHidden(), true);
    const agent = await site.h.session(site.h.agent, 'agent');
    await agent.post(`/agent/tickets/${ticketId}/presence`, { replying: 'yes' });
    await note.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await note.textContent(), 'Support is writing a reply…');
    assert.deepEqual(await seriousViolations(page), []);
    await agent.post(`/agent/tickets/${ticketId}/presence`, { replying: 'no' });
    await note.waitFor({ state: 'hidden', timeout: 15_000 });
    // The customer types: said at once, not at the next heartbeat.
    const writing = async () => (await site.h.desk.t.db.query('SELECT 1 FROM chat_presence WHERE ticket_id = $1 AND writing_since IS NOT NULL', [ticketId])).rows.length === 1;
    await page.locator('#chat-body').pressSequentially('It takes');
    await until(writing, 'the customer writing to be heard');
    await page.fill('#chat-body', '');
    await until(async () => !(await writing()), 'an emptied box to be heard');
    await page.close();
  });

  it("the agent's page of a chat says, without a reload, when the customer is writing and when they left", async () => {
    site.h.desk.clock.advance({ minutes: 5 });
    const customer = await site.h.session(site.h.contactA, 'contact');
    const started = await customer.post('/portal/chat', { subject: 'Export', message: 'Export fails' });
    const ticketId = String(started.headers.location).split('/').pop()!;
    await customer.post(`/portal/chat/${ticketId}/presence`, {});
    const page = await site.context.newPage();
    await signIn(page, site.url, 'agent@vendor.example');
    await page.goto(`${site.url}/agent/tickets/${ticketId}`);
    const state = page.locator('#chat-state');
    assert.match(await state.textContent() ?? '', /^Live chat: the customer is on the chat page now, and reads your reply there at once/);
    await customer.post(`/portal/chat/${ticketId}/presence`, { writing: 'yes' });
    await page.locator('#chat-state', { hasText: 'and writing a message' }).waitFor({ timeout: 15_000 });
    await customer.post(`/portal/chat/${ticketId}/presence`, { leave: 'yes' });
    await page.locator('#chat-state', { hasText: 'is not on the chat page now' }).waitFor({ timeout: 15_000 });
    await page.close();
  });
});
