// What an OpenBack customer is told of support coverage (audit 2026-12, OpenBack). Before: a Pro
// organization without the SDK got a receipt naming a severity "until our team assesses it" and
// nothing of the seed's "OpenBack will not provide any technical support to customers who do not
// include the OpenBack provided SDK ..."; an exclusion an agent marked mailed nobody, and the
// portal showed the heading "Support coverage" over the bare item "Non-OpenBack networks, ...",
// readable as something covered. Now the receipt quotes the term, the timeline says "Not covered"
// under the seed's heading for its list ("Issues Not Covered by Technical Support"), and the
// customer is mailed once when an agent marks the case not covered, and when it is covered again.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { updateOrganization } from '../../src/customers/index.ts';
import { activePolicy } from '../../src/policy-versions/index.ts';
import { createTicket, listTicketEvents, setTicketCoverage } from '../../src/tickets/index.ts';
import { customerTimeline } from '../../src/web/timeline.ts';
import { openDesk, type Desk } from '../support/desk.ts';

// The seed's sentence (001, "Additional Support Terms"), as the policy keeps its clause (2) with the
// "Notwithstanding ..." that makes it override the package bought.
const SDK_TERM =
  'Notwithstanding the support package level specified in an OpenBack Platform Agreement and purchased by a customer, OpenBack will not provide any ' +
  'technical support to customers who do not include the OpenBack provided SDK within their mobile applications for use in connection with the OpenBack SaaS product.';

describe('OpenBack: the customer is told what support does not cover', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-02T10:00:00Z'); // Wednesday 10:00 GMT, in support hours
  });
  after(() => desk.close());

  const mails = async (ticketId: string, kind: string) =>
    (await desk.t.db.query<{ recipient: string; subject: string; body: string; links: Array<{ label: string; path: string }> }>(
      "SELECT recipient, subject, body, payload->'links' AS links FROM outbox WHERE kind = $2 AND payload->>'ticket_id' = $1 ORDER BY created_at, id", [ticketId, kind],
    )).rows;

  it('without the SDK, the receipt quotes the term it does not meet, whole, and names no severity for the team to assess', async () => {
    const org = await desk.addOrganization('pro');
    await updateOrganization({ ctx: desk.ctx(desk.admin), input: { organizationId: org.id, unmetRequirements: ['sdk-included'] } });
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Push fails', description: 'Our own push library' } });
    const [receipt] = await mails(t.id, 'ticket_received');
    assert.deepEqual(receipt.body.split('\n\n'), [
      `We received your request "Push fails" and opened case #${t.number}.`,
      `Our support policy does not cover this case: “${SDK_TERM}” No target times apply to it; if our team finds it is covered after all, you will be told.`,
      `Reply to this message to add to case #${t.number}; keep [#${t.number}] in the subject.`,
    ]);
    // An agent finds it was a question about the account: covered after all, and the customer is told so.
    await setTicketCoverage({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, notCovered: null, reason: 'A question about the account' } });
    const told = await mails(t.id, 'ticket_coverage');
    assert.equal(told.length, 1);
    // Pro, the default Severity 3: "1 - 2 business days", so it has times.
    assert.equal(told[0].body, `Case #${t.number} "Push fails" is covered by our support after all: the target times of our support policy apply to it.\n\nReply to this message to add to case #${t.number}.`);
    const { model } = await activePolicy(desk.t.db);
    const seen = customerTimeline(model, await listTicketEvents({ ctx: desk.ctx(org.contact), input: { ticketId: t.id } }));
    assert.deepEqual(seen.filter((e) => e.type === 'coverage_marked').map((e) => [e.title, e.body]), [
      ['Not covered', SDK_TERM],
      ['Covered by support', 'Covered by support after all.'],
    ]);
  });

  it('an exclusion an agent marks is said to be not covered, under the seed\'s heading; the customer is mailed once, and again when it is covered', async () => {
    desk.clock.set('2026-12-02T10:00:00Z');
    const org = await desk.addOrganization('pro');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Router', description: 'Our office Wi-Fi', severity: 3 } });
    const mark = () => setTicketCoverage({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, notCovered: { kind: 'exclusion', id: 'third-party' }, reason: 'Their network' } });
    await mark();
    await mark(); // the same exclusion again: nothing new to tell
    const told = await mails(t.id, 'ticket_coverage');
    assert.equal(told.length, 1, 'mailed once');
    const { rows: [requester] } = await desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [org.contactId]);
    assert.equal(told[0].recipient, requester.email);
    assert.equal(told[0].subject, `Re: [#${t.number}] Router`);
    assert.deepEqual(told[0].body.split('\n\n'), [
      // Pro Severity 3 had its "1 - 2 business days": those stop.
      `Case #${t.number} "Router" is marked not covered: its target times no longer apply.`,
      'Our support policy does not cover this case: under “Issues Not Covered by Technical Support”, “Non-OpenBack networks, systems, technologies, hardware or software.”',
      `Reply to this message to add to case #${t.number}.`,
    ]);
    assert.deepEqual(told[0].links, [{ label: `Case #${t.number} in the support portal`, path: `/portal/cases/${t.id}` }]);
    desk.clock.set('2026-12-02T10:05:00Z'); // later: its mail comes after the first
    await setTicketCoverage({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, notCovered: null, reason: 'It was our SDK after all' } });
    await setTicketCoverage({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, notCovered: null, reason: 'Still ours' } }); // covered already
    const after = await mails(t.id, 'ticket_coverage');
    assert.equal(after.length, 2, 'once more, when covered again');
    assert.match(after[1].body, new RegExp(`^Case #${t.number} "Router" is covered by our support after all: the target times of our support policy apply to it\\.`));
    const { model } = await activePolicy(desk.t.db);
    const seen = customerTimeline(model, await listTicketEvents({ ctx: desk.ctx(org.contact), input: { ticketId: t.id } }));
    assert.deepEqual(seen.filter((e) => e.type === 'coverage_marked').map((e) => e.title), [
      'Not covered (Issues Not Covered by Technical Support)', 'Not covered (Issues Not Covered by Technical Support)', 'Covered by support', 'Covered by support',
    ]);
  });
});
