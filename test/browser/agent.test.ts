// In Chromium: an agent signs in through the form, works a ticket up OPS-COM's escalation ladder
// (the front line to the escalation manager, who takes it on),
// sees its clocks change (a reply meets the triage and status notification) and the page update live when
// someone else writes on the ticket; keyboard shortcuts; a forged form is refused. axe-core
// finds no serious or critical violation on the pages visited.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCannedResponse } from '../../src/canned/index.ts';
import { addNote, createTicket, leaveTicket, markPresence } from '../../src/tickets/index.ts';
import { openSite, screenshot, seriousViolations, signIn, type Site } from './browser-kit.ts';

describe('agent console in the browser', () => {
  let site: Site;
  let ticketId: string;
  before(async () => {
    site = await openSite('opscom', 'premium');
    // Wed 2 Dec 2026 10:00 UTC is 05:00 in New York, outside OPS-COM's hours: a critical email is
    // taken by the after-hours rule, with triage (15 minutes) and status notification (1 hour) clocks.
    const contact = site.h.desk.ctx({ kind: 'contact', id: site.h.contactA.id, organizationId: site.h.contactA.organizationId });
    ticketId = (await createTicket({ ctx: contact, input: { subject: 'Permits page is down', description: 'Nobody can buy a permit.', channel: 'email', intake: { system_outage: true } } })).id;
  });
  after(() => site.close());

  it('signs in with the form and lands on the queues', async () => {
    const page = await site.context.newPage();
    await signIn(page, site.url, 'agent@vendor.example');
    assert.equal(new URL(page.url()).pathname, '/agent');
    assert.equal(await page.locator('h1').textContent(), 'Queues');
    assert.ok(await page.locator('a', { hasText: 'Permits page is down' }).isVisible());
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'agent-queue');
    await page.close();
  });

  it('works the ticket up the escalation ladder and sees the clocks change', async () => {
    const page = await site.context.newPage();
    await page.goto(`${site.url}/agent`);
    await Promise.all([page.waitForURL(/\/agent\/tickets\//), page.click('a:has-text("Permits page is down")')]);
    assert.deepEqual(await seriousViolations(page), []);
    const triage = page.locator('tr.clock', { has: page.locator('th', { hasText: 'Triage' }) });
    const before = await page.locator('tr.clock').allTextContents();
    assert.ok(before.length > 0, 'the ticket has SLA clocks');
    assert.match(await triage.locator('td').first().textContent() ?? '', /Running/);

    await page.fill('#reply-body', 'We are restoring the permits page now.');
    await page.fill('#reply-eta', '2026-12-02T14:00');
    await Promise.all([page.waitForURL(/done=reply/), page.click('#reply-form button[type=submit]')]);
    assert.match(await page.locator('.flash.ok').textContent() ?? '', /Reply sent/);
    assert.match(await triage.locator('td').first().textContent() ?? '', /^Met/);
    assert.notDeepEqual(await page.locator('tr.clock').allTextContents(), before);

    assert.match(await page.locator('.ladder .current').textContent() ?? '', /Front line/);
    // The front line hands it to the escalation manager, who takes it on from there (the front line
    // never escalates past the level that assesses it).
    const ticketUrl = page.url().replace(/\?.*$/, '');
    for (const [who, reason, level] of [['agent', 'Needs the escalation manager', /Escalation manager/], ['escalation', 'Bug for development', /Development team/]] as const) {
      if (who === 'escalation') {
        await signIn(page, site.url, 'escalation@vendor.example');
        await page.goto(ticketUrl);
        // The escalation manager enters the bug into JIRA and links it to the ticket: development takes it then.
        await page.fill('#link-url', 'https://opscom.atlassian.net/browse/DEV-1');
        await page.fill('#link-title', 'DEV-1');
        await Promise.all([page.waitForURL(/done=link/), page.click('button:has-text("Add link")')]);
      }
      await page.fill('#escalate-reason', reason);
      await Promise.all([page.waitForURL(/done=escalate/), page.click('#escalate-form button[type=submit]')]);
      assert.match(await page.locator('.ladder .current').textContent() ?? '', level);
    }
    assert.match(await page.locator('.facts').textContent() ?? '', /Development team \(step 3 of 4\)/);
    assert.ok(await page.locator('li.event.internal', { hasText: 'Bug for development' }).isVisible());
    await screenshot(page, 'agent-ticket-escalated');
    // The last rungs: QA, QA verified, and the fix released with the customer told on the ticket.
    await page.fill('#escalate-reason', 'Fix ready for QA');
    await Promise.all([page.waitForURL(/done=escalate/), page.click('#escalate-form button[type=submit]')]);
    assert.match(await page.locator('.facts').textContent() ?? '', /Quality Assurance team \(step 4 of 4\)/);
    await page.fill('#qa-note', 'Verified on staging');
    await Promise.all([page.waitForURL(/done=qa/), page.click('button:has-text("Record QA verification")')]);
    await page.fill('#release', '2026.12');
    await page.fill('#release-body', 'The fix is released in 2026.12.');
    await Promise.all([page.waitForURL(/done=released/), page.click('button:has-text("Record the release")')]);
    assert.ok(await page.locator('li.event.public', { hasText: 'The fix is released in 2026.12.' }).isVisible());
    // The tests below read the desk as the front-line agent again, the escalation manager gone from the ticket.
    await page.close({ runBeforeUnload: true });
    await leaveTicket({ ctx: site.h.desk.ctx(site.h.desk.escalation), input: { ticketId } });
    const again = await site.context.newPage();
    await signIn(again, site.url, 'agent@vendor.example');
    await again.close();
  });

  it('updates the ticket page live when someone else writes on it', async () => {
    const page = await site.context.newPage();
    await page.goto(`${site.url}/agent/tickets/${ticketId}`);
    const seenBefore = Number(await page.locator('input[name=seen_events]').inputValue());
    let navigations = 0;
    page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) navigations++; });
    // Give the page's EventSource a moment to connect before the change.
    await page.waitForTimeout(500);
    // The agent is writing a reply when the note arrives: the page says so above the reply box.
    await page.fill('#reply-body', 'Draft: we are on it.');
    assert.equal(await page.locator('#reply-news').isVisible(), false);
    await addNote({ ctx: site.h.desk.ctx(site.h.desk.escalation), input: { ticketId, body: 'Escalation manager: database failover started.' } });
    await page.locator('li.event.internal', { hasText: 'database failover started' }).waitFor({ timeout: 20_000 });
    assert.equal(navigations, 0, 'the page was not reloaded');
    await page.locator('#reply-news').waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await page.inputValue('#reply-body'), 'Draft: we are on it.', 'the draft is kept');
    // The reply form now counts the note as seen: a reply sent from here is not held back for it.
    assert.equal(Number(await page.locator('input[name=seen_events]').inputValue()), seenBefore + 1);
    await screenshot(page, 'agent-ticket-live');
    await page.close();
  });

  it('names a colleague writing a reply on the ticket, says when its reader writes one, and forgets the reader who left', async () => {
    const page = await site.context.newPage();
    await page.goto(`${site.url}/agent/tickets/${ticketId}`);
    assert.equal(await page.locator('#presence').textContent(), 'Nobody else');
    assert.equal(await page.locator('#reply-collision').isVisible(), false);
    await page.waitForTimeout(500);
    // The escalation manager opens it elsewhere and starts a reply: named by the page's stream, without a reload.
    await markPresence({ ctx: site.h.desk.ctx(site.h.desk.escalation), input: { ticketId, replying: true } });
    await page.locator('#presence', { hasText: 'escalation@vendor.example (writing a reply)' }).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('#reply-collision').textContent(), 'escalation@vendor.example is writing a reply to this ticket now: read theirs before sending yours.');
    assert.equal(await page.locator('#reply-collision').isVisible(), true);
    // The reader types a reply: their mark says so at once (not at the next heartbeat).
    const agentId = site.h.agent.id;
    const replying = async () => (await site.h.desk.t.db.query<{ replying_since: unknown }>('SELECT replying_since FROM ticket_presence WHERE ticket_id = $1 AND agent_id = $2', [ticketId, agentId])).rows[0]?.replying_since ?? null;
    assert.equal(await replying(), null);
    await page.fill('#reply-body', 'We are failing over now.');
    for (let i = 0; i < 100 && (await replying()) === null; i++) await page.waitForTimeout(100);
    assert.notEqual(await replying(), null, 'marked as writing a reply');
    await screenshot(page, 'agent-ticket-presence');
    // Leaving the page removes the mark.
    await page.close({ runBeforeUnload: true });
    const marks = async () => (await site.h.desk.t.db.query('SELECT 1 FROM ticket_presence WHERE ticket_id = $1 AND agent_id = $2', [ticketId, agentId])).rows.length;
    for (let i = 0; i < 100 && (await marks()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await marks(), 0, 'gone once the page was left');
    await leaveTicket({ ctx: site.h.desk.ctx(site.h.desk.escalation), input: { ticketId } });
  });

  it('has keyboard shortcuts for the common actions', async () => {
    const page = await site.context.newPage();
    await page.goto(`${site.url}/agent/tickets/${ticketId}`);
    await page.keyboard.press('r');
    assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id), 'reply-body');
    await page.keyboard.press('Escape');
    await page.keyboard.press('n');
    assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id), 'note-body');
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    assert.ok(await page.locator('#shortcut-help').isVisible(), '? opens the list of shortcuts');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#shortcut-help').isVisible(), false);
    await Promise.all([page.waitForURL((u) => u.pathname === '/agent'), page.keyboard.press('g')]);
    // On the queue: j selects the first ticket, o opens it.
    await page.keyboard.press('j');
    await Promise.all([page.waitForURL(/\/agent\/tickets\//), page.keyboard.press('o')]);
    await page.close();
  });

  it('puts a canned response, filled for the ticket, in the reply at the cursor, keeping what was typed', async () => {
    await createCannedResponse({ ctx: site.h.desk.ctx({ kind: 'system' }), input: { title: 'We are on it', body: 'The {{vendor.name}} team is on it.' } });
    const page = await site.context.newPage();
    await page.goto(`${site.url}/agent/tickets/${ticketId}`);
    await page.fill('#reply-body', 'Hello. ');
    await page.selectOption('#canned', { label: 'We are on it' });
    const before = page.url();
    await page.click('form[data-canned] button[type=submit]');
    await page.waitForFunction(() => ((globalThis as unknown as { document: { getElementById(id: string): { value: string } } }).document.getElementById('reply-body').value.length > 7));
    // Worked out by hand: OPS-COM's vendor name, after the text typed; no reload.
    assert.equal(await page.inputValue('#reply-body'), 'Hello. The OPS-COM team is on it.');
    assert.equal(page.url(), before);
    // One that says what becomes of the ticket: the script sets the status and adds its tags to those typed.
    await createCannedResponse({ ctx: site.h.desk.ctx({ kind: 'system' }), input: { title: 'Send us logs', body: ' Please send the logs.', status: 'pending_customer', tags: ['logs-asked'] } });
    await page.reload();
    await page.fill('#reply-body', 'Hi.');
    await page.fill('#reply-tags', 'vpn');
    await page.selectOption('#canned', { label: 'Send us logs' });
    await page.click('form[data-canned] button[type=submit]');
    await page.waitForFunction(() => ((globalThis as unknown as { document: { getElementById(id: string): { value: string } } }).document.getElementById('reply-tags').value.includes('logs-asked')));
    assert.deepEqual([await page.inputValue('#reply-body'), await page.inputValue('#reply-status'), await page.inputValue('#reply-tags')], ['Hi. Please send the logs.', 'pending_customer', 'vpn logs-asked']);
    await page.goto(`${site.url}/agent/canned-responses`);
    assert.deepEqual(await seriousViolations(page), []);
    await page.close();
  });

  it('refuses a form whose CSRF token was tampered with', async () => {
    const page = await site.context.newPage();
    await page.goto(`${site.url}/agent/tickets/${ticketId}`);
    await page.fill('#reply-body', 'This must not be sent.');
    // The form's own POST: the page also posts presence heartbeats (one as the text is typed, one as
    // it is left), which a busy machine may answer first.
    await page.evaluate(() => {
      const g = globalThis as unknown as { document: { querySelector: (s: string) => { value: string } } };
      g.document.querySelector('#reply-form input[name=_csrf]').value = 'forged-token';
    });
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/agent/tickets/${ticketId}/reply`), page.click('#reply-form button[type=submit]')]);
    assert.equal(response.status(), 403);
    await page.waitForLoadState();
    assert.match(await page.locator('main').textContent() ?? '', /This form has expired or did not come from this site/);
    await screenshot(page, 'agent-csrf-refused');
    const { rows } = await site.h.desk.t.db.query("SELECT 1 FROM ticket_events WHERE body = 'This must not be sent.'");
    assert.equal(rows.length, 0);
    await page.close();
  });
});
