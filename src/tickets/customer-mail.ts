// Mail to the customer about their ticket, queued in the transaction of the change it reports
// (the outbox: a message exists if and only if its cause committed); a person's reply and the
// resolution go to the contacts copied on it too (ccs.ts), and what one of the customer's people
// writes goes to the others on it (each gets a copy of their own, so none of them would see a
// colleague's words otherwise). The email channel
// (src/email) delivers it, threaded on the ticket. Only what the customer may see goes in: the
// ticket's own subject, public replies, the policy's targets; never a note or an internal link.
//
// An automatic message (the receipt, the resolution notice) meets no promise: nothing here writes
// a timeline event that the SLA clocks count (sla/clocks.ts counts only agents' public replies).
import { queueMessage, type OutboxMessage } from '../outbox/index.ts';
import { mailSignature } from '../customers/index.ts';
import type { Db } from '../platform/index.ts';
import { releasesTitle, type PolicyModel } from '../policy/index.ts';
import { zoneOf } from './receipt-targets.ts';
import { readerTime } from './reader-zone.ts';
import type { FileRef } from './files.ts';
import { MAX_MAILED_BYTES } from './schemas.ts';
import { ccsOf } from './ccs.ts';
import { contactsInChat } from './chat.ts';
import { recordChatUnmailed } from './chat-transcript.ts';
import { issueRatingLink, ratingLinkPaths } from './rating-links.ts';
import type { TicketRow } from './store.ts';
import type { FileMention } from './webhook-events.ts';

/** The ticket reference every subject carries, which inbound mail is matched by: "[#42]". */
export function ticketReference(number: number): string {
  return `[#${number}]`;
}

/** The people a ticket's mail goes to: its requester and the contacts copied, those who have not left the customer (deactivated). */
async function readersOf(tx: Db, t: TicketRow): Promise<MailReader[]> {
  const { rows } = await tx.query<{ id: string; email: string; time_zone: string | null }>('SELECT id, email, time_zone FROM contacts WHERE id = $1 AND deactivated_at IS NULL', [t.requester_id]);
  const ccs = await ccsOf(tx, t.id);
  const zones = ccs.length === 0 ? new Map<string, string | null>()
    : new Map((await tx.query<{ id: string; time_zone: string | null }>('SELECT id, time_zone FROM contacts WHERE id = ANY($1::uuid[])', [ccs.map((c) => c.id)])).rows.map((r) => [r.id, r.time_zone]));
  return [...rows.map((r) => ({ id: r.id, email: r.email, zone: r.time_zone, cc: false })), ...ccs.map((c) => ({ id: c.id, email: c.email, zone: zones.get(c.id) ?? null, cc: true }))];
}

/** One person a ticket's mail goes to, with the time zone they read times in (null: none chosen, the plan's). */
export type MailReader = { id: string; email: string; zone: string | null; cc: boolean };

/** A link a message carries (payload.links): the email channel puts the desk's address before the path. */
export type MailLink = { label: string; path: string };

/** Where the customer reads the ticket and writes on it when signed in. */
export function portalLink(t: Pick<TicketRow, 'id' | 'number'>): MailLink {
  return { label: `Case #${t.number} in the support portal`, path: `/portal/cases/${t.id}` };
}

/** The knowledge base a request is referred to: the help centre's search and articles. */
export const KNOWLEDGE_BASE: MailLink = { label: 'Our knowledge base', path: '/help' };

/**
 * Files written on a case go with the mail to a customer (the outbox names them; the mail is built
 * with them at delivery), unless together they are too large for a mailbox to take: then the mail
 * says where they are. `what` names what they came with ("this reply").
 */
function filesByMail(refs: readonly FileRef[], what: string): { kept: string; files: { files?: string[] } } {
  if (refs.length === 0) return { kept: '', files: {} };
  if (refs.reduce((n, f) => n + f.size, 0) <= MAX_MAILED_BYTES) return { kept: '', files: { files: refs.map((f) => f.id) } };
  return { kept: `\n\nFiles with ${what}, too large to send by email, are on the case in the support portal: ${refs.map((f) => f.filename).join(', ')}`, files: {} };
}

/** The help centre's page of release notes, by the policy's name for it (help/releases). */
export function releasesLink(policy: PolicyModel): MailLink {
  return { label: releasesTitle(policy), path: '/help/releases' };
}

/**
 * What a reply telling of a released fix adds (mark-fix-released.ts): the release the agent entered,
 * and where its notes are (OPS-COM: "Release notes are always available on the Upcoming Release
 * page"). Only those facts: no date it reaches the customer, which nothing records.
 */
function fixReleasedWords(policy: PolicyModel, fix: { release: string | null }): string {
  const release = fix.release === null ? '' : `Fix released in: ${fix.release}\n`;
  return `\n\n${release}Release notes are available on the ${releasesTitle(policy)} page.`;
}

/**
 * A person's public reply (an agent's; a status update carries its estimated time to resolution;
 * one telling of a released fix names the release and links to its notes), with the agent's
 * signature under it (customers/profile.ts): in the mail only, the timeline keeps the reply as written.
 */
