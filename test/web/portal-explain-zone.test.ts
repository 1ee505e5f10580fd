// A customer who chose a time zone reads a case's times in it: the table of target times gives theirs
// with the plan's beside it, and the "Why this deadline" explanation, written in the plan's zone
// (OpenMethods: Eastern, "EST"), gives theirs beside each time it states, as the mail does
// ("(... your time)"). A customer without a zone of their own reads the plan's zone only, as before.
// Every expected text is worked out by hand from examples/policies/openmethods.yaml.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';
import { fileCase } from './portal-kit.ts';
import { main } from './page-parts.ts';
import { withReaderInstants } from '../../src/sla/index.ts';

describe('the portal explains a case\'s deadline in the reader\'s zone too, OpenMethods Premium', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openmethods', 'premium');
  });
  after(() => h.close());

  it('a reader in London reads the due time as London has it beside the plan\'s Eastern one', async () => {
    await h.as(h.contactA.token, { method: 'PATCH', url: '/api/v1/me', payload: { time_zone: 'Europe/London' } });
    const c = await h.session(h.contactA, 'contact');
    // Opened Wed 2 Dec 2026 10:00 UTC; a status update every 60 minutes, in real time: due 11:00 UTC,
    // 06:00 AM EST in New York (UTC-5) and 11:00 GMT in London (UTC+0 in December).
    const made = await fileCase(c, { subject: 'Media bar down', description: 'x', severity: '1' });
    const page = main((await c.get(made.url)).body);
    assert.match(page, /<li>Due Wed Dec 2 2026 06:00 AM EST \(Wed 2 Dec 2026 11:00 GMT your time\); breached after that\.<\/li>/);
    assert.doesNotMatch(page, / = \d{4}-\d\d-\d\dT/);
  });

  it('a reader without a zone of their own reads the plan\'s zone only', async () => {
    const other = await h.newContact('premium');
    const c = await h.session(other, 'contact');
    const made = await fileCase(c, { subject: 'Dialer down', description: 'x', severity: '1' });
    const page = main((await c.get(made.url)).body);
    assert.match(page, /<li>Due Wed Dec 2 2026 06:00 AM EST; breached after that\.<\/li>/);
    assert.doesNotMatch(page, /your time| = \d{4}-\d\d-\d\dT/);
  });
});

describe("an explanation's line with the reader's time (sla withReaderInstants)", () => {
  const line = 'Due Wed Dec 2 2026 06:00 AM EST = 2026-12-02T11:00:00Z; breached after that.';
  it('adds theirs where it differs, nothing where the line says it in their zone already, and drops the UTC', () => {
    assert.equal(withReaderInstants(line, 'Europe/London'), 'Due Wed Dec 2 2026 06:00 AM EST (Wed 2 Dec 2026 11:00 GMT your time); breached after that.');
    assert.equal(withReaderInstants(line, 'America/New_York'), 'Due Wed Dec 2 2026 06:00 AM EST; breached after that.');
    assert.equal(withReaderInstants(line, null), 'Due Wed Dec 2 2026 06:00 AM EST; breached after that.');
  });
});
