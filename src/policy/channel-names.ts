// How a ticket came in, as people read it: by the name the vendor gives its channel of that kind
// (OfficeSpace's "Web Support", "Email Support", "Phone Support"; OPS-COM's "Online support ticket",
// "Telephone Support"; OpenKey's "OpenKey Support page", "Customer Assistance"), on the desk's and
// the portal's pages, the exports and the mail to the vendor's people. A ticket records the kind it
// came by (web, email, phone, chat, api), not one of the policy's channels: the name is the policy's
// channel of that kind, the ticket's plan's first where the policy has more than one (OpenKey's two
// phone lines: "Customer Assistance", its first; OpenMethods' web: "Customer Care", not its Status
// Page), else the policy's first. Accord's plain label only where the policy has no channel of that
// kind that a request comes by: the API (the vendor's own integrations), a kind it lacks
// (OfficeSpace has no chat), and a channel the vendor lists only to be read (offered_instead: false,
// OpenBack's "Documentation | https://docs.openback.com/"): a case filed on the portal did not come
// through the documentation, and "Channel: Documentation" would say it did. Kinds stay kinds
// wherever a machine reads them (API, webhooks, filters' values).
import type { PolicyModel } from './model.ts';
import type { PolicyFile } from './schema.ts';

type Channel = PolicyFile['channels'][number];

/** Whether a request can come in through the channel: not one the vendor lists only to be read (offered_instead: false). */
export const takesRequests = (c: Channel): boolean => c.offered_instead !== false;

/** The policy's channels of a kind a request can come in through (a ticket records the kind), in the policy's order. */
export function requestChannelsOfKind(policy: PolicyModel, kind: string): Channel[] {
  return policy.file.channels.filter((c) => c.kind === kind && takesRequests(c));
}

/** Accord's plain names of the kinds, for a kind the policy names no channel of. */
export const CHANNEL_LABELS: Record<string, string> = { web: 'Web form', email: 'Email', phone: 'Phone', chat: 'Chat', api: 'API' };

/** The policy's channel a request of this kind comes by (on the plan, where given), or undefined where it has none. */
export function channelOfKind(policy: PolicyModel, kind: string, planId?: string | null): Channel | undefined {
  const ofKind = requestChannelsOfKind(policy, kind);
  const plan = planId ? policy.plans.get(planId) : undefined;
  return (plan && ofKind.find((c) => plan.channels[c.id] !== undefined)) ?? ofKind[0];
}

// Accord's words for a kind in a sentence ("asked by the web form"), where the policy names no channel of it.
const CHANNEL_WORDS: Record<string, string> = { web: 'the web form', email: 'email', phone: 'phone', chat: 'chat', api: 'the API' };

/** A ticket's channel in a sentence, after "by": the vendor's name ("by Web Support"), else Accord's words ("by the web form"). */
export function channelWords(policy: PolicyModel, kind: string, planId?: string | null): string {
  return channelOfKind(policy, kind, planId)?.name ?? CHANNEL_WORDS[kind] ?? kind;
}

/** A ticket's channel by the vendor's name for it ("Web Support"), else Accord's plain label ("Web form"), else the kind as stored. */
export function channelName(policy: PolicyModel, kind: string, planId?: string | null): string {
  return channelOfKind(policy, kind, planId)?.name ?? CHANNEL_LABELS[kind] ?? kind;
}

/**
 * A case's channel as named (channelName, channelWords) and where it was written: a case written on the
 * portal's form but filed through a channel that is not a web form (OpenBack lists none: filed as Email,
 * policy/portal-channel.ts) says so, "Email (filed in the portal)" as a label (the history), "Email,
 * filed in the portal" in a sentence (the managers' notice, "asked ... by Email, filed in the portal");
 * any other, its name alone.
 */
export function filedName(name: string, kind: string, portal: boolean, as: 'label' | 'sentence' = 'label'): string {
  if (!portal || kind === 'web') return name;
  return as === 'label' ? `${name} (filed in the portal)` : `${name}, filed in the portal`;
}
