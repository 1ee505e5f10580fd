// The chat transcript (QA): an agent's reply read on the chat page is not mailed; once the
// customer leaves (presence lapses or they leave the page) one transcript of those replies is
// mailed, exactly once even with two workers sweeping at the same moment. OpenBack, Enterprise
// (live chat); the desk's clock is Wednesday 2 December 2026, 10:00 GMT.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { addReply, createTicket, mailChatTranscripts, markChatPresence, setTicketCcs, updateTicket } from '../../src/tickets/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';

describe('chat transcript, OpenBack Enterprise', () => {
  let desk: Desk;
  before(async () => {
    desk = await openDesk('openback');
  });
  after(() => desk.close());

  const mail = async (ticketId: string, kind: string) => (await desk.t.db.query<{ recipient: string; subject: string; body: string }>(
    'SELECT recipient, subject, body FROM outbox WHERE kind = $1 AND payload->>\'ticket_id\' = $2 ORDER BY created_at', [kind, ticketId])).rows;

  it('mails one transcript of the replies read on the page, once the customer left, and none twice', async () => {
    const org = await desk.addOrganization('enterprise');
    const { rows: [contact] } = await desk.t.db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [org.contactId]);
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Push stalls', description: 'At 60%', severity: 3, channel: 'chat' } });
    await markChatPresence({ ctx: desk.ctx(org.contact), input: { ticketId: t.id } });
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Which SDK version?' } });
    desk.clock.advance({ seconds: 5 });
    await addReply({ ctx: desk.ctx(org.contact), input: { ticketId: t.id, body: '5.1' } });
    desk.clock.advance({ seconds: 5 });
    await markChatPresence({ ctx: desk.ctx(org.contact), input: { ticketId: t.id } });
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Please update to 5.2.' } });
    // Read on the page: not mailed one by one.
    assert.equal((await mail(t.id, 'ticket_reply')).length, 0);
    // Still there (seen 20 s ago, within the 45 s window): no transcript yet.
    desk.clock.advance({ seconds: 20 });
    assert.equal(await mailChatTranscripts({ ctx: desk.system }), 0);
    // They left (no heartbeat for 46 s): two workers sweep at once; one transcript.
    desk.clock.advance({ seconds: 26 });
    const both = await Promise.all([mailChatTranscripts({ ctx: desk.system }), mailChatTranscripts({ ctx: desk.system })]);
    assert.deepEqual(both.toSorted(), [0, 1]);
    assert.equal(await mailChatTranscripts({ ctx: desk.system }), 0);
    const sent = await mail(t.id, 'chat_transcript');
    assert.equal(sent.length, 1);
    assert.equal(sent[0].recipient, contact.email);
    assert.equal(sent[0].subject, `Re: [#${t.number}] Push stalls`);
    // The whole conversation: the message that opened the chat, the customer's answer, support's replies.
    assert.equal(sent[0].body, `You left the chat on case #${t.number} "Push stalls". Here is the conversation, for your records:\n\n`
      + `You wrote:\nAt 60%\n\nSupport wrote:\nWhich SDK version?\n\nYou wrote:\n5.1\n\n`
      + `Support wrote:\nPlease update to 5.2.\n\nReply to this message to add to the case.`);
    // A reply after they left is mailed as it is, and no second transcript follows.
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Any luck?' } });
    assert.equal((await mail(t.id, 'ticket_reply')).length, 1);
    assert.equal(await mailChatTranscripts({ ctx: desk.system }), 0);
  });

  it('mails the transcript at once when the customer leaves the page', async () => {
    const org = await desk.addOrganization('enterprise');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Login loop', description: 'Again', severity: 3, channel: 'chat' } });
    await markChatPresence({ ctx: desk.ctx(org.contact), input: { ticketId: t.id } });
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Clear the cookies, please.' } });
    assert.equal(await mailChatTranscripts({ ctx: desk.system }), 0);
    await markChatPresence({ ctx: desk.ctx(org.contact), input: { ticketId: t.id, leave: true } });
    assert.equal(await mailChatTranscripts({ ctx: desk.system }), 1);
    assert.match((await mail(t.id, 'chat_transcript'))[0].body, /wrote:\nClear the cookies, please\./);
  });

  it('a second chat on the same case: its transcript starts after the reply they were last given, not from the start', async () => {
    const org = await desk.addOrganization('enterprise');
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Badge count', description: 'Wrong count', severity: 3, channel: 'chat' } });
    await markChatPresence({ ctx: desk.ctx(org.contact), input: { ticketId: t.id } });
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Looking now.' } });
    await markChatPresence({ ctx: desk.ctx(org.contact), input: { ticketId: t.id, leave: true } });
    assert.equal(await mailChatTranscripts({ ctx: desk.system }), 1);
    // Away: this reply is mailed on its own.
    desk.clock.advance({ minutes: 5 });
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Found it: a cache.' } });
    // Back on the page for a second conversation.
    desk.clock.advance({ minutes: 5 });
    await markChatPresence({ ctx: desk.ctx(org.contact), input: { ticketId: t.id } });
    await addReply({ ctx: desk.ctx(org.contact), input: { ticketId: t.id, body: 'Still wrong today' } });
    desk.clock.advance({ seconds: 5 });
    await addReply({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, body: 'Clearing it again.' } });
    await markChatPresence({ ctx: desk.ctx(org.contact), input: { ticketId: t.id, leave: true } });
    assert.equal(await mailChatTranscripts({ ctx: desk.system }), 1);
    const second = (await mail(t.id, 'chat_transcript'))[1].body;
    assert.equal(second, `You left the chat on case #${t.number} "Badge count". Here is the conversation, for your records:\n\n`
      + `You wrote:\nStill wrong today\n\nSupport wrote:\nClearing it again.\n\nReply to this message to add to the case.`);
  });

  // A regrade is told to the customer as a reply is (regrade-mail.ts): read on the chat page while they
  // are on it, not mailed then, and in the transcript once they leave; mailed to whoever is not there.
  // OpenBack: Severity 2 is "Major", Severity 3 "Minor".
  it('a regrade while the customer is on the chat page: read there, in the transcript after; mailed to a colleague copied, who is not there', async () => {
    const org = await desk.addOrganization('enterprise');
    const colleagueId = randomUUID();
    await desk.t.db.query("INSERT INTO contacts (id, organization_id, email, name, created_at) VALUES ($1, $2, 'bea@customer.example', 'Bea', $3)", [colleagueId, org.id, desk.clock.now()]);
    const t = await createTicket({ ctx: desk.ctx(org.contact), input: { subject: 'Pushes fail', description: 'None arrive', severity: 3, channel: 'chat' } });
    await setTicketCcs({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, contactIds: [colleagueId] } });
    await markChatPresence({ ctx: desk.ctx(org.contact), input: { ticketId: t.id } });
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 2, reason: 'No push reaches any of your users' } });
    assert.deepEqual((await mail(t.id, 'ticket_regraded')).map((m) => m.recipient), ['bea@customer.example'], 'the requester reads it on the chat page');
    await markChatPresence({ ctx: desk.ctx(org.contact), input: { ticketId: t.id, leave: true } });
    assert.equal(await mailChatTranscripts({ ctx: desk.system }), 1);
    assert.equal((await mail(t.id, 'chat_transcript'))[0].body, `You left the chat on case #${t.number} "Pushes fail". Here is the conversation, for your records:\n\n`
      + `You wrote:\nNone arrive\n\nSupport changed the severity:\nThe severity of case #${t.number} "Pushes fail" is now severity 2 (Major); it was severity 3 (Minor).\n`
      + 'Reason: No push reaches any of your users\nWhat is now promised for it is on the case in the support portal.\n\nReply to this message to add to the case.');
    // Away now: the next regrade is mailed to them too.
    await updateTicket({ ctx: desk.ctx(desk.agent), input: { ticketId: t.id, severity: 3, reason: 'Only one app is affected' } });
    assert.equal((await mail(t.id, 'ticket_regraded')).length, 3);
  });
});
