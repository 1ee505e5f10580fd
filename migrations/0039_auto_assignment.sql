-- Assigning new tickets in turn (tickets/auto-assign.ts, config ACCORD_AUTO_ASSIGN): an agent may be
-- away (they take no new tickets: customers/profile.ts); each agent's last ticket given in turn
-- orders the next turn; a ticket is routed once (routed_at), so one unassigned on purpose later
-- is not given out again. Tickets already assigned or no longer open count as routed: turning
-- assignment on takes what arrives from then on, and the open, unassigned tickets waiting.
ALTER TABLE agents ADD COLUMN away_since timestamptz;
ALTER TABLE agents ADD COLUMN last_assigned_at timestamptz;
ALTER TABLE tickets ADD COLUMN routed_at timestamptz;
UPDATE tickets SET routed_at = created_at WHERE assignee_id IS NOT NULL OR status <> 'open';
-- What the assigner looks for: open, unassigned, not routed yet (few at any time; ordered as the queue).
CREATE INDEX tickets_to_route ON tickets (created_at, id) WHERE routed_at IS NULL AND assignee_id IS NULL AND status = 'open';
