// A severity on the portal in the words OfficeSpace's policy gives it (QA, 2026-12-04): its
// definition is a list, and the new-case form ran the items into one sentence ("...in the service
// Inoperability of the product..."); the policy calls its times a "Response Goal", and the pages
// headed them "What we promise" / "Promised:", a promise the policy does not make.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seedArticles } from '../../src/demo/seed-articles.ts';
import { silentLogger } from '../../src/platform/index.ts';
import { sweepSlaClocks } from '../../src/tickets/index.ts';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';
import { fileCase } from './portal-kit.ts';

describe('a severity in the policy\'s words, OfficeSpace Standard', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('officespace', 'standard');
  });
  after(() => h.close());

  it('the new-case form lists a definition given as a list, and heads the times with the policy, not a promise', async () => {
    const c = await h.session(h.contactA, 'contact');
    const form = main((await c.get('/portal/cases/new')).body);
    // OfficeSpace numbers no "Support Levels": each is named alone, as on its published page.
    assert.match(form, /value="1"> Critical Technical Support<\/label>\s*<ul class="hint"><li>Critical technical issues consisting of a total loss of core functionality in the service<\/li><li>Inoperability of the product \(i\.e\., a down system\) that severely affects the Customer’s business operations<\/li><\/ul>/);
    assert.match(form, /<p class="hint">Our support policy says:<\/p><ul class="hint promised"><li>Response Goal: 2 Hours<\/li><\/ul>/);
    assert.doesNotMatch(form, /Promised/);
    assert.doesNotMatch(form, /Severity \d/);
  });

  it('the case page heads the times with the policy and shows the severity\'s details as the policy lists them', async () => {
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'Floor plan to update', description: 'x', severity: '2' });
    const sev = /<section aria-labelledby="sev-h">[\s\S]*?<\/section>/.exec((await c.get(made.url)).body)?.[0] ?? '';
    assert.match(sev, /<p>Details:<\/p><ul><li>Support Ticket opened<\/li><li>Assign engineer to determine and correct the error<\/li><li>Periodic reports on the status of the correction<\/li><li>Initiate work to correct the error<\/li><\/ul>/);
    assert.match(sev, /<h3>What our support policy says<\/h3>\s*<ul class="promised"><li><strong>Response Goal:<\/strong> 4 Hours<\/li><\/ul>/);
    assert.doesNotMatch(sev, /What we promise/);
    // Nor does the receipt mailed for it: opened Wed 2 Dec 2026 10:00 UTC, 04:00 GMT-6, before the
    // 5 AM - 10 PM hours, so its 4 support hours run from 05:00 to 09:00 GMT-6. A goal is aimed for,
    // not due by (audit 2026-12-06), and the hours it counts in are named: 4 hours ending 09:00
    // for a case opened at 04:00 would read wrong without them.
    const { rows: [receipt] } = await h.desk.t.db.query<{ body: string }>(
      "SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [made.id],
    );
    // The seed says "Response Goal: 4 Hours" and no more: that is what the vendor is credited with;
    // counting it in the support hours is our reading, said as ours (QA 2026-12-06).
    assert.match(receipt.body, /\n\nWhat OfficeSpace Software's support policy says about it:\n- Response Goal: 4 Hours\n\nFor this case, as we count it:\n- Response Goal: counted in our support hours, Monday through Friday, from 5:00 AM to 10:00 PM Central Standard Time \(GMT-6\): aimed for Wed 2 Dec 2026 09:00 GMT-6\n\n/);
    assert.doesNotMatch(receipt.body, /promise|: by /);
  });

  it('the case page\'s clocks show a Response Goal as aimed for, never as a deadline breached after it', async () => {
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'Booking screen down', description: 'x', severity: '1' });
    const clocks = /<section aria-labelledby="targets-h">[\s\S]*?<\/section>/.exec((await c.get(made.url)).body)?.[0] ?? '';
    // Opened Wed 2 Dec 2026 10:00 UTC (04:00 GMT-6): 2 support hours from 05:00, 07:00 GMT-6 = 13:00 UTC.
    assert.match(clocks, /<th scope="col">When<\/th>/);
    // In the plan's zone, as the seed words its hours ("Central Standard Time (GMT-6)"), once; named by
    // the seed's "Response Goal", not "First response".
    assert.match(clocks, /<th scope="row">Response Goal<\/th>/);
    assert.match(clocks, /<td>aimed for Wed 2 Dec 2026 07:00 GMT-6<\/td>/);
    assert.match(clocks, /<summary>Why this time: Response Goal<\/summary>/);
    assert.match(clocks, /<li>Response Goal: 2 Hours, counted only in the hours &quot;Monday through Friday, from 5:00 AM to 10:00 PM Central Standard Time \(GMT-6\)&quot;: Mon-Fri 05:00-22:00 GMT-6\.<\/li>/);
    // The local time with its zone says when: no UTC instant ("= 2026-12-02T13:00:00Z") beside it for a person.
    assert.match(clocks, /<li>Aimed for Wed 2 Dec 2026 07:00 GMT-6 \(a Response Goal, as our policy calls it\)\.<\/li>/);
    assert.doesNotMatch(clocks, /breached|>Due<|Why this deadline|overdue|alerted|UTC|First response| = \d{4}-\d\d-\d\dT/);
  });

  it('a Response Goal whose time has passed unanswered reads "Passed", never "Breached" or overdue, to the customer', async () => {
    const c = await h.session(h.contactA, 'contact');
    const made = await fileCase(c, { subject: 'Floor plan gone', description: 'x', severity: '1' });
    // Opened 10:00 UTC, aimed for 13:00 UTC (as above); at 14:30 UTC it has passed by an hour and a half.
    h.desk.clock.set('2026-12-02T14:30:00Z');
    try {
      await sweepSlaClocks({ ctx: h.desk.system });
      const clocks = /<section aria-labelledby="targets-h">[\s\S]*?<\/section>/.exec((await c.get(made.url)).body)?.[0] ?? '';
      assert.match(clocks, /<tr class="clock state-passed">\s*<th scope="row">Response Goal<\/th>\s*<td>Passed<\/td>/);
      assert.doesNotMatch(clocks, /Breached|breached|overdue/);
    } finally {
      h.desk.clock.set('2026-12-02T10:00:00Z');
    }
  });
});

