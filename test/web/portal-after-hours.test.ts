// What a customer reads of a severity where they open a case and on the case (QA, 2026-12-04,
// OpenKey): an emergency opened on the portal on a Friday evening said only "work resumes
// Monday 09:00", never the emergency line the policy publishes for off hours; Severity 1 showed
// an empty "What severity 1 means" (the policy gives it examples, no definition); and the
// form's promises ran together as "...business hours.; Resolution Time: ..."; and "Why this
// deadline" said "within 30 minutes" where the policy says "approximately 30 minutes".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';
import { fileCase } from './portal-kit.ts';

const section = (html: string) => /<section aria-labelledby="sev-h">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
const choice = (html: string, id: number) => new RegExp(`<div class="severity-choice">\\s*<label><input type="radio" name="severity" value="${id}">[\\s\\S]*?</div>`).exec(html)?.[0] ?? '';

// OpenKey's after_hours rule, as its policy words it (examples/policies/openkey.yaml), in two paragraphs.
const LINE_1 = 'For emergency assistance during off hours, our Support team can be reached at 1 (877) 800-2006 (answered 24/7/365).';
const LINE_2 = 'Emergency Tier 2 issues outside of business hours can be addressed by calling 877-800-2008. Please request to speak to the Openkey After Hours Emergency Contact. Off hours emergency issues resolution times will vary depending on the nature of the issue.';
// Its channels are the two numbers these words already give (phone 1-877-800-2008 as "877-800-2008",
// emergency-phone 1 (877) 800-2006): no "Reached by" list repeats them (audit 2026-12, as the receipt does).
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a severity as the customer reads it, OpenKey Standard', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openkey', 'standard');
  });
  after(() => h.close());

  it('an emergency case shows its examples and the off-hours emergency line, in the policy\'s words', async () => {
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'No key opens any room', description: 'Mobile and RFID both fail', q_emergency: 'yes', severity: '' });
    assert.equal(made.res.statusCode, 303);
    const page = (await c.get(made.url)).body;
    // The deadline's explanation keeps the policy's hedge: "approximately 30 minutes", measured on the business hours.
    assert.match(page, /<li>Response time: approximately 30 minutes, counted only in the hours &quot;Regular Business Hours 9 am - 5 pm CST M-F&quot;: Mon-Fri 09:00-17:00 CST \(America\/Chicago, CDT in summer\)\.<\/li>/);
    // Opened Wed 2 Dec 2026 10:00 UTC, 04:00 CST: 30 business minutes from 09:00, around 09:30 CST
    // (15:30 UTC), an approximate time, not a deadline (audit 2026-12-06).
    assert.match(page, /<th scope="col">When<\/th>/);
    // In the plan's zone ("9 am - 5 pm CST"), once: not UTC with the plan's time beside it.
    assert.match(page, /<td>around Wed Dec 2 2026 09:30 AM CST<\/td>/);
    // The hedge kept, the UTC instant beside the local time not (the customer reads the time with its zone).
    assert.match(page, /<li>Around Wed Dec 2 2026 09:30 AM CST \(approximately, as our policy says\)\.<\/li>/);
    assert.doesNotMatch(page, /breached after that/);
    const sev = section(page);
    assert.match(sev, /<h2 id="sev-h">What Emergency Tier 2 means<\/h2>\s*<p>Examples:<\/p><ul><li>a total system outage when both mobile and RFID keys will not allow access to any guest rooms<\/li><\/ul>/);
    // Headed by OpenKey's word for its hours ("during our regular business hours"), not "support hours".
    assert.match(sev, new RegExp(`<h3>Outside regular business hours</h3>\\s*<div class="after-hours"><p>${esc(LINE_1)}</p><p>${esc(LINE_2)}</p></div>`));
    assert.doesNotMatch(page, /Reached by/);
  });

  it('a Tier 2 case, which no after-hours rule takes, says nothing of off hours', async () => {
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'PMS sync late', description: 'x', severity: '2' });
    const sev = section((await c.get(made.url)).body);
    // Its one example in the seed's sentence, within its definition ("An example would be PMS Integration issues.").
    assert.match(sev, /<h2 id="sev-h">What Tier 2 Support means<\/h2>\s*<p>Any issues resulting in disruptions in service to the property or substantial recurring malfunctions in the software\. An example would be PMS Integration issues\. These are issues that may not be able/);
    assert.doesNotMatch(sev, /Examples:/);
    assert.doesNotMatch(sev, /Outside (support|regular business) hours/);
  });

  it('a Tier 1 case, for which the policy publishes no time, says so in words, not "No SLA clock applies to this ticket"', async () => {
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'Guest cannot find the app', description: 'x', severity: '3' });
    const page = main((await c.get(made.url)).body);
    assert.match(page, /<p class="flash ok" role="status">Your case is open\.<\/p>/, 'no "Its targets are below" when there are none');
    assert.match(page, /<h2 id="targets-h">Your targets<\/h2>\s*<p id="no-clocks">Our support policy sets no target time for this case\.<\/p>/);
    assert.doesNotMatch(page, /SLA clock/);
  });

  // Wednesday 10:00 UTC is 04:00 CST: the form opens with the closed-now notice, which gives the
  // off-hours words once; Severity 1's choice does not say them again (by day it does: portal-closed-now).
  it('the new-case form lists each severity\'s promises one per line, its examples, and the off-hours words once, at night in the notice', async () => {
    const c = await h.session(h.contactA, 'contact');
    const form = main((await c.get('/portal/cases/new')).body);
    const one = choice(form, 1);
    assert.match(one, /<p class="hint">Examples: a total system outage when both mobile and RFID keys will not allow access to any guest rooms<\/p>/);
    assert.match(one, /<p class="hint">Our support policy says:<\/p><ul class="hint promised"><li>Response time: Tier 2 Support issues will have a response time of approximately 30 minutes during our regular business hours\.<\/li><li>Resolution time: Off hours emergency issues resolution times will vary depending on the nature of the issue\.<\/li><\/ul>/);
    const notice = /<div class="flash warning" role="status" id="closed-now">[\s\S]*?<\/div>/.exec(form)?.[0] ?? '';
    assert.match(notice, new RegExp(`<p>${esc(LINE_1)}</p><p>${esc(LINE_2)}</p>`));
    assert.doesNotMatch(one, /Outside regular business hours|800-2006/);
    assert.doesNotMatch(one, /Customer Assistance \(/);
    assert.doesNotMatch(choice(form, 2), /Outside (support|regular business) hours/);
    assert.doesNotMatch(form, /support hours/);
    assert.doesNotMatch(form, /\.;/);
  });
});

