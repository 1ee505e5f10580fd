-- A side conversation goes with its ticket when that ticket is merged into another (tickets/
-- merge-ticket.ts): the supplier's answer comes to the case the team works on. Its messages stay
-- on the tickets they were written on, so what threads its mail and who wrote on it are found by
-- the conversation, whatever ticket each message is on: an index of the side messages by theirs.
CREATE INDEX ticket_events_side_conversation ON ticket_events ((data->>'conversation_id'), at, seq)
  WHERE type IN ('side_message', 'side_reply');
