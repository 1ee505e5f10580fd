// Case numbers on the portal (QA 2026-12-07, OpenBack Pro): each case opened there used two numbers
// (#1014, #1016, #1018 ...): the new-case form, showing whether the contact is a named contact
// (tickets/named-only.ts), read intake the way opening a case does, which takes the next number.
// Now the form takes none: consecutive cases get consecutive numbers.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';
import { fileCase } from './portal-kit.ts';

const numberOf = (html: string) => Number(/<h1>Case #(\d+):/.exec(html)?.[1]);

describe('case numbers opened on the portal (OpenBack Pro)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'pro');
  });
  after(() => h.close());

  it('consecutive cases, each after its form was shown (and one refused), get consecutive numbers', async () => {
    const c = await h.session(h.contactA, 'contact');
    const open = async (subject: string) => {
      assert.equal((await c.get('/portal/cases/new')).statusCode, 200);
      const made = await fileCase(c, { subject, description: 'It stopped', severity: '3' });
      assert.equal(made.res.statusCode, 303, made.res.body.slice(0, 300));
      return numberOf((await c.get(made.url)).body);
    };
    // No ticket exists yet on this desk, and the numbers start at 1000 (migrations/0001_core.sql:
    // GENERATED ... START WITH 1000): the first case is #1000, the next #1001.
    assert.equal(await open('First'), 1000);
    assert.equal(await open('Second'), 1001);
    // Refused for an empty subject (the form comes back, shown again): refused before intake reads,
    // it takes no number, nor does showing the form again; the next case is #1002.
    const refused = await fileCase(c, { subject: '', description: 'x', severity: '3' });
    assert.equal(refused.res.statusCode, 400);
    assert.equal(await open('Third'), 1002);
  });
});
