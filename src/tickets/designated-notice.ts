// The people at the vendor designated to a customer organization (a policy feature marked
// designated_agent: OpenBack's Customer Success Manager, "the dedicated primary contact at
// OpenBack") hear of each new ticket from it: one mail each, queued with the ticket, so they can
// act as that contact. It tells the vendor's own people; it promises the customer nothing. The
// channel as the policy names it, a portal case filed as Email saying so ("by Email, filed in the portal").
import { agentsTakingMail, designationsOf } from '../customers/index.ts';
import { messageInsert } from '../outbox/index.ts';
import type { Actor, Ctx, Rows } from '../platform/index.ts';
import { channelWords, filedName, planName, severityName, type PolicyModel } from '../policy/index.ts';
import { deskLink, REPLY_ANSWERS } from './agent-notices.ts';
import { ticketReference } from './customer-mail.ts';
import type { Requester } from './intake-read.ts';
import type { TicketRow } from './store.ts';

/** The notices to queue with a new ticket: none unless its organization has designated people (then one read of their addresses). */
export async function designatedNotices(ctx: Ctx, policy: PolicyModel, t: TicketRow, requester: Requester, actor: Actor): Promise<Rows[]> {
  // On the plan the organization is on today (the ticket may be served on another while onboarding).
  const held = designationsOf(policy, { planId: requester.plan_id, designatedAgents: requester.designated_agents ?? {} }).filter((d) => d.agentId !== null);
  // The agent who opened the ticket knows of it already.
  const roles = new Map<string, string[]>();
  for (const d of held) if (!(actor.kind === 'agent' && actor.id === d.agentId)) roles.set(d.agentId!, [...(roles.get(d.agentId!) ?? []), d.featureName]);
  if (roles.size === 0) return [];
  // Those who have not turned this mail off (customers/mail-preferences.ts).
  const agents = { items: await agentsTakingMail(ctx.db, [...roles.keys()], 'designated_new_ticket') };
  return agents.items.map((agent) => messageInsert({
    kind: 'designated_notice', recipient: agent.email, createdAt: t.created_at,
    subject: `${ticketReference(t.number)} New ticket from ${requester.org_name}: ${t.subject}`,
    body: [
      `A new ticket from ${requester.org_name}, whose ${roles.get(agent.id)!.join(' and ')} you are:`,
      `#${t.number} "${t.subject}"\n${severityName(policy, t.severity)}, ${planName(policy, t.plan_id)} plan, by ${filedName(channelWords(policy, t.channel, t.plan_id), t.channel, t.filed_in_portal, 'sentence')}, from ${requester.email}.`,
      REPLY_ANSWERS,
    ].join('\n\n'),
    payload: { ticket_id: t.id, ticket_number: t.number, automatic: true, links: [deskLink(t)] },
    dedupeKey: `designated:${t.id}:${agent.id}`,
  }));
}
