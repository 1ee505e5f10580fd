-- Finding tickets by what was said on them (listTickets' q): the words of replies (the agents'
-- and the customers', by the portal, the API or email) and of internal notes, as tickets_words
-- (0016) holds the subject's and the description's. The 'simple' configuration, and fastupdate
-- off, for the same reasons. Partial: only the conversation is indexed, so intake (which writes
-- the created, coverage and acknowledgement events) pays nothing for it.
CREATE INDEX ticket_events_words ON ticket_events USING gin (to_tsvector('simple', body)) WITH (fastupdate = off)
  WHERE type IN ('reply', 'note') AND body IS NOT NULL;
