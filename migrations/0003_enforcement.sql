-- 0003: enforcing the whole policy (issue 7): classification and routing recorded on the ticket,
-- entitlements with refused requests kept for review, coverage, the escalation ladder, the ETA,
-- after-hours hand-over to on-call, and unwarranted escalations counted per organization.

-- Customers already using the product when a policy's onboarding rule applies to new customers
-- only (OpenBack) are not gated; requirements an organization does not meet (OpenBack's SDK).
ALTER TABLE organizations ADD COLUMN existing_customer boolean NOT NULL DEFAULT false;
ALTER TABLE organizations ADD COLUMN unmet_requirements jsonb NOT NULL DEFAULT '[]';

-- How the severity was decided: {"source": "rules"|"contact"|"agent"|"default", "severity", "rule", "reason"}.
ALTER TABLE tickets ADD COLUMN classification jsonb NOT NULL DEFAULT '{}';
-- The severity the contact chose, kept beside the one the policy gave.
ALTER TABLE tickets ADD COLUMN requested_severity integer;
-- The queue its request type routes to (policy queues); null for the general queue.
ALTER TABLE tickets ADD COLUMN queue text;
-- Not covered by support: {"kind": "exclusion"|"requirement", "id", "text"}; null when covered.
ALTER TABLE tickets ADD COLUMN coverage jsonb;
-- The step of the policy's escalation ladder the ticket is at (escalation.levels[].id); null: front line.
ALTER TABLE tickets ADD COLUMN escalation_level text;
-- The estimated time to resolution the customer was told.
ALTER TABLE tickets ADD COLUMN eta timestamptz;
-- When support closes on an open critical ticket, it is handed to on-call (once): the sweep fires
-- at handover_at; handed_over_at records that it happened.
ALTER TABLE tickets ADD COLUMN handover_at timestamptz;
ALTER TABLE tickets ADD COLUMN handed_over_at timestamptz;
CREATE INDEX tickets_handover_due ON tickets (handover_at) WHERE handover_at IS NOT NULL AND handed_over_at IS NULL;
CREATE INDEX tickets_open_queue ON tickets (queue, severity) WHERE status NOT IN ('solved', 'closed');

-- Requests refused at intake (a contact who is not named, a channel the plan lacks): kept whole
-- for an agent to review, so nothing a customer sent is lost.
CREATE TABLE held_requests (
  id uuid PRIMARY KEY,
  organization_id uuid REFERENCES organizations (id),
  requester_id uuid REFERENCES contacts (id),
  actor_kind text NOT NULL,
  actor_id uuid,
  channel text NOT NULL,
  -- The request as it arrived (the verb's input).
  request jsonb NOT NULL,
  reason_code text NOT NULL,
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'accepted', 'dismissed')),
  -- The ticket an agent opened from it.
  ticket_id uuid REFERENCES tickets (id),
  reviewed_by uuid REFERENCES agents (id),
  reviewed_at timestamptz,
  review_note text,
  created_at timestamptz NOT NULL
);
CREATE INDEX held_requests_open ON held_requests (created_at, id) WHERE status = 'held';
CREATE INDEX held_requests_organization ON held_requests (organization_id, created_at);

-- Unwarranted escalations (the policy's abuse rule) are timeline events; counting them per
-- organization in a window reads this index.
CREATE INDEX ticket_events_type_at ON ticket_events (type, at);

-- Reminders before a status update falls due (update cadences), fired once like warnings.
ALTER TABLE sla_clocks ADD COLUMN remind_at timestamptz;
ALTER TABLE sla_clocks ADD COLUMN reminded_at timestamptz;
CREATE INDEX sla_clocks_remind_open ON sla_clocks (remind_at)
  WHERE remind_at IS NOT NULL AND reminded_at IS NULL AND met_at IS NULL;
