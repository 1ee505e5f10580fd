-- A side conversation answered by someone besides the address written to (the supplier's colleague
-- replying to all): held for review, their message names the conversation it answered
-- (inbound_messages.side_conversation_id); an admin who reads it takes them into the conversation
-- (side_conversations.also_from), and their answers, that one and later ones, go on the ticket as
-- the counterpart's do (email/match.ts sideAnswer).
ALTER TABLE side_conversations ADD COLUMN also_from text[] NOT NULL DEFAULT '{}';
ALTER TABLE inbound_messages ADD COLUMN side_conversation_id uuid REFERENCES side_conversations (id);
