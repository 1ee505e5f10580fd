// What the agent console's pages share: the names its pages show (agents, organizations and the
// team's notes about each, the channels tickets came by), an organization a filter names, and tags
// as typed in a form.
import { listAgents, listOrganizations } from '../../customers/index.ts';
import { InvalidInputError, type Ctx } from '../../platform/index.ts';
import { isUuid } from '../../platform/ids.ts';
import { channelName, filedName } from '../../policy/index.ts';
import { policyVersion } from '../../policy-versions/index.ts';
import { byIds, everyPage } from '../page-kit.ts';

type Came = { channel: string; plan: string; policyVersion: number; filedInPortal: boolean };

/**
 * How each of these tickets came in, as the policy version it runs on names its channel (OfficeSpace's
 * "Web Support": policy/channel-names.ts), a portal case filed as another kind saying so ("Email (filed
 * in the portal)", filedName); each version read once.
 */
export async function channelsNamed(ctx: Ctx, tickets: readonly Came[]): Promise<(t: Came) => string> {
  const versions = [...new Set(tickets.map((t) => t.policyVersion))];
  const runsOn = new Map(await Promise.all(versions.map(async (v) => [v, await policyVersion(ctx.db, v)] as const)));
  return (t) => filedName(channelName(runsOn.get(t.policyVersion)!, t.channel, t.plan), t.channel, t.filedInPortal);
}

/**
 * Every agent, and the organizations `orgIds` the page names (its tickets', a filter's): a desk has
 * thousands of customers, and a page reads only those it shows.
 */
export async function names(ctx: Ctx, orgIds: Iterable<string>) {
  const [agents, orgs] = await Promise.all([
    everyPage((c) => listAgents({ ctx, input: { limit: 200, ...c } })),
    byIds(orgIds, (ids) => listOrganizations({ ctx, input: { ids, limit: 200 } })),
  ]);
  return {
    agents, agentName: new Map(agents.map((a) => [a.id, a.name])), orgName: new Map(orgs.map((o) => [o.id, o.name])),
    // The team's notes about each customer (internal), shown on its tickets.
    orgNotes: new Map(orgs.filter((o) => o.notes).map((o) => [o.id, o.notes!])),
  };
}

/** How many names a refusal lists when the text typed is part of several organizations' names. */
const NAMES_LISTED = 10;

/**
 * The organization a filter's text names: an id as is (a link, a saved view), else the one called
 * exactly so (any case), else the only one whose name holds it (the finder suggests names as one
 * types; without scripts a part of the name will do). When it is none or several: what is wrong,
 * with the names it could be, said of the field.
 */
export async function findOrganizationNamed(ctx: Ctx, text: string | undefined): Promise<{ id?: string; problem?: string }> {
  const typed = text?.trim() ?? '';
  if (typed === '') return {};
  if (isUuid(typed)) return { id: typed };
  const called = (await listOrganizations({ ctx, input: { name: typed, limit: 2 } })).items;
  if (called.length === 1) return { id: called[0].id };
  if (called.length > 1) return { problem: `“${typed}” is the name of more than one organization: open the one you mean from its page (a ticket of theirs links to it)` };
  const holding = (await listOrganizations({ ctx, input: { q: typed, limit: NAMES_LISTED + 1 } })).items;
  if (holding.length === 1) return { id: holding[0].id };
  if (holding.length === 0) return { problem: `“${typed}” is no organization's name, nor part of one` };
  const listed = holding.slice(0, NAMES_LISTED).map((o) => o.name).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return { problem: `“${typed}” could be ${listed.join(', ')}${holding.length > NAMES_LISTED ? ' or more' : ''}: type one whole name` };
}

/** findOrganizationNamed, refused as invalid input naming `path` when it finds no one organization. */
export async function organizationNamed(ctx: Ctx, text: string | undefined, path = 'organization'): Promise<string | undefined> {
  const found = await findOrganizationNamed(ctx, text);
  if (found.problem) throw new InvalidInputError('No one organization has that name', [{ path, message: found.problem }]);
  return found.id;
}

/** organizationNamed for a form that must name one (a new contact's): refused too when it is empty. */
export async function requiredOrganization(ctx: Ctx, text: string | undefined, path = 'organization'): Promise<string> {
  const id = await organizationNamed(ctx, text, path);
  if (!id) throw new InvalidInputError('Which organization?', [{ path, message: "is required: the organization's name" }]);
  return id;
}

/** Tags as typed in a form: separated by spaces or commas (tickets/tags.ts checks each). */
export function tagsField(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,]+/).filter((t) => t !== '');
}
