-- 0002: the hardened API edge (issue 6). Tokens expire; a person's tokens can be listed
-- and revoked; idempotency keys are found by age for the clean-up job.

ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
-- Tokens made before expiry existed get the default lifetimes (contacts 90 days, agents
-- 365 days), counted from their creation.
UPDATE api_tokens SET expires_at = created_at + CASE WHEN contact_id IS NOT NULL THEN interval '90 days' ELSE interval '365 days' END;
ALTER TABLE api_tokens ALTER COLUMN expires_at SET NOT NULL;
CREATE INDEX api_tokens_agent ON api_tokens (agent_id, created_at, id) WHERE agent_id IS NOT NULL;
CREATE INDEX api_tokens_contact ON api_tokens (contact_id, created_at, id) WHERE contact_id IS NOT NULL;
CREATE INDEX api_tokens_created ON api_tokens (created_at, id);
