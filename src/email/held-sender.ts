// A contact's own mail held because they are not a named support contact of their organization
// (OpenBack: named contacts are "responsible for (i) reporting cases"): the sender is told, once,
// that it is kept for review, why in the policy's words, and whom at their organization to ask.
import type { Db } from '../platform/index.ts';
import { queueMessage } from '../outbox/index.ts';
import { endedSentence, type PolicyFile } from '../policy/index.ts';
import { arrivedWords, heldReasonRead, namedContactWords } from '../tickets/index.ts';

/**
 * A contact's own mail, held because they are not a named support contact of their organization
 * (tickets/create-ticket.ts): they are told at once, once for the message, that it was received and
 * is held for the support team to review, why in the policy's words, and whom at their organization
 * to ask (its active named contacts by name; none named: how they are changed, by writing to the
 * the policy's change process, quoted). Nothing is promised that the policy does not say. Only to the active
 * contact who wrote it (not a request an agent forwarded for them): a stranger's mail, or a blocked
 * one's, is held or dismissed before any request is (a contact is never blocked: blocked-senders.ts);
 * automatic mail never gets here (classify.ts); the answer counts against the address's automatic
 * answers (deliver.ts: loops) and is kept unsent when the sender asked for none. Returns what the
 * message's outcome adds, or null.
 */
export async function tellHeldSender(
  tx: Db, policy: PolicyFile, input: { inboundId: string; heldRequestId: string; from: string | null; subject: string; now: Temporal.Instant; suppressed: string | null },
): Promise<string | null> {
  const { rows } = await tx.query<{
    reason_code: string; reason: string; actor_kind: string; actor_id: string | null; requester_id: string; channel: string; email: string; organization_id: string; organization: string;
    created_at: Temporal.Instant; time_zone: string | null; plan_id: string;
  }>(
    `SELECT h.reason_code, h.reason, h.actor_kind, h.actor_id, h.requester_id, h.channel, c.email, c.organization_id, o.name AS organization,
            h.created_at, c.time_zone, o.plan_id
     FROM held_requests h JOIN contacts c ON c.id = h.requester_id JOIN organizations o ON o.id = c.organization_id
     WHERE h.id = $1 AND c.deactivated_at IS NULL AND c.erased_at IS NULL`,
    [input.heldRequestId],
  );
  const held = rows[0];
  if (!held || !TOLD.has(held.reason_code) || held.channel !== 'email') return null;
  if (held.actor_kind !== 'contact' || held.actor_id !== held.requester_id || held.email !== input.from?.toLowerCase()) return null;
  const received = `We received your request "${input.subject}". It is held for our support team to review, and no case is open for it. It is kept: you need not send it again.`;
  // Email is not a channel their plan (or the policy) takes requests by: the refusal, in the
  // policy's names, says what to use instead (tickets/intake.ts channelRefusal), and the portal is linked.
  // A mail is read later: why in the past, with when it arrived in their zone, and what to use instead
  // as it stood then (a channel "answered now" then may not be when it is read: tickets/held-reason.ts).
  if (held.reason_code !== 'not_named_contact') {
    const why = heldReasonRead({ reasonCode: held.reason_code, reason: held.reason }, arrivedWords(policy, held.plan_id, held.time_zone, held.created_at));
    const id = await queueMessage(tx, {
      kind: 'held_receipt', recipient: held.email, createdAt: input.now,
      subject: `Received, held for review: ${input.subject}`,
      body: [received, endedSentence(why.said), ...(why.instead ? [`At that time: ${endedSentence(why.instead)}`] : [])].join('\n\n'),
      payload: { held_request_id: input.heldRequestId, automatic: true, auto_reply: true, links: [{ label: 'The support portal', path: '/portal' }] },
      dedupeKey: `held-sender:${input.inboundId}`,
    });
    return id ? await sent(tx, id, input.suppressed, `${held.email} was told it is held for review and what to use instead`) : null;
  }
  const why = await namedContactWords(tx, policy, { id: held.organization_id, name: held.organization }, 'is');
  const paragraphs = [received, ...why.paragraphs];
  const id = await queueMessage(tx, {
    // The held request's answer to its sender (the managers' notice is held_notice: tickets/hold-request.ts).
    kind: 'held_receipt', recipient: held.email, createdAt: input.now,
    subject: `Received, held for review: ${input.subject}`,
    body: paragraphs.join('\n\n'),
    // auto_reply: an automatic answer to their mail, counted against the address's (deliver.ts: loops).
    payload: { held_request_id: input.heldRequestId, automatic: true, auto_reply: true },
    // Once for the message: an admin processing it again (held again) tells them nothing new.
    dedupeKey: `held-sender:${input.inboundId}`,
  });
  if (!id) return null;
  return sent(tx, id, input.suppressed, `${held.email} was told it is held for review and ${why.named > 0 ? 'whom to ask' : 'that no one is named'}`);
}

/** The holds a mail's sender is told of: not a named contact; email not a channel their plan or the policy takes requests by. */
const TOLD = new Set(['not_named_contact', 'channel_not_in_plan', 'unknown_channel']);

/** The answer queued: kept unsent when the sender asked for no automatic answers; what the outcome adds. */
async function sent(tx: Db, id: string, suppressed: string | null, told: string): Promise<string> {
  if (!suppressed) return told;
  await tx.query("UPDATE outbox SET status = 'suppressed', last_error = $2 WHERE id = $1 AND status = 'pending'", [id, suppressed]);
  return `the sender's answer that it is held was kept, not sent: ${suppressed}`;
}
