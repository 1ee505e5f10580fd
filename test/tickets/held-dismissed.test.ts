// A held request an agent dismisses: its sender had been told it was kept for review ("Your
// request is kept for our support team to review"), so they are told once that no case was opened
// for it, and why in the policy's words (OpenBack: "Named Support Contacts are responsible for:
// (i) reporting cases to OpenBack, ..."), never the team's note. A request an agent logged for them
// (a call) is the agent's to tell; an accepted one opens its case and its receipt instead.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError } from '../../src/platform/index.ts';
import { createTicket, reviewHeldRequest } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

// Copied by hand from OpenBack's Named Support Contacts clause.
const POLICY_WORDS = 'Customers shall designate named individuals (“Named Support Contacts”) to serve as liaisons with OpenBack Support for each active service from OpenBack.';
const DUTIES =
  "Named Support Contacts are responsible for: (i) reporting cases to OpenBack, (ii) overseeing Customer’s support case activity, and (iii) technical knowledge " +
  "of the OpenBack services and Customer’s use of such services in order to assist OpenBack in diagnosing and resolving the issue.";

type Mail = { recipient: string; subject: string; body: string; payload: Record<string, unknown> };

describe('a dismissed held request is told to its sender, once, OpenBack', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback', '2026-12-07T10:00:00Z'); // Monday 10:00 GMT
  });
  after(() => desk.close());

  const dismissedMail = async (heldId: string) =>
    (await desk.t.db.query<Mail>("SELECT recipient, subject, body, payload FROM outbox WHERE kind = 'held_dismissed' AND payload->>'held_request_id' = $1", [heldId])).rows;

  async function colleague(organizationId: string, email: string) {
    const id = randomUUID();
    await desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, false, $5)', [id, organizationId, email, 'Bea Colleague', desk.clock.now()]);
    return { kind: 'contact' as const, id, organizationId };
  }

  async function held(ctx: Parameters<typeof createTicket>[0]['ctx'], input: Parameters<typeof createTicket>[0]['input']): Promise<string> {
    const error = await createTicket({ ctx, input }).catch((e) => e);
    assert.ok(error instanceof ForbiddenError, String(error));
    return error.details.find((d: { path: string }) => d.path === 'heldRequestId')!.message;
  }

  it('not a named contact: no case, why in the policy\'s words and whom to ask; the note stays the team\'s; once', async () => {
    const org = await desk.addOrganization('pro'); // its one named contact: "Contact 1"
    const bea = await colleague(org.id, 'bea@customer.example');
    desk.clock.set('2026-12-07T10:00:00Z');
    const id = await held(desk.ctx(bea), { subject: 'Pushes fail', description: 'Since noon', severity: 3, channel: 'web' });
    assert.deepEqual(await dismissedMail(id), [], 'nothing before the review');

    desk.clock.set('2026-12-07T11:30:00Z');
    await reviewHeldRequest({ ctx: desk.ctx(desk.agent), input: { heldRequestId: id, decision: 'dismiss', note: 'Asked Contact 1 to report it; internal only' } });
    const mail = await dismissedMail(id);
    assert.equal(mail.length, 1);
    assert.equal(mail[0].recipient, 'bea@customer.example');
    assert.equal(mail[0].subject, 'No case opened: Pushes fail');
    // Sent Monday 7 December 2026 10:00 UTC: 10:00 GMT in winter, in the plan's zone.
    assert.equal(mail[0].body, [
      'Our support team reviewed your request "Pushes fail" of Mon 7 Dec 2026 10:00 GMT, which was held for review, and did not open a case for it.',
      `It was held because OpenBack's support policy has cases reported by the named support contacts of Org 1, and you are not one of them. The policy says: “${POLICY_WORDS} ${DUTIES}”`,
      'The named support contact of Org 1 is Contact 1: you can ask them to report it.',
    ].join('\n\n'));
    assert.doesNotMatch(mail[0].body, /internal only|within|business (day|hour)|will be/i, 'no note of the team\'s, no promise the policy does not make');
    assert.deepEqual(mail[0].payload, { held_request_id: id, automatic: true });

    const again = await reviewHeldRequest({ ctx: desk.ctx(desk.agent), input: { heldRequestId: id, decision: 'dismiss' } }).catch((e) => e);
    assert.ok(again instanceof ConflictError);
    assert.equal((await dismissedMail(id)).length, 1, 'told once');
  });

  it('a Growth call the customer tried on Saturday: it came by Phone, which the Growth plan does not include', async () => {
    desk.clock.set('2026-12-05T11:00:00Z'); // Saturday 11:00 GMT
    const org = await desk.addOrganization('growth');
    const id = await held(desk.ctx(org.contact), { subject: 'Call me', description: 'x', severity: 3, channel: 'phone' });
    desk.clock.set('2026-12-07T09:15:00Z');
    await reviewHeldRequest({ ctx: desk.ctx(desk.agent), input: { heldRequestId: id, decision: 'dismiss' } });
    const mail = await dismissedMail(id);
    assert.equal(mail.length, 1);
    assert.equal(mail[0].body, [
      'Our support team reviewed your request "Call me" of Sat 5 Dec 2026 11:00 GMT, which was held for review, and did not open a case for it.',
      'It was held because it came by Phone, which the Growth plan does not include.',
    ].join('\n\n'));

    // Pro's chat is staffed in the support hours, Monday to Friday 9am to 6pm GMT: closed on Saturday.
    desk.clock.set('2026-12-05T11:00:00Z');
    const pro = await desk.addOrganization('pro');
    const chat = await held(desk.ctx(pro.contact), { subject: 'Chat now', description: 'x', severity: 3, channel: 'chat' });
    await reviewHeldRequest({ ctx: desk.ctx(desk.agent), input: { heldRequestId: chat, decision: 'dismiss' } });
    assert.equal((await dismissedMail(chat))[0].body.split('\n\n')[1], 'It was held because it came by Chat while Chat was closed.');
  });

  it("a sender who chose a time zone reads when they sent it in theirs, as the portal shows it", async () => {
    desk.clock.set('2026-12-05T11:00:00Z'); // Saturday 11:00 GMT = 12:00 CET in Berlin
    const org = await desk.addOrganization('growth');
    await desk.t.db.query("UPDATE contacts SET time_zone = 'Europe/Berlin' WHERE id = $1", [org.contactId]);
    const id = await held(desk.ctx(org.contact), { subject: 'Call me too', description: 'x', severity: 3, channel: 'phone' });
    await reviewHeldRequest({ ctx: desk.ctx(desk.agent), input: { heldRequestId: id, decision: 'dismiss' } });
    assert.equal((await dismissedMail(id))[0].body.split('\n\n')[0],
      'Our support team reviewed your request "Call me too" of Sat 5 Dec 2026 12:00 CET, which was held for review, and did not open a case for it.');
  });

  it('a call an agent logged, held, is the agent\'s to tell; an accepted request opens its case, not this mail', async () => {
    desk.clock.set('2026-12-07T10:00:00Z');
    const growth = await desk.addOrganization('growth');
    const logged = await held(desk.ctx(desk.agent), { subject: 'Logged call', description: 'x', severity: 3, channel: 'phone', requesterId: growth.contactId });
    await reviewHeldRequest({ ctx: desk.ctx(desk.agent), input: { heldRequestId: logged, decision: 'dismiss' } });
    assert.deepEqual(await dismissedMail(logged), []);

    const pro = await desk.addOrganization('pro');
    const bea = await colleague(pro.id, 'bea2@customer.example');
    const kept = await held(desk.ctx(bea), { subject: 'Taken after all', description: 'x', severity: 3, channel: 'web' });
    const { ticket } = await reviewHeldRequest({ ctx: desk.ctx(desk.agent), input: { heldRequestId: kept, decision: 'accept' } });
    assert.ok(ticket);
    assert.deepEqual(await dismissedMail(kept), []);
  });
});
