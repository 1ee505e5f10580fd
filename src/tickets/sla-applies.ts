// Whether severity clocks apply to a ticket at all.
import type { PolicyModel } from '../policy/index.ts';
import type { TicketRow } from './store.ts';

/** Request types marked `sla: false` (billing, sales) and tickets support does not cover carry no severity clocks. */
export function ticketHasSla(policy: PolicyModel, ticket: Pick<TicketRow, 'request_type' | 'coverage'>): boolean {
  if (ticket.coverage) return false;
  if (!ticket.request_type) return true;
  const rt = policy.file.request_types?.find((r) => r.id === ticket.request_type);
  return rt ? rt.sla : true;
}
