// A contact's own requests the policy held (hold-request.ts), as their cases page lists them (QA
// 2026-12-07: told on the portal that their request "is kept for our support team to review", the
// sender found it nowhere afterwards, and could not see that it still waited). Listed while it waits
// for review, in the policy's words that held it (the reason the portal's held page gave, stored
// with it); once dismissed, that no case was opened, for DISMISSED_SHOWN_DAYS after the review (their
// mail said so too: held-words.ts tellDismissed). One accepted is the case it became, among their cases.
//
// Only the contact's own, and only those they made themselves: one an agent logged for them (a call)
// is the agent's to tell, as its dismissal is (tellDismissed). Not their colleagues': a held request
// is no case of the organization's. The policy would not open one from it (someone not a named
// contact, a channel the plan lacks), and its sender is asked to have a named contact report it
// (held-words.ts), which makes it the organization's case, seen by all; until then what they wrote
// is between them and the support team, as a mail of theirs held for review is.
import { ForbiddenError, type Ctx } from '../platform/index.ts';
import { activePolicy } from '../policy-versions/index.ts';
import { arrivedWords, heldReasonRead } from './held-reason.ts';

/** How long a dismissed request is still listed to its sender after the review (Accord's choice; no policy sets it). */
export const DISMISSED_SHOWN_DAYS = 30;
/** At most this many are listed, newest first. */
const SHOWN = 20;

export type MyHeldRequest = {
  id: string;
  /** Null when its words were erased (privacy/retention.ts). */
  subject: string | null;
  sentAt: Temporal.Instant;
  /** The channel it came by (its kind), and whether it was written on the portal's form (a case filed as Email). */
  channel: string;
  portal: boolean;
  /**
   * Why it was held, as the sender was told (refuse-request.ts refusedError), true when read: a
   * closed channel in the past, with when it arrived in their zone (held-reason.ts).
   */
  reason: string;
  status: 'held' | 'dismissed';
  /** When the team dismissed it; null while it waits. */
  reviewedAt: Temporal.Instant | null;
};

/** The signed-in contact's own held requests that wait for review or were dismissed lately, newest first. */
export async function listMyHeldRequests({ ctx }: { ctx: Ctx }): Promise<MyHeldRequest[]> {
  if (ctx.actor.kind !== 'contact') throw new ForbiddenError('a contact reads the requests of its own that were held');
  const since = ctx.clock.now().subtract({ hours: 24 * DISMISSED_SHOWN_DAYS });
  const [{ rows }, { model: policy }] = await Promise.all([ctx.db.query<{
    id: string; subject: string | null; portal: boolean; channel: string; reason_code: string; reason: string; status: 'held' | 'dismissed';
    reviewed_at: Temporal.Instant | null; created_at: Temporal.Instant; time_zone: string | null; plan_id: string;
  }>(
    `SELECT h.id, h.request->>'subject' AS subject, coalesce(h.request->>'portal' = 'true', false) AS portal, h.channel, h.reason_code, h.reason,
            h.status, h.reviewed_at, h.created_at, c.time_zone, o.plan_id
       FROM held_requests h JOIN contacts c ON c.id = h.requester_id JOIN organizations o ON o.id = h.organization_id
      WHERE h.organization_id = $1 AND h.requester_id = $2 AND h.actor_kind = 'contact' AND h.actor_id = $2
        AND (h.status = 'held' OR (h.status = 'dismissed' AND h.reviewed_at >= $3))
      ORDER BY h.created_at DESC, h.id DESC LIMIT $4`,
    [ctx.actor.organizationId, ctx.actor.id, since, SHOWN],
  ), activePolicy(ctx.db)]);
  return rows.map((r) => ({
    id: r.id, subject: r.subject && r.subject.trim() !== '' ? r.subject : null, sentAt: r.created_at, channel: r.channel, portal: r.portal,
    reason: heldReasonRead({ reasonCode: r.reason_code, reason: r.reason }, arrivedWords(policy.file, r.plan_id, r.time_zone, r.created_at)).said,
    status: r.status, reviewedAt: r.reviewed_at,
  }));
}
