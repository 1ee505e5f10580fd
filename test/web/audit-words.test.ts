// The audit page says an entry's type in words; the type itself (what "Kind of change" filters
// by) stays beside it. Expected texts are written by hand from the types the domains record.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadPolicySource } from '../../src/policy/index.ts';
import { auditKeyText, auditValueText } from '../../src/web/audit-details.ts';
import { auditChangeText } from '../../src/web/format.ts';

const loaded = loadPolicySource(readFileSync(new URL('../../examples/policies/openback.yaml', import.meta.url), 'utf8'));
assert.ok(loaded.ok);
const openback = loaded.policy;

describe('audit changes in words', () => {
  it('names the thing as people say it, then what happened to it', () => {
    assert.equal(auditChangeText('contact.deactivated'), 'Contact deactivated');
    assert.equal(auditChangeText('api_token.created'), 'API token created');
    assert.equal(auditChangeText('oncall_rotation.deleted'), 'On-call rotation deleted');
    assert.equal(auditChangeText('status_incident.postmortem_published'), 'Status incident postmortem published');
    assert.equal(auditChangeText('agent.forwarding_address_renewed'), 'Agent forwarding address renewed');
  });
  it('words a type it does not know from its parts, never showing underscores', () => {
    assert.equal(auditChangeText('kb_folder.moved_up'), 'Kb folder moved up');
    assert.equal(auditChangeText('policy'), 'Policy');
  });
  it("says a detail's key in people's words: no underscores, no camelCase, a time by its event, an id by what it names", () => {
    assert.equal(auditKeyText('severity_from'), 'severity from');
    assert.equal(auditKeyText('readOnly'), 'read only');
    assert.equal(auditKeyText('expiresAt'), 'expires');
    assert.equal(auditKeyText('organizationId'), 'organization');
    assert.equal(auditKeyText('ticketIds'), 'tickets');
    assert.equal(auditKeyText('window_days'), 'window (days)');
  });
  it('says a coded value as the agent pages do: a status, a role, a level and a channel by their names; the CSV keeps the codes', () => {
    const reading = { names: new Map<string, string>(), when: (instant: string) => instant, policy: openback };
    // A ticket status by the queue's words; a role by the team page's; from and to under the key read as it.
    assert.equal(auditValueText({ from: 'pending_customer', to: 'open' }, reading, 'status'), 'from: Waiting on customer; to: Open');
    assert.equal(auditValueText({ from: 'front_line', to: 'manager' }, reading, 'role'), 'from: Front line; to: Manager');
    assert.equal(auditValueText('admin', reading, 'role'), 'Admin');
    // OpenBack's levels by its names ("1 | Critical" in its table, under "Severity"), its channels and plans by theirs.
    assert.equal(auditValueText(1, reading, 'severity_from'), 'Severity 1 (Critical)');
    assert.equal(auditValueText(2, reading, 'severity'), 'Severity 2 (Major)');
    assert.equal(auditValueText('chat', reading, 'channel'), 'Chat');
    assert.equal(auditValueText({ planId: 'enterprise', onboardingState: 'incomplete' }, reading, 'changed'), 'plan: Enterprise; onboarding state: incomplete');
    // The same codes under another key are not read as one: a name that happens to be "open" stays itself.
    assert.equal(auditValueText('open', reading, 'name'), 'open');
    assert.equal(auditValueText(1, reading, 'hours'), '1');
  });
});
