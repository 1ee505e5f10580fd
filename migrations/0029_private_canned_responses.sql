-- Canned responses of one's own (src/canned): an agent's private replies, seen and used by them
-- only, beside the team's. Titles are unique among the team's, and among each agent's own.
ALTER TABLE canned_responses ADD COLUMN owner_id uuid REFERENCES agents (id);
DROP INDEX canned_responses_title;
CREATE UNIQUE INDEX canned_responses_title ON canned_responses (lower(title)) WHERE owner_id IS NULL;
CREATE UNIQUE INDEX canned_responses_own_title ON canned_responses (owner_id, lower(title)) WHERE owner_id IS NOT NULL;
