// "When onboarded, you will be provided with the URL to the status page" (OpenMethods, seed 002):
// each contact added gets one mail with https://status.openmethods.com. OpenBack has no status
// page, so its new contacts get none. The policy check: the notice needs the page's url.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createContact } from '../../src/customers/index.ts';
import { loadPolicySource } from '../../src/policy/index.ts';
import { examplePolicySource, suiteDesk } from '../support/desk.ts';

const notices = async (db: { query: (sql: string, params: unknown[]) => Promise<{ rows: any[] }> }, email: string) =>
  (await db.query("SELECT subject, body FROM outbox WHERE kind = 'onboarding_notice' AND recipient = $1", [email])).rows;

describe('the status page URL at onboarding, OpenMethods', () => {
  const s = suiteDesk('openmethods', 'premium');
  it('mails each new contact the status page URL, once', async () => {
    await createContact({ ctx: s.desk.ctx(s.desk.manager), input: { organizationId: s.org.id, email: 'Dana@Customer.example', name: 'Dana Doe' } });
    assert.deepEqual(await notices(s.desk.t.db, 'dana@customer.example'), [{
      subject: 'OpenMethods Status Page: https://status.openmethods.com',
      body: 'Hello Dana Doe,\n\nWelcome to OpenMethods support. As promised when you are onboarded, here is the URL of the OpenMethods Status Page, where you can see incidents, maintenance and service availability:\n\nhttps://status.openmethods.com',
    }]);
  });
});

describe('no status page, no notice: OpenBack', () => {
  const s = suiteDesk('openback', 'enterprise');
  it('mails a new contact nothing', async () => {
    await createContact({ ctx: s.desk.ctx(s.desk.manager), input: { organizationId: s.org.id, email: 'eve@customer.example', name: 'Eve' } });
    assert.deepEqual(await notices(s.desk.t.db, 'eve@customer.example'), []);
  });
});

describe('the policy check', () => {
  it('refuses onboarding_notice without the page url, naming the field', () => {
    const source = examplePolicySource('openmethods').replace('  url: https://status.openmethods.com\n', '');
    const result = loadPolicySource(source);
    assert.ok('problems' in result && result.problems.some((p) => p.path === 'status_page.onboarding_notice' && /give the status page its url/.test(p.message)), JSON.stringify(result));
  });
});
