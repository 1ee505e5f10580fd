// Mail from agents (docs/adr/0022): an answer to a notice Accord sent them about a ticket, which
// goes on the ticket as their reply or internal note, and a customer's mail forwarded to their own
// forwarding address, which opens a ticket for that customer. The ticket verbs decide, with the
// agent as the actor, exactly as on the desk.
import { queueMessage } from '../outbox/index.ts';
import { ConflictError, ForbiddenError, InvalidInputError, type Actor, type Ctx, type Db } from '../platform/index.ts';
import { addNote, addReply, checkFiles, createTicket, deskLink, statusNotificationOwed, updateTicket } from '../tickets/index.ts';
import { isForwardingTokenOf } from '../customers/index.ts';
import { chosenFiles, heldReason, refusal, SUBJECT_MAX, TEXT_MAX, textOf, type Decision } from './decision.ts';
import { forwardedMessage } from './forward.ts';
import { senderAgent, senderContact, type AgentAnswer } from './match.ts';
import type { ParsedEmail } from './parse-message.ts';
import { withoutSignature } from './reply-text.ts';
import { localText } from '../sla/index.ts';
import { possessive } from '../policy/index.ts';
import { policyVersion } from '../policy-versions/index.ts';

/**
 * A customer's mail an agent forwarded to their own forwarding address (docs/adr/0022): a ticket
 * for the customer who wrote it, opened by the agent on the email channel, with what the agent
 * wrote above it, and the mail's files, as an internal note. Only from that agent's own address;
 * only for a contact.
 */
export async function forwardedByAgent(ctx: Ctx, tx: Db, mail: ParsedEmail, forged: boolean, token: string): Promise<Decision> {
  const agent = await senderAgent(tx, mail.from);
  if (!agent || forged || !(await isForwardingTokenOf(tx, agent.id, token))) {
    return { status: 'held', outcome: `Held for review: sent to an agent's forwarding address, but not from that agent's own address (from ${mail.from ?? 'no one'}${forged ? ', which failed DMARC' : ''})` };
  }
  const original = await forwardedMessage(mail);
  if (!original) return { status: 'held', outcome: `Held for review: ${agent.name} sent it to their forwarding address, but it holds no forwarded message: forward the customer's mail itself` };
  const contact = await senderContact(tx, original.from);
  if (!contact) {
    return { status: 'held', outcome: `Held for review: forwarded by ${agent.name}, written by ${original.from ?? 'a sender the forward does not name'}, who is not a contact of any organization: add them, then process it again` };
  }
  const actor: Actor = { kind: 'agent', id: agent.id, role: agent.role };
  const agentCtx = { ...ctx, db: tx, actor };
  // The files of the agent's mail are the team's, with their note: the agent's own cannot be told
  // from the customer's in a forward (and the customer has theirs), so none is shown to the customer.
  // Checked before anything is written: refused, nothing is opened.
  const files = chosenFiles(mail);
  try {
    checkFiles(files);
    const ticket = await createTicket({
      ctx: agentCtx,
      input: { requesterId: contact.id, subject: (original.subject || '(no subject)').slice(0, SUBJECT_MAX), description: (original.text || '(no text; see the attached files)').slice(0, TEXT_MAX), channel: 'email' },
      options: { customersWords: true },
    });
    const note = withoutSignature(original.note).slice(0, TEXT_MAX).trim();
    if (note || files.length > 0) {
      await addNote({ ctx: agentCtx, input: { ticketId: ticket.id, body: note || '(the files of the forwarded mail)', ...(files.length > 0 ? { files } : {}) } });
    }
    const { rows } = await tx.query<{ id: string }>("SELECT id FROM ticket_events WHERE ticket_id = $1 AND type = 'created'", [ticket.id]);
    const words = note ? ', with their words above it as an internal note' : '';
    return {
      status: 'created', outcome: `Forwarded by ${agent.name}: opened ticket #${ticket.number} for ${contact.email}${words}`, ticketId: ticket.id, eventId: rows[0]?.id ?? null,
      filesOnTicket: files.length > 0,
    };
  } catch (e) {
    if (e instanceof ForbiddenError && e.recorded) {
      const held = e.details.find((d) => d.path === 'heldRequestId')?.message ?? null;
      return { status: 'held', outcome: `Forwarded by ${agent.name} for ${contact.email}, held for review (the policy refused it): ${heldReason(e)}`, heldRequestId: held };
    }
    if (e instanceof InvalidInputError) return { status: 'held', outcome: `Held for review: forwarded by ${agent.name} for ${contact.email}, but refused: ${refusal(e)}` };
    throw e;
  }
}

