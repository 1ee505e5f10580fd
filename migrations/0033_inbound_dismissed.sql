-- A held, ignored or quarantined message an admin decided needs nothing (spam, a stray newsletter):
-- dismissed, kept with its raw source and the reason (email/inbound-admin.ts), processed again on demand.
ALTER TABLE inbound_messages DROP CONSTRAINT inbound_messages_status_check;
ALTER TABLE inbound_messages ADD CONSTRAINT inbound_messages_status_check
  CHECK (status IN ('received', 'processing', 'created', 'appended', 'held', 'ignored', 'bounce', 'refused', 'quarantined', 'dismissed'));
