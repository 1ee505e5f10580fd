-- The retention schedule clears the words of held requests dismissed long enough ago
-- (privacy/retention.ts) and of the mail sent about them, each found by an index: the requests by
-- when they were dismissed while they still hold words, the mail sent by the request it names,
-- the mail it came as by its request (also when the ticket a held request became is erased).
CREATE INDEX held_requests_dismissed_words ON held_requests (reviewed_at) WHERE status = 'dismissed' AND request <> '{}'::jsonb;
CREATE INDEX outbox_held_request ON outbox ((payload->>'held_request_id')) WHERE payload->>'held_request_id' IS NOT NULL;
CREATE INDEX inbound_messages_held_request ON inbound_messages (held_request_id) WHERE held_request_id IS NOT NULL;
