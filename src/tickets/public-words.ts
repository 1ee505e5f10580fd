// What the vendor's people write that the customer reads on their ticket (a reply, the reason for a
// regrade, the subject and description of a ticket opened for them) carries no link the policy
// keeps off tickets (OPS-COM: "never link a sentry issue directly to a client's ticket"). A
// customer's own words are never refused.
//
// Where the policy says links on tickets are never public (escalation.internal_links.never_public),
// the engineering links recorded on the ticket (link-ticket.ts; OPS-COM's JIRA issue) are internal
// too: a public text linking to their host is refused as well, with the merged tickets' links.
import { InvalidInputError, type Actor, type Db } from '../platform/index.ts';
import { forbiddenLinksInText, type PolicyModel } from '../policy/index.ts';
import { withMergedHere } from './store.ts';

/** The internal links recorded on a ticket (and the tickets merged into it), where the policy keeps them off public words. */
export async function internalLinksOn(tx: Db, policy: PolicyModel, ticketId: string): Promise<string[]> {
  return policy.file.escalation?.internal_links?.never_public ? linksOn(tx, ticketId) : [];
}

/** The links recorded on a ticket (link-ticket.ts) and on the tickets merged into it. */
export async function linksOn(tx: Db, ticketId: string): Promise<string[]> {
  const { rows } = await tx.query<{ url: string }>(
    `${withMergedHere('$1')} SELECT e.data->>'url' AS url FROM ticket_events e JOIN here ON e.ticket_id = here.id WHERE e.type = 'link_added' AND e.data ? 'url'`,
    [ticketId],
  );
  return rows.map((r) => r.url);
}

/** Refuses, naming each field and link, words of the vendor's people that link to what the policy keeps off tickets (and to the hosts of `internal` links). */
export function refuseLinksKeptOff(policy: PolicyModel, actor: Actor, what: string, fields: ReadonlyArray<{ path: string; text: string | null | undefined }>, internal: readonly string[] = []): void {
  if (actor.kind === 'contact') return;
  const details = fields.flatMap((f) => (f.text ? forbiddenLinksInText(policy, f.text, internal).map((x) => ({ path: f.path, message: `${x.url}: ${x.reason}` })) : []));
  if (details.length > 0) throw new InvalidInputError(`${what} links to something the policy keeps off tickets`, details);
}
