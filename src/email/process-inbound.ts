// Processing one stored inbound message: claim it, parse it, decide what it becomes (decide-inbound.ts),
// act, record the outcome. A failure quarantines the message with its error; it is retried by an
// admin, and the messages behind it go on.
import { randomUUID } from 'node:crypto';
import { ConflictError, type Ctx, type Db } from '../platform/index.ts';
import { copyFromMail, emitMailFilesAdded } from '../tickets/index.ts';
import { tellHeldSender } from './held-sender.ts';
import { tellNotAdded, tellNotAddedOnReply } from './copied-not-added.ts';
import { classifyInbound } from './classify.ts';
import { contactActor, decide, type Route, type StoredAttachment } from './decide-inbound.ts';
import { subjectOf, type InboundStatus } from './decision.ts';
import { forwardTokenOf } from './forward.ts';
import { mailLoopHold } from './mail-loop.ts';
import { requestTypeOfMail } from './request-type-of-mail.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { parseEmail, type ParsedEmail } from './parse-message.ts';
import type { EmailSettings } from './settings.ts';

// Longer than processing one message takes; a worker that died mid-way leaves it to lapse.
const CLAIM = Temporal.Duration.from({ minutes: 5 });

export type { InboundStatus } from './decision.ts';
export type InboundResult = { id: string; status: InboundStatus; outcome: string; ticketId: string | null };

type Claimed = { id: string; raw: Uint8Array; envelope_from: string | null; envelope_to: string[] | null; received_at: Temporal.Instant };

async function claim(db: Db, id: string, now: Temporal.Instant): Promise<Claimed | null> {
  const { rows } = await db.query<Claimed>(
    `UPDATE inbound_messages SET status = 'processing', attempts = attempts + 1, claimed_until = $3, error = NULL
     WHERE id = $1 AND (status = 'received' OR (status = 'processing' AND claimed_until < $2))
     RETURNING id, raw, envelope_from, envelope_to, received_at`,
    [id, now, now.add(CLAIM)],
  );
  return rows[0] ?? null;
}

async function storeAttachments(tx: Db, inboundId: string, mail: ParsedEmail): Promise<StoredAttachment[]> {
  const out = [];
  for (const a of mail.attachments) {
    const id = randomUUID();
    // As stored (a name or type past 255 characters is cut), which is what webhooks name.
    const stored = { id, filename: a.filename?.slice(0, 255) ?? null, content_type: a.contentType.slice(0, 255), size: a.size };
    await tx.query('INSERT INTO inbound_attachments (id, inbound_id, filename, content_type, size, content) VALUES ($1, $2, $3, $4, $5, $6)', [
      id, inboundId, stored.filename, stored.content_type, a.size, a.content,
    ]);
    out.push(stored);
  }
  return out;
}

/**
 * Processes one stored message, if it is waiting (or its claim lapsed); null when another worker has it.
 * `released`: an admin processes it again (inbound-admin.ts), which takes it past the mail-loop limit.
 * @example
 * await processInbound({ ctx, settings, inboundId });
 */
