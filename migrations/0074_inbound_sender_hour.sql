-- The mail-loop limit (src/email/mail-loop.ts) counts, for each person's message processed, the
-- messages from its sender that reached the desk in the hour before it: found by sender and time.
CREATE INDEX inbound_messages_sender ON inbound_messages (from_address, received_at) WHERE from_address IS NOT NULL;
