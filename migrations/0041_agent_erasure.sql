-- Erasing a former agent's personal data on request (privacy/erase-agent.ts): the row stays, so
-- what they did (their replies, assignments, the audit trail) keeps an author, but it names nobody.
ALTER TABLE agents ADD COLUMN erased_at timestamptz;
