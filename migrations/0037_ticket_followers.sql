-- Agents following a ticket they do not hold (tickets/followers.ts): they hear what its customer
-- writes, as its assignee does.
CREATE TABLE ticket_followers (
  ticket_id uuid NOT NULL REFERENCES tickets (id),
  agent_id uuid NOT NULL REFERENCES agents (id),
  added_at timestamptz NOT NULL,
  PRIMARY KEY (ticket_id, agent_id)
);
CREATE INDEX ticket_followers_agent ON ticket_followers (agent_id);
