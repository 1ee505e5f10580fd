-- Customers waiting in live chat (tickets/chat.ts chatsWaiting): every agent page and every agent's
-- live stream (each poll) asks which chat pages are open now, by the time of their last heartbeat.
CREATE INDEX chat_presence_seen ON chat_presence (seen_at);
