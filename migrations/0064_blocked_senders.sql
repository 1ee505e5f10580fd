-- Senders an admin blocked (email/blocked-senders.ts): a stranger's mail from the address, or from
-- anyone at the domain (and its subdomains), arrives dismissed instead of held for review. Kept
-- whole as any dismissed message is; mail from a contact or an agent is never blocked.
CREATE TABLE blocked_senders (
  id uuid PRIMARY KEY,
  -- An address (someone@example.com) or a domain (example.com), lower case.
  pattern text NOT NULL UNIQUE CHECK (pattern = lower(pattern)),
  kind text NOT NULL CHECK (kind IN ('address', 'domain')),
  reason text,
  created_by uuid REFERENCES agents (id),
  created_at timestamptz NOT NULL,
  -- How many messages it dismissed, and the latest: a block that never matches any more can go.
  dismissed integer NOT NULL DEFAULT 0,
  last_dismissed_at timestamptz
);
