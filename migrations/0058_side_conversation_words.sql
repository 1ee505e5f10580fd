-- Finding a ticket by what a side conversation said (listTickets' q, agents only: these events are
-- internal): "the supplier's answer about the certificate" is searched for as a note is. The index
-- of 0019 widened to the side conversations' messages, its expression unchanged.
DROP INDEX ticket_events_words;
CREATE INDEX ticket_events_words ON ticket_events USING gin (to_tsvector('simple', body)) WITH (fastupdate = off)
  WHERE type IN ('reply', 'note', 'side_message', 'side_reply') AND body IS NOT NULL;
