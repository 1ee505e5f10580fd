// The chat transcript (QA): an agent's reply read on the chat page is not mailed; once the
// customer leaves (presence lapses or they leave the page) one transcript of those replies is
// mailed, exactly once even with two workers sweeping at the same moment. OpenBack, Enterprise
// (live chat); the desk's clock is Wednesday 2 December 2026, 10:00 GMT.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addReply, createTicket, mailChatTranscripts, markChatPresence } from '../../src/tickets/index.ts';
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
});
