-- Live chat (tickets/chat.ts): a chat is a ticket opened on the policy's chat channel, read live on
-- the portal's chat page. Which contacts have that page open now: one row per contact and ticket,
-- touched by the page's heartbeat and removed when it is left; a row older than the window means
-- they left. While they are there, an agent's replies reach them on the page and are not mailed.
CREATE TABLE chat_presence (
  ticket_id uuid NOT NULL REFERENCES tickets (id),
  contact_id uuid NOT NULL REFERENCES contacts (id),
  seen_at timestamptz NOT NULL,
  PRIMARY KEY (ticket_id, contact_id)
);
CREATE INDEX chat_presence_contact ON chat_presence (contact_id);
