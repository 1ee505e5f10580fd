-- 0008: the public status page (src/status/). Components are named by the policy's
-- `status_page.components`; their current status and its history are stored here. Incidents
-- and maintenances share one table (Statuspage's model: a maintenance is an incident with a
-- schedule), their updates form the public timeline. Subscribers opt in twice; each notifying
-- event is one status_notifications row fanned out in batches into the outbox.
-- Every time is written from the application clock.

-- A component's current status; no row means operational.
CREATE TABLE status_components (
  id text PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance')),
  updated_at timestamptz NOT NULL
);

-- Every change of a component's status: the source of the uptime bars.
CREATE TABLE status_component_events (
  id uuid PRIMARY KEY,
  component_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance')),
  at timestamptz NOT NULL,
  incident_id uuid
);
CREATE INDEX status_component_events_at ON status_component_events (component_id, at);

CREATE TABLE status_incidents (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('incident', 'maintenance')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  status text NOT NULL CHECK (status IN ('investigating', 'identified', 'monitoring', 'resolved', 'postmortem',
                                         'scheduled', 'in_progress', 'verifying', 'completed')),
  impact text NOT NULL CHECK (impact IN ('none', 'minor', 'major', 'critical', 'maintenance')),
  -- A hotfix without downtime: a resolved incident with impact none and a postmortem.
  hotfix boolean NOT NULL DEFAULT false,
  component_ids jsonb NOT NULL DEFAULT '[]',
  scheduled_for timestamptz,
  scheduled_until timestamptz,
  -- Maintenance only: start and complete at the scheduled times (components to and from under maintenance).
  auto_transition boolean NOT NULL DEFAULT true,
  -- Maintenance only: remind subscribers this many minutes before the start; null: no reminder.
  reminder_minutes integer CHECK (reminder_minutes IS NULL OR reminder_minutes BETWEEN 1 AND 10080),
  reminder_at timestamptz,
  reminded_at timestamptz,
  started_at timestamptz,
  monitoring_at timestamptz,
  resolved_at timestamptz,
  postmortem_body text,
  postmortem_published_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  created_by uuid,
  CHECK ((kind = 'maintenance') = (scheduled_for IS NOT NULL AND scheduled_until IS NOT NULL)),
  CHECK (scheduled_until IS NULL OR scheduled_until > scheduled_for)
);
CREATE INDEX status_incidents_created ON status_incidents (created_at DESC, id);
-- The sweep's due work: maintenances to start, to complete, to remind.
CREATE INDEX status_incidents_due_start ON status_incidents (scheduled_for) WHERE status = 'scheduled' AND auto_transition;
CREATE INDEX status_incidents_due_end ON status_incidents (scheduled_until) WHERE status IN ('in_progress', 'verifying') AND auto_transition;
CREATE INDEX status_incidents_due_reminder ON status_incidents (reminder_at) WHERE reminded_at IS NULL AND status = 'scheduled';

-- The public timeline of an incident or maintenance.
CREATE TABLE status_incident_updates (
  id uuid PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES status_incidents (id),
  status text NOT NULL,
  body text NOT NULL,
  notify boolean NOT NULL,
  -- [{"code", "name", "old_status", "new_status"}]
  affected_components jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL,
  created_by uuid
);
CREATE INDEX status_incident_updates_incident ON status_incident_updates (incident_id, created_at, id);

-- Tickets an incident causes; their requesters hear of the incident's updates when asked and of its resolution.
CREATE TABLE status_incident_tickets (
  incident_id uuid NOT NULL REFERENCES status_incidents (id),
  ticket_id uuid NOT NULL REFERENCES tickets (id),
  linked_at timestamptz NOT NULL,
  linked_by uuid,
  PRIMARY KEY (incident_id, ticket_id)
);

-- Email subscribers, to the status page (list 'status') or to a policy notification list (e.g. 'subprocessors').
CREATE TABLE status_subscribers (
  id uuid PRIMARY KEY,
  list text NOT NULL,
  email text NOT NULL,
  -- null: every component; else the chosen component ids.
  component_ids jsonb,
  -- sha256 of the confirmation link's token; the link expires.
  confirm_token_hash text,
  confirm_expires_at timestamptz,
  confirmed_at timestamptz,
  -- The manage and unsubscribe link's token (it must go into every mail, so it is kept, not hashed).
  manage_token text NOT NULL UNIQUE,
  unsubscribed_at timestamptz,
  created_at timestamptz NOT NULL,
  UNIQUE (list, email)
);
CREATE INDEX status_subscribers_confirm ON status_subscribers (confirm_token_hash) WHERE confirm_token_hash IS NOT NULL;

-- One row per notifying event; fanned out to matching confirmed subscribers in batches ordered by
-- subscriber id, the cursor advanced in the batch's transaction, so each subscriber is queued once.
CREATE TABLE status_notifications (
  id uuid PRIMARY KEY,
  list text NOT NULL,
  event text NOT NULL,
  incident_id uuid REFERENCES status_incidents (id),
  -- Subscribers to any of these components are told; [] means every subscriber.
  component_ids jsonb NOT NULL DEFAULT '[]',
  subject text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  cursor_subscriber_id uuid,
  recipients integer NOT NULL DEFAULT 0,
  done_at timestamptz
);
CREATE INDEX status_notifications_pending ON status_notifications (created_at, id) WHERE done_at IS NULL;

-- Bumped by every status write: public reads are cached per revision (src/status/public-state.ts).
-- Its one row is created by the first write (no row: revision 0), so a new database holds no rows
-- and `accord db import` can tell it is empty.
CREATE TABLE status_revision (
  id integer PRIMARY KEY CHECK (id = 1),
  revision bigint NOT NULL
);
