-- Canned responses (src/canned): replies a support team writes once and sends often, with
-- placeholders filled for the ticket. Titles are unique in any case, and listed in that order.
CREATE TABLE canned_responses (
  id uuid PRIMARY KEY,
  title text NOT NULL,
  body text NOT NULL,
  created_by uuid REFERENCES agents (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX canned_responses_title ON canned_responses (lower(title));
