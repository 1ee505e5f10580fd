// A public reply. An agent's reply meets first response and restarts the update cadence;
// a customer's reply brings a ticket waiting on them back to open, or reopens a solved one, and is
// mailed to the others of the customer's on it (customer-mail.ts); mailed at night on a ticket
// after-hours support takes by email, it hands the ticket to on call (handover.ts).
// An agent's reply may not carry a link the policy forbids on tickets. Files sent with it are
// stored on the reply (files.ts) and go with the customer's mail. An agent's reply may set the
// status in the same change (`status`: reply and solve, reply and wait on the customer): the
// reply comes first on the timeline, so it meets what it meets before the status pauses or solves;
// and add tags (`addTags`, a canned response's: internal, as any tagging).
import { ConflictError, InvalidInputError, parseInput, utcMinuteText, type Ctx } from '../platform/index.ts';
import { mailCustomerReplied } from './agent-notices.ts';
import { mailCustomerReplyToOthers, mailPublicReply } from './customer-mail.ts';
import { eventView, type EventView } from './event-view.ts';
import { storeFiles } from './files.ts';
import { ReplyInput } from './schemas.ts';
import { internalLinksOn, refuseLinksKeptOff } from './public-words.ts';
import { writeEvent } from './store.ts';
import { emitTicketReplied, emitTicketUpdated, type FileMention } from './webhook-events.ts';
import { applyStatus, statusSince } from './change-status.ts';
import { changeTags, MAX_TAGS, tagsOverLimit } from './tags.ts';
import { writeTimeEntry } from './time-spent.ts';
import { writeOnTicket } from './write-context.ts';
import { handOverOnMail, onCallHearing } from './handover.ts';

/**
 * `byMail`: the customer's reply came by mail (the email domain calls): `to`, the addresses that
 * mail went to (To, Cc), whom the desk does not send their words again; `files`, its attachments
 * (the email domain stores them), named in its webhook. `at`: when a mailed reply (the customer's
 * or an agent's) reached the desk, which is when it was written to the ticket (writeOnTicket).
 */