describe('off hours by email, OPS-COM Premium', () => {
  // OPS-COM's after-hours support "is provided by email"; its policy names no address for email,
  // so the page names the desk's support address (here the test desk's, support@accord.localhost).
  // Email is the one channel the seed gives after-hours support: the customer reads "provided by
  // email", as the vendor wrote and the published page says, and no channel besides.
  it("names the desk's support address for an email channel the policy gives no address, and only the channels the vendor wrote", async () => {
    const h = await openWebApp('opscom', 'premium');
    try {
      const c = await h.session(h.contactA, 'contact');
      const made = await fileCase(c, { subject: 'All down', description: 'x', severity: '1' });
      const sev = section((await c.get(made.url)).body);
      assert.match(sev, /<h3>Outside support hours<\/h3>\s*<div class="after-hours"><p>After hours support is limited to critical issues\.[^<]*<\/p><p class="hint">Reached by: Email \(support@accord\.localhost\)<\/p><\/div>/);
      // The form at 05:00 EST: the closed-now notice says it once, with the address; Critical's choice not again.
      const form = main((await c.get('/portal/cases/new')).body);
      assert.match(form, /<p>Outside support hours, Critical requests are taken by: Email \(support@accord\.localhost\)\.<\/p><p>After hours support is limited to critical issues\.[^<]*<\/p><\/div>/);
      assert.equal(form.match(/After hours support is limited to critical issues/g)?.length, 1);
    } finally {
      await h.close();
    }
  });
});
