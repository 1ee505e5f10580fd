-- The team's notes about a customer organization (customers/update-organization.ts): internal,
-- shown to agents on its tickets, never to its contacts.
ALTER TABLE organizations ADD COLUMN notes text CHECK (length(notes) <= 5000);