describe("a range's goal as the customer reads it, OpenBack Growth", () => {
  // QA 2026-12-04: "Why this deadline" ended the goal's line with "a warning fires then", the desk's jargon.
  it('the goal line says the support team is warned then', async () => {
    const h = await openWebApp('openback', 'growth');
    try {
      const c = await h.session(h.contactA, 'contact');
      // Opened Wed 2 Dec 2026 10:00 UTC (the desk's clock), in OpenBack's hours (9am - 6pm, London):
      // 1 - 2 business days; the goal is one business day on, Thu 3 Dec 10:00 GMT.
      const made = await fileCase(c, { subject: 'Reports slow', description: 'x', severity: '2' });
      const page = main((await c.get(made.url)).body);
      assert.match(page, /<li>Goal \(the lower bound, 1 business day\): Thu 3 Dec 2026 10:00 GMT; the support team is warned then\.<\/li>/);
      assert.doesNotMatch(page, /a warning fires/);
    } finally {
      await h.close();
    }
  });
});

describe('a promise round the clock as the receipt words it, OpenBack Growth', () => {
  // Stop 43: the receipt said "Initial Response Time (6 hours)", the published page "6 hours, 24x7":
  // the receipt now names the clock as the page does when it is not the plan's hours.
  it('names the 24x7 clock after the duration, and none for a target in the plan\'s hours', async () => {
    const h = await openWebApp('openback', 'growth');
    try {
      const c = await h.session(h.contactA, 'contact');
      const receiptOf = async (severity: string) => {
        const { id } = await fileCase(c, { subject: `Push failing ${severity}`, description: 'x', severity });
        return (await h.desk.t.db.query<{ body: string }>("SELECT body FROM outbox WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1", [id])).rows[0].body;
      };
      // Opened Wed 2 Dec 2026 10:00 UTC: Severity 1, 6 hours on the 24x7 clock, due 16:00 GMT.
      // The seed's table: "Severity 1: Critical - Initial Response Time | 6 hours, 24x7 | ...".
      assert.match(await receiptOf('1'), /\n- Initial Response Time: 6 hours, 24x7\n\nFor this case, as we count it:\n- Initial Response Time: by Wed 2 Dec 2026 16:00 GMT\n/);
      // Severity 2, 1 - 2 business days in the plan's hours (9am - 6pm London): no clock named;
      // the goal one business day on (Thu 3 Dec 10:00), at the latest two (Fri 4 Dec 10:00).
      assert.match(await receiptOf('2'), /\n- Initial Response Time: 1 - 2 business days\n\nFor this case, as we count it:\n- Initial Response Time: aimed for Thu 3 Dec 2026 10:00 GMT, at the latest Fri 4 Dec 2026 10:00 GMT\n/);
    } finally {
      await h.close();
    }
  });
});

