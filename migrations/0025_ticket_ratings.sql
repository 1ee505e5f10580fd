-- How the customer rated the support they had on a ticket (tickets/rate-ticket.ts): good or bad,
-- with an optional comment, once it is solved. One per ticket: a later rating replaces it, and
-- each is on the timeline. Managers read them by when they were given (tickets/satisfaction.ts),
-- and by the agent who held the ticket when it was rated.
CREATE TABLE ticket_ratings (
  ticket_id uuid PRIMARY KEY REFERENCES tickets (id),
  contact_id uuid NOT NULL REFERENCES contacts (id),
  rating text NOT NULL CHECK (rating IN ('good', 'bad')),
  assignee_id uuid REFERENCES agents (id),
  comment text,
  rated_at timestamptz NOT NULL
);
CREATE INDEX ticket_ratings_rated_at ON ticket_ratings (rated_at);
