// OPS-COM: "Release notes are always available on the Upcoming Release page. ... The Upcoming Release
// page is updated as items are added." The help centre's page of release notes was titled "Release
// notes" and linked so from every page: a customer sent to the Upcoming Release page found no page of
// that name. It goes by the vendor's name for it now (prose.headings.releases); a vendor that names
// none (OpenBack) keeps "Release notes".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';

for (const [policy, plan, name] of [['opscom', 'premium', 'Upcoming Release'], ['openback', 'enterprise', 'Release notes']] as const) {
  describe(`the release notes' page, ${policy}`, () => {
    let h: WebApp;
    before(async () => {
      h = await openWebApp(policy, plan);
    });
    after(() => h.close());

    it('is titled and linked by the vendor\'s name for it (OPS-COM: Upcoming Release), else Release notes', async () => {
      const visitor = await h.visitor();
      const page = (await visitor.get('/help/releases')).body;
      assert.match(page, new RegExp(`<h1>${name}</h1>`));
      assert.match(page, new RegExp(`<title>${name} `));
      assert.match(page, new RegExp(`<a href="/help/releases">${name}</a>`));
      const help = (await visitor.get('/help')).body;
      assert.match(help, new RegExp(`<p><a href="/help/faq">Frequently asked questions</a> · <a href="/help/releases">${name}</a></p>`));
    });
  });
}
