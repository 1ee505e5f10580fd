// What the agent console's pages share: the names its pages show (agents, organizations and the
// team's notes about each) and tags as typed in a form.
import { listAgents, listOrganizations } from '../../customers/index.ts';
import type { Ctx } from '../../platform/index.ts';
import { everyPage } from '../page-kit.ts';

/**
 * Every agent, and every organization (a desk has more customers than one page of 200: the queue
 * filters by any), or only the organizations `orgIds` when the page names no others (a ticket's).
 */
export async function names(ctx: Ctx, orgIds?: readonly string[]) {
  const [agents, orgs] = await Promise.all([
    everyPage((c) => listAgents({ ctx, input: { limit: 200, ...c } })),
    orgIds === undefined
      ? everyPage((c) => listOrganizations({ ctx, input: { limit: 200, ...c } }))
      : orgIds.length ? listOrganizations({ ctx, input: { ids: [...orgIds].slice(0, 200), limit: 200 } }).then((p) => p.items) : Promise.resolve([]),
  ]);
  return {
    agents, agentName: new Map(agents.map((a) => [a.id, a.name])), orgName: new Map(orgs.map((o) => [o.id, o.name])),
    // The team's notes about each customer (internal), shown on its tickets.
    orgNotes: new Map(orgs.filter((o) => o.notes).map((o) => [o.id, o.notes!])),
  };
}

/** Tags as typed in a form: separated by spaces or commas (tickets/tags.ts checks each). */
export function tagsField(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,]+/).filter((t) => t !== '');
}
