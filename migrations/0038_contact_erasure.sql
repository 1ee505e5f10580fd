-- Erasing a person at a customer on request (privacy/erase-contact.ts; GDPR art. 17): the contact's
-- row stays, so the tickets they opened keep their times, plan, severity and SLA history for the
-- reports, but it names nobody any more. erased_at says it was erased, and when; an erased contact
-- cannot be brought back.
ALTER TABLE contacts ADD COLUMN erased_at timestamptz;