export async function mailPublicReply(
  tx: Db,
  policy: PolicyModel,
  t: TicketRow,
  input: { eventId: string; body: string; eta: string | null; files: readonly FileRef[]; now: Temporal.Instant; authorId: string; fix?: { release: string | null } },
): Promise<void> {
  const signature = await mailSignature(tx, input.authorId);
  const fix = input.fix ? fixReleasedWords(policy, input.fix) : '';
  // The ETA in each reader's own zone (the plan's for one who chose none).
  const eta = (reader: MailReader) => input.eta ? `\n\nEstimated time to resolution: ${readerTime(Temporal.Instant.from(input.eta).epochMilliseconds, reader.zone, zoneOf(policy, t))}` : '';
  const { kept, files } = filesByMail(input.files, 'this reply');
  // A customer on the chat page now reads the reply there (chat.ts); it is mailed to the others.
  const inChat = t.channel === 'chat' ? new Set(await contactsInChat(tx, t.id, input.now)) : undefined;
  await queueToReaders(tx, t, {
    kind: 'ticket_reply', createdAt: input.now,
    subject: `Re: ${ticketReference(t.number)} ${t.subject}`, body: `${input.body}${fix}${eta({ id: '', email: '', zone: null, cc: false })}${kept}${signature}`,
    payload: {
      ticket_id: t.id, ticket_number: t.number, event_id: input.eventId, automatic: false, ...(input.eta ? { eta: input.eta } : {}), links: [portalLink(t), ...(input.fix ? [releasesLink(policy)] : [])], ...files,
    },
    dedupeKey: `reply:${input.eventId}`,
  }, { skip: inChat, bodyFor: (reader) => `${input.body}${fix}${eta(reader)}${kept}${signature}` });
  // Mailed to them in the chat's transcript once they leave (chat-transcript.ts).
  if (inChat) await recordChatUnmailed(tx, t.id, input.eventId, inChat);
}

/**
 * What the requester or someone copied wrote on the ticket, to the others on it: the requester and
 * the people copied, not the writer, nor those their mail already reached (`byMail.to`: its To and
 * Cc), nor those reading it live on the chat page; nothing while the writer is chatting live (a
 * chat's lines are not passed on one by one). Automatic mail (Auto-Submitted); the passing on of
 * words that came by mail is an automatic answer to that mail, which the email channel's loop
 * breaker limits per address (two auto-responders answering each other through the desk). Words
 * typed on the portal or sent by the API were no mail: nothing can loop, so none is held back.
 */
export async function mailCustomerReplyToOthers(
  tx: Db,
  t: TicketRow,
  input: {
    eventId: string; writerId: string; body: string; files: readonly FileRef[]; now: Temporal.Instant; byMail: { to: readonly string[]; files: readonly FileMention[] } | null;
    /** What the writer did, before the words: "wrote on case #42" unless told (a request for guidance, ask-guidance.ts). */
    did?: string;
  },
): Promise<void> {
  const readers = (await readersOf(tx, t)).filter((r) => r.id !== input.writerId && !(input.byMail?.to ?? []).includes(r.email));
  if (readers.length === 0) return;
  const inChat = t.channel === 'chat' ? new Set(await contactsInChat(tx, t.id, input.now)) : new Set<string>();
  // Lines typed in a live chat are a conversation with the team, not a message to pass on line by line.
  if (inChat.has(input.writerId)) return;
  const { rows: [writer] } = await tx.query<{ name: string; email: string }>('SELECT name, email FROM contacts WHERE id = $1', [input.writerId]);
  // Files written with it on the portal, or the attachments of the mail it came by.
  const mailed = (input.byMail?.files ?? []).map((f) => ({ id: f.id, filename: f.filename ?? 'attachment', content_type: f.content_type, size: f.size }));
  const { kept, files } = filesByMail([...input.files, ...mailed], 'it');
  for (const reader of readers) {
    if (inChat.has(reader.id)) continue;
    await queueMessage(tx, {
      kind: 'ticket_customer_reply', recipient: reader.email, createdAt: input.now,
      subject: `Re: ${ticketReference(t.number)} ${t.subject}`,
      body: `${writer.name} (${writer.email}) ${input.did ?? `wrote on case #${t.number}`}:\n\n${input.body}${kept}\n\nReply to this message to write on the case too; the support team reads it.`,
      payload: {
        ticket_id: t.id, ticket_number: t.number, event_id: input.eventId, automatic: true, auto_reply: input.byMail !== null, links: [portalLink(t)], ...files,
      },
      dedupeKey: `customer-reply:${input.eventId}:${reader.id}`,
    });
  }
}

/**
 * One message to the requester and a copy to each contact copied on the ticket (ccs.ts), each
 * its own outbox row (its own dedupe key), threaded on the ticket alike; `extra` adds to one
 * reader's payload (their own links); `skip` names contacts not to write to (those reading it
 * live on the chat page). Nobody who left the customer (deactivated) is written to.
 */
