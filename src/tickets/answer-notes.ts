// What the policy says to a customer about their request beyond its severity, in the vendor's own
// words, the same on the receipt mail (customer-mail.ts) and on the portal's case page: the notes
// on their intake answers (OpenKey: a guest's question "should be handled by the Hotel Staff"),
// and, for a request type outside support's SLA (OpenKey's "Billing Questions"), that type's own
// words instead of a severity definition it has nothing to do with.
import type { PolicyModel } from '../policy/index.ts';

const words = (t: string) => t.replace(/\s+/g, ' ').trim();

/** The policy's notes on the answers given to its choice questions (intake[].notes), in the order it asks them. */
export function answerNotes(policy: PolicyModel, answers: Readonly<Record<string, unknown>>): string[] {
  return (policy.file.intake ?? []).flatMap((q) => {
    const answer = answers[q.id];
    return q.type === 'choice' && typeof answer === 'string' && q.notes && Object.hasOwn(q.notes, answer) ? [words(q.notes[answer])] : [];
  });
}

/**
 * A request type that support's SLA does not cover (request_types[].sla: false), as the policy
 * words it: its name, the address the vendor gives for it and how it is handled; null for any
 * other (a severity speaks for those).
 */
export function outsideSlaType(policy: PolicyModel, requestType: string | null): { name: string; address: string | null; handling: string | null } | null {
  const type = requestType ? policy.file.request_types?.find((r) => r.id === requestType) : undefined;
  if (!type || type.sla !== false) return null;
  // The address as the published policy's table of request types gives it: its own, else its queue's.
  const address = type.address ?? policy.file.queues?.find((q) => q.id === type.queue)?.address ?? null;
  return { name: type.name, address, handling: type.handling ? words(type.handling) : null };
}
