-- Whether a message's From failed DMARC where it came in (src/email/classify.ts `forged`), written
-- when it is processed. The mail-loop limit (src/email/mail-loop.ts) counts only the sender's
-- messages that did not: a forger sending 21 messages in a customer's name would otherwise get the
-- customer's own mail held as a loop. Messages stored before were not judged so: not forged.
-- Counted through 0074's index (from_address, received_at); the few forged rows in a sender's hour
-- are passed over as the index's rows are read.
ALTER TABLE inbound_messages ADD COLUMN forged boolean NOT NULL DEFAULT false;
