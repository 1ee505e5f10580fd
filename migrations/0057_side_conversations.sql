-- Side conversations (tickets/side-conversations.ts): an agent writes from a ticket to someone who is
-- not its customer (a vendor's support, a partner, a colleague outside the desk); their answers come
-- back by mail, proven by the Message-ID of what we sent them, onto the ticket for the team only.
-- The messages themselves are the ticket's internal events (side_message out, side_reply in), each
-- naming its conversation; a conversation is the address written to and the subject, on one ticket.
CREATE TABLE side_conversations (
  id uuid PRIMARY KEY,
  ticket_id uuid NOT NULL REFERENCES tickets (id),
  -- The one address written to, lower-cased: its answers are taken from that From only.
  counterpart text NOT NULL,
  subject text NOT NULL,
  started_by uuid NOT NULL REFERENCES agents (id),
  started_at timestamptz NOT NULL,
  last_message_at timestamptz NOT NULL,
  -- How many messages each way, for the ticket page's list.
  sent integer NOT NULL DEFAULT 0,
  received integer NOT NULL DEFAULT 0
);
CREATE INDEX side_conversations_ticket ON side_conversations (ticket_id, started_at);
