-- Time entries corrected or removed (tickets/time-corrections.ts). A correction changes the entry
-- in place (the totals and reports read it) and leaves a row here saying who changed what, from
-- what to what, and when; a removed entry stays, marked, counted nowhere, its removal a row here.
-- Its own table rather than audit_events: that trail is for writes outside a ticket and is read by
-- admins only, while every agent on a ticket reads its time's history, and a ticket's erasure
-- takes the notes quoted here by the ticket's id (privacy/erase-words.ts).
ALTER TABLE ticket_time_entries ADD COLUMN removed_at timestamptz;

CREATE TABLE ticket_time_corrections (
  id uuid PRIMARY KEY,
  -- The order they were made in (several may share an instant).
  seq bigint GENERATED ALWAYS AS IDENTITY,
  entry_id uuid NOT NULL REFERENCES ticket_time_entries (id),
  ticket_id uuid NOT NULL REFERENCES tickets (id),
  -- The agent who changed it; null: the service itself (the system actor).
  agent_id uuid REFERENCES agents (id),
  action text NOT NULL CHECK (action IN ('corrected', 'removed')),
  minutes_before integer NOT NULL,
  minutes_after integer CHECK (minutes_after BETWEEN 1 AND 1440),
  note_before text,
  note_after text CHECK (length(note_after) <= 500),
  at timestamptz NOT NULL
);
CREATE INDEX ticket_time_corrections_ticket ON ticket_time_corrections (ticket_id, seq);
