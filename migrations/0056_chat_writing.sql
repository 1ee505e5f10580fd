-- Live chat, both ways "is writing" (tickets/chat.ts): the customer on the chat page says, with its
-- heartbeat and at once when it changes, whether their message box holds text; agents on the ticket
-- are told "the customer is writing". (Agents' own writing is ticket_presence.replying_since.)
ALTER TABLE chat_presence ADD COLUMN writing_since timestamptz;
