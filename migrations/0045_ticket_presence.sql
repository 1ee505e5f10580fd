-- Who else has a ticket open, and who is writing a reply to it now ("agent collision" on the
-- ticket page; tickets/presence.ts). One row per agent and ticket, touched when the page is shown
-- and by its script's heartbeat, removed when the page is left; a row older than the presence
-- window means nothing and is removed by the same agent's next touch. Never on the timeline.
CREATE TABLE ticket_presence (
  ticket_id uuid NOT NULL REFERENCES tickets (id),
  agent_id uuid NOT NULL REFERENCES agents (id),
  seen_at timestamptz NOT NULL,
  replying_since timestamptz,
  PRIMARY KEY (ticket_id, agent_id)
);
CREATE INDEX ticket_presence_agent ON ticket_presence (agent_id);