// What the answer's first line may ask, when it holds nothing else: #note (an internal note,
// whatever the notice was), #solved or #pending (the status the ticket takes with it: solved, or
// waiting on the customer). A first line with anything else ("#1 on my list") is the answer's text.
const COMMANDS: Record<string, { note?: true; status?: 'solved' | 'pending_customer' }> = {
  '#note': { note: true }, '#solved': { status: 'solved' }, '#pending': { status: 'pending_customer' },
};

// `#eta` with a date and time ("#eta 2026-12-03 02:00", in the agent's time zone; or an instant with
// its offset) gives the customer the estimated time to resolution with the reply, as the desk's ETA
// field does (OPS-COM: "This notification will include an estimated time to resolution"). It ends
// the first line. An agent with no zone of their own reads the notice they answer in the zone of the
// ticket's plan's hours (after-hours.ts owedText, sweep.ts: "by Sun Dec 6 2026 12:10 AM EST"), so
// their #eta is read in that zone too (answerZone), not UTC: on call typing the EST time they were
// given would otherwise tell the customer a time five hours off, or be refused as past.
const ETA = /(?:^|\s)#eta(?:\s+(.*?))?\s*$/i;

/** The instant an agent's `#eta` names, in their time zone; null when it names none. */
export function etaOf(text: string, zone: string): Temporal.Instant | null {
  // "2026-12-03 02:00", "2026-12-03T02:00", "... UTC" or "... Z", "... +01:00": one ISO text.
  const t = text.trim().replace(/\s*UTC$/i, 'Z').replace(/\s+/, 'T').replace(/\s+/g, '');
  try {
    return Temporal.Instant.from(t);
  } catch {
    try {
      return Temporal.PlainDateTime.from(t).toZonedDateTime(zone).toInstant();
    } catch {
      return null;
    }
  }
}

/** The commands of the answer's first line, and the text below it. */
export function answerCommands(text: string): { note: boolean; status: 'solved' | 'pending_customer' | null; eta: string | null; body: string } {
  const [first, ...rest] = text.split('\n');
  const eta = ETA.exec(first);
  const words = first.slice(0, eta ? eta.index : undefined).trim().toLowerCase().split(/\s+/).filter(Boolean);
  if ((words.length === 0 && !eta) || !words.every((w) => w in COMMANDS)) return { note: false, status: null, eta: null, body: text };
  const asked = words.map((w) => COMMANDS[w]);
  return { note: asked.some((c) => c.note), status: asked.findLast((c) => c.status)?.status ?? null, eta: eta ? (eta[1] ?? '') : null, body: rest.join('\n').trim() || '(no text)' };
}

/**
 * An agent's answer by mail, as they would write it on the desk: the ticket verbs decide, with the
 * agent as the actor. Refused (a closed ticket, a link the policy keeps off tickets, files too
 * large), nothing reaches the ticket or the customer: the message is held and the agent is told why.
 */
