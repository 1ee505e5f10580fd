-- Two-step sign-in (web/auth/two-step.ts): a TOTP secret (RFC 6238) per person, on once confirmed
-- with a code; the last time step used (a code works once); recovery codes, stored hashed. A
-- password that is right opens a challenge, answered with a code within minutes.
ALTER TABLE agents ADD COLUMN totp_secret text, ADD COLUMN totp_enabled_at timestamptz, ADD COLUMN totp_last_step bigint,
  ADD COLUMN totp_recovery jsonb NOT NULL DEFAULT '[]';
ALTER TABLE contacts ADD COLUMN totp_secret text, ADD COLUMN totp_enabled_at timestamptz, ADD COLUMN totp_last_step bigint,
  ADD COLUMN totp_recovery jsonb NOT NULL DEFAULT '[]';
CREATE TABLE web_login_challenges (
  token_hash text PRIMARY KEY,
  agent_id uuid REFERENCES agents (id),
  contact_id uuid REFERENCES contacts (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  CHECK ((agent_id IS NULL) <> (contact_id IS NULL))
);