describe("the communication cadence's reminder: the desk's, not the customer's, OpenMethods Premium", () => {
  // QA 2026-12-04: "The assignee is reminded at 2026-12-04T16:55:24Z, before the update falls due."
  // The reminder is how the team keeps the policy's "status updates once every 60 minutes", not a
  // promise of the policy: the customer's "Why this deadline" leaves it out; the agent's keeps it.
  it('the customer reads when the update falls due, in the plan zone only; the agent reads the reminder too, with UTC', async () => {
    const h = await openWebApp('openmethods', 'premium');
    try {
      const c = await h.session(h.contactA, 'contact');
      // Opened Wed 2 Dec 2026 10:00 UTC; a status update every 60 minutes, real time: due 11:00 UTC =
      // 06:00 AM in New York (EST, UTC-5); the reminder 15 minutes before, 10:45 UTC = 05:45 AM EST.
      const made = await fileCase(c, { subject: 'Media bar down', description: 'x', severity: '1' });
      const page = main((await c.get(made.url)).body);
      assert.match(page, /<li>Due Wed Dec 2 2026 06:00 AM EST; breached after that\.<\/li>/);
      assert.doesNotMatch(page, /reminded|assignee|05:45| = \d{4}-\d\d-\d\dT/);
      const a = await h.session(h.agent, 'agent');
      const desk = main((await a.get(`/agent/tickets/${made.id}`)).body);
      assert.match(desk, /<li>Due Wed Dec 2 2026 06:00 AM EST = 2026-12-02T11:00:00Z; breached after that\.<\/li>/);
      assert.match(desk, /<li>The support team is reminded Wed Dec 2 2026 05:45 AM EST = 2026-12-02T10:45:00Z, before the update falls due\.<\/li>/);
    } finally {
      await h.close();
    }
  });
});

describe('the plan new cases are served on, OpenBack Enterprise before technical onboarding', () => {
  // QA 2026-12-04: a new Enterprise customer whose onboarding is not complete is served on Growth
  // (the policy's onboarding rule), yet the new-case form showed Enterprise's times (1 hour for
  // Severity 1, where the case would get Growth's 6 hours) and the list said only "Plan: Enterprise".
  const ONBOARDING = 'Notwithstanding the support package level specified in an OpenBack Platform Agreement and purchased by a customer, OpenBack will only provide Standard Support to customers who do not complete the OpenBack Technical On-boarding (this applies only for customers that are new users of the OpenBack SaaS product).';
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('shows the served plan\'s times and says why, in the policy\'s words; and what support does not cover while the SDK is missing', async () => {
    const h = await openWebApp('openback', 'enterprise');
    try {
      await h.desk.t.db.query("UPDATE organizations SET onboarding_state = 'incomplete', existing_customer = false WHERE id = $1", [h.contactA.organizationId]);
      const c = await h.session(h.contactA, 'contact');
      const form = main((await c.get('/portal/cases/new')).body);
      assert.match(form, new RegExp(`<p class="warning" role="note" id="served-plan">Until the OpenBack Technical On-boarding is complete, new cases are served as Standard Support \\(the Growth plan\\), not Enterprise: the times below are the Growth plan&#39;s\\. Our support policy: “${esc(ONBOARDING)}”</p>`));
      assert.match(form, /Severity 1: Critical<\/label>[\s\S]*?<li>Initial Response Time: 6 hours, 24x7<\/li>/);
      assert.doesNotMatch(form, /1 hour, 24x7/);
      const list = main((await c.get('/portal')).body);
      assert.match(list, /<p>Plan: <strong>Enterprise<\/strong><\/p>\s*<p class="warning" role="note" id="served-plan">Until the OpenBack Technical On-boarding is complete, new cases are served as Standard Support \(the Growth plan\), not Enterprise\. Our support policy:/);
      // A case opened now is on Growth, as the form said.
      const made = await fileCase(c, { subject: 'Push delayed', description: 'x', severity: '1' });
      assert.match(main((await c.get(made.url)).body), /<li><strong>Initial Response Time:<\/strong> 6 hours, 24x7<\/li>/);

      await h.desk.t.db.query(`UPDATE organizations SET onboarding_state = 'complete', unmet_requirements = '["sdk-included"]' WHERE id = $1`, [h.contactA.organizationId]);
      const uncovered = main((await c.get('/portal/cases/new')).body);
      assert.doesNotMatch(uncovered, /served-plan/);
      assert.match(uncovered, /<p class="warning" role="note" id="served-coverage">Our support policy: “Notwithstanding the support package level specified in an OpenBack Platform Agreement and purchased by a customer, OpenBack will not provide any technical support to customers who do not include the OpenBack provided SDK within their mobile applications for use in connection with the OpenBack SaaS product\.”<\/p>/);
      assert.doesNotMatch(uncovered, /Initial Response Time/, 'no time is offered where support covers nothing: such a case has no clock');
    } finally {
      await h.close();
    }
  });

  it('an onboarded customer reads no such note', async () => {
    const h = await openWebApp('openback', 'enterprise');
    try {
      const c = await h.session(h.contactA, 'contact');
      for (const url of ['/portal', '/portal/cases/new']) assert.doesNotMatch(main((await c.get(url)).body), /served-plan|served-coverage/, url);
    } finally {
      await h.close();
    }
  });
});

