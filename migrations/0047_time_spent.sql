-- Time the team spent on a ticket (time accounting): logged by an agent with a reply or a note,
-- or on its own ("40 minutes on the phone with them"), in whole minutes, at most a day per entry.
-- The team's own record, never shown to the customer; summed per organization and agent on the
-- managers' reports (tickets/time-spent.ts).
CREATE TABLE ticket_time_entries (
  id uuid PRIMARY KEY,
  ticket_id uuid NOT NULL REFERENCES tickets (id),
  agent_id uuid NOT NULL REFERENCES agents (id),
  minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  note text CHECK (length(note) <= 500),
  -- The reply or note it was logged with, if any.
  event_id uuid REFERENCES ticket_events (id),
  logged_at timestamptz NOT NULL
);
CREATE INDEX ticket_time_entries_ticket ON ticket_time_entries (ticket_id);
CREATE INDEX ticket_time_entries_logged ON ticket_time_entries (logged_at);
