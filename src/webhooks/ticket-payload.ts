// A ticket as every ticket.* event names it, from its stored row: in this domain so that any
// domain that changes tickets (the tickets domain; customers/update-agent.ts when an agent leaves)
// says it alike.
export type TicketPayloadRow = {
  id: string;
  number: number | string;
  organization_id: string;
  requester_id: string;
  subject: string;
  status: string;
  severity: number;
  plan_id: string;
  channel: string;
  assignee_id: string | null;
  created_at: Temporal.Instant;
  updated_at: Temporal.Instant;
};

export function webhookTicket(t: TicketPayloadRow) {
  return {
    id: t.id,
    number: Number(t.number),
    organizationId: t.organization_id,
    requesterId: t.requester_id,
    subject: t.subject,
    status: t.status,
    severity: t.severity,
    plan: t.plan_id,
    channel: t.channel,
    assigneeId: t.assignee_id,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
  };
}
