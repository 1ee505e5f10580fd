// OPS-COM: "The escalation manager will assess the bug's severity ... and enter the issue into JIRA.
// ... The issue will be linked through JIRA to the Help Desk conversation." A bug went to development
// once any link was on the ticket (a log, a shared document): the policy names JIRA and no address,
// so any link passed for the JIRA issue. The link that counts now names the issue's key (DEV-1234).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isTrackerIssue } from '../../src/tickets/escalate-ticket.ts';
import { openTicket, openTicketApp, type TicketApp } from '../http/ticket-app.ts';

describe('OPS-COM: the JIRA issue, not any link, lets a bug reach development', () => {
  let h: TicketApp;
  before(async () => {
    h = await openTicketApp('opscom', 'premium');
  });
  after(() => h.close());

  it('a link to a document is not the JIRA issue; the issue itself is', async () => {
    const t = await openTicket(h, h.contactA, { severity: 2 });
    const post = (url: string, payload: Record<string, unknown>) => h.as(h.escalation.token, { method: 'POST', url: `/api/v1/tickets/${t.id}${url}`, payload });
    assert.equal((await post('/escalations', { reason: 'Reproduced' })).statusCode, 200);
    assert.equal((await post('/replies', { body: 'A fix is planned.', eta: '2026-12-18T17:00:00Z' })).statusCode, 201);
    // A shared document with the steps to reproduce, linked for the team: kept, but not the JIRA issue.
    assert.equal((await post('/links', { url: 'https://docs.google.com/document/d/1xQ-Ab9/edit', title: 'Steps to reproduce' })).statusCode, 201);
    const refused = await post('/escalations', { reason: 'Assessed' });
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().message, 'The issue is entered into JIRA and linked to this ticket before Development team addresses the bug');
    assert.deepEqual(refused.json().details, [{ path: 'links', message: 'no link on this ticket names a JIRA issue (its key in the address): link the issue itself' }]);
    assert.equal((await post('/links', { url: 'https://opscom.atlassian.net/browse/DEV-77', title: 'Export drops rows' })).statusCode, 201);
    const sent = await post('/escalations', { reason: 'Assessed: DEV-77' });
    assert.equal(sent.statusCode, 200, sent.body);
    assert.equal(sent.json().escalation_level, 'development');
  });
});

describe('isTrackerIssue: a link naming an issue key, standing alone, in its address', () => {
  // OPS-COM's JIRA key: a project key of capitals (and digits or _ after the first), a dash, a number.
  const jira = { issue_key: '[A-Z][A-Z0-9_]+-[0-9]+' };

  it('takes JIRA issue pages, by path or by the board\'s selected issue', () => {
    assert.equal(isTrackerIssue('https://opscom.atlassian.net/browse/DEV-1234', jira), true);
    assert.equal(isTrackerIssue('https://jira.opscom.example/browse/OPS_2-9', jira), true);
    assert.equal(isTrackerIssue('https://opscom.atlassian.net/jira/software/projects/DEV/boards/1?selectedIssue=DEV-5', jira), true);
  });

  it('refuses a page that names no key, and a key-like run inside a longer word (a document id)', () => {
    assert.equal(isTrackerIssue('https://opscom.atlassian.net/jira/software/projects/DEV/boards/1', jira), false);
    assert.equal(isTrackerIssue('https://docs.google.com/document/d/1xQ-Ab9/edit', jira), false);
    // "xAB-12y": AB-12 has a letter on each side, so it is part of an id, not a key.
    assert.equal(isTrackerIssue('https://files.example/xAB-12y', jira), false);
    // The key in the host alone names no issue: only the address after it counts.
    assert.equal(isTrackerIssue('https://DEV-1.example/', jira), false);
  });

  it('with the tracker\'s address, only its host; with neither rule, any link', () => {
    const hosted = { url: 'https://opscom.atlassian.net', ...jira };
    assert.equal(isTrackerIssue('https://opscom.atlassian.net/browse/DEV-1', hosted), true);
    assert.equal(isTrackerIssue('https://other.atlassian.net/browse/DEV-1', hosted), false);
    assert.equal(isTrackerIssue('https://anything.example/x', {}), true);
  });
});
