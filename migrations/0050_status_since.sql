-- When a ticket took its current status (tickets/change-status.ts, add-reply.ts), or, waiting on
-- the customer, when an agent's reply last asked them again; NULL: it has had it since it was opened. The lifecycle's waiting-on-customer rules (tickets/waiting-on-customer.ts)
-- count from it: a reminder, then solved, so many days after an agent set "Waiting on customer".
ALTER TABLE tickets ADD COLUMN status_since timestamptz;
-- Tickets that changed status before this column: the last change into the status they have.
UPDATE tickets t SET status_since = (
  SELECT max(e.at) FROM ticket_events e
  WHERE e.ticket_id = t.id AND e.type IN ('status_changed', 'reopened') AND e.data->>'to' = t.status
);
-- The waiting tickets, oldest first: what the hourly run reads.
CREATE INDEX tickets_waiting_since ON tickets ((coalesce(status_since, created_at)), id) WHERE status = 'pending_customer';
