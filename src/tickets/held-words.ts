// What the sender of a held request is told of why it was held and what to do, in the policy's
// words: at once when their mail is held for not being a named contact (email/held-sender.ts), and
// once when an agent dismisses their request (tellDismissed below). A request held and then set
// aside in silence would leave them waiting on a review they were told of ("Your request is kept
// for our support team to review"), so a real desk says it was not taken, and why.
import { queueMessage } from '../outbox/index.ts';
import type { Db } from '../platform/index.ts';
import { channelWords, possessive, quotedResponsibilities, type PolicyModel, type PolicyFile } from '../policy/index.ts';
import { arrivedWords } from './held-reason.ts';

/** The policy's own words on named contacts are quoted to the sender up to this long (a longer text is left out, not cut). */
const QUOTED_POLICY_MAX = 300;

/**
 * Why a contact who is not a named support contact had a request held, and whom at their
 * organization to ask: its active named contacts by name; none named, how they are changed, in the
 * policy's words only (OpenBack: "Any changes to the Named Support Contacts shall be submitted to
 * support@openback.com specifying the former and new contacts"), never a process of Accord's making.
 * `tense`: "is" while it waits, "was" once dismissed.
 */
export async function namedContactWords(
  tx: Db, policy: PolicyFile, org: { id: string; name: string }, tense: 'is' | 'was',
): Promise<{ paragraphs: string[]; named: number }> {
  const { rows: named } = await tx.query<{ name: string }>(
    'SELECT name FROM contacts WHERE organization_id = $1 AND named_contact AND deactivated_at IS NULL AND erased_at IS NULL ORDER BY name, id',
    [org.id],
  );
  const words = policy.contacts?.text?.replace(/\s+/g, ' ').trim() ?? '';
  // The clause the hold rests on (OpenBack: "Named Support Contacts are responsible for: (i)
  // reporting cases to OpenBack, ..."), quoted whatever its length: without it the quote above says
  // only that they are liaisons, not why someone else's request waits.
  const quoted = quotedResponsibilities(policy.contacts, words && words.length <= QUOTED_POLICY_MAX ? words : '');
  const changeProcess = policy.contacts?.change_process?.replace(/\s+/g, ' ').trim() ?? '';
  const names = named.map((n) => n.name);
  const listed = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
  return {
    named: names.length,
    paragraphs: [
      `It ${tense} held because ${possessive(policy.vendor.name)} support policy has cases reported by the named support contacts of ${org.name}, and you are not one of them.${quoted ? ` The policy says: ${quoted}` : ''}`,
      names.length > 0
        ? `The named support contact${names.length === 1 ? '' : 's'} of ${org.name} ${names.length === 1 ? 'is' : 'are'} ${listed}: you can ask ${names.length === 1 ? 'them' : 'one of them'} to report it.`
        : `${org.name} has not named a support contact yet.${changeProcess ? ` The policy says: “${changeProcess}”` : ''}`,
    ],
  };
}

/** A dismissed held request, as far as its sender's mail reads it; who made it (a contact, or an agent logging it). */
type Dismissed = {
  id: string; reasonCode: string; requesterId: string | null; channel: string; request: Record<string, unknown>; createdAt: Temporal.Instant;
  madeBy: { kind: string; id: string | null };
};

/**
 * The sender of a request an agent dismissed is told once that no case was opened for it, and why,
 * in the policy's words: not a named contact, the clause quoted and whom to ask; a channel the plan
 * lacks or that was closed, by its name. Only the contact who made the request themselves (one an
 * agent logged for them, a call, is the agent's to tell) and still here (not left, not erased). The
 * agent's note is the team's, never quoted. Times in their own zone, else the plan's, as their other mail.
 */
export async function tellDismissed(tx: Db, policy: PolicyModel, held: Dismissed, now: Temporal.Instant): Promise<void> {
  if (held.madeBy.kind !== 'contact' || !held.requesterId || held.madeBy.id !== held.requesterId) return;
  const { rows } = await tx.query<{ email: string; organization_id: string; organization: string; plan_id: string; time_zone: string | null }>(
    `SELECT c.email, c.organization_id, o.name AS organization, o.plan_id, c.time_zone FROM contacts c JOIN organizations o ON o.id = c.organization_id
     WHERE c.id = $1 AND c.deactivated_at IS NULL AND c.erased_at IS NULL`,
    [held.requesterId],
  );
  const to = rows[0];
  if (!to) return;
  const subject = typeof held.request.subject === 'string' && held.request.subject.trim() !== '' ? held.request.subject : null;
  const plan = policy.plans.get(to.plan_id);
  const sent = arrivedWords(policy.file, to.plan_id, to.time_zone, held.createdAt);
  const channel = channelWords(policy, held.channel, to.plan_id);
  const paragraphs = [`Our support team reviewed your request${subject ? ` "${subject}"` : ''} of ${sent}, which was held for review, and did not open a case for it.`];
  if (held.reasonCode === 'not_named_contact') {
    paragraphs.push(...(await namedContactWords(tx, policy.file, { id: to.organization_id, name: to.organization }, 'was')).paragraphs);
  } else if (held.reasonCode === 'channel_not_in_plan' && plan) {
    paragraphs.push(`It was held because it came by ${channel}, which the ${plan.name} plan does not include.`);
  } else if (held.reasonCode === 'channel_closed') {
    paragraphs.push(`It was held because it came by ${channel} while ${channel} was closed.`);
  }
  const id = await queueMessage(tx, {
    kind: 'held_dismissed', recipient: to.email, createdAt: now,
    subject: `No case opened: ${subject ?? `your request by ${channel}`}`,
    body: paragraphs.join('\n\n'),
    payload: { held_request_id: held.id, automatic: true },
    // Once for the request, whatever happens to the review after.
    dedupeKey: `held-dismissed:${held.id}`,
  });
  // A sender whose mail asked for no automatic answers (email/held-sender.ts: its "held" answer was kept,
  // not sent) is not written to now either: the answer is kept, unsent, with the same reason.
  const { rows: kept } = await tx.query<{ last_error: string | null }>(
    "SELECT last_error FROM outbox WHERE kind = 'held_receipt' AND payload->>'held_request_id' = $1 AND status = 'suppressed' LIMIT 1", [held.id]);
  if (id && kept[0]) await tx.query("UPDATE outbox SET status = 'suppressed', last_error = $2 WHERE id = $1 AND status = 'pending'", [id, kept[0].last_error]);
}
