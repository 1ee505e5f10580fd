// The customer is told when an agent regrades their case (regrade-ticket.ts): the level it now has,
// by the policy's names under its own word for a level ("Support level", else "Severity"), the
// reason the agent gave (the form says it is shown to the customer), and what is now promised for
// it in the receipt's words (receipt-targets.ts, with the vendor's hedges: OfficeSpace's "Response
// Goal: 4 Hours", "aimed for ..."). OpenMethods: "OpenMethods upgrades and downgrades the severity
// level of incidents if a change in the disposition of the incident warrants an upgrade or
// downgrade": a customer who writes only by email otherwise hears of it from nobody.
//
// To whom: the requester and the contacts copied (queueToReaders: contacts of the ticket's own
// organization who have not left it). Every contact has an address (contacts.email is required), so
// a case logged by phone is mailed too, as its receipt was. A night regrade into an after-hours rule
// (OPS-COM: on call judging a mail Critical at 23:40) is mailed as well: that customer wrote at
// night and is owed most to hear that after-hours support now has it, and the hand-over to on call
// the sweep makes a moment later (handover.ts) does not mail them. Its times after hours are in the
// rule's own words, as the receipt of a request the rule took gives them (after-hours.ts
// takenAfterHoursText: OPS-COM's "triaged within 15 minutes and a status notification ... within 1
// hour"): the clocks the regrade left do not hold them yet (the hand-over adds them). Not "We have
// alerted ...": on call is paged by the sweep, not yet, and not at all when they regraded it.
// No timeline entry of its own: like the coverage notice (coverage-mail.ts), the public `regraded`
// entry is the record.
//
// A live chat (chat.ts): a reader on the chat page now reads the regrade there, as they read a reply
// (customer-mail.ts mailPublicReply), and is not mailed it; it is in the chat's transcript once they
// leave (chat-transcript.ts), with where its times are. Whoever is not on the page is mailed.
import type { Db } from '../platform/index.ts';
import type { PolicyModel } from '../policy/index.ts';
import { queueToReaders, portalLink, ticketReference } from './customer-mail.ts';
import { contactsInChat } from './chat.ts';
import { recordChatUnmailed } from './chat-transcript.ts';
import { regradeSaid } from './regrade-words.ts';
import { targetParagraphs } from './receipt-targets.ts';
import { targetsOf } from './round-the-clock.ts';
import { takenAfterHoursText } from './after-hours.ts';
import { handoverRulesFor } from './after-hours-rules.ts';
import { clockRowsOf } from './view.ts';
import type { TicketRow } from './store.ts';

/**
 * Queues the regrade's mail, once per reader (the dedupe key is the regrade's timeline entry), after
 * the ticket's clocks were re-projected under its new level (write-context.ts afterClocks). `toOnCall`:
 * regraded into an after-hours rule while support is closed (after-hours.ts regradedHandover).
 */
export async function mailRegraded(
  tx: Db, policy: PolicyModel, t: TicketRow, input: { eventId: string; from: number; reason: string; now: Temporal.Instant; toOnCall: boolean },
): Promise<void> {
  if (input.from === t.severity) return;
  const clockRows = await clockRowsOf(tx, t.id);
  const targets = targetsOf(policy, t);
  const [level, reason] = regradeSaid(policy, t, { from: input.from, to: t.severity, reason: input.reason });
  const afterHours = input.toOnCall ? [takenAfterHoursText(policy, handoverRulesFor(policy, t).map((r) => r.id), { alerted: false, rulesWords: true })] : [];
  // Its times, as the receipt of a request on call took gives them: a business-hours time is said to
  // be counted in those hours, which open then (OpenKey's "approximately 30 minutes during our regular
  // business hours", due Thursday morning), so it does not read as when on call answers.
  const handed = input.toOnCall && !t.handed_over_at ? { ...t, handed_over_at: input.now } : t;
  const body = (zone: string | null) => [
    level,
    reason,
    ...afterHours,
    ...targetParagraphs(policy, handed, clockRows, targets, zone),
    `Reply to this message to add to case #${t.number}; keep ${ticketReference(t.number)} in the subject.`,
  ].join('\n\n');
  const inChat = t.channel === 'chat' ? new Set(await contactsInChat(tx, t.id, input.now)) : undefined;
  await queueToReaders(tx, t, {
    kind: 'ticket_regraded', createdAt: input.now,
    subject: `Re: ${ticketReference(t.number)} ${t.subject}`,
    body: body(null),
    payload: { ticket_id: t.id, ticket_number: t.number, event_id: input.eventId, automatic: true, links: [portalLink(t)] },
    dedupeKey: `regraded:${input.eventId}`,
  }, { skip: inChat, bodyFor: (reader) => body(reader.zone) });
  if (inChat) await recordChatUnmailed(tx, t.id, input.eventId, inChat);
}
