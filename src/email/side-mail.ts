// An answer in a side conversation by mail (tickets/side-conversations.ts): once match.ts proved it
// (from the address written to, answering a message we sent it), it goes on the ticket for the team
// only, with its files. Refused (too many or too large files), nothing reaches the ticket: the
// message is held for review with the reason, for an admin to read.
import { InvalidInputError, type Ctx, type Db } from '../platform/index.ts';
import { possessive } from '../policy/index.ts';
import { receiveSideReply } from '../tickets/index.ts';
import { chosenFiles, refusal, textOf, type Decision } from './decision.ts';
import type { SideAnswer } from './match.ts';
import type { ParsedEmail } from './parse-message.ts';

export async function answerInSideConversation(ctx: Ctx, tx: Db, mail: ParsedEmail, answer: SideAnswer): Promise<Decision> {
  const files = chosenFiles(mail);
  try {
    const { event, ticket, reopened } = await receiveSideReply({
      ctx: { ...ctx, db: tx },
      input: { conversationId: answer.conversationId, from: mail.from, body: textOf(mail, true), messageId: mail.messageId, files },
    });
    const subject = typeof event.data.subject === 'string' ? event.data.subject : '';
    return {
      status: 'appended',
      outcome: `Added to ticket #${ticket.number} as ${possessive(mail.from ?? 'the sender')} answer in the side conversation "${subject}" (for the team only)${reopened ? '; the ticket, waiting on a third party, is open again' : ''}`,
      ticketId: ticket.id, eventId: event.id, filesOnTicket: true,
    };
  } catch (e) {
    if (!(e instanceof InvalidInputError)) throw e;
    return { status: 'held', outcome: `Held: ${mail.from} answered a side conversation, but it was refused: ${refusal(e)}; nothing was added to the ticket` };
  }
}
