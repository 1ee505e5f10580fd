-- An agent's own forwarding address (customers/forwarding.ts, docs/adr/0022): the support address
-- with "+fwd-<token>", where the token (24 lowercase hex digits, 96 random bits) proves that mail
-- sent to it from the agent's address is theirs. Made when first asked for; renewed (a new token)
-- when the address leaked. Unique: an address names one agent.
ALTER TABLE agents ADD COLUMN forward_token text CHECK (forward_token ~ '^[0-9a-f]{24}$');
CREATE UNIQUE INDEX agents_forward_token ON agents (forward_token) WHERE forward_token IS NOT NULL;
