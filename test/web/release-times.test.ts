// OPS-COM's Upcoming Release page (QA 2026-12-07) said when each release came out in UTC ("released
// 2026-11-30 15:30 UTC"; a release's page, "Updated ... UTC"), and its planned day as 2026-12-31,
// where the rest of the portal gives times in the zone of the plan's hours ("Mon-Fri 9-5 EST":
// America/New_York), or the reader's own, the zone named.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createArticle } from '../../src/kb/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

describe("the release notes' times, OPS-COM Premium (America/New_York)", () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('opscom', 'premium');
    const note = (slug: string, releasedAt: string) =>
      createArticle({ ctx: h.desk.system, input: { slug, title: slug, bodyMarkdown: 'Fixes.', visibility: 'public', kind: 'release_note', releasedAt } });
    await note('november-release', '2026-11-30T15:30:00Z');
    await note('july-release', '2026-07-01T16:00:00Z');
    await createArticle({ ctx: h.desk.system, input: { slug: 'next-release', title: 'next-release', bodyMarkdown: 'Soon.', visibility: 'public', kind: 'release_note', plannedFor: '2026-12-31' } });
  });
  after(() => h.close());

  // Worked out with `TZ=America/New_York date`: 2026-11-30 15:30 UTC is Mon 30 Nov 10:30 EST (UTC-5);
  // 2026-07-01 16:00 UTC is Wed 1 Jul 12:00 EDT (UTC-4, summer time). Written as the portal writes an
  // American zone's times (sla/format.ts: the American way, as a case's targets read).
  const NOVEMBER = 'released Mon Nov 30 2026 10:30 AM EST';
  const JULY = 'released Wed Jul 1 2026 12:00 PM EDT';

  it('a visitor reads them in the zone of the support hours the policy states, named', async () => {
    const page = main((await (await h.visitor()).get('/help/releases')).body);
    assert.ok(page.includes(`<a href="/help/articles/november-release">november-release</a>, ${NOVEMBER}</li>`), page);
    assert.ok(page.includes(`<a href="/help/articles/july-release">july-release</a>, ${JULY}</li>`));
    assert.doesNotMatch(page, /UTC/);
    // A planned day in words, as the portal writes days (2026-12-31 is a Thursday: 2 Dec 2026 is a Wednesday, 29 days before).
    assert.ok(page.includes('<a href="/help/articles/next-release">next-release</a>, planned for Thursday 31 December 2026</li>'), page);
  });

  it("a contact's cases page links the page by the vendor's name for it (the signed-in menu does not list it)", async () => {
    // OPS-COM: "Release notes are always available on the Upcoming Release page" (prose.headings.releases).
    const page = main((await (await h.session(h.contactA, 'contact')).get('/portal')).body);
    assert.match(page, /<a href="\/help">Help centre<\/a> · <a href="\/help\/releases">Upcoming Release<\/a><\/p>/);
  });

  it('an agent reads them in UTC, as the desk gives times to an agent who chose no zone', async () => {
    const page = main((await (await h.session(h.agent, 'agent')).get('/help/releases')).body);
    assert.ok(page.includes('released 2026-11-30 15:30 UTC'), page);
  });

  it("a release's own page says when it was updated in that zone too", async () => {
    // Written at the desk's clock, Wed 2 Dec 2026 10:00 UTC: 05:00 EST (`TZ=America/New_York date`).
    const page = main((await (await h.visitor()).get('/help/articles/november-release')).body);
    assert.match(page, /<p class="hint">Updated Wed Dec 2 2026 05:00 AM EST/);
  });

  it("a contact reads them in their plan's zone; one who chose a zone of their own, in theirs", async () => {
    const c = await h.session(h.contactA, 'contact');
    assert.ok(main((await c.get('/help/releases')).body).includes(NOVEMBER));
    await h.desk.t.db.query("UPDATE contacts SET time_zone = 'Europe/Paris' WHERE id = $1", [h.contactA.id]);
    try {
      // 15:30 UTC is 16:30 in Paris in November (CET, UTC+1): `TZ=Europe/Paris date`.
      const own = main((await c.get('/help/releases')).body);
      assert.ok(own.includes('released Mon 30 Nov 2026 16:30 CET'), own);
    } finally {
      await h.desk.t.db.query('UPDATE contacts SET time_zone = NULL WHERE id = $1', [h.contactA.id]);
    }
  });
});
