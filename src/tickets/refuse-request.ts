// A request the policy refuses at intake (create-ticket.ts): why (a contact not named, a channel
// the plan lacks or that is closed), kept for an agent to review in a transaction of its own, so it
// outlives the refusal, and the refusal said to whoever asked: the customer what to do and that it
// is kept; an agent logging a call, that it is held, in the desk's terms.
import { ForbiddenError, parseInput, type Ctx } from '../platform/index.ts';
import { channelWords, filedName, possessive, type PolicyModel } from '../policy/index.ts';
import { namedOnlyWords } from './named-only.ts';
import { servedOnText } from './served-words.ts';
import { holdRequest } from './hold-request.ts';
import { arrivedWords, heldReasonRead } from './held-reason.ts';
import { channelRefusal, type entitlement, type Refusal } from './intake.ts';
import { Files, type CreateTicketInput, type FileInput } from './schemas.ts';
import type { Requester } from './intake-read.ts';

/**
 * Keeps the refused request (with its files) and returns the error to throw. The managers' notice
 * names the channel as the policy does and, for a portal case filed as Email, says it was filed
 * there ("by Email, filed in the portal"), not as if a mail came.
 */
export async function holdRefused(
  ctx: Ctx, policy: PolicyModel,
  input: { requester: Requester; servedPlan: string; channel: string; data: CreateTicketInput; refusal: Refusal; now: Temporal.Instant; portal: boolean; files: readonly FileInput[] },
): Promise<ForbiddenError> {
  const { requester, channel, refusal, portal } = input;
  const held = await ctx.db.transaction((tx) => holdRequest(tx, {
    actor: ctx.actor, requesterId: requester.id, organizationId: requester.organization_id, channel,
    channelName: filedName(channelWords(policy, channel, input.servedPlan), channel, portal, 'sentence'),
    request: { ...input.data, ...(portal ? { portal: true } : {}) }, refusal, now: input.now, files: parseInput(Files, input.files),
    // A mail is read later: a closed channel said in the past, with when it arrived in the plan's zone.
    noticeReason: heldReasonRead({ reasonCode: refusal.code, reason: refusal.message }, arrivedWords(policy.file, input.servedPlan, null, input.now)).said,
  }));
  return refusedError(refusal, held.id, ctx.actor.kind === 'agent');
}

export function refusalOf(policy: PolicyModel, requester: Requester, served: ReturnType<typeof entitlement>, request: { channel: string; severity: number; at: number; byAgent: boolean }): Refusal | null {
  // Named Support Contacts report cases (named-only.ts). Said as to the customer whoever asks: an
  // integration's agent token passes the answer on to them (test/customers/plan-named-contacts.test.ts).
  const notNamed = namedOnlyWords(policy, requester);
  if (notNamed) return { code: 'not_named_contact', message: notNamed };
  // A channel (and its hours) is one of the plan the support is given on: OpenBack's customer not yet
  // onboarded gets "only Standard Support" (Growth), without the phone its own Pro plan has.
  const refusal = channelRefusal(policy, { planId: served.plan, channelKind: request.channel, severity: request.severity, at: request.at, takenByAgent: request.byAgent, readerZone: requester.requester_zone });
  const why = refusal ? servedOnText(policy, served, `${possessive(requester.org_name)} requests are`) : null;
  if (!refusal || !why) return refusal;
  return { ...refusal, message: `${refusal.message}. ${why}`, ...(refusal.desk ? { desk: `${refusal.desk}. ${why}` } : {}) };
}

/**
 * The refusal said to whoever made the request: the customer is told what to do and that their
 * request is kept; an agent logging a call for a plan without phone is told it is held, and why in
 * the desk's terms (the plans that have it), not sent to the channels a customer would be.
 */
function refusedError(refusal: Refusal, heldId: string, toAgent: boolean): ForbiddenError {
  const desk = toAgent ? refusal.desk : undefined;
  const message = desk
    ? `Held for review (held request ${heldId}): ${desk}.`
    : `${refusal.message}. Your request is kept for our support team to review (held request ${heldId}).`;
  const error = new ForbiddenError(message, [
    { path: refusal.code === 'not_named_contact' ? 'requesterId' : 'channel', message: desk ? desk.charAt(0).toUpperCase() + desk.slice(1) : refusal.message },
    { path: 'heldRequestId', message: heldId },
  ]);
  // The held request committed; the idempotency layer must not undo it (http/idempotency.ts).
  error.recorded = true;
  return error;
}

