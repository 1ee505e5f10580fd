-- The links in the resolution mail that rate the support without signing in (tickets/rating-links.ts):
-- one per person the mail went to, stored hashed (whoever holds the mail holds the link), for
-- RATING_LINK_DAYS. A link rates as its contact; a later rating replaces the earlier one.
CREATE TABLE rating_links (
  token_hash text PRIMARY KEY,
  ticket_id uuid NOT NULL REFERENCES tickets (id),
  contact_id uuid NOT NULL REFERENCES contacts (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX rating_links_ticket ON rating_links (ticket_id);
