// The customer is told when an agent marks their case not covered by support, or covered again
// (set-coverage.ts), in the policy's words (coverage-words.ts).
import type { Db } from '../platform/index.ts';
import type { PolicyModel } from '../policy/index.ts';
import { queueToReaders, ticketReference, portalLink } from './customer-mail.ts';
import { targetsOf } from './round-the-clock.ts';
import { ticketHasSla } from './sla-applies.ts';
import { notCoveredText } from './coverage-words.ts';
import type { Coverage, TicketRow } from './store.ts';

/**
 * An agent marked the case not covered, or covered again (`coverage` null, `before` what it was):
 * its requester and the people copied are told once (the dedupe key is the timeline event's). A
 * mark that changes nothing (the same exclusion again, covered when it was) tells nobody.
 */
export async function mailCoverageChanged(
  tx: Db,
  policy: PolicyModel,
  t: TicketRow,
  input: { eventId: string; coverage: Coverage | null; before: Coverage | null; now: Temporal.Instant },
): Promise<void> {
  const { coverage, before } = input;
  if (coverage === null ? before === null : before !== null && before.kind === coverage.kind && before.id === coverage.id) return;
  const covered = { ...t, coverage: null };
  // Its times: only where the policy gives its level any (OpenKey's Tier 1 has none) and its request type is under the SLA.
  const timed = ticketHasSla(policy, covered) && targetsOf(policy, covered).targets.length > 0;
  const body = coverage
    ? [
      // Its times stop (sla-applies.ts), if it had any: not when it was not covered already for another reason.
      `Case #${t.number} "${t.subject}" is marked not covered${timed && before === null ? ': its target times no longer apply' : ''}.`,
      notCoveredText(policy, coverage),
    ]
    : [`Case #${t.number} "${t.subject}" is covered by our support after all${timed ? ': the target times of our support policy apply to it' : ''}.`];
  await queueToReaders(tx, t, {
    kind: 'ticket_coverage', createdAt: input.now,
    subject: `Re: ${ticketReference(t.number)} ${t.subject}`,
    body: [...body, `Reply to this message to add to case #${t.number}.`].join('\n\n'),
    payload: { ticket_id: t.id, ticket_number: t.number, event_id: input.eventId, automatic: true, links: [portalLink(t)] },
    dedupeKey: `coverage:${input.eventId}`,
  });
}