export async function queueToReaders(
  tx: Db,
  t: TicketRow,
  m: Omit<OutboxMessage, 'recipient'> & { dedupeKey: string },
  { extra, skip, bodyFor }: {
    extra?: (reader: { id: string }) => Promise<Record<string, unknown>>; skip?: ReadonlySet<string>;
    /** The body as this reader reads it (its times in their zone); else `m.body` for all. */
    bodyFor?: (reader: MailReader) => string;
  } = {},
): Promise<void> {
  for (const reader of await readersOf(tx, t)) {
    if (skip?.has(reader.id)) continue;
    const payload = extra ? { ...m.payload, ...(await extra(reader)) } : m.payload;
    const body = bodyFor ? bodyFor(reader) : m.body;
    await queueMessage(tx, { ...m, body, payload, recipient: reader.email, dedupeKey: reader.cc ? `${m.dedupeKey}:cc:${reader.id}` : m.dedupeKey });
  }
}

/**
 * The ticket was solved: the customer is told, and how to reopen it. Each reader's message asks
 * how we did with two links of their own (rating-links.ts), which rate as them without signing in.
 */
export async function mailTicketResolved(tx: Db, t: TicketRow, input: { now: Temporal.Instant; closeAfterDays: number | null }): Promise<void> {
  // The window a reply reopens the ticket in (close-solved.ts), when the policy closes solved tickets.
  const within = input.closeAfterDays === null ? '' : ` within ${input.closeAfterDays} ${input.closeAfterDays === 1 ? 'day' : 'days'}`;
  const after = input.closeAfterDays === null ? '' : ' After that it is closed, and a reply opens a new request.';
  await queueToReaders(tx, t, {
    kind: 'ticket_resolved', createdAt: input.now,
    subject: `Re: ${ticketReference(t.number)} ${t.subject}`,
    body: `Case #${t.number} "${t.subject}" is solved. If it is not, reply to this message${within} and the case reopens.${after}\n\nHow did we do? Rate the support you had on this case with one of the links below (each opens a page to confirm, where you may add a comment), or in the support portal.`,
    payload: { ticket_id: t.id, ticket_number: t.number, automatic: true },
    dedupeKey: `resolved:${t.id}:${input.now.toString()}`,
  }, {
    extra: async (reader) => {
      const paths = ratingLinkPaths(await issueRatingLink(tx, { ticketId: t.id, contactId: reader.id, now: input.now }));
      return { links: [{ label: 'Good, I am satisfied', path: paths.good }, { label: 'Bad, I am not satisfied', path: paths.bad }, portalLink(t)] };
    },
  });
}

/**
 * The ticket has waited on the customer's reply for the policy's days (waiting-on-customer.ts):
 * they are asked again, and told when it is solved without an answer (the plan's time zone).
 * Automatic: it meets no promise.
 */
export async function mailWaitingReminder(tx: Db, policy: PolicyModel, t: TicketRow, input: { now: Temporal.Instant; since: Temporal.Instant; solvesAt: Temporal.Instant | null }): Promise<void> {
  const unless = (zone: string | null) => input.solvesAt
    ? ` If we have not heard from you by ${readerTime(input.solvesAt.epochMilliseconds, zone, zoneOf(policy, t))}, we will take it that the matter is settled and mark the case solved; a reply after that still reopens it.`
    : '';
  const body = (zone: string | null) => `We are waiting for your reply on case #${t.number} "${t.subject}": the last message on it asks you for something. Reply to this message to go on.${unless(zone)}`;
  await queueToReaders(tx, t, {
    kind: 'ticket_waiting_reminder', createdAt: input.now,
    subject: `Re: ${ticketReference(t.number)} ${t.subject}`,
    body: body(null),
    payload: { ticket_id: t.id, ticket_number: t.number, automatic: true, links: [portalLink(t)] },
    dedupeKey: `waiting-reminder:${t.id}:${input.since.toString()}`,
  }, { bodyFor: (reader) => body(reader.zone) });
}

/**
 * The ticket was merged into another that holds the same problem: its requester is told where
 * the conversation goes on. Automatic (it answers nothing the customer asked), so it meets no
 * promise. A reply in this thread is taken to the ticket merged into (email/match.ts).
 */
export async function mailTicketMerged(tx: Db, source: TicketRow, into: Pick<TicketRow, 'id' | 'number' | 'subject'>, input: { now: Temporal.Instant }): Promise<void> {
  const requester = (await readersOf(tx, source)).find((r) => !r.cc);
  if (!requester) return; // they left the customer: nobody to tell
  await queueMessage(tx, {
    kind: 'ticket_merged', recipient: requester.email, createdAt: input.now,
    subject: `Re: ${ticketReference(source.number)} ${source.subject}`,
    body: [
      `Your case #${source.number} "${source.subject}" is about the same matter as case #${into.number} "${into.subject}", so it was merged into it and closed.`,
      `We continue on case #${into.number}. Reply to this message to add to it; or keep ${ticketReference(Number(into.number))} in the subject.`,
    ].join('\n\n'),
    payload: {
      ticket_id: source.id, ticket_number: source.number, merged_into: into.id, merged_into_number: Number(into.number), automatic: true,
      links: [portalLink({ id: into.id, number: Number(into.number) })],
    },
    dedupeKey: `merged:${source.id}`,
  });
}
