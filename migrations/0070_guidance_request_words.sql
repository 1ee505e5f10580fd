-- Finding a ticket by the words of a request for guidance beyond the knowledge base (OpenKey Tier 1,
-- tickets/ask-guidance.ts): listTickets' q finds "the articles cover phones, not lobby kiosks" as it
-- finds a reply's words. A public entry, so a contact's search finds it too. The index of 0058
-- widened to guidance_requested, its expression unchanged (tickets/list-tickets.ts MESSAGES).
DROP INDEX ticket_events_words;
CREATE INDEX ticket_events_words ON ticket_events USING gin (to_tsvector('simple', body)) WITH (fastupdate = off)
  WHERE type IN ('reply', 'note', 'side_message', 'side_reply', 'guidance_requested') AND body IS NOT NULL;
