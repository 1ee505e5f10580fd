// A copy of what the desk holds about a person (privacy/export-contact-data.ts), on OpenBack
// Enterprise: Sam opens a case, is answered, is noted about internally, is copied on a colleague's
// case and writes there, rates, and has an API token. The export holds all of it, names no agent,
// and leaves the internal note out unless asked. Expected values come from the story, by hand.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken, createContact } from '../../src/customers/index.ts';
import { createArticle, voteOnArticle } from '../../src/kb/index.ts';
import { ForbiddenError, toWire } from '../../src/platform/index.ts';
import { exportContactData } from '../../src/privacy/index.ts';
import { addNote, addReply, createTicket, rateTicket, setTicketCcs, updateTicket } from '../../src/tickets/index.ts';
import { suiteDesk } from '../support/desk.ts';

describe("a copy of a contact's personal data, OpenBack", () => {
  const s = suiteDesk('openback', 'enterprise', '2026-12-02T10:00:00Z');

  it('holds their cases, words, copies, ratings, mail and tokens; names no agent; internal notes only when asked', async () => {
    const d = s.desk;
    const sam = await createContact({ ctx: d.ctx(d.admin), input: { organizationId: s.org.id, email: 'sam.roe@customer.example', name: 'Sam Roe', namedContact: true } });
    const samActor = { kind: 'contact' as const, id: sam.id, organizationId: s.org.id };
    const own = await createTicket({ ctx: d.ctx(samActor), input: { subject: 'Cannot export reports', description: 'The button is grey.', severity: 3 } });
    d.clock.set('2026-12-02T10:05:00Z');
    await addReply({ ctx: d.ctx(d.agent), input: { ticketId: own.id, body: 'Which browser, Sam?' } });
    await addNote({ ctx: d.ctx(d.agent), input: { ticketId: own.id, body: 'Sam asked the same last month.' } });
    d.clock.set('2026-12-02T10:10:00Z');
    await addReply({ ctx: d.ctx(samActor), input: { ticketId: own.id, body: 'Firefox 140.' } });
    const colleagues = await createTicket({ ctx: d.ctx(s.org.contact), input: { subject: 'VPN drops', description: 'Hourly.', severity: 3 } });
    await setTicketCcs({ ctx: d.ctx(s.org.contact), input: { ticketId: colleagues.id, contactIds: [sam.id] } });
    await addReply({ ctx: d.ctx(samActor), input: { ticketId: colleagues.id, body: 'Mine too.' } });
    await updateTicket({ ctx: d.ctx(d.agent), input: { ticketId: own.id, status: 'solved' } });
    await rateTicket({ ctx: d.ctx(samActor), input: { ticketId: own.id, rating: 'bad', comment: 'Slow.' } });
    await createApiToken({ ctx: d.ctx(d.admin), input: { contactId: sam.id, name: 'Sam laptop' } });
    const howTo = await createArticle({ ctx: d.ctx(d.manager), input: { slug: 'export-reports', title: 'Export reports', bodyMarkdown: 'Press Export.', visibility: 'public' } });
    await voteOnArticle({ ctx: d.ctx(samActor), input: { articleId: howTo.id, helpful: false, comment: 'The button is grey for me.' } });
    await voteOnArticle({ ctx: d.ctx(s.org.contact), input: { articleId: howTo.id, helpful: true } });

    for (const who of [d.manager, d.agent, s.org.contact]) {
      await assert.rejects(exportContactData({ ctx: d.ctx(who), input: { contactId: sam.id } }), ForbiddenError);
    }
    // Sam's own copy: the same, never with internal notes.
    const mine = toWire(await exportContactData({ ctx: d.ctx(samActor), input: { contactId: sam.id } })) as any;
    assert.deepEqual([mine.contact.email, mine.internal_included, mine.tickets_opened.length], ['sam.roe@customer.example', false, 1]);
    await assert.rejects(exportContactData({ ctx: d.ctx(samActor), input: { contactId: sam.id, internal: true } }), ForbiddenError);
    d.clock.set('2026-12-02T11:00:00Z');
    const data = toWire(await exportContactData({ ctx: d.ctx(d.admin), input: { contactId: sam.id } })) as any;
    assert.equal(data.exported_at, '2026-12-02T11:00:00Z');
    assert.equal(data.internal_included, false);
    assert.deepEqual([data.contact.email, data.contact.name, data.contact.named_contact, data.contact.organization.id], ['sam.roe@customer.example', 'Sam Roe', true, s.org.id]);
    assert.deepEqual(data.tickets_opened.map((t: any) => [t.number, t.subject, t.description, t.status]), [[Number(own.number), 'Cannot export reports', 'The button is grey.', 'solved']]);
    const words = data.tickets_opened[0].timeline.filter((e: any) => e.type === 'reply' || e.type === 'note' || e.type === 'created' || e.type === 'rated');
    assert.deepEqual(words.map((e: any) => [e.type, e.by, e.body]), [
      ['created', 'self', 'The button is grey.'],
      ['reply', 'agent', 'Which browser, Sam?'],
      ['reply', 'self', 'Firefox 140.'],
      ['rated', 'self', 'Slow.'],
    ]);
    assert.deepEqual(data.tickets_opened[0].timeline.filter((e: any) => e.visibility !== 'public'), []);
    assert.deepEqual(data.written_elsewhere.map((e: any) => [e.number, e.type, e.body]), [[Number(colleagues.number), 'reply', 'Mine too.']]);
    assert.deepEqual(data.copied_on.map((c: any) => [c.number, c.subject]), [[Number(colleagues.number), 'VPN drops']]);
    assert.deepEqual(data.ratings.map((r: any) => [r.number, r.rating, r.comment]), [[Number(own.number), 'bad', 'Slow.']]);
    // Their answer on the help centre, not their colleague's.
    assert.deepEqual(data.article_feedback.map((f: any) => [f.article, f.title, f.helpful, f.comment, f.voted_at]), [
      ['export-reports', 'Export reports', false, 'The button is grey for me.', '2026-12-02T10:10:00Z'],
    ]);
    assert.ok(data.mail_sent.some((m: any) => /Which browser, Sam\?/.test(m.body)), 'the answer mailed to them');
    assert.deepEqual(data.api_tokens.map((t: any) => [t.name, t.revoked_at]), [['Sam laptop', null]]);
    assert.equal(JSON.stringify(data).includes('agent@vendor.example'), false, 'no agent is named');
    assert.equal(JSON.stringify(data).includes(d.agent.kind === 'agent' ? d.agent.id : ''), false, "no agent's id either");
    // Asked for, the internal note is there, marked internal.
    const whole = toWire(await exportContactData({ ctx: d.ctx(d.admin), input: { contactId: sam.id, internal: true } })) as any;
    assert.equal(whole.internal_included, true);
    assert.deepEqual(whole.tickets_opened[0].timeline.filter((e: any) => e.type === 'note').map((e: any) => [e.visibility, e.by, e.body]), [['internal', 'agent', 'Sam asked the same last month.']]);
  });
});
