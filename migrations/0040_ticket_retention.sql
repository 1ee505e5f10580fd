-- The words of a ticket erased (privacy/erase-words.ts): on a request to erase its requester, or by
-- the retention schedule some days after it closed (privacy/retention.ts). Its history stays.
ALTER TABLE tickets ADD COLUMN erased_at timestamptz;
-- Closed tickets whose words are still here, by when they last changed: what the schedule looks for.
CREATE INDEX tickets_closed_unerased ON tickets (updated_at, id) WHERE status = 'closed' AND erased_at IS NULL;
-- Held requests by the ticket they became (an erasure of the ticket's words finds them by it).
CREATE INDEX held_requests_ticket ON held_requests (ticket_id) WHERE ticket_id IS NOT NULL;
