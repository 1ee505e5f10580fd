-- A contact's own change of their address (web/auth/address-change.ts): asked for on their settings
-- page with their password, done when they open the link mailed to the new address. The token is
-- stored hashed, as a password reset's is; single use is the conditional UPDATE ... WHERE used_at
-- IS NULL. Deleted with the contact's personal data (privacy/erase-contact.ts).
CREATE TABLE contact_address_changes (
  id uuid PRIMARY KEY,
  contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  new_email text NOT NULL CHECK (new_email = lower(new_email)),
  token_hash text NOT NULL UNIQUE,
  requested_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX contact_address_changes_contact ON contact_address_changes (contact_id, requested_at);
