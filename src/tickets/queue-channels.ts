// The channels the work queue filters by, one list for the page's Channel filter and for the
// refusal of a channel the queue does not know (page and API alike): the kinds the policy takes
// requests by (OfficeSpace's "phone, email and web support": no Chat), and a kind it lacks while an
// open ticket came by it, so such a ticket can still be found: the API, always open to the vendor's
// own integrations (intake.ts refuses it no ticket), offered as "API" once one came by it, not on
// every desk before; a chat left from a version that had chat.
import { InvalidInputError, type Db } from '../platform/index.ts';
import { channelName, requestChannelsOfKind, type PolicyModel } from '../policy/index.ts';
import { CHANNELS } from './schemas.ts';

export type ChannelKind = (typeof CHANNELS)[number];

/** The channel kinds the queue offers, in Accord's order, given the kinds open tickets came by. */
export function queueChannelKinds(policy: PolicyModel, openKinds: (kind: ChannelKind) => boolean): ChannelKind[] {
  return CHANNELS.filter((c) => requestChannelsOfKind(policy, c).length > 0 || openKinds(c));
}

/** Whether the policy takes requests by this kind (a saved view may name one a newer policy dropped). */
export function policyTakesKind(policy: PolicyModel, kind: string): boolean {
  return requestChannelsOfKind(policy, kind).length > 0;
}

/** The kinds open tickets came by. */
async function openTicketKinds(db: Db): Promise<Set<string>> {
  const { rows } = await db.query<{ channel: string }>("SELECT DISTINCT channel FROM tickets WHERE status NOT IN ('solved', 'closed')");
  return new Set(rows.map((r) => r.channel));
}

/** The words of a refused channel: the channels the queue offers, by the policy's names ("Email, Phone, Chat, API"). */
export async function unknownChannelMessage(db: Db, policy: PolicyModel, withKinds: boolean): Promise<string> {
  const open = await openTicketKinds(db);
  const offered = queueChannelKinds(policy, (c) => open.has(c)).map((c) => (withKinds ? `${c} (${channelName(policy, c)})` : channelName(policy, c)));
  return `is not one of this desk's channels (${offered.join(', ')})`;
}

/** Where a refused channel was asked for: the field, and what could not be done with it. */
export type ChannelField = { path: string; refusal: string };
const QUEUE_FIELD: ChannelField = { path: 'channel', refusal: 'The queue cannot be shown that way.' };

/**
 * A channel as the queue reads it: one of the kinds, or refused naming the field (`at`: the queue's
 * own `channel`, a saved view's `filters.channel`) and the channels offered.
 */
export async function queueChannel(db: Db, policy: PolicyModel, channel: string | undefined, at = QUEUE_FIELD): Promise<ChannelKind | undefined> {
  if (channel === undefined) return undefined;
  const kind = CHANNELS.find((c) => c === channel);
  if (kind) return kind;
  throw new InvalidInputError(at.refusal, [{ path: at.path, message: await unknownChannelMessage(db, policy, true) }]);
}
