-- Live chat transcripts (tickets/chat-transcript.ts): an agent's reply that a customer read on the
-- chat page was not mailed to them (customer-mail.ts); it waits here until their presence lapses,
-- and then one transcript mail carries them all. The sweep claims a contact's rows by deleting
-- them, so of two workers only one mails them. No foreign keys: a ticket erased meanwhile leaves
-- rows the sweep finds no event for, and drops.
CREATE TABLE chat_unmailed (
  ticket_id uuid NOT NULL,
  contact_id uuid NOT NULL,
  event_id uuid NOT NULL,
  PRIMARY KEY (ticket_id, contact_id, event_id)
);
