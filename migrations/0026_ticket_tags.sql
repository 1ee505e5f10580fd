-- Tags on tickets (tickets/tags.ts): the team's own words for sorting its work, internal to the
-- desk. The second index serves "tickets with this tag" (the queue's and the list's filter).
CREATE TABLE ticket_tags (
  ticket_id uuid NOT NULL REFERENCES tickets (id),
  tag text NOT NULL,
  added_at timestamptz NOT NULL,
  PRIMARY KEY (ticket_id, tag)
);
CREATE INDEX ticket_tags_tag ON ticket_tags (tag, ticket_id);