describe('a case no severity times apply to, OpenKey Standard', () => {
  // A billing question goes to Billing (sla: false): the case page says no response time for it
  // (QA 2026-12-06: it showed Tier 2's "approximately 30 minutes" above "sets no target time").
  // Nor Tier 2's definition: "Billing Questions: Email Billing@OpenKey.co" is no service disruption
  // (test/web/portal-receipt.test.ts): the page names the request type instead of a severity.
  it('shows the request type, no severity, no promised times and no after-hours support', async () => {
    const h = await openWebApp('openkey', 'standard');
    try {
      const c = await h.session(h.contactA, 'contact');
      const made = await fileCase(c, { subject: 'Invoice twice', description: 'We were billed twice', severity: '2', request_type: 'billing' });
      assert.equal(made.res.statusCode, 303, made.res.body);
      const page = (await c.get(made.url)).body;
      assert.match(page, /<dt>Request<\/dt><dd id="request-type">Billing Questions \(Billing@OpenKey\.co\)<\/dd>/);
      assert.doesNotMatch(page, /What severity 2 means|What our support policy says|approximately 30 minutes|Outside support hours/);
    } finally {
      await h.close();
    }
  });
});

describe('a Tier 1 case on the portal, OpenKey Standard', () => {
  // "If the client reaches out to Support for what is deemed as a Tier 1 issue, they will be
  // referred back to our Knowledge Base" (QA 2026-12-06: only the API's answer carried the
  // articles; the portal's case page, reached by a redirect, never showed them).
  /** The case page's knowledge-base section of a case opened on the portal with `form`, on a desk with OpenKey's articles. */
  async function referral(form: Record<string, string>): Promise<string> {
    const h = await openWebApp('openkey', 'standard');
    try {
      await seedArticles({ db: h.desk.t.db, clock: h.desk.clock, logger: silentLogger(), vendorId: 'openkey' });
      const c = await h.session(h.contactA, 'contact');
      const made = await fileCase(c, form);
      assert.equal(made.res.statusCode, 303, made.res.body);
      const page = main((await c.get(made.url)).body);
      return /<section aria-labelledby="sugg-h">[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    } finally {
      await h.close();
    }
  }

  it('refers it to the knowledge base, with the articles that may answer it', async () => {
    const section = await referral({
      subject: 'Guest never received the verification code', description: 'The app asks for a verification code but no text message arrives.', severity: '3', request_type: 'support',
    });
    assert.match(section, /<p>Our support policy refers such requests to <a href="\/help" id="knowledge-base">our knowledge base<\/a>; these articles in it may answer yours:<\/p>/);
    assert.match(section, /<ul><li><a href="\/help\/articles\/[a-z0-9-]+">[^<]*[Vv]erification code[^<]*<\/a><\/li>/);
  });

  it('refers it to the knowledge base when no article matches too', async () => {
    // The seed's referral has no exception for a question no article answers: before, the page said
    // nothing of the knowledge base then.
    const section = await referral({ subject: 'Our lobby kiosk has a loose cable', description: 'The kiosk cable is loose', request_type: 'support', q_requester_type: 'hotel_staff' });
    assert.match(section, /<h2 id="sugg-h">Our knowledge base<\/h2>\s*<p>Our support policy refers such requests to <a href="\/help" id="knowledge-base">our knowledge base<\/a>\.<\/p>\s*<form [^>]*id="guidance-form">/);
    // "Additional guidance will be provided upon request if the issue is outside the scope of the
    // knowledge base articles": said under the referral, with the way to ask (test/web/portal-guidance.test.ts).
    assert.match(section, /<p id="guidance-offer">Additional guidance will be provided upon request if the issue is outside the scope of the knowledge base articles\.<\/p>/);
  });
});
