// A refused form on the portal comes back with what was typed, its fields named as the form labels
// them (the policy's intake questions by their own words), and says files are chosen again (QA,
// 2026-12-04: the rating's comment and the reply were lost; "rating Invalid option"; "intake.x").
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { updateTicket } from '../../src/tickets/index.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe('refused portal forms keep what was typed, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('a rating without good or bad keeps its comment and says what is missing', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Rate me', severity: 3 });
    await updateTicket({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: t.id, status: 'solved' } });
    const contact = await h.session(h.contactA, 'contact');
    const refused = await contact.post(`/portal/cases/${t.id}/rating`, { comment: 'Slow <but> fine' });
    assert.equal(refused.statusCode, 400);
    const page = main(refused.body);
    assert.match(page, /id="rating-error"[\s\S]*<li><strong>Rating<\/strong> choose good or bad<\/li>/);
    assert.match(page, /<textarea id="rating-comment" name="comment" rows="3" maxlength="2000">Slow &lt;but&gt; fine<\/textarea>/);
    assert.equal((await h.desk.t.db.query('SELECT 1 FROM ticket_ratings WHERE ticket_id = $1', [t.id])).rows.length, 0);
  });

  it('a reply refused (too long) keeps the message and says the files must be chosen again', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Long story', severity: 3 });
    const contact = await h.session(h.contactA, 'contact');
    const long = `It broke again ${'x'.repeat(100_000)}`;
    const refused = await contact.upload(`/portal/cases/${t.id}/reply`, { body: long }, [{ name: 'log.txt', content: 'x' }]);
    assert.equal(refused.statusCode, 400);
    const page = main(refused.body);
    assert.match(page, /id="reply-error"[\s\S]*<strong>Message<\/strong>[\s\S]*Files are not kept with a refused form: choose them again\./);
    assert.ok(page.includes(`<textarea id="reply-body" name="body" rows="4" required data-shortcut="r">${long}</textarea>`), 'the message typed is back in the box');
  });

  it('a new case with a wrong answer names the question as the policy asks it', async () => {
    const contact = await h.session(h.contactA, 'contact');
    const refused = await contact.upload('/portal/cases', { subject: 'Odd answer', description: 'x', q_workaround: 'maybe' }, []);
    assert.equal(refused.statusCode, 400);
    assert.match(main(refused.body), /id="case-error"[\s\S]*<li><strong>Is there a workaround\?<\/strong> must be one of the choices offered: None, Unsustainable, Acceptable<\/li>/);
    // A choice of several words (billing_or_account) named as its option reads, "Billing or account".
    const kind = main((await contact.upload('/portal/cases', { subject: 'Odd kind', description: 'x', q_request_kind: 'refund' }, [])).body);
    assert.match(kind, /<li><strong>What are you asking for\?<\/strong> must be one of the choices offered: Issue, Enhancement, Information, Implementation, Billing or account<\/li>/);
    assert.match(kind, /<option value="billing_or_account">Billing or account<\/option>/);
  });
});

// QA 2026-12-07: a count refused said "must be a number from 0", a bound with nothing after it; and a
// count too long to be a number (four hundred digits, read as Infinity) was taken, then stored as null.
describe('a number answer refused, OpenMethods', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openmethods', 'premium');
  });
  after(() => h.close());

  it('says the bounds the policy sets in words: at least one, or from one to the other', async () => {
    const contact = await h.session(h.contactA, 'contact');
    // examples/policies/openmethods.yaml: affected_agents min 0, total_agents min 1, affected_agents_percent 0 to 100.
    const refused = await contact.upload('/portal/cases', { subject: 'Agents out', description: 'x', q_affected_agents: '-2', q_total_agents: '9'.repeat(400), q_affected_agents_percent: '150' }, []);
    assert.equal(refused.statusCode, 400);
    const page = main(refused.body);
    assert.match(page, /<li><strong>How many agents cannot log in to the media bar\?<\/strong> must be a number of at least 0<\/li>/);
    assert.match(page, /<li><strong>How many agents do you have\?<\/strong> must be a number of at least 1<\/li>/);
    assert.match(page, /<li><strong>What percentage of agents cannot log in to the media bar\?<\/strong> must be a number from 0 to 100<\/li>/);
    assert.doesNotMatch(page, /a number from \d+</);
  });
});
