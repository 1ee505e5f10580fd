// What the vendor's people write that the customer reads on their ticket (a reply, the reason for a
// regrade, the subject and description of a ticket opened for them) carries no link the policy
// keeps off tickets (OPS-COM: "never link a sentry issue directly to a client's ticket"). A
// customer's own words are never refused.
import { InvalidInputError, type Actor } from '../platform/index.ts';
import { forbiddenLinksInText, type PolicyModel } from '../policy/index.ts';

/** Refuses, naming each field and link, words of the vendor's people that link to what the policy keeps off tickets. */
export function refuseLinksKeptOff(policy: PolicyModel, actor: Actor, what: string, fields: ReadonlyArray<{ path: string; text: string | null | undefined }>): void {
  if (actor.kind === 'contact') return;
  const details = fields.flatMap((f) => (f.text ? forbiddenLinksInText(policy, f.text).map((x) => ({ path: f.path, message: `${x.url}: ${x.reason}` })) : []));
  if (details.length > 0) throw new InvalidInputError(`${what} links to something the policy keeps off tickets`, details);
}
