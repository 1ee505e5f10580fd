// The audit page says an entry's type in words; the type itself (what "Kind of change" filters
// by) stays beside it. Expected texts are written by hand from the types the domains record.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditKeyText } from '../../src/web/audit-details.ts';
import { auditChangeText } from '../../src/web/format.ts';

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
});