export async function answerAsAgent(ctx: Ctx, tx: Db, mail: ParsedEmail, answer: AgentAnswer, inboundId: string, receivedAt?: Temporal.Instant): Promise<Decision> {
  const { agent, ticket } = answer;
  const actor: Actor = { kind: 'agent', id: agent.id, role: agent.role };
  const { note, status, eta: etaText, body } = answerCommands(withoutSignature(textOf(mail, true)));
  const as = note ? 'note' : answer.as;
  const files = chosenFiles(mail);
  const input = { ticketId: ticket.id, body, ...(files.length > 0 ? { files } : {}) };
  const about = ticket.mergedFrom ? `, about #${ticket.mergedFrom.number}, merged into it` : '';
  try {
    const agentCtx = { ...ctx, db: tx, actor };
    const { zone, own } = await answerZone(tx, agent.id, ticket.id);
    const eta = etaText === null ? null : etaOf(etaText, zone);
    if (etaText !== null && eta === null) {
      const which = own ? 'your time zone' : 'the time zone of the mail about this ticket';
      throw new InvalidInputError('the #eta is not a date and time', [{ path: 'eta', message: `"${etaText}" is not a date and time: write #eta 2026-12-31 17:00 (${which}, ${zone})` }]);
    }
    if (eta && as === 'note') throw new InvalidInputError('an estimated time to resolution is told to the customer', [{ path: 'eta', message: 'goes with a reply, not with #note' }]);
    // A note takes no status with it: the status is changed after it, as on the desk.
    const event = as === 'note'
      ? await addNote({ ctx: agentCtx, input, at: receivedAt })
      : await addReply({ ctx: agentCtx, input: { ...input, ...(status ? { status } : {}), ...(eta ? { eta: eta.toString() } : {}) }, at: receivedAt });
    if (as === 'note' && status) await updateTicket({ ctx: agentCtx, input: { ticketId: ticket.id, status }, at: receivedAt });
    if (as === 'reply' && !eta) await stillOwedEta(agentCtx, ticket, agent, zone);
    const what = as === 'note' ? 'internal note' : 'reply to the customer';
    const then = `${eta ? `, with the estimated time to resolution ${eta.toString()}` : ''}${status ? `; the ticket is ${status === 'solved' ? 'solved' : 'waiting on the customer'}` : ''}`;
    return { status: 'appended', outcome: `Added to ticket #${ticket.number} as ${possessive(agent.name)} ${what} (answering the mail Accord sent them about it${about})${then}`, ticketId: ticket.id, eventId: event.id, filesOnTicket: true };
  } catch (e) {
    if (!(e instanceof ConflictError || e instanceof InvalidInputError || e instanceof ForbiddenError)) throw e;
    const reason = refusal(e);
    await queueMessage(tx, {
      kind: 'agent_answer_refused', recipient: agent.email, createdAt: ctx.clock.now(),
      subject: `[#${ticket.number}] Your answer was not added: ${ticket.subject}`.slice(0, 998),
      body: `Your mail answering ticket #${ticket.number} "${ticket.subject}" was not added to it: ${reason}.\n\nNothing was sent to the customer. Answer on the desk; your mail is kept with the messages held for review.`,
      payload: { ticket_id: ticket.id, ticket_number: ticket.number, automatic: true, links: [deskLink(ticket)] },
      dedupeKey: `answer-refused:${inboundId}`,
    });
    return { status: 'held', outcome: `Held: ${agent.name} answered ticket #${ticket.number} by mail${about}, but it was refused: ${reason}; they were told, and nothing reached the customer`, ticketId: ticket.id };
  }
}

/** The zone an agent's mailed answer is read and told in: their own, else the ticket's plan's hours' zone, as the mail to them gives times. */
async function answerZone(tx: Db, agentId: string, ticketId: string): Promise<{ zone: string; own: boolean }> {
  const { rows: [r] } = await tx.query<{ time_zone: string | null; plan_id: string; policy_version: number }>(
    'SELECT a.time_zone, t.plan_id, t.policy_version FROM agents a, tickets t WHERE a.id = $1 AND t.id = $2', [agentId, ticketId]);
  if (r?.time_zone) return { zone: r.time_zone, own: true };
  if (!r) return { zone: 'UTC', own: false };
  const policy = await policyVersion(tx, r.policy_version);
  return { zone: policy.calendars.get(policy.plans.get(r.plan_id)?.calendar ?? '')?.time_zone ?? 'UTC', own: false };
}

/**
 * OPS-COM: "a status notification will be sent to you within 1 hour for Critical issues. This
 * notification will include an estimated time to resolution." A public reply meets the status
 * notification unless it must carry an ETA (sla/clocks.ts): whether the agent's mailed reply left it
 * owed is decided where the desk's reply form and the API decide it (tickets/eta-owed.ts). On call
 * answers by mail ("This support is provided by email"), away from the desk's reply form, so they are
 * told at once, by mail, with the time it falls due in their zone (or fell due: missed, still owed).
 */
async function stillOwedEta(ctx: Ctx, ticket: AgentAnswer['ticket'], agent: AgentAnswer['agent'], zone: string): Promise<void> {
  const now = ctx.clock.now();
  // Only the status notification is owed by this reply, as the API's answer says (http/reply-owed.ts).
  const owed = await statusNotificationOwed(ctx, ticket.id);
  if (!owed) return;
  const at = owed.due ? localText(owed.due.epochMilliseconds, zone) : null;
  const due = !at ? '' : Temporal.Instant.compare(owed.due!, now) <= 0 ? ` (it fell due ${at})` : ` by ${at}`;
  await queueMessage(ctx.db, {
    kind: 'agent_answer_no_eta', recipient: agent.email, createdAt: now,
    subject: `[#${ticket.number}] The status notification is still owed: ${ticket.subject}`.slice(0, 998),
    body: `Your reply on ticket #${ticket.number} "${ticket.subject}" went to the customer with no estimated time to resolution, so it is not the status notification: that is still owed${due}, and it includes one.\n\nAnswer this message with #eta and a date and time (2026-12-31 17:00, in your time zone) on the first line, and your reply below it.`,
    payload: { ticket_id: ticket.id, ticket_number: ticket.number, automatic: true, links: [deskLink(ticket)] },
    dedupeKey: `no-eta:${ticket.id}:${now.toString()}:${agent.id}`,
  });
}
