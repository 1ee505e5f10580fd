// A regrade as the customer reads it, wherever they read it: its mail (regrade-mail.ts), the chat
// page and the chat's transcript (chat-transcript.ts) when they were on the chat page as it was made.
import { severityLabel, severityPhrase, severityPublished, type PolicyModel } from '../policy/index.ts';
import type { TicketRow } from './store.ts';

/**
 * A regrade as the customer reads it (its mail, the chat page, the chat's transcript): the level the
 * case now has and the one it had, by the policy's names, then the agent's reason. A level the
 * vendor never names to its customers (OPS-COM's "Not critical") is not named to them here either.
 */
export function regradeSaid(policy: PolicyModel, t: Pick<TicketRow, 'number' | 'subject'>, change: { from: number; to: number; reason: string }): [string, string] {
  const label = severityLabel(policy).toLowerCase();
  const was = severityPublished(policy, change.from) ? `; it was ${severityPhrase(policy, change.from)}` : '';
  const level = severityPublished(policy, change.to)
    ? `The ${label} of case #${t.number} "${t.subject}" is now ${severityPhrase(policy, change.to)}${was}.`
    : `The ${label} of case #${t.number} "${t.subject}" was changed${was}.`;
  return [level, `Reason: ${change.reason}`];
}

/**
 * A regrade read outside its mail (on the chat page; in the chat's transcript): who made it, what it
 * says, and where the times it now promises are (the mail gives them; these point to the case).
 */
export function regradeNotice(policy: PolicyModel, t: Pick<TicketRow, 'number' | 'subject'>, change: { from: number; to: number; reason: string }): string {
  return [`Support changed the ${severityLabel(policy).toLowerCase()}:`, ...regradeSaid(policy, t, change), 'What is now promised for it is on the case in the support portal.'].join('\n');
}
