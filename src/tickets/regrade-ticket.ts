// Regrading: a new severity with a reason. The clocks are re-projected from the opening, so time
// already used counts against the new targets; a regrade to a stricter time before the response
// owes it from the regrade instead (sla/regrade-start.ts). A closed ticket is final: regrading it
// would re-project clocks whose outcome is settled. Regraded into an after-hours rule while support
// is closed, it is due to on call at once (after-hours.ts regradedHandover; handover.ts hands it over).
// The customer is mailed the new level, the reason and its times once its clocks are re-projected (regrade-mail.ts).
import { regradedHandover } from './after-hours.ts';
import { ConflictError, InvalidInputError, type Actor } from '../platform/index.ts';
import { internalLinksOn, refuseLinksKeptOff } from './public-words.ts';
import { mailRegraded } from './regrade-mail.ts';
import { writeEvent } from './store.ts';
import type { ChangeScope } from './write-context.ts';

export async function applySeverity({ tx, ticket, now, policy, afterClocks }: ChangeScope, actor: Actor, severity: number, reason: string): Promise<void> {
  if (ticket.severity === severity) return;
  if (ticket.status === 'closed') throw new ConflictError('this ticket is closed; open a new ticket instead');
  if (!policy.severities.has(severity)) {
    throw new InvalidInputError('unknown severity', [{ path: 'severity', message: `must be one of ${[...policy.severities.keys()].join(', ')}` }]);
  }
  // The reason is shown to the customer.
  refuseLinksKeptOff(policy, actor, 'the reason for the regrade', [{ path: 'reason', text: reason }], actor.kind === 'contact' ? [] : await internalLinksOn(tx, policy, ticket.id));
  const from = ticket.severity;
  const eventId = await writeEvent(tx, { ticketId: ticket.id, at: now, actor, type: 'regraded', visibility: 'public', body: reason, data: { from, to: severity } });
  await tx.query('UPDATE tickets SET severity = $2 WHERE id = $1', [ticket.id, severity]);
  ticket.severity = severity;
  const handover = regradedHandover(policy, ticket, now);
  if (handover) {
    await tx.query('UPDATE tickets SET handover_at = $2 WHERE id = $1', [ticket.id, handover]);
    ticket.handover_at = handover;
  }
  afterClocks((t) => mailRegraded(tx, policy, t, { eventId, from, reason, now, toOnCall: handover !== null }));
}
