-- The IMAP mailboxes the desk polls (email/imap-poller.ts), each by its URL without the password:
-- since when the desk watches it (its first poll, even one that failed) and when its last
-- successful poll began. A message a poll sees new cannot have reached the mailbox before the
-- previous successful poll began (that poll would have taken it), so it is never received
-- earlier, whatever its INTERNALDATE says: IMAP COPY and APPEND keep a message's old date, and an
-- archive dragged into the inbox is new mail to the desk, not mail two years late.
CREATE TABLE imap_mailboxes (
  mailbox text PRIMARY KEY,
  watched_since timestamptz NOT NULL,
  last_poll_started_at timestamptz
);
-- The date the mailbox gave an IMAP message (its INTERNALDATE), kept as it was: received_at is it
-- bounded by the polls and by now, and an admin reading the message sees both when they differ.
ALTER TABLE inbound_messages ADD COLUMN mailbox_date timestamptz;
