-- The retention schedule clears the words of held requests dismissed long enough ago
-- (privacy/retention.ts) and of the mail sent about them, each found by an index: the requests by
-- when they were dismissed while they still hold words, the mail by the request it names.
CREATE INDEX held_requests_dismissed_words ON held_requests (reviewed_at) WHERE status = 'dismissed' AND request <> '{}'::jsonb;
CREATE INDEX outbox_held_request ON outbox ((payload->>'held_request_id')) WHERE payload->>'held_request_id' IS NOT NULL;