export async function addReply({ ctx, input, byMail, at }: {
  ctx: Ctx; input: ReplyInput; byMail?: { to: readonly string[]; files: readonly FileMention[] }; at?: Temporal.Instant;
}): Promise<EventView> {
  const data = parseInput(ReplyInput, input);
  return writeOnTicket(ctx, data.ticketId, async (scope) => {
    const { tx, ticket, now, policy, received } = scope;
    if (ticket.status === 'closed') throw new ConflictError('this ticket is closed; open a new ticket instead');
    if (data.eta && ctx.actor.kind === 'contact') throw new InvalidInputError('only the support team gives an estimated time to resolution', [{ path: 'eta', message: 'is for agents only' }]);
    // An estimate the customer is told is of what is still to come.
    // Against the time it is now, not the time a mailed reply arrived: an estimate already past when
    // it is read would reach the customer as one.
    const current = ctx.clock.now();
    const notBefore = Temporal.Instant.compare(current, now) > 0 ? current : now;
    if (data.eta && Temporal.Instant.compare(Temporal.Instant.from(data.eta), notBefore) <= 0) {
      throw new InvalidInputError('The ETA must be in the future: give a later one', [{ path: 'eta', message: `must be after now (${utcMinuteText(notBefore)})` }]);
    }
    if (data.status && ctx.actor.kind !== 'agent') throw new InvalidInputError('only the support team sets a status with a reply', [{ path: 'status', message: 'is for agents only' }]);
    if (data.timeSpentMinutes && ctx.actor.kind !== 'agent') throw new InvalidInputError('only the support team logs time spent', [{ path: 'timeSpentMinutes', message: 'is for agents only' }]);
    if (data.addTags?.length && ctx.actor.kind !== 'agent') throw new InvalidInputError('only the support team tags tickets', [{ path: 'addTags', message: 'is for agents only' }]);
    if (data.addTags?.length && (await tagsOverLimit(tx, ticket.id, data.addTags)) > 0) {
      throw new InvalidInputError(`at most ${MAX_TAGS} tags on a ticket`, [{ path: 'addTags', message: `the ticket has no room for all of them (at most ${MAX_TAGS})` }]);
    }
    // A public reply is a link on the customer's ticket too (OPS-COM: never a Sentry link to a client).
    refuseLinksKeptOff(policy, ctx.actor, 'this reply', [{ path: 'body', text: data.body }], ctx.actor.kind === 'contact' ? [] : await internalLinksOn(tx, policy, ticket.id));
    const id = await writeEvent(tx, { ticketId: ticket.id, at: now, actor: ctx.actor, type: 'reply', visibility: 'public', body: data.body, data: data.eta ? { eta: data.eta } : {} });
    const files = await storeFiles(tx, { ticketId: ticket.id, eventId: id, now, files: data.files ?? [] });
    if (data.timeSpentMinutes && ctx.actor.kind === 'agent') await writeTimeEntry(tx, { ticketId: ticket.id, agentId: ctx.actor.id, minutes: data.timeSpentMinutes, eventId: id, now });
    // The estimated time to resolution the customer was told: the latest an agent gave.
    if (data.eta && ctx.actor.kind !== 'contact') await tx.query('UPDATE tickets SET eta = $2 WHERE id = $1', [ticket.id, Temporal.Instant.from(data.eta)]);
    const before = { ...ticket };
    const reopened = ctx.actor.kind === 'contact' && ticket.status === 'solved';
    if (ctx.actor.kind === 'contact' && ticket.status !== 'open') {
      const type = ticket.status === 'solved' ? 'reopened' : 'status_changed';
      await writeEvent(tx, { ticketId: ticket.id, at: now, actor: { kind: 'system' }, type, visibility: 'public', data: { from: ticket.status, to: 'open', reason: 'customer replied' } });
      const since = statusSince(scope);
      await tx.query('UPDATE tickets SET status = $2, solved_at = NULL, status_since = $3 WHERE id = $1', [ticket.id, 'open', since]);
      ticket.status = 'open';
      ticket.status_since = since;
    }
    // Mailed outside support hours on a ticket of a severity after-hours support takes by email
    // (OPS-COM: critical): handed to on call as of the mail, once (handover.ts).
    const paged = ctx.actor.kind === 'contact' && byMail ? await handOverOnMail(tx, policy, ticket, now) : false;
    // A person's reply is mailed to the customer; the customer's own reply is not sent back to them.
    if (ctx.actor.kind === 'agent') await mailPublicReply(tx, policy, ticket, { eventId: id, body: data.body, eta: data.eta ?? null, files, now, authorId: ctx.actor.id });
    // The customer's words go to the agent who holds the ticket, and to their own people on it.
    if (ctx.actor.kind === 'contact') {
      // Nobody holds it at night: on call hears it, unless this mail just paged them (handover.ts onCallHearing).
      const onCall = paged ? [] : await onCallHearing(tx, policy, ticket, now);
      await mailCustomerReplied(tx, ticket, { contactId: ctx.actor.id, body: data.body, reopened, eventId: id, now, onCall });
      await mailCustomerReplyToOthers(tx, ticket, { eventId: id, writerId: ctx.actor.id, body: data.body, files, now, byMail: byMail ?? null });
    }
    if (ctx.actor.kind !== 'system') await emitTicketReplied(tx, ticket, { id, at: now, author: { kind: ctx.actor.kind, id: ctx.actor.id }, body: data.body, files: [...files, ...(byMail?.files ?? [])] });
    if (data.addTags?.length) await changeTags(tx, ticket, { add: data.addTags, remove: [] }, now, ctx.actor);
    if (data.status) await applyStatus(scope, ctx.actor, data.status);
    // An agent's reply on a ticket waiting on the customer asks them again: the wait counts from it
    // (waiting-on-customer.ts), a mailed one from its arrival, as the clocks count it.
    const asked = received ?? now;
    if (ctx.actor.kind === 'agent' && ticket.status === 'pending_customer' && (!ticket.status_since || Temporal.Instant.compare(ticket.status_since, asked) < 0)) {
      await tx.query('UPDATE tickets SET status_since = $2 WHERE id = $1', [ticket.id, asked]);
      ticket.status_since = asked;
    }
    await emitTicketUpdated(tx, before, ticket, now, null);
    const { rows } = await tx.query<Parameters<typeof eventView>[0]>('SELECT * FROM ticket_events WHERE id = $1', [id]);
    return eventView(rows[0], ctx.actor);
  }, at);
}
