// Which of the policy's request types a mail is for, by the address it was written to (OpenKey:
// "Billing Questions: Billing@OpenKey.co", "Sales: Sales@OpenKey.co"): the request type's own
// address, or its queue's, in the envelope or the To and Cc headers (a vendor's mail server that
// forwards its addresses to Accord's keeps them there); or the support address tagged with the
// request type's id (support+billing@...), for one that forwards each to a tag of its own. An
// address more than one request type names (OpenKey's Support@ is Customer Assistance's queue and
// Training Needs' address) decides nothing; nor does any other: the ticket is routed as one from
// the portal without a request type would be. Pure.
import type { PolicyFile } from '../policy/index.ts';
import type { EmailSettings } from './settings.ts';

export function requestTypeOfMail(policy: Pick<PolicyFile, 'request_types' | 'queues'>, recipients: readonly string[], settings: Pick<EmailSettings, 'supportAddress'>): string | null {
  const types = policy.request_types ?? [];
  if (types.length === 0) return null;
  const [supportLocal, supportDomain] = splitAddress(settings.supportAddress);
  const queueAddress = new Map((policy.queues ?? []).filter((q) => q.address).map((q) => [q.id, q.address!.toLowerCase()]));
  for (const recipient of recipients) {
    const address = recipient.toLowerCase();
    const [local, domain] = splitAddress(address);
    const [base, tag] = [local.split('+')[0], local.includes('+') ? local.slice(local.indexOf('+') + 1) : null];
    if (tag !== null && base === supportLocal && domain === supportDomain) {
      const tagged = types.find((t) => t.id.toLowerCase() === tag);
      if (tagged) return tagged.id;
      continue;
    }
    const named = types.filter((t) => t.address?.toLowerCase() === address || (t.queue !== undefined && queueAddress.get(t.queue) === address));
    if (named.length === 1) return named[0].id;
  }
  return null;
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
