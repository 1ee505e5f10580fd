-- Whether mail reaches a contact (customers/rows.ts CONTACT_SELECT): the latest message to their
-- address that was sent or refused for good, and whether it came back. Agents see a contact whose
-- mail does not arrive on their tickets and in the admin's list, and correct the address there.
CREATE INDEX outbox_recipient_outcome ON outbox (recipient, created_at) WHERE status IN ('sent', 'failed');

-- The addresses a contact had before theirs was corrected (customers/update-contact.ts): mail that
-- did not arrive at one is sent again to where they are now (tickets/resend-mail.ts), and erasing
-- the contact erases what went to and came from each (privacy/erase-contact.ts).
CREATE TABLE contact_former_emails (
  email text NOT NULL CHECK (email = lower(email)),
  contact_id uuid NOT NULL REFERENCES contacts (id),
  changed_at timestamptz NOT NULL,
  PRIMARY KEY (email, contact_id)
);
CREATE INDEX contact_former_emails_contact ON contact_former_emails (contact_id);
