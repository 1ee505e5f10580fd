-- Files people attach on the desk (tickets/files.ts): a customer's with a case or a reply in the
-- portal, an agent's with a reply or an internal note. Each belongs to the timeline event that
-- carried it and is read with that event's visibility. Times come from the application clock.
CREATE TABLE ticket_files (
  id uuid PRIMARY KEY,
  ticket_id uuid NOT NULL REFERENCES tickets (id),
  event_id uuid NOT NULL REFERENCES ticket_events (id),
  filename text NOT NULL,
  content_type text NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  content bytea NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX ticket_files_ticket ON ticket_files (ticket_id, created_at, id);
