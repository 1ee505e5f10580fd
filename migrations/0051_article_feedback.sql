-- "Was this article helpful?": one vote per reader per article (kb/article-feedback.ts). A
-- signed-in contact or agent is the voter (contact_id, agent_id); a visitor who is not signed in is
-- a sha-256 of a random value kept in their browser's cookie, never their address. voter_key is
-- the one unique key of all three ('contact:<id>', 'agent:<id>', 'visitor:<hash>'): a later vote
-- of the same reader replaces theirs. A "no" may say why (comment, plain text); an erasure clears
-- the comment and keeps the vote.
CREATE TABLE kb_article_feedback (
  id uuid PRIMARY KEY,
  article_id uuid NOT NULL REFERENCES kb_articles (id),
  voter_key text NOT NULL CHECK (voter_key ~ '^(contact|agent):[0-9a-f-]{36}$|^visitor:[0-9a-f]{64}$'),
  contact_id uuid REFERENCES contacts (id),
  agent_id uuid REFERENCES agents (id),
  CHECK (contact_id IS NULL OR agent_id IS NULL),
  helpful boolean NOT NULL,
  comment text CHECK (comment IS NULL OR (NOT helpful AND length(comment) BETWEEN 1 AND 1000)),
  created_at timestamptz NOT NULL,
  -- When the vote was cast last (a changed vote is as new).
  updated_at timestamptz NOT NULL,
  UNIQUE (article_id, voter_key)
);
-- The recent comments of an article, newest first.
CREATE INDEX kb_article_feedback_comments ON kb_article_feedback (article_id, updated_at DESC, id DESC) WHERE comment IS NOT NULL;
-- A person's votes: their erasure and their personal data export.
CREATE INDEX kb_article_feedback_contact ON kb_article_feedback (contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX kb_article_feedback_agent ON kb_article_feedback (agent_id) WHERE agent_id IS NOT NULL;
