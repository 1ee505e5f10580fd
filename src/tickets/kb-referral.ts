// Which cases the policy refers to the knowledge base (OpenKey: "If the client reaches out to
// Support for what is deemed as a Tier 1 issue, they will be referred back to our Knowledge Base";
// "Training Needs: Browse our Knowledge Base/Frequently Asked Questions"), and what more it offers
// them on request, in its own words (ask-guidance.ts).
import type { PolicyModel } from '../policy/index.ts';
import type { TicketRow } from './store.ts';

type Referable = Pick<TicketRow, 'severity' | 'request_type'>;

const typeOf = (policy: PolicyModel, t: Referable) => (t.request_type === null ? undefined : policy.file.request_types?.find((r) => r.id === t.request_type));

/** Whether the policy refers such a ticket to the knowledge base (its severity's or its request type's `refer_to_knowledge_base`). */
export function refersToKnowledgeBase(policy: PolicyModel, t: Referable): boolean {
  const type = typeOf(policy, t);
  if (type?.refer_to_knowledge_base === true) return true;
  // A request outside support's SLA (OpenKey's billing or sales question) has no tier: its
  // default severity is no "Tier 1 issue", so only its own type refers it to the knowledge base.
  if (type && type.sla === false) return false;
  return policy.severities.get(t.severity)?.refer_to_knowledge_base === true;
}

/**
 * The policy's offer of guidance beyond the knowledge base for this case, in its words (OpenKey's
 * Tier 1: "Additional guidance will be provided upon request if the issue is outside the scope of
 * the knowledge base articles"), or null: a case not referred there (a Tier 2 issue, a billing
 * question), or referred where the policy offers nothing more. Offered by the level that refers the
 * case (severities[].guidance_on_request): a request type outside the tiers that refers on its own
 * (OpenKey's Training Needs: "Browse our Knowledge Base ... Email Support@OpenKey.co") is answered by
 * a reply, as any case; the seed's sentence is Tier 1's.
 */
export function guidanceOffer(policy: PolicyModel, t: Referable): string | null {
  const type = typeOf(policy, t);
  if (type && type.sla === false) return null;
  if (!refersToKnowledgeBase(policy, t)) return null;
  const words = policy.severities.get(t.severity)?.guidance_on_request;
  return words ? words.replace(/\s+/g, ' ').trim() : null;
}
