-- The addresses an agent had before theirs was corrected (customers/update-agent.ts): an answer by
-- mail to a notice that went to one of them still reaches the ticket (email/match.ts agentAnswer),
-- and erasing the agent erases what went to each (privacy/erase-agent.ts).
CREATE TABLE agent_former_emails (
  email text NOT NULL CHECK (email = lower(email)),
  agent_id uuid NOT NULL REFERENCES agents (id),
  changed_at timestamptz NOT NULL,
  PRIMARY KEY (email, agent_id)
);
CREATE INDEX agent_former_emails_agent ON agent_former_emails (agent_id);
