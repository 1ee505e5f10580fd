-- The files chosen with a request the policy held (tickets/held-requests.ts): kept with it, so
-- nothing a customer sent is lost; listed and downloadable for agents; moved onto the ticket
-- when an agent accepts the request (a public files_added event), kept when it is dismissed.
CREATE TABLE held_request_files (
  id uuid PRIMARY KEY,
  held_request_id uuid NOT NULL REFERENCES held_requests (id),
  filename text NOT NULL,
  content_type text NOT NULL,
  size integer NOT NULL,
  content bytea NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX held_request_files_request ON held_request_files (held_request_id);
