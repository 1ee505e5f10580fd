-- People copied on a ticket (tickets/ccs.ts): contacts of the ticket's organization who hear of it
-- as its requester does (replies, the resolution) and may write on it by mail. Added by agents,
-- from the To and Cc of the customer's mail, and by a merge (the merged ticket's requester).
CREATE TABLE ticket_ccs (
  ticket_id uuid NOT NULL REFERENCES tickets (id),
  contact_id uuid NOT NULL REFERENCES contacts (id),
  added_at timestamptz NOT NULL,
  PRIMARY KEY (ticket_id, contact_id)
);
CREATE INDEX ticket_ccs_contact ON ticket_ccs (contact_id);
