-- An agent's reminder on a ticket ("look at this again Tuesday 10:00": a vendor promised a patch,
-- the customer said they would test tonight): one per agent and ticket, mailed to them when due
-- (tickets/reminders.ts; the reminder job sweeps every minute). Personal: never on the timeline.
CREATE TABLE ticket_reminders (
  ticket_id uuid NOT NULL REFERENCES tickets (id),
  agent_id uuid NOT NULL REFERENCES agents (id),
  remind_at timestamptz NOT NULL,
  note text CHECK (length(note) <= 500),
  created_at timestamptz NOT NULL,
  sent_at timestamptz,
  PRIMARY KEY (ticket_id, agent_id)
);
CREATE INDEX ticket_reminders_due ON ticket_reminders (remind_at) WHERE sent_at IS NULL;
CREATE INDEX ticket_reminders_agent ON ticket_reminders (agent_id);
