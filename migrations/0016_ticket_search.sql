-- Finding tickets (listTickets' q): words of the subject and the description (what the customer
-- first wrote: error messages, product names), and a requester's tickets newest first.
-- The 'simple' configuration: no stemming and no stop words, so a word typed is a word matched
-- (product names, error codes and phrases in any language). Replies and notes: 0019.
-- fastupdate off: each new ticket adds its words to the index as it is written,
-- instead of to a pending list that some later insert must merge into the index all at once (a
-- pause of one ticket's transaction in the intake path, and autovacuum may be off).
CREATE INDEX tickets_words ON tickets USING gin (to_tsvector('simple', subject || ' ' || description)) WITH (fastupdate = off);
CREATE INDEX tickets_requester_created ON tickets (requester_id, created_at DESC, id);
