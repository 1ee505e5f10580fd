// Which of the policy's request types a mail is for, by the address it was written to (OpenKey:
// "Billing Questions: Billing@OpenKey.co", "Sales: Sales@OpenKey.co"): the request type's own
// address, or its queue's, in the envelope, else in the To and Cc headers (a vendor's mail server
// that forwards its addresses to Accord's keeps them there), all of ours there agreeing; or the
// support address tagged with the request type's id (support+billing@...), for one that forwards
// each to a tag of its own. An address more than one request type names (OpenKey's Support@ is
// Customer Assistance's queue and Training Needs' address) decides nothing; nor does any other:
// the ticket is routed as one from the portal without a request type would be. Pure.
import type { PolicyFile } from '../policy/index.ts';
import type { EmailSettings } from './settings.ts';

export function requestTypeOfMail(
  policy: Pick<PolicyFile, 'request_types' | 'queues'>, recipients: { envelope: readonly string[]; headers: readonly string[] }, settings: Pick<EmailSettings, 'supportAddress'>,
): string | null {
  const types = policy.request_types ?? [];
  if (types.length === 0) return null;
  const [supportLocal, supportDomain] = splitAddress(settings.supportAddress);
  const queueAddress = new Map((policy.queues ?? []).filter((q) => q.address).map((q) => [q.id, q.address!.toLowerCase()]));
  /** What one address says: a request type's id, NONE (ours, but names no one type), or null (not ours). */
  const NONE = '';
  const said = (recipient: string): string | null => {
    const address = recipient.toLowerCase();
    const [local, domain] = splitAddress(address);
    if (domain === supportDomain && local.split('+')[0] === supportLocal) {
      const tag = local.includes('+') ? local.slice(local.indexOf('+') + 1) : null;
      return types.find((t) => tag !== null && t.id.toLowerCase() === tag)?.id ?? NONE;
    }
    const named = types.filter((t) => t.address?.toLowerCase() === address || (t.queue !== undefined && queueAddress.get(t.queue) === address));
    if (named.length === 1) return named[0].id;
    return named.length > 1 ? NONE : null;
  };
  // The envelope first: a tag or a request type's own address there is where the mail was sent,
  // unless another of ours is there too (a mail to support that copies Sales, taken straight by
  // the listener). The support address alone there says nothing: a vendor's server that forwards
  // its addresses to it keeps them in the headers.
  const fromEnvelope = new Set(recipients.envelope.map(said).filter((x): x is string => x !== null));
  if ([...fromEnvelope].some((x) => x !== NONE)) return fromEnvelope.size === 1 ? [...fromEnvelope][0] : null;
  // Then the headers: every address of ours there must name the same request type (a mail to
  // support@ that copies sales@ is not a sales question).
  const fromHeaders = new Set(recipients.headers.map(said).filter((x): x is string => x !== null));
  return fromHeaders.size === 1 && !fromHeaders.has(NONE) ? [...fromHeaders][0] : null;
}

function splitAddress(address: string): [string, string] {
  const at = address.lastIndexOf('@');
  return [address.slice(0, at).toLowerCase(), address.slice(at + 1).toLowerCase()];
}

/** The policy's own addresses for its request types and queues (Billing@OpenKey.co): mail to them is accepted, mail from them is Accord's own. */
export function requestTypeAddresses(policy: Pick<PolicyFile, 'request_types' | 'queues'>): string[] {
  const all = [...(policy.request_types ?? []).map((t) => t.address), ...(policy.queues ?? []).map((q) => q.address)];
  return [...new Set(all.filter((a): a is string => typeof a === 'string' && a.includes('@')).map((a) => a.toLowerCase()))];
}
