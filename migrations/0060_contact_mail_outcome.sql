-- Whether mail reaches a contact (customers/rows.ts CONTACT_SELECT): the latest message to their
-- address that was sent or refused for good, and whether it came back. Agents see a contact whose
-- mail does not arrive on their tickets and in the admin's list, and correct the address there.
CREATE INDEX outbox_recipient_outcome ON outbox (recipient, created_at) WHERE status IN ('sent', 'failed');
