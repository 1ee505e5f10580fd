// What an agent's public reply over the API leaves owed, said in its answer as the agent's reply form
// says it on the desk (tickets/eta-owed.ts: what is owed, decided once for both), never a refusal.
//
// OPS-COM, after hours: "a status notification will be sent to you within 1 hour for Critical issues.
// This notification will include an estimated time to resolution." Only a public reply with an `eta`
// meets that clock (sla/clocks.ts); one without is taken (on call may have to ask a question before
// any ETA can be given), and the answer's `still_owed` names the notification, by when, and that it
// needs an ETA, so that an integration does not take the reply for the notification.
import type { Ctx } from '../platform/index.ts';
import { STATUS_NOTIFICATION_STILL_OWED, statusNotificationOwed } from '../tickets/index.ts';

export type StillOwed = { notification: 'status_notification'; due: Temporal.Instant | null; requires: 'eta'; message: string };

export const StillOwedSchema = {
  type: ['object', 'null'],
  description: "agents' replies: what the reply did not send that the policy still owes the customer; null: nothing "
    + '(always for a contact). OPS-COM: a reply without an eta, after hours on a critical case, is not the status notification, '
    + 'which "will include an estimated time to resolution"',
  required: ['notification', 'due', 'requires', 'message'],
  properties: {
    notification: { type: 'string', enum: ['status_notification'], description: 'the clock still running (its metric)' },
    due: { type: ['string', 'null'], format: 'date-time', description: 'when it falls due' },
    requires: { type: 'string', enum: ['eta'], description: 'what a reply must carry to send it' },
    message: { type: 'string' },
  },
} as const;

/** After an agent's reply on `ticketId`: the status notification it left owed, or null. */
export async function stillOwedAfterReply(ctx: Ctx, ticketId: string): Promise<StillOwed | null> {
  if (ctx.actor.kind !== 'agent') return null;
  const owed = await statusNotificationOwed(ctx, ticketId);
  if (!owed) return null;
  return { notification: 'status_notification', due: owed.due, requires: 'eta', message: STATUS_NOTIFICATION_STILL_OWED };
}