export async function processInbound({ ctx, settings, inboundId, released = false }: { ctx: Ctx; settings: EmailSettings; inboundId: string; released?: boolean }): Promise<InboundResult | null> {
  const now = ctx.clock.now();
  const claimed = await claim(ctx.db, inboundId, now);
  if (!claimed) return null;
  const raw = Buffer.from(claimed.raw);
  try {
    const mail = await parseEmail(raw);
    const kind = classifyInbound(mail, claimed.envelope_from, raw.toString('latin1'), {
      addresses: [settings.supportAddress, ...settings.ownAddresses],
      domain: settings.domain,
    });
    const decision = await ctx.db.transaction(async (tx) => {
      // Stored first, so that a reply's webhook names them (replyOrNew).
      const attachments = kind.kind === 'person' ? await storeAttachments(tx, claimed.id, mail) : [];
      const recipients = [...(claimed.envelope_to ?? []), ...mail.to];
      const forwardToken = forwardTokenOf(recipients, settings);
      const policy = kind.kind === 'person' ? (await activePolicy(tx)).model.file : null;
      // Colleagues the customer copied (To, Cc): those who are contacts of the organization are copied on the ticket (below).
      const ours = (a: string) => a === settings.supportAddress || settings.ownAddresses.includes(a) || a.endsWith(`@${settings.domain}`);
      const copies = mail.to.filter((a) => !ours(a) && a !== mail.from?.toLowerCase());
      const route: Route = {
        requestType: policy ? requestTypeOfMail(policy, { envelope: claimed.envelope_to ?? [], headers: mail.to }, settings) : null,
        receivedAt: claimed.received_at, copies,
      };
      // A person's mail past the mail-loop limit is held before anything is done with it (mail-loop.ts).
      const loop = kind.kind === 'person' && !released
        ? await mailLoopHold(tx, { inboundId: claimed.id, from: mail.from, receivedAt: claimed.received_at, now, spam: kind.spam, forged: kind.forged }, settings.mailLoopLimit)
        : null;
      const d = loop ?? await decide(ctx, tx, mail, kind, now, claimed.id, settings.domain, attachments, forwardToken, route);
      // A request the policy held keeps the mail's files, as one held on the portal keeps those chosen
      // with it: the agent reviewing it sees them, and accepting it puts them on the ticket (tickets/held-requests.ts).
      if (d.status === 'held' && d.heldRequestId && attachments.length > 0) {
        await tx.query(
          `INSERT INTO held_request_files (id, held_request_id, filename, content_type, size, content, created_at)
           SELECT gen_random_uuid(), $2, coalesce(filename, 'attachment'), content_type, size, content, $3 FROM inbound_attachments WHERE id = ANY($1::uuid[])`,
          [attachments.map((a) => a.id), d.heldRequestId, now],
        );
        d.outcome += `; ${attachments.length === 1 ? 'its file is' : `its ${attachments.length} files are`} kept with the held request`;
      }
      // A contact held for not being a named support contact hears so at once, and whom to ask.
      if (d.status === 'held' && d.heldRequestId && kind.kind === 'person' && policy) {
        const told = await tellHeldSender(tx, policy, { inboundId: claimed.id, heldRequestId: d.heldRequestId, from: mail.from, subject: subjectOf(mail), now, suppressed: kind.suppressAutoReply ? kind.reason : null });
        if (told) d.outcome += `; ${told}`;
      }
      if (kind.kind === 'person' && kind.spam && d.status !== 'dismissed') {
        d.outcome += d.status === 'held' ? ` (also marked as spam where it came in: ${kind.spam})` : ` (marked as spam where it came in, ${kind.spam}; from a contact, so processed)`;
      }
      // Files that went onto the ticket with a person's words (an agent's forward: on their internal note) are not the mail's.
      if (d.status === 'created' && d.ticketId && d.eventId && !d.filesOnTicket) await emitMailFilesAdded(tx, { ticketId: d.ticketId, eventId: d.eventId, at: now, files: attachments });
      // Colleagues the customer copied (To, Cc) who are contacts of the organization are copied on the ticket.
      if ((d.status === 'created' || d.status === 'appended') && d.ticketId && d.sender) {
        // Written to with the request, they got its receipt too (its case number, what is promised), a copy of
        // their own saying whose request it is (createTicket's receiptCopies, from route.copies).
        const { copied, passedOver, former, firstTime, organization } = await copyFromMail(tx, { ticketId: d.ticketId, emails: copies, at: now, actor: contactActor(d.sender) });
        // Those not taken (no contact of the organization): the sender's receipt says so, and how to have them added;
        // a reply has no receipt: its sender is told in a note of its own, of those no earlier mail on the case copied.
        const told = d.status === 'created' && organization && policy
          ? await tellNotAdded(tx, { ticketId: d.ticketId, sender: d.sender.email, addresses: passedOver, former, organization, vendor: policy.vendor.name })
          : false;
        const toldOnReply = d.status === 'appended' && organization && policy && kind.kind === 'person'
          ? await tellNotAddedOnReply(tx, {
            inboundId: claimed.id, ticketId: d.ticketId, sender: d.sender.email, addresses: firstTime, former, organization,
            vendor: policy.vendor.name, now, suppressed: kind.suppressAutoReply ? kind.reason : null,
          })
          : null;
        if (copied.length > 0) d.outcome += `; copied ${copied.join(', ')} on it${d.status === 'created' ? ', with the receipt' : ''}`;
        if (passedOver.length > 0) d.outcome += `; not copied (no contact of the organization): ${passedOver.join(', ')}${told ? ', as the receipt says' : ''}${toldOnReply ? `; ${toldOnReply}` : ''}`;
      }
      // An agent's answer, or one in a side conversation: its files went onto the ticket with it, with
      // the answer's visibility (a note's, a side conversation's are the team's); kept as mail attachments too they would be listed, and handed, to
      // the customer as the mail's. The raw message keeps them for admins.
      if (d.filesOnTicket && attachments.length > 0) {
        await tx.query('DELETE FROM inbound_attachments WHERE inbound_id = $1', [claimed.id]);
        d.outcome += `; its ${attachments.length === 1 ? 'file went' : `${attachments.length} files went`} onto the ticket with it`;
      }
      if (d.eventId) {
        const named = d.filesOnTicket ? [] : attachments;
        const note = { email: { inbound_id: claimed.id, attachments: named.map((a) => ({ id: a.id, filename: a.filename, size: a.size })) } };
        await tx.query('UPDATE ticket_events SET data = data || $2::jsonb WHERE id = $1', [d.eventId, JSON.stringify(note)]);
      }
      // The sender asked for no automatic replies: the receipt is kept, marked, and not sent.
      if (d.status === 'created' && kind.kind === 'person' && kind.suppressAutoReply) {
        await tx.query(
          `UPDATE outbox SET status = 'suppressed', last_error = $2 WHERE kind = 'ticket_received' AND payload->>'ticket_id' = $1 AND status = 'pending'`,
          [d.ticketId, kind.reason],
        );
      }
      const { rows } = await tx.query(
        `UPDATE inbound_messages SET status = $2, outcome = $3, ticket_id = $4, outbox_id = $5, held_request_id = $6, processed_at = $7,
           message_id = $8, from_address = $9, subject = $10, automatic = $11, text_body = $12, html_sanitized = $13, claimed_until = NULL,
           side_conversation_id = $14, forged = $15
         WHERE id = $1 AND status = 'processing' RETURNING id`,
        [
          claimed.id, d.status, d.outcome.slice(0, 2000), d.ticketId ?? null, d.outboxId ?? null, d.heldRequestId ?? null, now,
          mail.messageId?.slice(0, 998) ?? null, mail.from?.slice(0, 320) ?? null, mail.subject.slice(0, 998),
          kind.kind === 'automatic' || kind.kind === 'bounce' || kind.kind === 'own' ? kind.reason : null,
          mail.text.slice(0, 1_000_000), mail.html?.slice(0, 1_000_000) ?? null, d.sideConversationId ?? null,
          // Its From failed DMARC: not counted toward that address's mail-loop hour (mail-loop.ts).
          kind.kind === 'person' && kind.forged,
        ],
      );
      if (rows.length === 0) throw new ConflictError('the message was taken over by another worker');
      return d;
    });
    ctx.logger.info({ inboundId, status: decision.status }, 'inbound mail processed');
    return { id: claimed.id, status: decision.status, outcome: decision.outcome, ticketId: decision.ticketId ?? null };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    await ctx.db.query(
      "UPDATE inbound_messages SET status = 'quarantined', error = $2, outcome = $3, claimed_until = NULL, processed_at = $4 WHERE id = $1 AND status = 'processing'",
      [claimed.id, error.slice(0, 2000), 'Quarantined: processing failed; an admin can read it and retry', now],
    );
    ctx.logger.warn({ inboundId, err: e }, 'inbound mail quarantined');
    return { id: claimed.id, status: 'quarantined', outcome: error, ticketId: null };
  }
}

/** Every waiting message (received, or claimed by a worker that died), oldest first, one at a time. */
export async function processWaitingInbound({ ctx, settings, limit = 100 }: { ctx: Ctx; settings: EmailSettings; limit?: number }): Promise<InboundResult[]> {
  const { rows } = await ctx.db.query<{ id: string }>(
    `SELECT id FROM inbound_messages WHERE status = 'received' OR (status = 'processing' AND claimed_until < $1)
     ORDER BY received_at, id LIMIT $2`,
    [ctx.clock.now(), limit],
  );
  const out: InboundResult[] = [];
  for (const { id } of rows) {
    const result = await processInbound({ ctx, settings, inboundId: id });
    if (result) out.push(result);
  }
  return out;
}
