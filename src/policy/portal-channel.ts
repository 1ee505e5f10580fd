// Which channel the customer portal files a contact's case through (which channels take requests at all: channel-names.ts).
// A channel the vendor lists only to be read (OpenBack's "Documentation | https://docs.openback.com/",
// `offered_instead: false`) takes none: a case is never recorded, quoted or refused as having come
// "by Documentation". The portal's form is a written request: it is filed through the plan's web
// channel where the vendor offers one (OPS-COM's "Online support ticket", OpenKey's "Submit a
// ticket"), else through its email channel (OpenBack lists no web form: "online support services
// ... via email, live chat and documentation"), answered as the vendor answers that channel and
// called by its name. A plan with neither has no channel here (null): a case filed then is recorded
// as by web and held for review as a channel the plan does not take (no seed's plan lacks both).
// Which channels take requests is channel-names.ts's (takesRequests), as is what a channel is called.
import type { PolicyFile } from './schema.ts';
import type { PolicyModel } from './model.ts';
import { channelName, takesRequests } from './channel-names.ts';

type Channel = PolicyFile['channels'][number];

/** The channel the portal files a case of this plan through: its web channel, else its email one; null if it has neither. */
export function portalChannel(policy: PolicyModel, planId: string): Channel | null {
  const plan = policy.plans.get(planId);
  if (!plan) return null;
  const included = policy.file.channels.filter((c) => plan.channels[c.id] !== undefined && takesRequests(c));
  return included.find((c) => c.kind === 'web') ?? included.find((c) => c.kind === 'email') ?? null;
}

/**
 * What the portal's form tells a contact where it files through a channel that is not a web form
 * of the vendor's (OpenBack's Email): "Cases opened here are sent to OpenBack support as Email
 * (support@openback.com), and answered as it is." Null where the vendor offers the form itself.
 */
export function portalFilingText(policy: PolicyModel, planId: string): string | null {
  const c = portalChannel(policy, planId);
  if (!c || c.kind === 'web') return null;
  // Named as every page names the case's channel afterwards (channel-names.ts: the plan's channel of the kind).
  const name = channelName(policy, c.kind, planId);
  return `Cases opened here are sent to ${policy.file.vendor.name} support as ${c.address ? `${name} (${c.address})` : name}, and answered as it is.`;
}
