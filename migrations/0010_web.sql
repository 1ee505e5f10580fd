-- 0010: the web pages (issue 10): browser sessions, sign-in attempts (throttling) and password
-- reset tokens. Like API tokens, only a sha-256 of each random secret is stored.

CREATE TABLE web_sessions (
  id uuid PRIMARY KEY,
  -- sha-256 of the raw session token (the cookie's value), hex.
  token_hash text NOT NULL UNIQUE,
  agent_id uuid REFERENCES agents (id) ON DELETE CASCADE,
  contact_id uuid REFERENCES contacts (id) ON DELETE CASCADE,
  -- The synchronizer token every form of this session carries (CSRF); not a credential by itself.
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CHECK (num_nonnulls(agent_id, contact_id) = 1)
);
CREATE INDEX web_sessions_expires ON web_sessions (expires_at);

-- Every sign-in attempt, kept for the throttling window: failures per email and per address.
CREATE TABLE web_login_attempts (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  address text NOT NULL,
  succeeded boolean NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX web_login_attempts_email ON web_login_attempts (email, at);
CREATE INDEX web_login_attempts_address ON web_login_attempts (address, at);

CREATE TABLE web_password_resets (
  id uuid PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  agent_id uuid REFERENCES agents (id) ON DELETE CASCADE,
  contact_id uuid REFERENCES contacts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- Set when the token is used: single use is the conditional UPDATE ... WHERE used_at IS NULL.
  used_at timestamptz,
  CHECK (num_nonnulls(agent_id, contact_id) = 1)
);
